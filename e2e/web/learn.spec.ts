/**
 * Learn and size: the CIDR explorer (bits, slider, split/join bar, make a subnet, IPv6 slot
 * map, "Why?" on a finding), the sizing assistant and Right-size. Expected values come from
 * the engine (shared/), never typed in, so a wrong UI fails here.
 */
import type { Page } from '@playwright/test';
import { cidr, divide, formatCidr, freeSpace, overlaps, parseCidr } from '../../shared/cidr';
import { blockFacts, blockUsage, compareBlocks, explainBits, pieceAvailability, readPlanBlocks } from '../../shared/explorer';
import { rightSizeSubnet } from '../../shared/sizing';
import type { Plan } from '../../shared/plan/schema';
import { test, expect, type Editor } from './fixtures';

async function openExplorer(page: Page, text: string) {
  // In a narrow window the toolbar's Explore CIDR is in its More menu (once the toolbar has settled after a resize).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  if ((await page.getByTestId('open-explorer').count()) === 0) {
    await page.getByTestId('toolbar-more').click();
    await page.getByTestId('more-open-explorer').click();
  } else {
    await page.getByTestId('open-explorer').click();
  }
  const explorer = page.getByTestId('explorer');
  await expect(explorer).toBeVisible();
  await page.getByTestId('explorer-input').fill(text);
  await expect(page.getByTestId('explorer-cidr')).toHaveText(formatCidr(cidr(text)));
  return explorer;
}

async function expectBlock(page: Page, text: string) {
  const c = cidr(text);
  const facts = blockFacts(c);
  const bits = explainBits(c);
  await expect(page.getByTestId('explorer-cidr')).toHaveText(text);
  await expect(page.getByTestId('explorer-prefix-value')).toHaveText(`/${c.prefix}`);
  await expect(page.getByTestId('explorer-bits')).toHaveAttribute('data-prefix', String(c.prefix));
  await expect(page.getByTestId('explorer-bits').locator('.bit-network')).toHaveCount(c.prefix);
  await expect(page.getByTestId('explorer-bits').locator('.bit-host')).toHaveCount(bits.hostBits);
  await expect(page.getByTestId('explorer-size')).toContainText(`${BigInt(facts.size).toLocaleString('en-US')} addresses`);
  await expect(page.getByTestId('explorer-first')).toHaveText(facts.first);
  await expect(page.getByTestId('explorer-last')).toHaveText(facts.last);
  for (const cloud of ['aws', 'azure', 'gcp'] as const) {
    await expect(page.getByTestId(`usable-${cloud}`)).toHaveText(BigInt(facts.clouds[cloud].usable).toLocaleString('en-US'));
  }
  if (bits.netmask) await expect(page.getByTestId('explorer-netmask')).toHaveText(bits.netmask);
}

/** A /24 of the VPC that no subnet uses, found by the engine. */
function freeSlash24(plan: Plan, vpcId: string): string {
  const vpc = plan.vpcs.find((v) => v.id === vpcId)!;
  const block = cidr(vpc.ipv4Cidrs[0]!);
  const used = plan.subnets.filter((s) => s.vpcId === vpcId && s.ipv4Cidr).map((s) => cidr(s.ipv4Cidr!));
  const free = freeSpace(block, used).find((f) => f.prefix <= 24)!;
  return formatCidr(divide(free, 24)[0]!);
}

async function pieces(page: Page): Promise<string[]> {
  return page.getByTestId('split-piece').evaluateAll((els) => els.map((el) => el.getAttribute('data-cidr') ?? ''));
}

test('explorer: type a CIDR, move the slider, navigate to relatives', async ({ editor, page }) => {
  await openExplorer(page, '10.0.0.0/24');
  await expectBlock(page, '10.0.0.0/24');
  await expect(page.getByTestId('explorer-explanation')).toContainText('Each extra prefix bit halves the block');
  await page.getByTestId('explorer-clouds').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('explorer-clouds')).toContainText('VPC router');
  await expect(page.getByTestId('explorer-clouds')).toContainText('broadcast');

  // The slider, by keyboard: two more prefix bits quarter the block.
  const slider = page.getByTestId('explorer-prefix');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expectBlock(page, '10.0.0.0/26');
  await expect(slider).toHaveAttribute('aria-valuetext', '/26: 64 addresses');
  // Shorter again: the same start address, a bigger block.
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  await expectBlock(page, '10.0.0.0/16');
  await page.getByTestId('explorer-input').fill('10.1.2.0/24');
  await expectBlock(page, '10.1.2.0/24');
  await page.getByTestId('explorer-bits').scrollIntoViewIfNeeded();
  await editor.screenshot('learn-explorer-ipv4');

  await page.getByTestId('relative-parent').click();
  await expectBlock(page, '10.1.2.0/23');
  await page.getByTestId('relative-sibling').click();
  await expectBlock(page, '10.1.0.0/23');
  await page.getByTestId('relative-child-1').click();
  await expectBlock(page, '10.1.1.0/24');

  // A typo: the engine's message and its suggestion.
  await page.getByTestId('explorer-input').fill('10.1.1.7/24');
  await expect(page.getByTestId('explorer-input-error')).toBeVisible();
  await page.getByTestId('explorer-input-error').getByRole('button').click();
  await expectBlock(page, '10.1.1.0/24');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('explorer')).toHaveCount(0);
});

test('split a /24 into four /26s, join back, make one a subnet of the plan', async ({ editor, page }) => {
  const before = await editor.plan();
  const block = freeSlash24(before, 'vpc-prod');
  await openExplorer(page, block);
  const quarters = divide(cidr(block), 26).map(formatCidr);

  await expect(page.getByTestId('split-piece')).toHaveCount(1);
  await page.getByTestId('split-piece').first().click();
  await page.getByTestId('split-piece-split').click();
  expect(await pieces(page)).toEqual(divide(cidr(block), 25).map(formatCidr));
  await page.getByTestId('split-piece').nth(0).click();
  await page.getByTestId('split-piece-split').click();
  await page.getByTestId('split-piece').nth(2).click();
  await page.getByTestId('split-piece-split').click();
  await expect.poll(() => pieces(page)).toEqual(quarters);
  for (const [i, q] of quarters.entries()) {
    await expect(page.getByTestId('split-piece').nth(i)).toContainText(q);
    await expect(page.getByTestId('split-piece').nth(i)).toContainText('64 addr.');
  }
  await page.getByTestId('split-bar').scrollIntoViewIfNeeded();
  await editor.screenshot('learn-split-bar');

  // Join the first two back into the lower /25, split it again.
  await page.getByTestId('split-piece').nth(0).click();
  await page.getByTestId('split-piece-join').click();
  expect(await pieces(page)).toEqual([divide(cidr(block), 25).map(formatCidr)[0], quarters[2], quarters[3]]);
  await page.getByTestId('split-piece').nth(0).click();
  await page.getByTestId('split-piece-split').click();
  await expect.poll(() => pieces(page)).toEqual(quarters);

  // The second /26 becomes a subnet of prod-app, as one undo step.
  await page.getByTestId('split-piece').nth(1).click();
  await expect(page.getByTestId('make-subnet-vpc')).toHaveValue('vpc-prod');
  await page.getByTestId('make-subnet-tier').selectOption('isolated');
  await page.getByTestId('make-subnet-name').fill('explored');
  const undoBefore = await page.evaluate(() => window.__vpcPlanner!.history().undo);
  await page.getByTestId('make-subnet').click();
  await expect(page.getByTestId('make-subnet-result')).toContainText(`Added explored (${quarters[1]})`);
  const after = await editor.plan();
  const added = after.subnets.find((s) => s.ipv4Cidr === quarters[1]);
  expect(added).toMatchObject({ vpcId: 'vpc-prod', tier: 'isolated', name: 'explored' });
  expect(after.subnets).toHaveLength(before.subnets.length + 1);
  expect(await page.evaluate(() => window.__vpcPlanner!.history().undo)).toBe(undoBefore + 1);

  // The same piece is now taken: no longer offered, the one-line reason in its place.
  await expect(page.getByTestId('make-subnet')).toHaveCount(0);
  await expect(page.getByTestId('piece-reason')).toHaveText(new RegExp(`^${quarters[1]!.replace(/[./]/g, '\\$&')} is already subnet explored\\.`));
  await expect(page.getByTestId('split-piece').nth(1)).toHaveAttribute('data-status', 'is-subnet');
  await expect(page.getByTestId('split-piece').nth(1).getByTestId('split-used')).toHaveCount(1);
  // A free piece next to it is one click away.
  await page.getByTestId('select-free-piece').click();
  await expect(page.getByTestId('split-selected')).toHaveText(quarters[0]!);
  await expect(page.getByTestId('make-subnet')).toBeVisible();
  // And a VPC it is not inside: not offered either, with the reason.
  await page.getByTestId('make-subnet-vpc').selectOption('vpc-dev');
  await expect(page.getByTestId('piece-reason')).toContainText(`${quarters[0]} is outside dev-app`);
  await expect(page.getByTestId('make-subnet')).toHaveCount(0);
  expect((await editor.plan()).subnets).toHaveLength(after.subnets.length);
});

test('explorer: an IPv6 /56 as its 256 /64 slots, with hex and binary', async ({ editor, page }) => {
  const plan = await editor.plan();
  const vpc = plan.vpcs.find((v) => v.ipv6Cidrs.length > 0)!;
  const block = vpc.ipv6Cidrs[0]!;
  await page.getByTestId('open-explorer').click();
  await page.getByTestId('explorer-pick').selectOption(block);
  await expectBlock(page, formatCidr(cidr(block)));
  const map = page.getByTestId('slot-map');
  await expect(map).toBeVisible();
  await expect(map.locator('td.slot')).toHaveCount(256);
  const inside = plan.subnets.filter((s) => s.vpcId === vpc.id && s.ipv6Cidr);
  expect(inside.length).toBeGreaterThan(0);
  await expect(page.getByTestId('slot-used')).toHaveText(String(inside.length));
  for (const subnet of inside) {
    // The slot number is the two hex digits before the /64 boundary (the engine's slot hex).
    const slotHex = ((cidr(subnet.ipv6Cidr!).network >> 64n) & 0xffn).toString(16).padStart(2, '0');
    await expect(map.locator(`td[data-slot="${slotHex}"]`)).toHaveClass(/slot-used/);
  }
  await expect(map.locator('td.slot-used')).toHaveCount(inside.length);
  await expect(page.getByTestId('explorer-groups')).toContainText(explainBits(cidr(block)).groups[3]!.hex);
  await expect(page.getByTestId('explorer-nibble')).toContainText('nibble boundary');
  await map.scrollIntoViewIfNeeded();
  await editor.screenshot('learn-explorer-ipv6');
  // A /60 is off no nibble boundary; a /58 is.
  await page.getByTestId('explorer-prefix').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('explorer-nibble')).toContainText('inside a hex digit');
  await expect(map.locator('td.slot')).toHaveCount(64);
});

test('"Why?" on an overlap finding shows the shared bits', async ({ editor, page }) => {
  const plan = await editor.plan();
  // A VPC inside prod-app's block, connected to nothing: the engine warns of the overlap.
  const clash = { id: 'vpc-clash', name: 'clash', region: 'us-east-1', ipv4Cidrs: ['10.1.128.0/17'], ipv6Cidrs: [], ipv6Source: 'amazon' as const };
  const next = { ...plan, vpcs: [...plan.vpcs, clash], layout: { ...plan.layout, nodes: { ...plan.layout.nodes, 'vpc-clash': { x: 3000, y: 3000 } } } };
  expect(await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text), JSON.stringify(next))).toBe(true);
  const finding = (await editor.findings()).find((f) => f.code.startsWith('overlap/') && f.subjects.includes('vpc-clash'))!;
  expect(finding.cidrs).toHaveLength(2);
  const [a, b] = finding.cidrs!.map((t) => cidr(t));
  const compared = compareBlocks(a!, b!);
  if (!compared.ok) throw new Error(compared.reason);
  expect(compared.relation).toBe('nested');

  const item = page
    .locator('li', { has: page.locator(`[data-testid=finding][data-code="${finding.code}"]`) })
    .filter({ hasText: 'clash' })
    .first();
  await item.getByTestId('finding-why').click();
  const why = page.getByTestId('explorer-why');
  await expect(why).toBeVisible();
  await expect(why).toHaveAttribute('data-relation', 'nested');
  await expect(page.getByTestId('why-common')).toHaveText(String(compared.matchingBits));
  await expect(page.getByTestId('why-verdict')).toHaveText(compared.verdict);
  await expect(page.getByTestId('why-explanation')).toHaveText(compared.explanation);
  // The bits that decide it: the outer prefix shared, the inner block's extra bits placing it.
  await expect(page.getByTestId('why-bits-0').locator('.bit-common')).toHaveCount(compared.matchingBits);
  await expect(page.getByTestId('why-bits-1').locator('.bit-common')).toHaveCount(compared.matchingBits);
  await expect(page.getByTestId('why-bits-1').locator('.bit-place')).toHaveCount(b!.prefix - a!.prefix);
  await why.scrollIntoViewIfNeeded();
  await editor.screenshot('learn-why');

  // Typing a block that does not overlap: the verdict follows the engine.
  await page.getByTestId('explorer-compare').fill('10.2.0.0/16');
  const apart = compareBlocks(cidr(finding.cidrs![0]!), cidr('10.2.0.0/16'));
  if (!apart.ok) throw new Error(apart.reason);
  await expect(page.getByTestId('why-explanation')).toHaveText(apart.explanation);
  await expect(why).toHaveAttribute('data-relation', 'disjoint');
  await expect(why).toContainText('they do not overlap');
  await expect(page.getByTestId('why-bits-1').locator('.bit-differ')).toHaveCount(1);
});

test('"Why?" on two VPCs with the same block: the bits aligned, the same network', async ({ editor, page }) => {
  // The hub-and-spoke example: prod-app and partner-analytics both use one /16, joined only through Lattice.
  const finding = (await editor.findings()).find((f) => f.code.startsWith('overlap/') && f.cidrs?.length === 1)!;
  expect(finding, 'the example has an overlap of two identical blocks').toBeDefined();
  const block = finding.cidrs![0]!;
  const compared = compareBlocks(cidr(block), cidr(block));
  if (!compared.ok) throw new Error(compared.reason);
  const group = page.getByTestId(`findings-${finding.severity}`);
  if ((await group.getByTestId('finding').count()) === 0) await group.getByRole('button').first().click();
  await group
    .locator('li', { has: page.locator(`[data-testid=finding][data-code="${finding.code}"]`) })
    .getByTestId('finding-why')
    .click();
  const why = page.getByTestId('explorer-why');
  await expect(why).toBeVisible();
  await expect(why).toHaveAttribute('data-relation', 'identical');
  await expect(page.getByTestId('why-verdict')).toHaveText('They are the same network.');
  await expect(page.getByTestId('why-explanation')).toHaveText(compared.explanation);
  const prefix = cidr(block).prefix;
  for (const i of [0, 1]) {
    await expect(page.getByTestId(`why-bits-${i}`).locator('.bit-common')).toHaveCount(prefix);
    await expect(page.getByTestId(`why-bits-${i}`).locator('.bit-differ, .bit-place')).toHaveCount(0);
  }
  // Aligned: each bit of the second ruler sits under the same bit of the first.
  const lefts = async (i: number) =>
    page
      .getByTestId(`why-bits-${i}`)
      .locator('.bit')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
  expect(await lefts(1)).toEqual(await lefts(0));
  await why.scrollIntoViewIfNeeded();
  await editor.screenshot('learn-why-identical');
});

test('the explorer knows the plan: used blocks shaded, taken pieces not offered, the field follows the slider', async ({ editor, page }) => {
  const plan = await editor.plan();
  // A /18 VPC that already holds three /24s, as in the issue.
  const vpc = { id: 'vpc-lab', name: 'lab', region: 'us-east-1', ipv4Cidrs: ['10.50.0.0/18'], ipv6Cidrs: [], ipv6Source: 'amazon' as const };
  const subnets = ['10.50.0.0/24', '10.50.1.0/24', '10.50.8.0/24'].map((c, i) => ({
    id: `sn-lab-${i}`,
    name: `lab-${i}`,
    vpcId: 'vpc-lab',
    availabilityZone: 'us-east-1a',
    tier: 'private' as const,
    ipv4Cidr: c,
  }));
  const next = {
    ...plan,
    vpcs: [...plan.vpcs, vpc],
    subnets: [...plan.subnets, ...subnets],
    layout: { ...plan.layout, nodes: { ...plan.layout.nodes, 'vpc-lab': { x: 4000, y: 4000 } } },
  };
  expect(await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text), JSON.stringify(next))).toBe(true);
  const blocks = readPlanBlocks(await editor.plan());

  await openExplorer(page, '10.50.0.0/18');
  const whole = pieceAvailability(cidr('10.50.0.0/18'), blocks);
  expect(whole.status).toBe('holds-subnets');
  await expect(page.getByTestId('split-piece').first()).toHaveAttribute('data-status', 'holds-subnets');
  await expect(page.getByTestId('split-piece').first().getByTestId('split-used')).toHaveCount(2);
  await expect(page.getByTestId('split-usage')).toContainText('3 subnets of the plan use 768 addresses of 10.50.0.0/18');
  await expect(page.getByTestId('piece-reason')).toHaveText(whole.reason);
  await expect(page.getByTestId('make-subnet')).toHaveCount(0);
  // The reason stands beside the VPC field, not below the fold.
  const reasonBox = (await page.getByTestId('piece-reason').boundingBox())!;
  const vpcBox = (await page.getByTestId('make-subnet-vpc').boundingBox())!;
  expect(Math.abs(reasonBox.y + reasonBox.height / 2 - (vpcBox.y + vpcBox.height / 2))).toBeLessThan(40);

  // Halves: the lower holds the subnets, the upper is free and offered.
  await page.getByTestId('split-piece-split').click();
  const [low, high] = divide(cidr('10.50.0.0/18'), 19).map(formatCidr);
  await expect(page.getByTestId('split-piece').nth(0)).toHaveAttribute('data-status', 'holds-subnets');
  await expect(page.getByTestId('split-piece').nth(1)).toHaveAttribute('data-status', pieceAvailability(cidr(high!), blocks).status);
  expect(pieceAvailability(cidr(high!), blocks).status).toBe('free');
  await page.getByTestId('split-piece').nth(1).click();
  await expect(page.getByTestId('make-subnet')).toHaveText(`Make ${high} a subnet`);
  await page.getByTestId('split-piece').nth(0).click();
  await expect(page.getByTestId('piece-reason')).toContainText(pieceAvailability(cidr(low!), blocks).reason);
  await expect(page.getByTestId('select-free-piece')).toHaveText(`Select ${high}, which is free`);
  await page.getByTestId('split-bar').scrollIntoViewIfNeeded();
  await editor.screenshot('learn-explorer-used-blocks');

  // The field and the slider always agree.
  await page.getByTestId('explorer-input').fill('10.50.0.0/16');
  const slider = page.getByTestId('explorer-prefix');
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('explorer-input')).toHaveValue('10.50.0.0/20');
  await expect(page.getByTestId('explorer-cidr')).toHaveText('10.50.0.0/20');
  await expect(page.getByTestId('explorer-prefix-value')).toHaveText('/20');
  await expect(page.getByTestId('explorer-bits').locator('.bit-network')).toHaveCount(20);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('explorer-input')).toHaveValue('10.50.0.0/19');
});

test("the IPv6 slot map shades the plan's subnets", async ({ editor, page }) => {
  const plan = await editor.plan();
  const vpc = plan.vpcs.find((v) => v.ipv6Cidrs.length > 0)!;
  await page.getByTestId('open-explorer').click();
  await page.getByTestId('explorer-pick').selectOption(vpc.ipv6Cidrs[0]!);
  const inside = plan.subnets.filter((s) => s.vpcId === vpc.id && s.ipv6Cidr);
  await expect(page.getByTestId('slot-map').locator('td.slot-used')).toHaveCount(inside.length);
  await expect(page.getByTestId('split-piece').first().getByTestId('split-used')).toHaveCount(
    blockUsage(cidr(vpc.ipv6Cidrs[0]!), readPlanBlocks(plan)).spans.length,
  );
});

async function sizeVpc(editor: Editor) {
  const page = editor.page;
  await page.getByTestId('size-vpc').click();
  const dialog = page.getByTestId('sizing-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('sizing-name').fill('sized');
  await page.getByTestId('sizing-azs').selectOption('3');
  await expect(page.getByTestId('sizing-tier')).toHaveCount(3);
  await expect(page.getByTestId('sizing-subnet')).toHaveCount(9);
  // Adjust: a fourth tier adds three rows, removing it takes them away; hosts and growth change the layout.
  await page.getByTestId('sizing-add-tier').click();
  await expect(page.getByTestId('sizing-subnet')).toHaveCount(12);
  await page.getByTestId('sizing-tier-remove').last().click();
  await expect(page.getByTestId('sizing-subnet')).toHaveCount(9);
  await page.getByTestId('sizing-tier-hosts').nth(1).fill('1000');
  await page.getByTestId('sizing-growth').fill('25');
  // Every other VPC of the plan is avoided, and shown.
  const plan = await editor.plan();
  for (const vpc of plan.vpcs) await expect(page.getByTestId('sizing-avoid-auto')).toContainText(vpc.ipv4Cidrs[0]!);
  // A bad number: the engine's reason, and nothing to add.
  await page.getByTestId('sizing-tier-hosts').nth(0).fill('lots');
  await expect(page.getByTestId('sizing-error')).toBeVisible();
  await expect(page.getByTestId('sizing-confirm')).toBeDisabled();
  await page.getByTestId('sizing-tier-hosts').nth(0).fill('50');
  await expect(page.getByTestId('sizing-subnet')).toHaveCount(9);
  await expect(page.getByTestId('sizing-explanations').locator('li').first()).toBeVisible();
  return dialog;
}

test('sizing assistant: 3 AZs x 3 tiers becomes a valid VPC on the canvas, one undo step', async ({ editor, page }) => {
  const before = await editor.plan();
  const dialog = await sizeVpc(editor);
  const vpcCidr = (await page.getByTestId('sizing-vpc-cidr').textContent())!;
  await editor.screenshot('learn-sizing-dialog');
  const undoBefore = await page.evaluate(() => window.__vpcPlanner!.history().undo);
  await page.getByTestId('sizing-confirm').click();
  await expect(dialog).toHaveCount(0);

  const after = await editor.plan();
  const vpc = after.vpcs.find((v) => !before.vpcs.some((b) => b.id === v.id))!;
  expect(vpc).toMatchObject({ name: 'sized', ipv4Cidrs: [vpcCidr] });
  const subnets = after.subnets.filter((s) => s.vpcId === vpc.id);
  expect(subnets).toHaveLength(9);
  expect(new Set(subnets.map((s) => s.availabilityZone)).size).toBe(3);
  // Inside the VPC, not overlapping each other or any other VPC.
  for (const s of subnets) expect(parseCidr(s.ipv4Cidr!).ok).toBe(true);
  for (const [i, s] of subnets.entries()) for (const t of subnets.slice(i + 1)) expect(overlaps(cidr(s.ipv4Cidr!), cidr(t.ipv4Cidr!))).toBe(false);
  for (const other of before.vpcs) for (const text of other.ipv4Cidrs) expect(overlaps(cidr(vpcCidr), cidr(text))).toBe(false);
  const ids = new Set([vpc.id, ...subnets.map((s) => s.id)]);
  const errors = (await editor.findings()).filter((f) => f.severity === 'error' && f.subjects.some((id) => ids.has(id)));
  expect(errors).toEqual([]);
  expect(await page.evaluate(() => window.__vpcPlanner!.history().undo)).toBe(undoBefore + 1);

  // On the canvas, clear of every other VPC.
  const node = editor.node(vpc.id);
  await expect(node).toBeVisible();
  await expect(editor.node(subnets[0]!.id)).toBeVisible();
  const box = (await node.boundingBox())!;
  for (const other of before.vpcs) {
    const o = await editor.node(other.id).boundingBox();
    if (!o) continue;
    const apart = box.x + box.width <= o.x || o.x + o.width <= box.x || box.y + box.height <= o.y || o.y + o.height <= box.y;
    expect(apart, `${vpc.id} lands on ${other.id}`).toBe(true);
  }
  await editor.screenshot('learn-sizing-canvas');

  await page.evaluate(() => window.__vpcPlanner!.run('undo'));
  const undone = await editor.plan();
  expect(undone.vpcs).toHaveLength(before.vpcs.length);
  expect(undone.subnets).toHaveLength(before.subnets.length);
});

test('right-size a subnet in place, one undo step; a VPC too', async ({ editor, page }) => {
  await sizeVpc(editor);
  await page.getByTestId('sizing-confirm').click();
  const plan = await editor.plan();
  const vpc = plan.vpcs.find((v) => v.name === 'sized')!;
  const subnet = plan.subnets.find((s) => s.vpcId === vpc.id && s.name.startsWith('app'))!;
  await editor.select([subnet.id]);
  await page.getByTestId('subnet-hosts').fill('100');
  await page.getByTestId('subnet-hosts').press('Enter');
  await expect.poll(async () => (await editor.plan()).subnets.find((s) => s.id === subnet.id)!.hostsNeeded).toBe(100);

  const expected = rightSizeSubnet(subnet.ipv4Cidr!, 100, subnet.growthPercent ?? 0);
  if (!expected.ok || !expected.inPlace) throw new Error('the engine should shrink it in place');
  expect(expected.change).toBe('shrink');
  await page.getByTestId('right-size-toggle').click();
  await expect(page.getByTestId('right-size-result')).toContainText(`/${expected.prefix}`);
  await expect(page.getByTestId('right-size-result')).toContainText(expected.explanation);
  await page.getByTestId('right-size').scrollIntoViewIfNeeded();
  await editor.screenshot('learn-right-size');
  const undoBefore = await page.evaluate(() => window.__vpcPlanner!.history().undo);
  await page.getByTestId('right-size-apply').click();
  await expect.poll(async () => (await editor.plan()).subnets.find((s) => s.id === subnet.id)!.ipv4Cidr).toBe(expected.inPlace);
  expect(await page.evaluate(() => window.__vpcPlanner!.history().undo)).toBe(undoBefore + 1);
  await expect(page.getByTestId('right-size-result')).toContainText('already the right size');
  await expect(page.getByTestId('right-size-apply')).toHaveCount(0);

  // The VPC: the engine explains its smallest block.
  await editor.select([vpc.id]);
  await page.getByTestId('right-size-toggle').click();
  await expect(page.getByTestId('right-size-result')).toContainText(vpc.ipv4Cidrs[0]!);
});

test('explorer at 200 % zoom: nothing clipped', async ({ editor, page }) => {
  // 200 % zoom of a 1440 x 900 window is a 720 x 450 CSS viewport.
  await page.setViewportSize({ width: 720, height: 450 });
  await openExplorer(page, '10.0.0.0/24');
  await page.getByTestId('explorer-compare').fill('10.0.0.128/25');
  const dialog = page.getByTestId('explorer');
  const fits = await dialog.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const out: string[] = [];
    if (el.scrollWidth > el.clientWidth + 1) out.push(`dialog scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
    for (const child of el.querySelectorAll('.bit-ruler, .split-bar, .explorer-clouds, .relatives, .explorer-inputs, .make-subnet')) {
      const r = child.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${child.className} sticks out (${r.left}-${r.right} of ${box.left}-${box.right})`);
    }
    return out;
  });
  expect(fits).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await editor.screenshot('learn-zoom-200');
  await page.getByTestId('explorer-why').scrollIntoViewIfNeeded();
  await editor.screenshot('learn-zoom-200-why');
  await page.getByTestId('explorer-close').click();
  await editor.clickTool('size-vpc');
  const sizing = page.getByTestId('sizing-dialog');
  expect(await sizing.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await editor.screenshot('learn-zoom-200-sizing');
});

test('explorer: an address typed with its host bits set moves the slider and the bits to the prefix typed', async ({ editor, page }) => {
  await openExplorer(page, '10.1.0.0/23');
  // A student types an address inside the block, not the block: the field says what to write,
  // and the slider and the bits show the block around that address at the prefix typed.
  await page.getByTestId('explorer-input').fill('10.1.7.9/16');
  const parsed = parseCidr('10.1.7.9/16');
  if (parsed.ok) throw new Error('10.1.7.9/16 has host bits set');
  await expect(page.getByTestId('explorer-input-error')).toContainText(parsed.error.message);
  await expectBlock(page, parsed.error.suggestion!);
  await expect(page.getByTestId('explorer-prefix')).toHaveValue('16');
  await editor.screenshot('learn-explorer-host-bits');
  // The slider keeps the address typed: one bit more is the /17 around 10.1.7.9.
  await page.getByTestId('explorer-prefix').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('explorer-input')).toHaveValue('10.1.0.0/17');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('explorer-input')).toHaveValue('10.1.7.0/24');
  await expectBlock(page, '10.1.7.0/24');
});

test('the split bar says which VPCs the shaded subnets belong to when VPCs share a block', async ({ editor, page }) => {
  const plan = await editor.plan();
  const blocks = readPlanBlocks(plan);
  // prod-app and partner-analytics share 10.1.0.0/16 (they meet only through Lattice).
  const shared = '10.1.0.0/16';
  const owners = plan.vpcs.filter((v) => v.ipv4Cidrs.includes(shared));
  expect(owners.length).toBe(2);
  const usage = blockUsage(cidr(shared), blocks);
  const count = usage.spans.reduce((n, s) => n + s.subnets.length, 0);
  await openExplorer(page, shared);
  const perVpc = owners.map((v) => `${plan.subnets.filter((s) => s.vpcId === v.id && s.ipv4Cidr).length} in ${v.name}`).join(', ');
  await expect(page.getByTestId('split-usage')).toContainText(`Shaded: ${count} subnets of the plan use`);
  await expect(page.getByTestId('split-usage')).toContainText(`; ${perVpc}.`);
  // The piece's own reason counts its VPC's subnets only, which AWS checks a new subnet against.
  await expect(page.getByTestId('piece-reason')).toHaveText(pieceAvailability(cidr(shared), blocks).reason);
});
