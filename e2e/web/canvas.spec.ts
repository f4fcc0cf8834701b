/**
 * The canvas as a network engineer uses it: connecting by dropping on a node's body with the
 * valid targets lit, placement of new nodes, semantic zoom, the minimap, automatic layout
 * and route lines.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Editor, expect, test } from './fixtures';

test('connect by body: drop anywhere on a VPC peers it; valid targets are lit while dragging', async ({ editor, page }) => {
  // A large screen, so both VPCs are framed close enough for their subnets to be drawn.
  await page.setViewportSize({ width: 2200, height: 1300 });
  const before = await editor.plan();
  await editor.frame(['vpc-prod', 'vpc-dev']);
  await expect(page.locator('.react-flow')).not.toHaveClass(/zoom-far/);
  const source = editor.node('vpc-prod');
  await source.locator('.vpc-header').hover();
  const from = await editor.center(source.locator('.react-flow__handle-right'));
  // Onto a subnet in the middle of the other VPC: nowhere near its handles.
  const subnet = before.subnets.find((s) => s.vpcId === 'vpc-dev')!;
  const to = await editor.center(editor.node(subnet.id));
  const mouse = page.mouse;
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await mouse.move(to.x, to.y, { steps: 10 });
  await expect(editor.node('vpc-dev')).toHaveClass(/connect-over/);
  await expect(page.getByTestId('connect-hint')).toHaveText('Peer prod-app with dev-app');
  // Already attached: the transit gateway is not a target; a VPC it could peer with is.
  await expect(editor.node('tgw-hub')).toHaveClass(/connect-other/);
  await expect(editor.node('vpc-analytics')).toHaveClass(/connect-target/);
  await editor.screenshot('canvas-connect-drag');
  await mouse.up();
  await expect.poll(async () => (await editor.plan()).peerings.length).toBe(before.peerings.length + 1);
  const peering = (await editor.plan()).peerings.find((p) => !before.peerings.some((b) => b.id === p.id))!;
  expect([peering.requesterVpcId, peering.accepterVpcId]).toEqual(['vpc-prod', 'vpc-dev']);
  await expect(page.locator('.connect-target, .connect-other, .connect-over')).toHaveCount(0);
});

test('connect by body: a drop on a node that cannot take the connection changes nothing and says why', async ({ editor, page }) => {
  const before = await editor.planText();
  await editor.frame(['vpc-prod', 'tgw-hub']);
  const source = editor.node('vpc-prod');
  await source.locator('.vpc-header').hover();
  const from = await editor.center(source.locator('.react-flow__handle-bottom'));
  const to = await editor.center(editor.node('tgw-hub'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await expect(editor.node('tgw-hub')).toHaveClass(/connect-refused/);
  await expect(page.getByTestId('connect-hint')).toContainText('already attached');
  await page.mouse.up();
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'already attached' }).first()).toBeVisible();
  expect(await editor.planText()).toBe(before);
});

test('connect by body at the fit zoom: the handles stay big enough to grab, and a drag from one onto a VPC peers it', async ({ editor, page }) => {
  await fitToView(page);
  expect(await editor.zoom()).toBeLessThan(0.45);
  const before = await editor.plan();
  const source = editor.node('vpc-prod');
  await source.hover({ position: { x: 6, y: 4 } });
  const handle = source.locator('.react-flow__handle-right');
  await expect(handle).toHaveCSS('opacity', '1');
  // The dot drawn for the handle (and grabbed with it): at a quarter of full size a 10 px dot would be under 3 px on screen.
  const zoom = await editor.zoom();
  const dot = await handle.evaluate((el) => parseFloat(getComputedStyle(el, '::before').width));
  expect(dot * zoom).toBeGreaterThanOrEqual(7.9);
  // Grab it off the middle, 3 px out: the dot, not only the handle's own box, takes the pointer.
  const at = await editor.center(handle);
  const to = await editor.center(editor.node('vpc-dev'));
  await editor.drag({ x: at.x + 3, y: at.y - 2 }, to);
  await expect.poll(async () => (await editor.plan()).peerings.length).toBe(before.peerings.length + 1);
  const peering = (await editor.plan()).peerings.at(-1)!;
  expect([peering.requesterVpcId, peering.accepterVpcId]).toEqual(['vpc-prod', 'vpc-dev']);
});

/** Every edge's path sampled on screen, with its two ends. */
async function edgeSamples(page: import('@playwright/test').Page) {
  return page.locator('.react-flow__edge').evaluateAll((els) =>
    els.map((el) => {
      const path = el.querySelector('path.react-flow__edge-path') as SVGPathElement;
      const matrix = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const points: Array<{ x: number; y: number }> = [];
      for (let i = 0; i <= 200; i++) {
        const p = path.getPointAtLength((length * i) / 200);
        points.push({ x: matrix.a * p.x + matrix.c * p.y + matrix.e, y: matrix.b * p.x + matrix.d * p.y + matrix.f });
      }
      const id = el.getAttribute('data-id')!;
      return { id, points };
    }),
  );
}

/** Top-level boxes on screen, by id. */
async function topBoxes(page: import('@playwright/test').Page) {
  return page.locator('.react-flow__node-vpc, .react-flow__node-tgw, .react-flow__node-serviceNetwork, .react-flow__node-external').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id')!, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

test('automatic layout routes every connection orthogonally around the VPCs it does not join', async ({ editor, page }) => {
  await page.getByTestId('auto-layout').click();
  await expect(page.locator('.edge-label[data-routed="true"]').first()).toBeAttached();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const plan = await editor.plan();
  const ends = new Map<string, [string, string]>();
  for (const p of plan.peerings) ends.set(p.id, [p.requesterVpcId, p.accepterVpcId]);
  for (const t of plan.transitGateways) for (const a of t.attachments) ends.set(a.id, [t.id, a.vpcId ?? a.externalNetworkId ?? a.peerTransitGatewayId ?? '']);
  for (const n of plan.serviceNetworks) for (const v of n.vpcIds) ends.set(`assoc:${n.id}:${v}`, [n.id, v]);
  const boxes = await topBoxes(page);
  const edges = await edgeSamples(page);
  expect(edges.length).toBe(ends.size);
  // Every edge is drawn on its ELK route (all labels routed).
  await expect(page.locator('.edge-label:not([data-routed])')).toHaveCount(0);
  const crossings: string[] = [];
  for (const edge of edges) {
    const [a, b] = ends.get(edge.id)!;
    for (const box of boxes) {
      if (box.id === a || box.id === b) continue;
      const inside = edge.points.filter((p) => p.x > box.x + 1 && p.x < box.x + box.width - 1 && p.y > box.y + 1 && p.y < box.y + box.height - 1);
      if (inside.length) crossings.push(`${edge.id} crosses ${box.id}`);
    }
    // Orthogonal: consecutive samples move along one axis (corners are rounded, so allow a few).
    let diagonal = 0;
    for (let i = 1; i < edge.points.length; i++) {
      const dx = Math.abs(edge.points[i]!.x - edge.points[i - 1]!.x);
      const dy = Math.abs(edge.points[i]!.y - edge.points[i - 1]!.y);
      if (dx > 0.3 && dy > 0.3) diagonal++;
    }
    expect(diagonal, `${edge.id} runs along the axes`).toBeLessThan(40);
  }
  expect(crossings).toEqual([]);
  await editor.screenshot('canvas-auto-layout');
  // Moving a box retires the routes at its edges (they fall back to curves); the others stay routed.
  const shared = editor.node('vpc-shared');
  const header = await editor.center(shared.locator('.vpc-header'));
  await editor.drag(header, { x: header.x + 60, y: header.y + 40 });
  await expect.poll(async () => (await editor.plan()).layout.nodes['vpc-shared']).not.toEqual(plan.layout.nodes['vpc-shared']);
  await expect(page.getByTestId('edge-label-pcx-shared-legacy')).not.toHaveAttribute('data-routed');
  await expect(page.getByTestId('edge-label-tgw-att-prod')).toHaveAttribute('data-routed', 'true');
});

/** Zoom to fit, as the F key does, and let the fit settle. */
async function fitToView(page: import('@playwright/test').Page) {
  await page.evaluate(() => window.__vpcPlanner!.run('zoom-to-fit'));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
}

/** Every piece of text drawn on the canvas (nodes and edge labels) with its size on screen. */
async function textOnScreen(page: import('@playwright/test').Page) {
  return page.locator('.react-flow__viewport').evaluate((viewport) => {
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const out: Array<{ text: string; px: number }> = [];
    const walker = document.createTreeWalker(viewport.parentElement!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element?.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Edge labels sit in their own layer under the same transform as the nodes.
      out.push({ text, px: parseFloat(getComputedStyle(element).fontSize) * zoom });
    }
    return out;
  });
}

test('readable at the example’s fit zoom: every word on the canvas is at least 11 px, and VPC names are large and whole', async ({ editor, page }) => {
  await fitToView(page);
  const zoom = await editor.zoom();
  expect(zoom).toBeLessThan(0.45);
  await expect(page.locator('.react-flow')).toHaveClass(/zoom-far/);
  const texts = await textOnScreen(page);
  expect(texts.length).toBeGreaterThan(10);
  expect(texts.filter((t) => t.px < 10.9)).toEqual([]);
  const plan = await editor.plan();
  for (const vpc of plan.vpcs) {
    const name = page.getByTestId(`vpc-plate-${vpc.id}`).locator('.vpc-plate-name');
    await expect(name).toBeVisible();
    const { px, cut } = await name.evaluate((el) => ({
      px: parseFloat(getComputedStyle(el).fontSize),
      cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
    }));
    // Larger than any other word (12 to 16 px, sized to fit its box), and whole.
    expect(px * zoom).toBeGreaterThanOrEqual(12);
    expect(cut, `${vpc.name} is cut short`).toBe(false);
    await expect(page.getByTestId(`vpc-plate-${vpc.id}`).locator('.vpc-plate-blocks')).toContainText(vpc.ipv4Cidrs[0]!);
  }
  // Far out the subnets are plain cells, their words hidden; zooming in brings the words back.
  await expect(page.locator('.react-flow__node-subnet').first()).toBeVisible();
  await expect(page.locator('.subnet-name').first()).toBeHidden();
  await editor.screenshot('canvas-fit-zoom');
  await editor.frame(['vpc-prod']);
  await expect(page.locator('.vpc-plate')).toHaveCount(0);
  await expect(editor.node('sn-prod-app-a').locator('.subnet-name')).toBeVisible();
  const closer = await textOnScreen(page);
  expect(closer.filter((t) => t.px < 10.9).map((t) => t.text)).toEqual([]);
  await editor.screenshot('canvas-zoomed-in');
});

test('the minimap and the zoom buttons never cover the fitted plan', async ({ editor: _editor, page }) => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1000, height: 700 },
    { width: 1700, height: 800 },
    { width: 800, height: 650 },
  ]) {
    await page.setViewportSize(size);
    await fitToView(page);
    const corner = [await page.locator('.react-flow__minimap').boundingBox(), await page.locator('.react-flow__controls').boundingBox()];
    for (const box of await topBoxes(page)) {
      for (const c of corner) {
        expect(c).not.toBeNull();
        const overlaps = box.x < c!.x + c!.width && c!.x < box.x + box.width && box.y < c!.y + c!.height && c!.y < box.y + box.height;
        expect(overlaps, `${box.id} under the corner at ${size.width}x${size.height}`).toBe(false);
      }
    }
  }
});

/**
 * The engineer's journey from the issue: from an empty plan to two peered VPCs on a transit
 * gateway with a Lattice service network, counting every action (key presses, drags, clicks,
 * picks). Every new node must land in sight, on no box and on no connection.
 */
/**
 * The engineer at the keyboard and mouse, counting every action: a key press is one, a drag
 * one, a pick from a list three (open it, choose, press its button).
 */
class Engineer {
  actions = 0;
  constructor(
    readonly editor: Editor,
    readonly page: Page,
  ) {}

  settle() {
    return this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async key(keys: string) {
    this.actions++;
    await this.page.keyboard.press(keys);
  }

  /** Drag from the source's handle nearest the target onto the middle of the target's body. */
  async connectByDrag(source: string, target: string) {
    this.actions++;
    const to = await this.editor.center(this.editor.node(target));
    const handles = await this.editor
      .node(source)
      .locator('.react-flow__handle')
      .evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }),
      );
    const from = handles.sort((a, b) => Math.hypot(a.x - to.x, a.y - to.y) - Math.hypot(b.x - to.x, b.y - to.y))[0]!;
    await this.editor.drag(from, to);
    await this.settle();
  }

  /** Open the list, choose, press its button. */
  async pick(testId: string, label: string) {
    this.actions += 3;
    await this.page.getByTestId(testId).selectOption({ label });
    await this.page.getByTestId(`${testId}-go`).click();
    await this.settle();
  }

  async topIds() {
    const plan = await this.editor.plan();
    return new Set([...plan.vpcs, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id));
  }

  /** Press the key that adds a node; the one new top-level id. */
  async add(keys: string): Promise<string> {
    const before = await this.topIds();
    await this.key(keys);
    const ids = [...(await this.topIds())].filter((id) => !before.has(id));
    expect(ids).toHaveLength(1);
    return ids[0]!;
  }

  /** The new node is on screen, clear of the minimap corner, of every other box and of every edge as drawn. */
  async expectLandedClear(id: string) {
    const { page } = this;
    await this.settle();
    const node = this.editor.node(id);
    await expect(node).toBeVisible();
    const box = (await node.boundingBox())!;
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const inSight = box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height;
    expect(inSight, `${id} in sight`).toBe(true);
    const others = [
      await page.locator('.react-flow__minimap').boundingBox(),
      await page.locator('.react-flow__controls').boundingBox(),
      ...(await topBoxes(page)),
    ];
    for (const other of others) {
      if (!other || ('id' in other && other.id === id)) continue;
      const overlaps = box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height;
      expect(overlaps, `${id} on ${'id' in other ? other.id : 'the minimap corner'}`).toBe(false);
    }
    for (const edge of await edgeSamples(page)) {
      const on = edge.points.filter((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height);
      expect(on, `${id} on the edge ${edge.id}`).toEqual([]);
    }
  }
}

test('journey: empty plan to two peered VPCs on a transit gateway with a service network in under 25 actions', async ({ editor, page }) => {
  const engineer = new Engineer(editor, page);

  await engineer.key('Alt+N');
  await expect.poll(async () => (await editor.plan()).vpcs.length).toBe(0);
  // The start view, its first choice (an empty plan) focused: Enter takes it and puts the focus on the diagram.
  await expect(page.getByTestId('start-empty')).toBeFocused();
  await engineer.key('Enter');
  await expect(page.getByTestId('start-view')).toHaveCount(0);
  await expect(page.locator('.canvas-area')).toBeFocused();

  const first = await engineer.add('v');
  await engineer.expectLandedClear(first);
  const second = await engineer.add('v');
  await engineer.expectLandedClear(second);
  await editor.screenshot('journey-two-vpcs');
  await engineer.connectByDrag(second, first);
  await expect.poll(async () => (await editor.plan()).peerings.length).toBe(1);

  // The peering is selected: the transit gateway goes beside it, off its line.
  const tgw = await engineer.add('t');
  await engineer.expectLandedClear(tgw);
  await engineer.connectByDrag(tgw, first);
  await engineer.connectByDrag(tgw, second);
  await expect.poll(async () => (await editor.plan()).transitGateways[0]!.attachments.length).toBe(2);
  await editor.screenshot('journey-tgw');

  const network = await engineer.add('l');
  await engineer.expectLandedClear(network);
  // The new service network is selected: associate both VPCs from its inspector.
  const names = new Map((await editor.plan()).vpcs.map((v) => [v.id, v.name]));
  await engineer.pick('connect-associate', names.get(first)!);
  await engineer.pick('connect-associate', names.get(second)!);

  const plan = await editor.plan();
  expect(plan.vpcs).toHaveLength(2);
  expect(plan.peerings.map((p) => new Set([p.requesterVpcId, p.accepterVpcId]))).toEqual([new Set([first, second])]);
  expect(plan.transitGateways[0]!.attachments.map((a) => a.vpcId).sort()).toEqual([first, second].sort());
  expect(plan.serviceNetworks[0]!.vpcIds.sort()).toEqual([first, second].sort());
  await expect(page.getByTestId('connections').getByTestId('connection')).toHaveCount(2);
  await editor.screenshot('journey-done');
  // Every connection's label can be read: none lies on another (two connections from one hub to neighbouring VPCs put theirs in one place).
  const labels = await page
    .locator('.edge-label')
    .evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-testid')!, ...JSON.parse(JSON.stringify(el.getBoundingClientRect())) })));
  expect(labels).toHaveLength(5);
  const hits: string[] = [];
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) hits.push(`${a.id} on ${b.id}`);
    }
  }
  expect(hits).toEqual([]);
  expect(engineer.actions).toBeLessThan(25);
  test.info().annotations.push({ type: 'actions', description: String(engineer.actions) });
});

test('placement: new nodes beside whatever is selected land in sight, on no box and on no connection', async ({ editor, page }) => {
  const engineer = new Engineer(editor, page);
  await page.locator('.react-flow__pane').focus();
  // Beside a peering (the case: the TGW went onto the peering line), a VPC, a subnet, a hub, and nothing.
  for (const [selection, keys] of [
    [['pcx-shared-legacy'], 't'],
    [['pcx-shared-legacy'], 'l'],
    [['vpc-dev'], 'v'],
    [['sn-prod-app-a'], 'e'],
    [['tgw-hub'], 't'],
    [[], 'v'],
  ] as const) {
    await editor.select([...selection]);
    await page.locator('.react-flow__pane').focus();
    const id = await engineer.add(keys);
    await engineer.expectLandedClear(id);
  }
  await editor.screenshot('canvas-placement');
});

test('inspector: "Peer with…" makes the peering, the connection list shows it, and Go to selects and shows the far end', async ({ editor, page }) => {
  await editor.select(['vpc-dev']);
  const before = await editor.plan();
  // Going through the list with the keyboard makes nothing: the button does.
  await page.getByTestId('connect-peer').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect((await editor.plan()).peerings).toHaveLength(before.peerings.length);
  await page.getByTestId('connect-peer').selectOption({ label: 'partner-analytics' });
  expect((await editor.plan()).peerings).toHaveLength(before.peerings.length);
  await expect(page.getByTestId('connect-peer-go')).toHaveAccessibleName('Peer partner-analytics');
  await page.getByTestId('connect-peer-go').click();
  const plan = await editor.plan();
  expect(plan.peerings).toHaveLength(before.peerings.length + 1);
  // The list is back to its prompt, its button off.
  await expect(page.getByTestId('connect-peer')).toHaveValue('');
  await expect(page.getByTestId('connect-peer-go')).toBeDisabled();
  const peering = plan.peerings.find((p) => [p.requesterVpcId, p.accepterVpcId].sort().join() === ['vpc-analytics', 'vpc-dev'].sort().join());
  expect(peering).toBeDefined();
  // The VPC stays selected, and now lists the peering with its attachment.
  expect(await page.evaluate(() => window.__vpcPlanner!.getSelection())).toEqual(['vpc-dev']);
  const list = page.getByTestId('connections');
  await expect(list.locator('[data-kind="peering"]')).toContainText('Peering with partner-analytics');
  await expect(list.locator('[data-kind="attachment"]')).toContainText('tgw-hub');
  // Each row names what joins them, and selects it: here the transit gateway attachment.
  const via = list.locator('[data-kind="attachment"]').getByTestId('connection-via');
  await expect(via).toHaveText('attachment');
  await expect(via).toHaveAccessibleName('Select the attachment to tgw-hub');
  await via.click();
  expect(await page.evaluate(() => window.__vpcPlanner!.getSelection())).toEqual(['tgw-att-dev']);
  await expect(page.getByTestId('attachment-kind')).toHaveText('A VPC attachment on tgw-hub.');
  await editor.select(['vpc-dev']);
  // The connections and pickers pass axe (the links keep 4.5:1 on the rows' tint).
  const axe = await new AxeBuilder({ page }).include('[data-testid=inspector]').analyze();
  expect(axe.passes.length).toBeGreaterThan(0);
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Already peered: partner-analytics is no longer offered.
  await expect(page.getByTestId('connect-peer').locator('option', { hasText: 'partner-analytics' })).toHaveCount(0);
  await list.locator('[data-other="vpc-analytics"]').getByTestId('connection-go').click();
  expect(await page.evaluate(() => window.__vpcPlanner!.getSelection())).toEqual(['vpc-analytics']);
  await expect(page.getByTestId('inspector').getByRole('heading', { level: 2 })).toHaveText('partner-analytics');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const box = (await editor.node('vpc-analytics').boundingBox())!;
  const pane = (await page.locator('.react-flow').boundingBox())!;
  expect(box.x >= pane.x && box.x + box.width <= pane.x + pane.width && box.y >= pane.y && box.y + box.height <= pane.y + pane.height).toBe(true);
});

test("route lines: the selected subnet's routes drawn to the internet gateway, the transit gateway and a peer; a route table draws all its subnets", async ({
  editor,
  page,
}) => {
  const lines = page.getByTestId('route-line');
  const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await editor.select(['sn-egress-pub-a']);
  await page.locator('.react-flow__pane').focus();
  await page.keyboard.press('r');
  await expect(page.getByTestId('route-lines-toggle')).toHaveAttribute('aria-pressed', 'true');
  await editor.frame(['vpc-egress', 'tgw-hub']);
  await settle();
  // A public subnet: 0.0.0.0/0 to the internet gateway (out of the top of its VPC), 10/8 and 172.16/12 to the hub.
  await expect(lines).toHaveCount(2);
  await expect(page.locator('[data-testid="route-line"][data-target="internet-gateway"]')).toHaveCount(1);
  const toHub = page.locator('[data-testid="route-line"][data-end="tgw-hub"]');
  await expect(toHub).toHaveCount(1);
  await expect(page.getByTestId('route-line-label').filter({ hasText: '10.0.0.0/8, 172.16.0.0/12 → transit gateway' })).toHaveCount(1);
  await expect(page.getByTestId('route-line-label').filter({ hasText: '0.0.0.0/0 → internet gateway' })).toHaveCount(1);
  // The line ends on the hub's border, and the internet line above its VPC.
  const end = async (locator: import('@playwright/test').Locator) =>
    locator.evaluate((path: SVGPathElement) => {
      const p = path.getPointAtLength(path.getTotalLength());
      const m = path.getScreenCTM()!;
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
    });
  const hub = (await editor.node('tgw-hub').boundingBox())!;
  const hubEnd = await end(toHub);
  expect(hubEnd.x).toBeGreaterThanOrEqual(hub.x - 3);
  expect(hubEnd.x).toBeLessThanOrEqual(hub.x + hub.width + 3);
  expect(
    Math.min(Math.abs(hubEnd.y - hub.y), Math.abs(hubEnd.y - hub.y - hub.height), Math.abs(hubEnd.x - hub.x), Math.abs(hubEnd.x - hub.x - hub.width)),
  ).toBeLessThan(3);
  const egress = (await editor.node('vpc-egress').boundingBox())!;
  expect((await end(page.locator('[data-testid="route-line"][data-target="internet-gateway"]'))).y).toBeLessThan(egress.y);
  await editor.screenshot('canvas-route-lines-subnet');

  // A subnet of the shared VPC: the peering route ends at the peer VPC.
  const shared = (await editor.plan()).subnets.find((s) => s.vpcId === 'vpc-shared')!;
  await editor.select([shared.id]);
  await expect(page.locator('[data-testid="route-line"][data-target="peering"]')).toHaveAttribute('data-end', 'vpc-legacy');

  // The prod private route table: every subnet that follows it, to the hub and (IPv6) out of the VPC.
  await editor.select(['rt-prod-private']);
  const following = (await editor.plan()).subnets.filter((s) => s.routeTableId === 'rt-prod-private').length;
  await expect(page.locator('[data-testid="route-line"][data-end="tgw-hub"]')).toHaveCount(following);
  await expect(page.locator('[data-testid="route-line"][data-target="egress-only-gateway"]')).toHaveCount(following);
  // One label per thing said, not one per subnet.
  await expect(page.getByTestId('route-line-label')).toHaveCount(2);
  await editor.frame(['vpc-prod', 'tgw-hub']);
  await settle();
  await editor.screenshot('canvas-route-lines-table');

  // Nothing with routes selected: a hint; R again: off.
  await editor.select([]);
  await expect(lines).toHaveCount(0);
  await expect(page.getByText('Select a subnet or a route table to see where its routes go.')).toBeVisible();
  await page.locator('.react-flow__pane').focus();
  await page.keyboard.press('r');
  await expect(page.getByTestId('route-lines-toggle')).toHaveAttribute('aria-pressed', 'false');
  await editor.select(['sn-egress-pub-a']);
  await expect(lines).toHaveCount(0);
});
