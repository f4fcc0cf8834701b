/**
 * The editor in depth: route tables, TGW associations, NAT demand, multi-select, the File
 * menu's recent list and the changed-on-disk prompt. Asserts on the plan and the engine's
 * findings through window.__vpcPlanner; screenshots go to e2e/artifacts/more-*.png.
 */
import { writeFile } from 'node:fs/promises';
import { test, expect, type Editor } from './fixtures';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function history(editor: Editor) {
  return editor.page.evaluate(() => window.__vpcPlanner!.history());
}
async function missingTargets(editor: Editor, tableId: string) {
  return (await editor.findings()).filter((f) => f.code === 'routing/missing-target' && f.subjects.includes(tableId));
}

test('route table: add a route in the inspector, see a missing target reported, fix it', async ({ editor, page }) => {
  await editor.select(['sn-shared-a']);
  const table = page.getByTestId('route-table');
  await expect(table).toHaveAttribute('data-id', 'rt-shared-private');
  await expect(page.getByTestId('route')).toHaveCount(3);
  expect(await missingTargets(editor, 'rt-shared-private')).toEqual([]);

  // The destination is checked by the engine's parser as it is typed; Add waits for a valid block.
  const destination = page.getByTestId('route-new-destination');
  await destination.fill('10.100.0.0/33');
  await expect(page.getByTestId('route-new-destination-error')).toBeVisible();
  await expect(page.getByTestId('route-new-add')).toBeDisabled();
  await destination.fill('10.100.0.0/16');
  await expect(page.getByTestId('route-new-destination-error')).toHaveCount(0);
  // Only this VPC's targets are offered: its peering and the transit gateway it is attached to.
  const offered = await page
    .getByTestId('route-new-target')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(['local|', 'peering|pcx-shared-legacy', 'transit-gateway|tgw-hub']);
  await page.getByTestId('route-new-target').selectOption('transit-gateway|tgw-hub');
  const before = await history(editor);
  await page.getByTestId('route-new-add').click();
  let routes = (await editor.plan()).routeTables.find((t) => t.id === 'rt-shared-private')!.routes;
  expect(routes.at(-1)).toEqual({ destination: '10.100.0.0/16', target: 'transit-gateway', targetId: 'tgw-hub' });
  expect((await history(editor)).undo).toBe(before.undo + 1);

  // Detach the VPC from the transit gateway: its routes to it now point at a missing target.
  await editor.select(['tgw-att-shared']);
  await page.getByTestId('inspector-delete').click();
  await expect.poll(async () => (await missingTargets(editor, 'rt-shared-private')).length).toBe(2);
  await editor.select(['sn-shared-a']);
  await expect(page.getByTestId('route-table-findings').locator('[data-code="routing/missing-target"]')).toHaveCount(2);
  await expect(page.getByTestId('route-target-3')).toHaveAttribute('aria-invalid', 'true');
  await editor.screenshot('more-route-missing-target');

  // Fix it in the inspector: the new route goes over the peering, the default route goes.
  await page.getByTestId('route-target-3').selectOption('peering|pcx-shared-legacy');
  const defaultIndex = routes.findIndex((r) => r.destination === '0.0.0.0/0');
  await page.getByTestId(`route-remove-${defaultIndex}`).click();
  await expect.poll(async () => (await missingTargets(editor, 'rt-shared-private')).length).toBe(0);
  await expect(page.locator('[data-testid=route-table-findings] [data-code="routing/missing-target"]')).toHaveCount(0);
  routes = (await editor.plan()).routeTables.find((t) => t.id === 'rt-shared-private')!.routes;
  expect(routes.find((r) => r.destination === '10.100.0.0/16')).toEqual({ destination: '10.100.0.0/16', target: 'peering', targetId: 'pcx-shared-legacy' });
  expect(routes.some((r) => r.destination === '0.0.0.0/0')).toBe(false);

  // A new table for a subnet, then the engine's derived routes written into it (one undo step each).
  await editor.select(['sn-analytics-a']);
  await page.getByTestId('route-table-new').click();
  const plan = await editor.plan();
  const newTableId = plan.subnets.find((s) => s.id === 'sn-analytics-a')!.routeTableId!;
  expect(plan.routeTables.find((t) => t.id === newTableId)).toMatchObject({ vpcId: 'vpc-analytics', routes: [] });
  const steps = (await history(editor)).undo;
  await page.getByTestId('route-table-derive').click();
  const derived = (await editor.plan()).routeTables.find((t) => t.id === newTableId)!.routes;
  expect(derived).toContainEqual({ destination: '10.1.0.0/16', target: 'local' });
  expect((await history(editor)).undo).toBe(steps + 1);
  await expect(page.getByTestId('route-table-derive')).toBeDisabled();
  await editor.screenshot('more-route-table');
});

test("changing a TGW attachment's association changes reachability", async ({ editor, page }) => {
  await page.getByTestId('tab-reach').click();
  await page.getByTestId('reach-from').selectOption('sn-prod-app-a');
  await page.getByTestId('reach-to').selectOption('sn-shared-a');
  const result = page.getByTestId('reach-result');
  await expect(result).toContainText('Reachable');

  await editor.select(['tgw-hub']);
  const matrix = page.getByTestId('tgw-matrix');
  await expect(matrix).toBeVisible();
  await expect(page.getByTestId('tgw-assoc-tgw-att-shared-tgw-rtb-shared')).toBeChecked();
  await page.getByTestId('tgw-assoc-tgw-att-shared-tgw-rtb-spokes').check();
  const attachment = (await editor.plan()).transitGateways[0]!.attachments.find((a) => a.id === 'tgw-att-shared')!;
  expect(attachment.associatedRouteTableId).toBe('tgw-rtb-spokes');
  // Replies from shared now follow the spokes table, whose 10/8 blackhole drops them.
  await expect(result).toContainText('Not reachable');
  await expect(page.getByTestId('reach-reason')).not.toBeEmpty();
  await editor.screenshot('more-tgw-association');

  // Propagation checkboxes edit the same attachment; undo brings the association back.
  await page.getByTestId('tgw-prop-tgw-att-shared-tgw-rtb-shared').uncheck();
  expect((await editor.plan()).transitGateways[0]!.attachments.find((a) => a.id === 'tgw-att-shared')!.propagatedRouteTableIds).toEqual(['tgw-rtb-spokes']);
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(result).toContainText('Reachable, and the replies come back');

  // A blackhole route added to a TGW table.
  await page.getByTestId('tgw-route-new-destination-tgw-rtb-shared').fill('10.200.0.0/16');
  await page.getByTestId('tgw-route-new-tgw-rtb-shared').locator('select').selectOption('__blackhole');
  await page.getByTestId('tgw-route-new-add-tgw-rtb-shared').click();
  const table = (await editor.plan()).transitGateways[0]!.routeTables.find((t) => t.id === 'tgw-rtb-shared')!;
  expect(table.routes.at(-1)).toEqual({ destination: '10.200.0.0/16', kind: 'blackhole' });
});

test('NAT demand: the gauge and the finding follow the numbers (warning, error, none)', async ({ editor, page }) => {
  const natFinding = async () => (await editor.findings()).find((f) => f.code.startsWith('nat/capacity') && f.subjects.includes('nat-egress-a'))?.severity;
  expect(await natFinding()).toBe('warning');
  await editor.select(['nat-egress-a']);
  await expect(page.locator('[data-testid=nat-capacity] .gauge')).toHaveClass(/gauge-high/);

  await page.getByTestId('nat-instances').fill('500');
  await page.getByTestId('nat-instances').press('Enter');
  await expect.poll(natFinding).toBe('error');
  await expect(page.locator('[data-testid=nat-capacity] .gauge')).toHaveClass(/gauge-over/);
  await editor.screenshot('more-nat-over');

  // Shares may not add up to more than 100 %: the engine says so, and nothing is written.
  await page.getByTestId('nat-share-0').fill('95');
  await expect(page.getByTestId('nat-share-0-error')).toContainText('105');
  await page.getByTestId('nat-share-0').press('Enter');
  expect((await editor.plan()).natGateways[0]!.demand!.destinations[0]!.share).toBe(90);

  await page.getByTestId('nat-share-0').fill('40');
  await page.getByTestId('nat-share-0').press('Enter');
  await expect.poll(natFinding).toBeUndefined();
  await expect(page.locator('[data-testid=nat-capacity] .gauge')).toHaveClass(/gauge-ok/);
  await expect(page.getByTestId('nat-share-free')).toContainText('50 %');
});

test('multi-select: shift-click and shift-drag box, group move as one undo step', async ({ editor, page }) => {
  await editor.frame(['vpc-dev', 'vpc-shared']);
  const before = (await editor.plan()).layout.nodes;
  const dev = await editor.center(editor.node('vpc-dev').locator('.vpc-header'));
  const shared = await editor.center(editor.node('vpc-shared').locator('.vpc-header'));
  await page.mouse.click(dev.x, dev.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(shared.x, shared.y);
  await page.keyboard.up('Shift');
  expect((await page.evaluate(() => window.__vpcPlanner!.getSelection())).sort()).toEqual(['vpc-dev', 'vpc-shared']);

  const steps = (await history(editor)).undo;
  await editor.drag(dev, { x: dev.x + 90, y: dev.y + 40 });
  const after = (await editor.plan()).layout.nodes;
  const delta = (id: string) => ({ x: after[id]!.x - before[id]!.x, y: after[id]!.y - before[id]!.y });
  expect(delta('vpc-dev').x).toBeGreaterThan(10);
  expect(delta('vpc-shared')).toEqual(delta('vpc-dev'));
  expect(after['vpc-prod']).toEqual(before['vpc-prod']);
  expect((await history(editor)).undo).toBe(steps + 1);
  await editor.screenshot('more-group-move');
  await page.getByTestId('undo').click();
  const undone = (await editor.plan()).layout.nodes;
  expect(undone['vpc-dev']).toEqual(before['vpc-dev']);
  expect(undone['vpc-shared']).toEqual(before['vpc-shared']);

  // Box selection: shift-drag over empty canvas around both VPCs.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  expect(await page.evaluate(() => window.__vpcPlanner!.getSelection())).toEqual([]);
  await editor.frame(['vpc-dev', 'vpc-shared']);
  const a = (await editor.node('vpc-dev').boundingBox())!;
  const b = (await editor.node('vpc-shared').boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const left = Math.max(pane.x + 2, Math.min(a.x, b.x) - 8);
  const top = Math.max(pane.y + 2, Math.min(a.y, b.y) - 8);
  const right = Math.min(pane.x + pane.width - 2, Math.max(a.x + a.width, b.x + b.width) + 8);
  const bottom = Math.min(pane.y + pane.height - 2, Math.max(a.y + a.height, b.y + b.height) + 8);
  await page.keyboard.down('Shift');
  await editor.drag({ x: left, y: top }, { x: right, y: bottom });
  await page.keyboard.up('Shift');
  const boxed = await page.evaluate(() => window.__vpcPlanner!.getSelection());
  expect(boxed).toEqual(expect.arrayContaining(['vpc-dev', 'vpc-shared']));
});

test('File menu: a file opened earlier reopens from Open recent, asking about unsaved work first', async ({ editor, page }) => {
  const plan = await editor.plan();
  const text = JSON.stringify({ ...plan, name: 'reopened plan', layout: plan.layout }, null, 2);
  const path = test.info().outputPath('recent.vpcplan.json');
  await writeFile(path, text);

  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-recent').click();
  await expect(page.getByTestId('recent-empty')).toBeVisible();
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('file-open').click();
  await (await choosing).setFiles(path);
  await expect.poll(async () => (await editor.plan()).name).toBe('reopened plan');

  await page.getByTestId('add-tgw').click();
  await expect(page).toHaveTitle(/^● /);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-recent').hover();
  const item = page.getByTestId('recent-item').filter({ hasText: 'recent.vpcplan.json' });
  await expect(item).toBeVisible();
  await editor.screenshot('more-file-menu');
  await item.click();
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await page.getByTestId('confirm-discard').click();
  await expect.poll(async () => (await editor.plan()).transitGateways.length).toBe(plan.transitGateways.length);
  await expect(page).not.toHaveTitle(/●/);
  await expect(page.getByTestId('document-name')).toContainText('recent.vpcplan.json');
  // Escape closes the menu.
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('file-menu-items')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('file-menu-items')).toHaveCount(0);
});

test('a file changed on disk since it was opened: Save asks, Cancel keeps it, Overwrite writes', async ({ editor, page }) => {
  const plan = await editor.plan();
  // A File System Access file whose disk copy the test can change behind the editor's back.
  await page.evaluate(
    (initial) => {
      const disk = { text: initial, mtime: 1000, writes: 0 };
      (window as unknown as { __disk: typeof disk }).__disk = disk;
      const handle = {
        kind: 'file',
        name: 'disk.vpcplan.json',
        getFile: async () => new File([disk.text], 'disk.vpcplan.json', { lastModified: disk.mtime }),
        createWritable: async () => {
          let next = '';
          return {
            write: async (t: string) => {
              next = t;
            },
            close: async () => {
              disk.text = next;
              disk.mtime += 1;
              disk.writes += 1;
            },
          };
        },
      };
      (window as unknown as { showOpenFilePicker: () => Promise<unknown[]> }).showOpenFilePicker = async () => [handle];
    },
    JSON.stringify({ ...plan, name: 'on disk' }),
  );
  await page.getByTestId('open').click();
  await expect.poll(async () => (await editor.plan()).name).toBe('on disk');

  await page.getByTestId('add-tgw').click();
  await page.evaluate(() => {
    (window as unknown as { __disk: { mtime: number } }).__disk.mtime = 5000;
  });
  await page.keyboard.press(`${mod}+s`);
  const dialog = page.getByTestId('overwrite-dialog');
  await expect(dialog).toContainText('The file changed on disk since you opened it.');
  await editor.screenshot('more-changed-on-disk');
  await page.getByTestId('overwrite-cancel').click();
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __disk: { writes: number } }).__disk.writes)).toBe(0);
  await expect(page).toHaveTitle(/^● /);

  await page.keyboard.press(`${mod}+s`);
  await page.getByTestId('overwrite-confirm').click();
  await expect(page).not.toHaveTitle(/●/);
  const written = await page.evaluate(() => (window as unknown as { __disk: { text: string; writes: number } }).__disk);
  expect(written.writes).toBe(1);
  expect(JSON.parse(written.text).transitGateways).toHaveLength(plan.transitGateways.length + 1);
  // Saved again without another program in between: no question.
  await page.getByTestId('add-tgw').click();
  await page.keyboard.press(`${mod}+s`);
  await expect(page).not.toHaveTitle(/●/);
  await expect(dialog).toHaveCount(0);
});
