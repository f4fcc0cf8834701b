/**
 * The editor around the diagram: Delete acts only on the diagram and a bulk delete offers
 * Undo; the diagram by keyboard (focus ring, Tab in reading order, arrows, Enter into the
 * inspector, a peering made without the mouse); the shortcut list and the settings; the
 * start view after New; Save asking for a name; a 1,000 px window where nothing disappears
 * and the side panels fold. New dialogs are checked with axe.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type Editor } from './fixtures';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

function serious(results: AxeResults) {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** axe over one part of the page: it must have looked at something, and found nothing serious. */
async function expectAccessible(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.passes.length, `axe checked ${selector}`).toBeGreaterThan(0);
  expect(serious(results)).toEqual([]);
}

/** What has the focus: a node's or connection's id, or the element's test id. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return 'none';
    const item = el.closest<HTMLElement>('.react-flow__node, .react-flow__edge');
    if (item) return `${item.classList.contains('react-flow__edge') ? 'edge' : 'node'}:${item.dataset.id}`;
    return el.dataset.testid ?? el.tagName;
  });
}

const selection = (page: Page) => page.evaluate(() => window.__vpcPlanner!.getSelection());
const history = (page: Page) => page.evaluate(() => window.__vpcPlanner!.history());

/** Put the focus on the element just before the diagram (the last control of the left panel), as a keyboard user arriving there would. */
async function focusBeforeDiagram(page: Page) {
  await page.evaluate(() => {
    const left = document.querySelector('.side-left')!;
    const tabbables = [...left.querySelectorAll<HTMLElement>('button:not([disabled]), select, input, [tabindex="0"]')].filter(
      (el) => el.getClientRects().length > 0,
    );
    tabbables.at(-1)!.focus();
  });
}

/** Tab until the node with this id has the focus; the number of presses it took. */
async function tabTo(page: Page, id: string, limit = 80): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === `node:${id}`) return presses;
  }
  throw new Error(`${id} not reached in ${limit} presses of Tab`);
}

async function planIsEmpty(editor: Editor) {
  const plan = await editor.plan();
  return plan.vpcs.length === 0 && plan.transitGateways.length === 0;
}

test('Delete with the focus in the findings list deletes nothing; on the diagram it deletes, and a bulk delete offers Undo', async ({ editor, page }) => {
  const before = await editor.planText();
  // A finding's click selects its subjects and leaves the focus on the finding.
  await page.getByTestId('finding').first().click();
  expect((await selection(page)).length).toBeGreaterThan(0);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  expect(await editor.planText()).toBe(before);
  await expect(page.getByTestId('toast')).toHaveCount(0);

  // Two VPCs selected, the focus on the diagram: Delete takes them and what lived in them, as one step, and says so.
  await editor.frame(['vpc-dev', 'vpc-shared']);
  await editor.node('vpc-dev').locator('.vpc-header').click();
  await editor
    .node('vpc-shared')
    .locator('.vpc-header')
    .click({ modifiers: ['Shift'] });
  expect(new Set(await selection(page))).toEqual(new Set(['vpc-dev', 'vpc-shared']));
  await page.keyboard.press('Delete');
  const plan = await editor.plan();
  expect(plan.vpcs.map((v) => v.id)).not.toContain('vpc-dev');
  expect(plan.vpcs.map((v) => v.id)).not.toContain('vpc-shared');
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText(/^Deleted 2 VPCs, .*\d+ subnets/);
  await expect(toast).toHaveAttribute('role', 'status');
  await editor.screenshot('chrome-undo-toast');
  await page.getByTestId('toast-action').click();
  expect(await editor.planText()).toBe(before);
  await expect(toast).toHaveCount(0);

  // A box selection leaves the focus on the diagram's empty area: Delete works there too.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expect(page.locator('.canvas-area')).toBeFocused();
  await editor.select(['vpc-analytics']);
  await page.keyboard.press('Delete');
  expect((await editor.plan()).vpcs.some((v) => v.id === 'vpc-analytics')).toBe(false);
  await page.getByTestId('toast-action').click();
  expect(await editor.planText()).toBe(before);

  // One subnet is not a bulk delete: no toast.
  await editor.frame(['sn-legacy-b']);
  await editor.node('sn-legacy-b').click();
  await page.keyboard.press('Delete');
  expect((await editor.plan()).subnets.some((s) => s.id === 'sn-legacy-b')).toBe(false);
  await expect(page.getByTestId('toast')).toHaveCount(0);
});

test('keyboard only: Tab reaches the first node at once, in reading order, with a focus ring; arrows move; Enter edits; a peering without the mouse', async ({
  editor,
  page,
}) => {
  await focusBeforeDiagram(page);
  await page.keyboard.press('Tab');
  // The first stop is a node, not one of the connections React Flow puts first in the page.
  const first = await focused(page);
  expect(first).toMatch(/^node:/);
  const plan = await editor.plan();
  // The top-left node of the diagram: the one whose position is read first.
  const topLeft = Object.entries(plan.layout.nodes).sort(([, a], [, b]) => a.y - b.y || a.x - b.x)[0]![0];
  expect(first).toBe(`node:${topLeft}`);
  // The ring is drawn under the canvas's zoom (here the example's fit, about a quarter): it must still be 3 px on screen.
  const zoom = await editor.zoom();
  expect(zoom).toBeLessThan(0.45);
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width * zoom).toBeGreaterThanOrEqual(2.9);
  await editor.screenshot('chrome-focus-ring');
  // Its subnets follow it, before any other VPC.
  await page.keyboard.press('Tab');
  const second = (await focused(page)).replace(/^node:/, '');
  expect(plan.subnets.find((s) => s.id === second)?.vpcId).toBe(topLeft);

  // Select dev-app with Space; move it with the arrows: a held key is one undo step, Shift moves farther.
  const presses = await tabTo(page, 'vpc-dev');
  expect(presses).toBeLessThan(plan.subnets.length + plan.vpcs.length + 10);
  await page.keyboard.press('Space');
  expect(await selection(page)).toEqual(['vpc-dev']);
  const at = plan.layout.nodes['vpc-dev']!;
  const undoBefore = (await history(page)).undo;
  for (let i = 0; i < 4; i++) await page.keyboard.down('ArrowRight');
  await page.keyboard.up('ArrowRight');
  expect((await editor.plan()).layout.nodes['vpc-dev']).toMatchObject({ x: at.x + 40, y: at.y });
  expect((await history(page)).undo).toBe(undoBefore + 1);
  await page.keyboard.press('Shift+ArrowDown');
  expect((await editor.plan()).layout.nodes['vpc-dev']).toMatchObject({ x: at.x + 40, y: at.y + 50 });
  expect((await history(page)).undo).toBe(undoBefore + 2);
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+z`);
  expect((await editor.plan()).layout.nodes['vpc-dev']).toEqual(at);
  expect(await focused(page)).toBe('node:vpc-dev');

  // Enter: into the inspector's first field; Escape: the field puts back what it had, and the focus goes back to the node.
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="inspector"]'))).toBe(true);
  await expect(page.getByTestId('inspector')).toContainText('dev-app');
  const undoAtInspector = (await history(page)).undo;
  await page.keyboard.type(' typed');
  await page.keyboard.press('Escape');
  await expect.poll(() => focused(page)).toBe('node:vpc-dev');
  expect((await editor.plan()).vpcs.find((v) => v.id === 'vpc-dev')!.name).toBe('dev-app');
  expect((await history(page)).undo).toBe(undoAtInspector);

  // A peering: dev-app selected, Shift+Space adds shared-services, C connects them.
  await tabTo(page, 'vpc-shared');
  await page.keyboard.press('Shift+Space');
  expect(new Set(await selection(page))).toEqual(new Set(['vpc-dev', 'vpc-shared']));
  await page.keyboard.press('c');
  const peerings = (await editor.plan()).peerings;
  expect(peerings).toHaveLength(plan.peerings.length + 1);
  expect(new Set([peerings.at(-1)!.requesterVpcId, peerings.at(-1)!.accepterVpcId])).toEqual(new Set(['vpc-dev', 'vpc-shared']));
  await expect(page.getByTestId('notice')).toContainText('Connected dev-app and shared-services: a peering connection.');

  // After the nodes, Tab visits the connections; a focused connection shows a halo.
  let onEdge = false;
  for (let i = 0; i < 60 && !onEdge; i++) {
    await page.keyboard.press('Tab');
    onEdge = (await focused(page)).startsWith('edge:');
  }
  expect(onEdge).toBe(true);
  const halo = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!.querySelector('.react-flow__edge-interaction')!);
    return { opacity: style.strokeOpacity, width: parseFloat(style.strokeWidth) };
  });
  expect(halo.opacity).toBe('1');
  // A band at least 12 px wide on screen, whatever the zoom.
  expect(halo.width * (await editor.zoom())).toBeGreaterThanOrEqual(11.9);
  await editor.screenshot('chrome-focus-edge');
});

test('Tab, Enter and Escape in quick succession come back to the node tabbed to, not the first one', async ({ editor, page }) => {
  await focusBeforeDiagram(page);
  await page.keyboard.press('Tab');
  const first = await focused(page);
  await page.keyboard.press('Tab');
  const second = await focused(page);
  expect(second).not.toBe(first);
  // Straight into the inspector and out again, as fast as keys go.
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="inspector"]'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => focused(page)).toBe(second);
  expect(await selection(page)).toEqual([second.replace(/^node:/, '')]);
  await editor.screenshot('chrome-escape-back');
});

test('Add NAT with a private subnet selected makes a public NAT gateway in the public subnet of that AZ, or says what is missing', async ({ editor, page }) => {
  await editor.select(['sn-egress-tgw-b']);
  await page.locator('.canvas-area').focus();
  await page.keyboard.press('n');
  const plan = await editor.plan();
  expect(plan.natGateways.at(-1)).toMatchObject({ subnetId: 'sn-egress-pub-b', connectivity: 'public', name: 'nat-b' });
  expect(await selection(page)).toEqual([plan.natGateways.at(-1)!.id]);
  // Its subnet is public and routed to the internet gateway: no finding says to move it.
  expect((await editor.findings()).filter((f) => f.subjects.includes(plan.natGateways.at(-1)!.id) && /Move/.test(f.fix ?? ''))).toEqual([]);

  await editor.select(['sn-dev-app-a']);
  await page.keyboard.press('n');
  await expect(page.getByTestId('notice')).toContainText('VPC dev-app has no public subnet');
  expect((await editor.plan()).natGateways).toHaveLength(plan.natGateways.length);
});

test("Add NAT in a VPC with no internet gateway adds the gateway too; the NAT gateway moves only among its VPC's subnets", async ({ editor, page }) => {
  const subnet = (id: string, vpcId: string, name: string, zone: string, tier: string, cidr: string) => ({
    id,
    vpcId,
    name,
    availabilityZone: zone,
    tier,
    ipv4Cidr: cidr,
  });
  const plan = {
    format: 'vpcplan',
    version: 1,
    name: 'no gateway yet',
    vpcs: [
      { id: 'vpc-app', name: 'app', region: 'eu-west-1', ipv4Cidrs: ['10.0.0.0/16'] },
      { id: 'vpc-other', name: 'other', region: 'eu-west-1', ipv4Cidrs: ['10.9.0.0/16'] },
    ],
    subnets: [
      subnet('sn-pub-a', 'vpc-app', 'pub-a', 'eu-west-1a', 'public', '10.0.0.0/24'),
      subnet('sn-pub-b', 'vpc-app', 'pub-b', 'eu-west-1b', 'public', '10.0.1.0/24'),
      subnet('sn-app-b', 'vpc-app', 'app-b', 'eu-west-1b', 'private', '10.0.10.0/24'),
      subnet('sn-other-a', 'vpc-other', 'other-a', 'eu-west-1a', 'public', '10.9.0.0/24'),
    ],
    layout: { nodes: { 'vpc-app': { x: 0, y: 0 }, 'vpc-other': { x: 900, y: 0 } } },
  };
  expect(await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text, 'no-gateway.vpcplan.json'), JSON.stringify(plan))).toBe(true);
  await editor.select(['sn-app-b']);
  await page.locator('.canvas-area').focus();
  await page.keyboard.press('n');
  const after = await editor.plan();
  // Public, in the public subnet of the private subnet's AZ, and the VPC's internet gateway made with it (one undo step).
  expect(after.natGateways).toEqual([expect.objectContaining({ subnetId: 'sn-pub-b', connectivity: 'public' })]);
  expect(after.internetGateways).toEqual([expect.objectContaining({ vpcId: 'vpc-app' })]);
  await expect(page.getByTestId('notice')).toContainText('Added internet gateway');
  // Its subnet is public: nothing says to move it (without route tables it is told to derive routes or add a table).
  const nat = after.natGateways[0]!;
  expect((await editor.findings()).filter((f) => f.subjects.includes(nat.id) && /^Move/.test(f.fix ?? ''))).toEqual([]);
  // The inspector offers the subnets of its own VPC only, with their zones.
  const options = await page.getByTestId('nat-subnet').locator('option').allTextContents();
  expect(options).toEqual(['pub-a · eu-west-1a (public)', 'pub-b · eu-west-1b (public)', 'app-b · eu-west-1b (private)']);
  await page.evaluate(() => window.__vpcPlanner!.run('undo'));
  expect((await editor.plan()).internetGateways).toEqual([]);
  expect((await editor.plan()).natGateways).toEqual([]);
});

test('a NAT gateway moved into a private subnet is told to move into a public one; moved back, the finding is gone', async ({ editor, page }) => {
  const text = readFileSync('examples/three-tier.vpcplan.json', 'utf8');
  expect(await page.evaluate((t) => window.__vpcPlanner!.loadPlanText(t, 'three-tier.vpcplan.json'), text)).toBe(true);
  const moveFindings = async () =>
    (await editor.findings()).filter((f) => f.subjects.includes('nat-b') && /^Move nat-b into a public subnet/.test(f.fix ?? ''));
  expect(await moveFindings()).toEqual([]);
  await editor.select(['nat-b']);
  const field = page.getByTestId('nat-subnet');
  await field.selectOption({ label: 'app-b · eu-west-1b (private)' });
  expect((await editor.plan()).natGateways.find((n) => n.id === 'nat-b')!.subnetId).toBe('sn-app-b');
  const told = await moveFindings();
  expect(told).toHaveLength(1);
  expect(told[0]!.fix).toContain('such as public-b, in eu-west-1b');
  // The inspector shows it on the NAT gateway.
  await expect(page.getByTestId('inspector')).toContainText('Move nat-b into a public subnet');
  await field.selectOption({ label: 'public-b · eu-west-1b (public)' });
  expect(await moveFindings()).toEqual([]);
  expect((await editor.findings()).filter((f) => f.subjects.includes('nat-b') && f.severity !== 'info')).toEqual([]);
  await expect(page.getByTestId('inspector')).not.toContainText('Move nat-b');
});

test('? lists the shortcuts from the command table; nothing typed in a field opens it', async ({ editor }) => {
  const { page } = editor;
  await page.getByTestId('plan-name').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);
  await page.getByTestId('plan-name').blur();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const command of ['delete', 'undo', 'add-vpc', 'focus-next', 'move-left', 'open-inspector', 'connect-selected', 'settings', 'show-shortcuts']) {
    await expect(dialog.locator(`[data-command="${command}"]`), command).toHaveCount(1);
  }
  await expect(dialog.locator('[data-command="move-left"]')).toContainText('Shift+←');
  // In words, as the rest of the app says things (not the menus' title case).
  await expect(dialog.locator('[data-command="zoom-to-fit"] dt')).toHaveText('Zoom to fit');
  await expect(dialog.locator('[data-command="connect-selected"] dt')).toHaveText('Connect the two selected objects (peering, attachment, association)');
  await expectAccessible(page, '[data-testid=shortcuts-dialog]');
  await page.screenshot({ path: 'e2e/artifacts/chrome-shortcuts.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('settings: derive obvious routes and route lines are plan settings, undone like edits; findings name the control', async ({ editor, page }) => {
  await page.getByTestId('settings').click();
  const dialog = page.getByRole('dialog', { name: 'Plan settings' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, '[data-testid=settings-dialog]');
  await page.screenshot({ path: 'e2e/artifacts/chrome-settings.png' });
  const derive = page.getByTestId('setting-derive-routes');
  await expect(derive).not.toBeChecked();
  await expect(dialog.getByText('Derive obvious routes', { exact: true })).toBeVisible();
  await derive.check();
  expect((await editor.plan()).settings.deriveRoutes).toBe(true);
  await page.getByTestId('setting-show-route-lines').check();
  expect((await editor.plan()).settings.showRouteLines).toBe(true);
  await page.getByTestId('setting-quota-peeringsPerVpc').fill('75');
  await page.getByTestId('setting-quota-peeringsPerVpc').press('Enter');
  expect((await editor.plan()).settings.quotas.peeringsPerVpc).toBe(75);
  await page.getByTestId('settings-close').click();
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+z`);
  expect((await editor.plan()).settings).toMatchObject({ deriveRoutes: false, showRouteLines: false, quotas: { peeringsPerVpc: 50 } });

  // A subnet without a route table: its finding names the setting, and turning it on gives it the NAT route.
  const withoutTables = await page.evaluate(() => {
    const plan = window.__vpcPlanner!.getPlan();
    const subnets = plan.subnets.map((s) => (s.vpcId === 'vpc-egress' ? { ...s, routeTableId: undefined } : s));
    return JSON.stringify({ ...plan, subnets, routeTables: plan.routeTables.filter((t) => t.vpcId !== 'vpc-egress') });
  });
  await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text, 'no-tables.vpcplan.json'), withoutTables);
  const egress = (await editor.findings()).filter((f) => f.code === 'nat/private-subnet-no-egress' && f.subjects.some((id) => id.startsWith('sn-egress')));
  expect(egress.length).toBeGreaterThan(0);
  for (const finding of egress) {
    expect(finding.message).toContain('Settings › Derive obvious routes is off');
    expect(finding.fix).toMatch(/^Turn on Settings › Derive obvious routes/);
  }
  await page.keyboard.press(`${mod}+,`);
  await page.getByTestId('setting-derive-routes').check();
  await page.keyboard.press('Escape');
  const after = (await editor.findings()).filter((f) => f.code === 'nat/private-subnet-no-egress' && f.subjects.some((id) => id.startsWith('sn-egress')));
  expect(after).toEqual([]);
});

test("first start: the example plan says it is one and leads to a plan of one's own; a saved copy is the user's", async ({ editor, page }) => {
  const note = page.getByTestId('example-note');
  await expect(note).toContainText('This is an example plan.');
  await expect(note.locator('kbd')).toHaveText(/N$/);
  await expectAccessible(page, '[data-testid=example-note]');
  await note.getByTestId('example-new').click();
  await expect(page.getByTestId('start-view')).toBeVisible();
  expect(await planIsEmpty(editor)).toBe(true);
  await expect(note).toHaveCount(0);
  // The other example, from there: an example too.
  await page.locator('[data-testid=start-example][data-file="three-tier.vpcplan.json"]').click();
  await expect(note).toBeVisible();
  // Saved under a name of the user's, it is theirs: no note.
  await page.keyboard.press(`${mod}+s`);
  await page.getByTestId('save-name-input').fill('my-web-app');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-name-confirm').click()]);
  expect(download.suggestedFilename()).toBe('my-web-app.vpcplan.json');
  await expect(note).toHaveCount(0);
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test("axe in the dark theme: the example's note, and a VPC's connections and pickers in the inspector", async ({ editor, page }) => {
    await expect(page.getByTestId('example-note')).toBeVisible();
    await expectAccessible(page, '.side-right');
    await editor.select(['vpc-dev']);
    await page.getByTestId('connect-peer').selectOption({ label: 'partner-analytics' });
    await expect(page.getByTestId('connection-via').first()).toBeVisible();
    await expectAccessible(page, '[data-testid=inspector]');
  });
});

test('New shows the start view: the examples, recent files and an empty plan with a hint and the way back', async ({ editor, page }) => {
  // A plan file opened earlier, so there is a recent file to show.
  const opened = await editor.plan();
  const path = test.info().outputPath('earlier.vpcplan.json');
  writeFileSync(path, JSON.stringify({ ...opened, name: 'opened earlier' }, null, 2));
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await (await choosing).setFiles(path);
  await expect.poll(async () => (await editor.plan()).name).toBe('opened earlier');

  await page.getByTestId('new').click();
  const start = page.getByTestId('start-view');
  await expect(start).toBeVisible();
  expect(await planIsEmpty(editor)).toBe(true);
  const recent = page.getByTestId('start-recent');
  await expect(recent).toHaveText(['earlier.vpcplan.json']);
  await expect(page.getByTestId('start-example')).toHaveCount(2);
  await expect(page.getByTestId('start-example').first()).toContainText('6 VPCs');
  await expectAccessible(page, '[data-testid=start-view]');
  await editor.screenshot('chrome-start-view');

  await page.getByTestId('start-empty').click();
  await expect(start).toHaveCount(0);
  await expect(page.getByTestId('empty-hint')).toContainText('Start with a VPC');
  await editor.screenshot('chrome-empty-hint');
  await page.getByTestId('show-start').click();
  await page.locator('[data-testid=start-example][data-file="three-tier.vpcplan.json"]').click();
  await expect(start).toHaveCount(0);
  await expect(page).toHaveTitle(/three-tier/);
  expect((await editor.plan()).vpcs).toHaveLength(1);
  await expect(page.getByTestId('empty-hint')).toHaveCount(0);

  // And a recent file reopens from there.
  await page.getByTestId('new').click();
  await page.getByTestId('start-recent').click();
  await expect(start).toHaveCount(0);
  await expect.poll(async () => (await editor.plan()).name).toBe('opened earlier');
  await expect(page).toHaveTitle(/^earlier\.vpcplan\.json/);
});

test("Save asks for a name in the browser, from the plan's name, and says what is wrong with a bad one", async ({ editor, page }) => {
  await page.getByTestId('new').click();
  await page.getByTestId('start-empty').click();
  await page.getByTestId('plan-name').fill('Prod network');
  await page.getByTestId('plan-name').press('Enter');
  await page.getByTestId('add-vpc').click();
  await page.keyboard.press(`${mod}+s`);
  const dialog = page.getByTestId('save-name-dialog');
  await expect(dialog).toBeVisible();
  const input = page.getByTestId('save-name-input');
  await expect(input).toHaveValue('Prod network');
  await expect(input).toBeFocused();
  await expectAccessible(page, '[data-testid=save-name-dialog]');
  await input.fill('prod/net');
  await page.getByTestId('save-name-confirm').click();
  await expect(page.getByTestId('save-name-error')).toHaveText('A file name cannot contain “/”.');
  await page.screenshot({ path: 'e2e/artifacts/chrome-save-name.png' });
  await input.fill('prod-network');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-name-confirm').click()]);
  expect(download.suggestedFilename()).toBe('prod-network.vpcplan.json');
  await expect(page).toHaveTitle(/^prod-network\.vpcplan\.json/);
  // Escape cancels: nothing is downloaded, the work stays unsaved.
  await page.getByTestId('add-tgw').click();
  await page.keyboard.press(`${mod}+Shift+s`);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveTitle(/^● /);
});

test('at 1,000 px nothing disappears: the groups that do not fit are in More; the side panels fold, and stay folded', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  const toolbar = page.getByTestId('toolbar');
  // Two rows at most.
  await expect.poll(() => toolbar.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(90);
  await expect(page.getByTestId('import')).toHaveCount(0);
  await expect(page.getByTestId('add-vpc')).toBeVisible();
  await page.getByTestId('toolbar-more').click();
  for (const id of ['more-import', 'more-export', 'more-compare']) await expect(page.getByTestId(id)).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/chrome-toolbar-1000.png', clip: { x: 0, y: 0, width: 1000, height: 300 } });
  await page.getByTestId('more-import').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  // The menu by keyboard: arrows move, Escape gives the focus back to More.
  await page.getByTestId('toolbar-more').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('more-import')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('more-export')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('toolbar-more')).toBeFocused();

  const canvasWidth = () => page.locator('.canvas-area').evaluate((el) => el.getBoundingClientRect().width);
  const narrow = await canvasWidth();
  await page.getByTestId('fold-left').click();
  await page.getByTestId('fold-right').click();
  await expect(page.getByTestId('rail-left')).toBeVisible();
  await expect(page.getByTestId('rail-right')).toBeVisible();
  expect(await canvasWidth()).toBeGreaterThan(narrow + 400);
  await editor.screenshot('chrome-panels-folded');
  // Enter on a node opens the inspector again, folded or not. (Far out the VPC's header gives
  // way to its name plate, which lets clicks through to the VPC: click its top edge.)
  await editor.node('vpc-dev').click({ position: { x: 6, y: 4 } });
  expect(await selection(page)).toEqual(['vpc-dev']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.getByTestId('fold-right').click();

  await page.reload();
  await expect(page.getByTestId('rail-left')).toBeVisible();
  await expect(page.getByTestId('rail-right')).toBeVisible();
  await page.getByTestId('unfold-left').click();
  await expect(page.getByTestId('tab-findings')).toBeVisible();
});

test.describe('narrow window', () => {
  test.use({ viewport: { width: 800, height: 700 } });
  test('at 800 px the findings panel starts folded so the diagram keeps its room; Import, Export and Compare are in More; VPC names stay whole', async ({
    editor,
    page,
  }) => {
    await expect(page.getByTestId('rail-left')).toBeVisible();
    await expect(page.getByTestId('tab-findings')).toHaveCount(0);
    // The rail still says there is a warning.
    await expect(page.getByTestId('rail-left').locator('.pill-warning')).toHaveText(/^1/);
    await expect(page.getByTestId('inspector')).toBeVisible();
    const canvasWidth = () => page.locator('.canvas-area').evaluate((el) => el.getBoundingClientRect().width);
    expect(await canvasWidth()).toBeGreaterThan(480);
    expect((await page.getByTestId('toolbar').boundingBox())!.height).toBeLessThan(90);
    await page.screenshot({ path: 'e2e/artifacts/chrome-800.png' });

    // Every VPC's name on its plate at the fit zoom: whole, on at most two lines, not broken inside a word.
    await page.evaluate(() => window.__vpcPlanner!.run('zoom-to-fit'));
    for (const vpc of (await editor.plan()).vpcs) {
      const name = page.getByTestId(`vpc-plate-${vpc.id}`).locator('.vpc-plate-name');
      const shown = await name.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        return { cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1, lines, text: el.textContent };
      });
      expect(shown.cut, `${vpc.name} is cut short`).toBe(false);
      // A name of two words (split at its hyphen) takes two lines at most; one word, one line.
      expect(shown.lines, `${vpc.name} on ${shown.lines} lines`).toBeLessThanOrEqual(vpc.name.split('-').length);
    }

    await page.getByTestId('toolbar-more').click();
    for (const id of ['more-import', 'more-export', 'more-compare']) await expect(page.getByTestId(id)).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/chrome-800-more.png' });
    await page.getByTestId('more-compare').click();
    await expect(page.getByTestId('compare-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('compare-dialog')).toHaveCount(0);

    // Opened by hand, it stays open here and when the window widens; narrow again, it starts folded again.
    const folded = await canvasWidth();
    await page.getByTestId('unfold-left').click();
    await expect(page.getByTestId('tab-findings')).toBeVisible();
    expect(await canvasWidth()).toBeLessThan(folded - 150);
    await page.setViewportSize({ width: 1300, height: 800 });
    await expect(page.getByTestId('tab-findings')).toBeVisible();
    await page.setViewportSize({ width: 800, height: 700 });
    await expect(page.getByTestId('rail-left')).toBeVisible();
  });
});
