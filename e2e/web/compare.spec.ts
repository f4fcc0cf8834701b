/**
 * Compare with…: this plan (the open one) against another plan file, in plain words, and the
 * differences marked on the canvas with a list to step through. Expected values are the
 * engine's comparison of the same two plans (shared/export/compare.ts), never typed in.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { comparePlans, comparisonSummary } from '../../shared/export';
import { parsePlanText } from '../../shared/plan/load';
import type { Plan } from '../../shared/plan/schema';
import { test, expect, type Editor } from './fixtures';

/** The open plan with a resized subnet, the legacy VPC removed and a branch office added, written to a file. */
async function modifiedCopy(editor: Editor): Promise<{ plan: Plan; other: Plan; file: string }> {
  const plan = await editor.plan();
  const copy = structuredClone(plan);
  const resized = copy.subnets.find((s) => s.id === 'prod-app-a' || s.name === 'prod-app-a')!;
  resized.ipv4Cidr = '10.1.0.0/21';
  const legacy = copy.vpcs.find((v) => v.name === 'legacy-erp')!;
  copy.vpcs = copy.vpcs.filter((v) => v.id !== legacy.id);
  copy.subnets = copy.subnets.filter((s) => s.vpcId !== legacy.id);
  copy.peerings = copy.peerings.filter((p) => p.requesterVpcId !== legacy.id && p.accepterVpcId !== legacy.id);
  copy.externalNetworks.push({ id: 'ext-branch', name: 'branch-office', kind: 'on-premises', cidrs: ['10.3.0.0/24'] });
  const folder = await mkdtemp(path.join(tmpdir(), 'vpc-compare-'));
  const file = path.join(folder, 'modified.vpcplan.json');
  const text = JSON.stringify(copy, null, 2);
  await writeFile(file, text);
  const reparsed = parsePlanText(text, 'modified');
  if (!reparsed.ok) throw new Error(reparsed.summary);
  return { plan, other: reparsed.plan, file };
}

test('compare: this plan and the other file named, differences in words, the direction right', async ({ editor, page }) => {
  const { plan, other, file } = await modifiedCopy(editor);
  const expected = comparePlans(plan, other);
  const legacy = plan.vpcs.find((v) => v.name === 'legacy-erp')!;
  const resized = plan.subnets.find((s) => s.id === 'prod-app-a' || s.name === 'prod-app-a')!;

  await page.getByTestId('compare').click();
  await expect(page.getByTestId('compare-dialog')).toBeVisible();
  await page.getByTestId('compare-file').setInputFiles(file);
  await expect(page.getByTestId('compare-sides')).toContainText('the other file is “modified.vpcplan.json”');
  await expect(page.getByTestId('compare-summary')).toHaveText(comparisonSummary(expected));
  // The legacy VPC is removed in the other file: it is only in this plan, not "added".
  await expect(page.getByTestId('compare-only-here')).toContainText(`VPC ${legacy.name}`);
  await expect(page.getByTestId('compare-only-there')).toContainText('External network branch-office');
  await expect(page.getByTestId('compare-different')).toContainText(
    `IPv4 block: ${resized.ipv4Cidr} in this plan, 10.1.0.0/21 in the other file (a different size, one inside the other)`,
  );
  // Field names in words, never the file's (the findings are the engine's own sentences).
  for (const section of ['compare-only-here', 'compare-only-there', 'compare-different']) {
    await expect(page.getByTestId(section)).not.toContainText(/ipv4Cidrs?\b|ipv6Cidrs?\b|vpcId|availabilityZone/);
  }
  expect(expected.findings.onlyHere.length + expected.findings.onlyThere.length).toBeGreaterThan(0);
  if (expected.findings.onlyThere[0]) await expect(page.getByTestId('compare-findings-there')).toContainText(expected.findings.onlyThere[0].message);
  if (expected.findings.onlyHere[0]) await expect(page.getByTestId('compare-findings-here')).toContainText(expected.findings.onlyHere[0].message);
  await editor.screenshot('compare-dialog');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-save').click()]);
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toContain('compared with modified.vpcplan.json');
  expect(markdown).toContain('## Only in this plan');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('compare-dialog')).toHaveCount(0);
  expect(await editor.plan()).toEqual(plan);
});

test('compare: the differences marked on the canvas, stepped through with Previous and Next', async ({ editor, page }) => {
  const { plan, other, file } = await modifiedCopy(editor);
  const expected = comparePlans(plan, other);
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-file').setInputFiles(file);
  await page.getByTestId('compare-show').click();
  await expect(page.getByTestId('compare-dialog')).toHaveCount(0);
  const tray = page.getByTestId('compare-tray');
  await expect(tray).toBeVisible();
  await expect(page.getByTestId('compare-item')).toHaveCount(expected.differences.length);
  await expect(page.getByTestId('compare-position')).toHaveText(`1 of ${expected.differences.length}`);
  await expect(page.getByTestId('compare-current')).toHaveAttribute('data-key', expected.differences[0]!.key);
  // Focus is on Next: the keyboard steps straight away.
  await expect(page.getByTestId('compare-next')).toBeFocused();

  // Every difference that is a node of this canvas carries its mark; the rest mark what holds them.
  for (const d of expected.differences) {
    if (d.marksItself) await expect(editor.node(d.id)).toHaveClass(new RegExp(`diff-${d.where}`));
  }
  const holders = expected.differences
    .filter((d) => !d.marksItself)
    .flatMap((d) => d.canvasIds)
    .filter((id) => !expected.differences.some((d) => d.marksItself && d.id === id));
  for (const id of holders) await expect(editor.node(id)).toHaveClass(/diff-holds/);
  const unmarked = plan.vpcs.find((v) => !expected.differences.some((d) => d.canvasIds.includes(v.id)))!;
  await expect(editor.node(unmarked.id)).not.toHaveClass(/diff-mark/);

  // Step with the keyboard: each step is current on the canvas and framed.
  for (let i = 1; i < expected.differences.length; i++) {
    await page.keyboard.press('Enter');
    const d = expected.differences[i]!;
    await expect(page.getByTestId('compare-position')).toHaveText(`${i + 1} of ${expected.differences.length}`);
    await expect(page.getByTestId('compare-current')).toHaveAttribute('data-key', d.key);
    for (const line of d.details) await expect(page.getByTestId('compare-current')).toContainText(line);
    if (d.canvasIds.length > 0) {
      await expect(editor.node(d.canvasIds[0]!)).toHaveClass(/diff-current/);
      await expect(editor.node(d.canvasIds[0]!)).toBeInViewport();
      // Framed clear of the tray, not under it.
      const trayBox = (await tray.boundingBox())!;
      await expect.poll(async () => (await editor.node(d.canvasIds[0]!).boundingBox())!.x).toBeGreaterThanOrEqual(trayBox.x + trayBox.width);
    } else {
      await expect(page.getByTestId('compare-current')).toContainText('Not on this canvas');
    }
  }
  // Next from the last goes round to the first; Previous back to the last.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('compare-position')).toHaveText(`1 of ${expected.differences.length}`);
  await page.getByTestId('compare-prev').click();
  await expect(page.getByTestId('compare-position')).toHaveText(`${expected.differences.length} of ${expected.differences.length}`);
  // The list jumps to one.
  const changed = expected.differences.findIndex((d) => d.where === 'different' && d.marksItself);
  await page.getByTestId('compare-item').nth(changed).click();
  await expect(editor.node(expected.differences[changed]!.id)).toHaveClass(/diff-current/);
  await editor.screenshot('compare-canvas');

  // Stop comparing: the marks go, the plan was never touched.
  await page.getByTestId('compare-tray-close').click();
  await expect(tray).toHaveCount(0);
  await expect(page.locator('.react-flow__node.diff-mark')).toHaveCount(0);
  expect(await editor.plan()).toEqual(plan);
});

test('compare with a file that is not a plan says why', async ({ editor, page }) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'vpc-compare-'));
  const file = path.join(folder, 'not-a-plan.json');
  await writeFile(file, '{"format": "vpcplan", "version": 1, "vpcs": [{"id": 3}]}');
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-file').setInputFiles(file);
  await expect(page.getByTestId('compare-problems')).toBeVisible();
  await expect(page.getByTestId('compare-problems')).toContainText('vpcs');
  await expect(page.getByTestId('compare-result')).toHaveCount(0);
  await expect(page.getByTestId('compare-show')).toBeDisabled();
  expect((await editor.plan()).vpcs.length).toBeGreaterThan(0);
});
