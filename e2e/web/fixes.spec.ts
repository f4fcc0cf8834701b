/** Fixes as data in the editor: "Apply" on a finding is one undo step, and the engine re-checks it. */
import type { Page } from '@playwright/test';
import { contains, cidr, overlaps } from '../../shared/cidr';
import { reach } from '../../shared/routing';
import type { FixAction } from '../../shared/plan/edits';
import { expect, test } from './fixtures';

async function undoSteps(page: Page): Promise<number> {
  return (await page.evaluate(() => window.__vpcPlanner!.history())).undo;
}

/** The findings panel's row of the first finding with `code`. */
function findingRow(page: Page, code: string) {
  return page.locator('li', { has: page.locator(`[data-testid="finding"][data-code="${code}"]`) }).first();
}

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

test('Apply an add-route fix from the findings panel: the peering gets its route, the subnets reach each other; undo takes it back', async ({
  editor,
  page,
}) => {
  const plan = await editor.plan();
  // Shared services forgets its route to legacy-erp over their peering.
  const peering = plan.peerings[0]!;
  const shared = plan.routeTables.find((t) => t.routes.some((r) => r.targetId === peering.id))!;
  const broken = structuredClone(plan);
  broken.routeTables.find((t) => t.id === shared.id)!.routes = shared.routes.filter((r) => r.targetId !== peering.id);
  expect(await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text, 'forgot-a-route.vpcplan.json'), JSON.stringify(broken))).toBe(true);
  const from = broken.subnets.find((s) => s.routeTableId === shared.id)!;
  const to = broken.subnets.find((s) => s.vpcId === (peering.requesterVpcId === from.vpcId ? peering.accepterVpcId : peering.requesterVpcId))!;
  expect(reach(broken, from.id, to.id).reachable).toBe(false);

  const unrouted = async () => (await editor.findings()).filter((f) => f.code === 'routing/peering-unrouted');
  await expect.poll(async () => (await unrouted()).length).toBe(1);
  const [finding] = await unrouted();
  expect(finding!.subjects).toEqual([from.vpcId, peering.id, to.vpcId, shared.id]);
  const fix = finding!.fixes![0]! as FixAction & { kind: 'add-route' };
  expect(fix.kind).toBe('add-route');
  expect(fix.routeTableId).toBe(shared.id);
  const row = findingRow(page, 'routing/peering-unrouted');
  await expect(row.getByTestId('finding-apply')).toHaveAccessibleName(`Apply: ${fix.label}`);
  // Apply and "Why?" sit on one row below the message, which keeps the panel's full width.
  const message = (await row.getByTestId('finding').boundingBox())!;
  const apply = (await row.getByTestId('finding-apply').boundingBox())!;
  const why = (await row.getByTestId('finding-why').boundingBox())!;
  expect(apply.y).toBeGreaterThanOrEqual(message.y + message.height - 1);
  expect(Math.abs(why.y - apply.y)).toBeLessThan(8);
  await editor.screenshot('fixes-03-add-route');
  const steps = await undoSteps(page);
  await row.getByTestId('finding-apply').click();

  await expect.poll(async () => (await unrouted()).length).toBe(0);
  const after = await editor.plan();
  expect(after.routeTables.find((t) => t.id === shared.id)!.routes).toEqual([...broken.routeTables.find((t) => t.id === shared.id)!.routes, ...fix.routes]);
  expect(reach(after, from.id, to.id).reachable).toBe(true);
  expect(await undoSteps(page)).toBe(steps + 1);
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await unrouted()).length).toBe(1);
});

test("Apply the overlap fix: a VPC re-addressed onto its peer's block moves to a free block with its subnets, as one undo step", async ({ editor, page }) => {
  const before = await editor.plan();
  const peering = before.peerings[0]!;
  const [stays, moves] = [before.vpcs.find((v) => v.id === peering.requesterVpcId)!, before.vpcs.find((v) => v.id === peering.accepterVpcId)!];
  // Re-address the accepter onto the requester's block, as a user typing the wrong block would.
  await editor.select([moves.id]);
  const field = page.getByTestId('vpc-ipv4-0');
  await field.fill(stays.ipv4Cidrs[0]!);
  await field.press('Enter');
  const overlap = async () => (await editor.findings()).filter((f) => f.code === 'overlap/peered-vpcs');
  await expect.poll(async () => (await overlap()).length).toBe(1);
  const [finding] = await overlap();
  const fix = finding!.fixes![0]! as FixAction & { kind: 'set-cidr' };
  expect(fix).toMatchObject({ kind: 'set-cidr', objectId: moves.id, field: 'ipv4Cidrs[0]', from: stays.ipv4Cidrs[0], withSubnets: true });
  // The block proposed is free across the plan, and the finding's words name it.
  const target = cidr(fix.to);
  for (const v of before.vpcs) for (const b of v.ipv4Cidrs) expect(overlaps(target, cidr(b))).toBe(false);
  expect(finding!.fix).toContain(`${fix.to} instead of ${stays.ipv4Cidrs[0]}`);
  const row = findingRow(page, 'overlap/peered-vpcs');
  await expect(row.getByTestId('finding-apply')).toBeVisible();
  await editor.screenshot('fixes-04-overlap-fix');
  const steps = await undoSteps(page);
  await row.getByTestId('finding-apply').click();

  await expect.poll(async () => (await overlap()).length).toBe(0);
  const after = await editor.plan();
  expect(after.vpcs.find((v) => v.id === moves.id)!.ipv4Cidrs).toEqual([fix.to]);
  // Its subnets, left behind by the re-addressing, came along in order and kept their sizes.
  const own = before.subnets.filter((s) => s.vpcId === moves.id);
  const moved = own.map((s) => cidr(after.subnets.find((x) => x.id === s.id)!.ipv4Cidr!));
  for (const [i, block] of moved.entries()) {
    expect(contains(target, block)).toBe(true);
    expect(block.prefix).toBe(cidr(own[i]!.ipv4Cidr!).prefix);
  }
  expect((await editor.findings()).filter((f) => f.code === 'subnet/outside-vpc' || f.code === 'subnet/overlap')).toEqual([]);
  expect(await undoSteps(page)).toBe(steps + 1);
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await editor.plan()).vpcs.find((v) => v.id === moves.id)!.ipv4Cidrs).toEqual(stays.ipv4Cidrs);
  await expect.poll(async () => (await overlap()).length).toBe(1);
});
