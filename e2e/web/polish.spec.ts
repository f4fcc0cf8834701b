/**
 * The finishing touches: the sizing assistant's VPC comes with its gateways and route tables,
 * every CIDR on the canvas opens the explorer, the File menu and keys reach Import, Export
 * and Compare, and the window holds together at first start and at 1,000 x 700.
 */
import type { Page } from '@playwright/test';
import type { Plan } from '../../shared/plan/schema';
import { test, expect, type Editor } from './fixtures';

/** Every id the second plan has and the first does not, over the sections the assistant writes. */
function newIds(before: Plan, after: Plan): Set<string> {
  const ids = (p: Plan) => [...p.vpcs, ...p.subnets, ...p.internetGateways, ...p.egressOnlyGateways, ...p.natGateways, ...p.routeTables].map((o) => o.id);
  const old = new Set(ids(before));
  return new Set(ids(after).filter((id) => !old.has(id)));
}

async function openSizing(editor: Editor) {
  const page = editor.page;
  await page.getByTestId('size-vpc').click();
  await expect(page.getByTestId('sizing-dialog')).toBeVisible();
  await page.getByTestId('sizing-name').fill('shop');
  await page.getByTestId('sizing-azs').selectOption('3');
  await expect(page.getByTestId('sizing-subnet')).toHaveCount(9);
}

test('sizing assistant: a 3 AZ x 3 tier VPC comes with gateways and route tables and raises no warning or error, in one undo step', async ({
  editor,
  page,
}) => {
  const before = await editor.plan();
  await openSizing(editor);
  await expect(page.getByTestId('sizing-network')).toBeChecked();
  await expect(page.getByTestId('sizing-network-summary')).toHaveText(
    'Adds 1 internet gateway, 3 NAT gateways and 5 route tables, each subnet associated with its table.',
  );
  await expect(page.getByTestId('sizing-network-explanations')).toContainText('Internet gateway shop-igw');
  await page.getByTestId('sizing-proposal').scrollIntoViewIfNeeded();
  await editor.screenshot('polish-sizing-network');
  const undoBefore = await page.evaluate(() => window.__vpcPlanner!.history().undo);
  await page.getByTestId('sizing-confirm').click();
  await expect(page.getByTestId('sizing-dialog')).toHaveCount(0);

  const after = await editor.plan();
  const vpc = after.vpcs.find((v) => v.name === 'shop')!;
  const subnets = after.subnets.filter((s) => s.vpcId === vpc.id);
  expect(subnets).toHaveLength(9);
  expect(after.internetGateways.filter((g) => g.vpcId === vpc.id)).toHaveLength(1);
  const nats = after.natGateways.filter((n) => subnets.some((s) => s.id === n.subnetId));
  expect(nats).toHaveLength(3);
  for (const nat of nats) expect(subnets.find((s) => s.id === nat.subnetId)!.tier).toBe('public');
  expect(new Set(nats.map((n) => subnets.find((s) => s.id === n.subnetId)!.availabilityZone)).size).toBe(3);
  expect(after.routeTables.filter((t) => t.vpcId === vpc.id)).toHaveLength(5);
  for (const s of subnets)
    expect(
      after.routeTables.some((t) => t.id === s.routeTableId),
      s.name,
    ).toBe(true);

  const ids = newIds(before, after);
  const serious = (await editor.findings()).filter((f) => f.severity !== 'info' && f.subjects.some((id) => ids.has(id)));
  expect(serious).toEqual([]);
  expect(await page.evaluate(() => window.__vpcPlanner!.history().undo)).toBe(undoBefore + 1);
  await expect(editor.node(nats[0]!.id)).toBeVisible();
  await editor.screenshot('polish-sizing-canvas');

  // One undo takes all of it away.
  await page.evaluate(() => window.__vpcPlanner!.run('undo'));
  expect(newIds(before, await editor.plan()).size).toBe(0);
});

test('sizing assistant: with "Add gateways and route tables" off, subnets only', async ({ editor, page }) => {
  const before = await editor.plan();
  await openSizing(editor);
  await page.getByTestId('sizing-network').uncheck();
  await expect(page.getByTestId('sizing-network-summary')).toHaveCount(0);
  await expect(page.getByTestId('sizing-network-off')).toBeVisible();
  await page.getByTestId('sizing-confirm').click();
  await expect(page.getByTestId('sizing-dialog')).toHaveCount(0);
  const after = await editor.plan();
  const vpc = after.vpcs.find((v) => v.name === 'shop')!;
  const added = newIds(before, after);
  const subnets = after.subnets.filter((s) => s.vpcId === vpc.id);
  expect(subnets).toHaveLength(9);
  expect(added.size).toBe(10);
  for (const s of subnets) expect(s.routeTableId).toBeUndefined();
  // What the option is for: without it the private subnets have no way out.
  const codes = (await editor.findings()).filter((f) => f.subjects.some((id) => added.has(id))).map((f) => f.code);
  expect(codes).toContain('nat/private-subnet-no-egress');
});

test("a subnet's CIDR on the canvas opens the explorer on it: double-click, or Enter on the label", async ({ editor, page }) => {
  const plan = await editor.plan();
  const subnet = plan.subnets.find((s) => s.ipv4Cidr)!;
  await editor.frame([subnet.id]);
  const label = editor.node(subnet.id).getByRole('button', { name: `Explore ${subnet.ipv4Cidr}` });
  await expect(label).toHaveText(subnet.ipv4Cidr!);
  const zoom = await editor.zoom();

  // A single click still just selects the subnet.
  await label.click();
  expect(await page.evaluate(() => window.__vpcPlanner!.getSelection())).toEqual([subnet.id]);
  await expect(page.getByTestId('explorer')).toHaveCount(0);

  await label.dblclick();
  await expect(page.getByTestId('explorer')).toBeVisible();
  await expect(page.getByTestId('explorer-input')).toHaveValue(subnet.ipv4Cidr!);
  await editor.screenshot('polish-explorer-from-canvas');
  // The canvas did not zoom on that double-click.
  expect(await editor.zoom()).toBeCloseTo(zoom, 5);
  await page.getByTestId('explorer-close').click();
  await expect(page.getByTestId('explorer')).toHaveCount(0);

  // From the keyboard.
  await label.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explorer-input')).toHaveValue(subnet.ipv4Cidr!);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('explorer')).toHaveCount(0);
});

test('a VPC dragged by its CIDR label still moves, and VPC and external CIDRs are labelled buttons', async ({ editor, page }) => {
  const plan = await editor.plan();
  const vpc = plan.vpcs[0]!;
  await editor.frame([vpc.id]);
  const label = editor.node(vpc.id).getByRole('button', { name: `Explore ${vpc.ipv4Cidrs[0]}` });
  const start = await editor.center(label);
  await editor.drag(start, { x: start.x + 60, y: start.y + 40 });
  const moved = (await editor.plan()).layout.nodes[vpc.id]!;
  const was = plan.layout.nodes[vpc.id]!;
  expect(Math.hypot(moved.x - was.x, moved.y - was.y)).toBeGreaterThan(20);
  await expect(page.getByTestId('explorer')).toHaveCount(0);

  const external = plan.externalNetworks.find((n) => n.cidrs.length > 0);
  if (!external) throw new Error('the example plan has no external network with a range');
  await expect(editor.node(external.id).getByRole('button', { name: `Explore ${external.cidrs[0]}` })).toHaveCount(1);
});

test('File menu lists Import, Export and Compare; Ctrl+E exports, Ctrl+I imports', async ({ editor, page }) => {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-close').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  await page.keyboard.press('Control+i');
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);

  await page.getByTestId('file-menu').click();
  const items = page.getByTestId('file-menu-items').getByRole('menuitem');
  await expect(items).toContainText(['New', 'Open…', 'Open recent', 'Save', 'Save As…', 'Import…', 'Export…', 'Compare with…']);
  await editor.screenshot('polish-file-menu');
  await page.getByTestId('file-import').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-compare').click();
  await expect(page.getByTestId('compare-dialog')).toBeVisible();
});

/** Every toolbar control (and the side panel's tabs) is on screen, whole, and not under another one. */
async function expectToolbarWhole(page: Page) {
  for (const tab of await page.locator('.tabs button').all()) {
    const fits = await tab.evaluate((b) => b.scrollWidth <= b.clientWidth + 1);
    expect(fits, `tab ${await tab.textContent()} is clipped`).toBe(true);
  }
  const boxes = await page.locator('.toolbar').evaluate((bar) => {
    const width = document.documentElement.clientWidth;
    return [...bar.querySelectorAll<HTMLElement>('button')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => {
        const r = b.getBoundingClientRect();
        return {
          label: b.getAttribute('aria-label') ?? b.textContent ?? '',
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
          width,
          scrollWidth: b.scrollWidth,
          clientWidth: b.clientWidth,
        };
      });
  });
  expect(boxes.length).toBeGreaterThan(5);
  for (const b of boxes) {
    expect(b.left, b.label).toBeGreaterThanOrEqual(0);
    expect(b.right, b.label).toBeLessThanOrEqual(b.width);
    expect(b.scrollWidth, `${b.label} text is clipped`).toBeLessThanOrEqual(b.clientWidth + 1);
  }
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
      expect(apart, `${a.label} overlaps ${b.label}`).toBe(true);
    }
  }
}

test('first start at 1440 x 900: the whole toolbar shows', async ({ editor, page }) => {
  await expectToolbarWhole(page);
  await editor.screenshot('polish-1440-light');
  await editor.frame(['tgw-hub', 'ext-dc', 'sn-lattice-apis', 'vpc-shared']);
  await editor.screenshot('polish-1440-hubs');
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });
  test('first start at 1440 x 900 in the dark theme', async ({ editor, page }) => {
    await expectToolbarWhole(page);
    await editor.screenshot('polish-1440-dark');
  });
});

test.describe('small window', () => {
  test.use({ viewport: { width: 1000, height: 700 } });
  test('at 1000 x 700 nothing in the toolbar is clipped and the canvas keeps its room', async ({ editor, page }) => {
    await editor.screenshot('polish-1000-light');
    await expectToolbarWhole(page);
    // Two rows at most.
    expect((await page.locator('.toolbar').boundingBox())!.height).toBeLessThan(90);
    // Import, Export and Compare are in the File menu here.
    await expect(page.getByTestId('import')).toBeHidden();
    await page.getByTestId('file-menu').click();
    await expect(page.getByTestId('file-export')).toBeVisible();
    await page.keyboard.press('Escape');
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThan(400);
    expect(canvas.height).toBeGreaterThan(400);
    await editor.node((await editor.plan()).subnets[0]!.id).click();
    await editor.screenshot('polish-1000-inspector');
  });
});
