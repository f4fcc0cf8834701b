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

test('re-addressing a VPC offers to renumber its subnets into the new block, as one undo step', async ({ editor, page }) => {
  const before = await editor.plan();
  const vpc = before.vpcs.find((v) => v.id === 'vpc-prod')!;
  const subnets = before.subnets.filter((s) => s.vpcId === vpc.id && s.ipv4Cidr);
  await editor.select([vpc.id]);
  const field = page.getByTestId('vpc-ipv4-0');
  await field.fill('10.41.0.0/16');
  await field.press('Enter');
  const offer = page.getByTestId('renumber-subnets');
  await expect(offer).toHaveText(`Renumber ${subnets.length} subnets into 10.41.0.0/16`);
  await expect.poll(async () => (await editor.findings()).filter((f) => f.code === 'subnet/outside-vpc').length).toBe(subnets.length);
  await editor.screenshot('fixes-02-renumber-offer');
  const steps = (await page.evaluate(() => window.__vpcPlanner!.history())).undo;
  await offer.click();

  const after = await editor.plan();
  for (const s of subnets) {
    const moved = after.subnets.find((x) => x.id === s.id)!.ipv4Cidr!;
    // Same size, same offset in the block (10.1.x.y -> 10.41.x.y), so the order is kept.
    expect(moved).toBe(s.ipv4Cidr!.replace(/^10\.1\./, '10.41.'));
  }
  await expect.poll(async () => (await editor.findings()).filter((f) => f.code === 'subnet/outside-vpc').length).toBe(0);
  await expect(offer).toHaveCount(0);
  expect((await page.evaluate(() => window.__vpcPlanner!.history())).undo).toBe(steps + 1);
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await editor.plan()).subnets.find((x) => x.id === subnets[0]!.id)!.ipv4Cidr).toBe(subnets[0]!.ipv4Cidr);
});
