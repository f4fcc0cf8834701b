/**
 * The checks run in a Web Worker: the findings shown follow the newest edit, and a result
 * for an older plan is never shown once a newer edit has been made.
 */
import { expect, test } from './fixtures';

test('the checker runs in a worker of its own', async ({ editor, page }) => {
  // The worker's script is fetched from the app's origin (the CSP allows worker-src 'self').
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((r) => /check-worker/.test(r.name)))).toBe(true);
  expect((await editor.findings()).length).toBeGreaterThan(0);
  await expect(page.getByTestId('finding').first()).toBeVisible();
});

test("two quick edits: the findings shown are the last edit's, and the first edit's never appear after the second", async ({ editor, page }) => {
  const plan = await editor.plan();
  const [a, b] = plan.subnets.filter((s) => s.vpcId === 'vpc-prod' && s.tier === 'isolated');
  await editor.frame([a!.id]);
  await editor.node(a!.id).click();
  const field = page.getByTestId('subnet-ipv4');
  const overlapShown = '[data-testid="finding"][data-code="subnet/overlap"]';
  expect(await page.locator(overlapShown).count()).toBe(0);

  // Every state of the findings list, with when it appeared.
  await page.evaluate((selector) => {
    const w = window as unknown as { __states: Array<{ at: number; overlap: number; text: string }>; __marks: number[] };
    w.__states = [];
    w.__marks = [];
    const record = () => {
      const panel = document.querySelector('.side-left .panel-body');
      w.__states.push({ at: performance.now(), overlap: document.querySelectorAll(selector).length, text: panel?.textContent ?? '' });
    };
    record();
    new MutationObserver(record).observe(document.querySelector('.side-left .panel-body')!, { subtree: true, childList: true, characterData: true });
  }, overlapShown);

  // Edit 1 makes subnet a overlap its neighbour b; edit 2, straight after, puts it back.
  await field.fill(b!.ipv4Cidr!);
  await field.press('Enter');
  await page.evaluate(() => (window as unknown as { __marks: number[] }).__marks.push(performance.now()));
  await field.fill(a!.ipv4Cidr!);
  await field.press('Enter');
  await expect.poll(async () => (await editor.plan()).subnets.find((s) => s.id === a!.id)!.ipv4Cidr).toBe(a!.ipv4Cidr);

  // Settled: the checker has answered the newest plan, and the list shows exactly its findings.
  const findings = await editor.findings();
  await expect(page.getByTestId('checking')).toHaveCount(0);
  expect(findings.some((f) => f.code === 'subnet/overlap' && f.subjects.includes(a!.id))).toBe(false);
  // Errors and warnings are listed; notes are folded away under their count.
  const shown = await page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort());
  expect(shown).toEqual(
    findings
      .filter((f) => f.severity !== 'info')
      .map((f) => f.code)
      .sort(),
  );
  await expect(page.getByTestId('count-info')).toHaveText(String(findings.filter((f) => f.severity === 'info').length));
  expect(await page.locator(overlapShown).count()).toBe(0);

  // The first edit's overlap may have shown while it was the newest edit, but no state after
  // the second edit brings it in: a change after that point is the second edit's result.
  const { states, marks } = await page.evaluate(() => {
    const w = window as unknown as { __states: Array<{ at: number; overlap: number; text: string }>; __marks: number[] };
    return { states: w.__states, marks: w.__marks };
  });
  const secondEdit = marks[0]!;
  const atSecond = [...states].reverse().find((s) => s.at <= secondEdit) ?? states[0]!;
  for (const state of states.filter((s) => s.at > secondEdit && s.text !== atSecond.text)) {
    expect(state.overlap, `a state after the second edit shows the first edit's overlap: ${state.text.slice(0, 200)}`).toBe(0);
  }
});
