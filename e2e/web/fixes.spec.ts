/** Fixes as data in the editor: "Apply" on a finding is one undo step, and the engine re-checks it. */
import { expect, test } from './fixtures';

test('Apply on an overlap finding moves the subnet; undo brings the overlap back', async ({ editor, page }) => {
  const plan = await editor.plan();
  const [a, b] = plan.subnets.filter((s) => s.vpcId === 'vpc-prod' && s.tier === 'isolated');
  await editor.frame([a!.id]);
  await editor.node(a!.id).click();
  const field = page.getByTestId('subnet-ipv4');
  await field.fill(b!.ipv4Cidr!);
  await field.press('Enter');

  const overlap = async () => (await editor.findings()).filter((f) => f.code === 'subnet/overlap' && f.subjects.includes(a!.id) && f.subjects.includes(b!.id));
  await expect.poll(async () => (await overlap()).length).toBe(1);
  const finding = (await overlap())[0]!;
  expect(finding.fixes).toHaveLength(1);
  const proposed = finding.fixes![0]!;
  const stepsBefore = (await page.evaluate(() => window.__vpcPlanner!.history())).undo;

  const row = page.locator('li', { has: page.locator(`[data-testid="finding"][data-code="subnet/overlap"]`) }).first();
  await expect(row.getByTestId('finding-apply')).toBeVisible();
  await editor.screenshot('fixes-01-apply-button');
  await row.getByTestId('finding-apply').click();

  await expect.poll(async () => (await overlap()).length).toBe(0);
  const after = await editor.plan();
  if (proposed.kind !== 'set-cidr') throw new Error(`expected a set-cidr fix, got ${proposed.kind}`);
  expect(after.subnets.find((s) => s.id === proposed.objectId)!.ipv4Cidr).toBe(proposed.to);
  expect((await page.evaluate(() => window.__vpcPlanner!.history())).undo).toBe(stepsBefore + 1);

  await page.getByTestId('undo').click();
  await expect.poll(async () => (await overlap()).length).toBe(1);
  expect((await editor.plan()).subnets.find((s) => s.id === proposed.objectId)!.ipv4Cidr).toBe(proposed.from);
});
