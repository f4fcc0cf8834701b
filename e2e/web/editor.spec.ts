import { readFile } from 'node:fs/promises';
import { cidr, overlaps } from '../../shared/cidr';
import { parsePlanText } from '../../shared/plan/load';
import { test, expect, type Editor } from './fixtures';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function addSubnet(editor: Editor, az: string, tier: string, prefix: number) {
  const page = editor.page;
  await page.getByTestId('add-subnet').click();
  const dialog = page.getByTestId('add-subnet-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('add-subnet-prefix').selectOption(String(prefix));
  await page.getByTestId('add-subnet-az').selectOption(az);
  await page.getByTestId('add-subnet-tier').selectOption(tier);
  await expect(page.getByTestId('add-subnet-proposal')).toContainText(`/${prefix}`);
  await page.getByTestId('add-subnet-confirm').click();
  await expect(dialog).toHaveCount(0);
}

test('starts on the bundled example: VPCs on the canvas, findings listed', async ({ editor, page }) => {
  const plan = await editor.plan();
  expect(plan.vpcs.length).toBeGreaterThanOrEqual(5);
  for (const vpc of plan.vpcs) await expect(editor.node(vpc.id)).toBeVisible();
  await expect(editor.node(plan.transitGateways[0]!.id)).toBeVisible();
  const findings = await editor.findings();
  expect(findings.length).toBeGreaterThan(0);
  // The panel shows every finding of the open groups, and the counts of all of them.
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (warnings > 0) await expect(page.getByTestId('count-warning')).toHaveText(String(warnings));
  await expect(page.getByTestId('finding').first()).toBeVisible();
  await expect(page).toHaveTitle(/hub-and-spoke/);
  await expect(page).not.toHaveTitle(/●/);
  // The CSP from shared/security-policy.ts is in the page.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);
  await editor.screenshot('01-example');
  await editor.frame(['vpc-prod', 'vpc-egress']);
  await editor.screenshot('02-example-zoomed');
});

test('clicking a finding selects and frames its subjects', async ({ editor, page }) => {
  const first = page.getByTestId('finding').first();
  const code = await first.getAttribute('data-code');
  const finding = (await editor.findings()).find((f) => f.code === code)!;
  const zoomBefore = await editor.zoom();
  await first.click();
  await expect.poll(() => editor.zoom()).toBeGreaterThan(zoomBefore);
  const selection = await page.evaluate(() => window.__vpcPlanner!.getSelection());
  expect(selection.length).toBeGreaterThan(0);
  expect(finding.subjects).toEqual(expect.arrayContaining(selection));
  await expect(page.getByTestId('inspector')).toBeVisible();
});

test('add a VPC and three subnets in two AZs', async ({ editor, page }) => {
  const before = await editor.plan();
  await page.getByTestId('add-vpc').click();
  const afterVpc = await editor.plan();
  expect(afterVpc.vpcs).toHaveLength(before.vpcs.length + 1);
  const vpc = afterVpc.vpcs.find((v) => !before.vpcs.some((b) => b.id === v.id))!;
  await expect(editor.node(vpc.id)).toBeVisible();
  // The proposal is a /16 that overlaps no VPC and no on-premises range.
  const block = cidr(vpc.ipv4Cidrs[0]!);
  expect(block.prefix).toBe(16);
  for (const other of [...before.vpcs.flatMap((v) => v.ipv4Cidrs), ...before.externalNetworks.flatMap((n) => n.cidrs)]) {
    expect(overlaps(block, cidr(other)), `${vpc.ipv4Cidrs[0]} overlaps ${other}`).toBe(false);
  }
  // The new VPC is selected, so Subnet adds into it.
  await addSubnet(editor, 'us-east-1a', 'public', 24);
  await editor.select([vpc.id]);
  await addSubnet(editor, 'us-east-1b', 'public', 24);
  await editor.select([vpc.id]);
  await addSubnet(editor, 'us-east-1a', 'private', 22);
  const plan = await editor.plan();
  const subnets = plan.subnets.filter((s) => s.vpcId === vpc.id);
  expect(subnets).toHaveLength(3);
  expect(new Set(subnets.map((s) => s.availabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
  for (const s of subnets) {
    expect(overlaps(block, cidr(s.ipv4Cidr!))).toBe(true);
    for (const t of subnets) if (s !== t) expect(overlaps(cidr(s.ipv4Cidr!), cidr(t.ipv4Cidr!))).toBe(false);
    await expect(editor.node(s.id)).toBeVisible();
  }
  expect(subnets.map((s) => cidr(s.ipv4Cidr!).prefix).sort()).toEqual([22, 24, 24]);
  // No finding says any of them overlaps.
  const findings = await editor.findings();
  expect(findings.filter((f) => /overlap/.test(f.code) && f.subjects.some((id) => id === vpc.id || subnets.some((s) => s.id === id)))).toEqual([]);
  await editor.frame([vpc.id]);
  await editor.screenshot('03-new-vpc-with-subnets');
});

test('an overlap made in the inspector shows a finding; fixing it there clears it', async ({ editor, page }) => {
  const plan = await editor.plan();
  const [a, b] = plan.subnets.filter((s) => s.vpcId === 'vpc-prod' && s.tier === 'isolated');
  await editor.frame([a!.id]);
  await editor.node(a!.id).click();
  await expect(page.getByTestId('inspector')).toContainText(a!.name);
  const field = page.getByTestId('subnet-ipv4');

  // As you type, the engine's parse message, with its suggestion one click away.
  await field.fill('10.1.52.7/22');
  await expect(page.getByTestId('subnet-ipv4-error')).toContainText('10.1.52.7/22');
  await expect(page.getByTestId('subnet-ipv4-suggestion')).toHaveText(`Use ${b!.ipv4Cidr}`);
  await page.getByTestId('subnet-ipv4-suggestion').click();

  await expect.poll(async () => (await editor.plan()).subnets.find((s) => s.id === a!.id)!.ipv4Cidr).toBe(b!.ipv4Cidr);
  const overlap = async () => (await editor.findings()).filter((f) => f.severity === 'error' && f.subjects.includes(a!.id) && f.subjects.includes(b!.id));
  await expect.poll(async () => (await overlap()).length).toBeGreaterThan(0);
  const finding = (await overlap())[0]!;
  await expect(page.locator(`[data-testid="finding"][data-code="${finding.code}"]`).first()).toBeVisible();
  await expect(editor.node(a!.id).getByTestId('badge-error')).toBeVisible();
  await editor.screenshot('04-overlap-finding');

  // Fix it: type a free block and press Enter.
  await field.fill(a!.ipv4Cidr!);
  await field.press('Enter');
  await expect.poll(async () => (await overlap()).length).toBe(0);
  await expect(editor.node(a!.id).getByTestId('badge-error')).toHaveCount(0);
  expect(await editor.findings()).toEqual((await editor.findings()).filter((f) => !(f.subjects.includes(a!.id) && f.subjects.includes(b!.id))));
});

test('dragging from one VPC to another creates a peering', async ({ editor, page }) => {
  const before = await editor.plan();
  await editor.frame(['vpc-prod', 'vpc-dev']);
  const source = editor.node('vpc-prod');
  const target = editor.node('vpc-dev');
  // Framed together the two are far out, where the header gives way to the name plate: hover the VPC's corner.
  await source.hover({ position: { x: 8, y: 8 } });
  const from = await editor.center(source.locator('.react-flow__handle-right'));
  await target.hover({ position: { x: 8, y: 8 } });
  const to = await editor.center(target.locator('.react-flow__handle-left'));
  await editor.drag(from, to);
  await expect.poll(async () => (await editor.plan()).peerings.length).toBe(before.peerings.length + 1);
  const peering = (await editor.plan()).peerings.find((p) => !before.peerings.some((b) => b.id === p.id))!;
  expect(new Set([peering.requesterVpcId, peering.accepterVpcId])).toEqual(new Set(['vpc-prod', 'vpc-dev']));
  await expect(page.locator(`.react-flow__edge[data-id="${peering.id}"]`)).toHaveCount(1);
  await editor.screenshot('05-peering');
});

test('moving a VPC, then undo and redo', async ({ editor, page }) => {
  const before = (await editor.plan()).layout.nodes['vpc-dev']!;
  await editor.frame(['vpc-dev']);
  const header = editor.node('vpc-dev').locator('.vpc-header');
  const start = await editor.center(header);
  await editor.drag(start, { x: start.x + 120, y: start.y + 60 });
  const zoom = await editor.zoom();
  const moved = (await editor.plan()).layout.nodes['vpc-dev']!;
  // Moved by the mouse distance in flow units (one undo step, recorded on drop).
  expect(Math.abs(moved.x - before.x - 120 / zoom)).toBeLessThan(12);
  expect(Math.abs(moved.y - before.y - 60 / zoom)).toBeLessThan(12);
  expect((await page.evaluate(() => window.__vpcPlanner!.history())).undo).toBe(1);

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(`${mod}+z`);
  expect((await editor.plan()).layout.nodes['vpc-dev']).toEqual(before);
  await page.keyboard.press(`${mod}+Shift+z`);
  expect((await editor.plan()).layout.nodes['vpc-dev']).toEqual(moved);
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+y`);
  expect((await editor.plan()).layout.nodes['vpc-dev']).toEqual(moved);
  await page.getByTestId('undo').click();
  expect((await editor.plan()).layout.nodes['vpc-dev']).toEqual(before);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('deleting a VPC takes what refers to it, as one undo step', async ({ editor, page }) => {
  const before = await editor.planText();
  await editor.frame(['vpc-prod']);
  await editor.node('vpc-prod').locator('.vpc-header').click();
  await page.keyboard.press('Delete');
  const plan = await editor.plan();
  expect(plan.vpcs.some((v) => v.id === 'vpc-prod')).toBe(false);
  expect(plan.subnets.some((s) => s.vpcId === 'vpc-prod')).toBe(false);
  expect(plan.transitGateways.flatMap((t) => t.attachments).some((a) => a.vpcId === 'vpc-prod')).toBe(false);
  expect(plan.serviceNetworks.some((n) => n.vpcIds.includes('vpc-prod'))).toBe(false);
  expect(plan.layout.nodes['vpc-prod']).toBeUndefined();
  expect((await editor.findings()).some((f) => f.code === 'plan/dangling-reference')).toBe(false);
  await page.keyboard.press(`${mod}+z`);
  expect(await editor.planText()).toBe(before);
});

test('duplicate and copy/paste give new ids and non-overlapping blocks', async ({ editor, page }) => {
  await editor.frame(['vpc-dev']);
  await editor.node('vpc-dev').locator('.vpc-header').click();
  await page.keyboard.press(`${mod}+d`);
  let plan = await editor.plan();
  const copy = plan.vpcs.find((v) => v.name === 'dev-app copy')!;
  expect(copy).toBeDefined();
  const original = plan.vpcs.find((v) => v.id === 'vpc-dev')!;
  const copySubnets = plan.subnets.filter((s) => s.vpcId === copy.id);
  expect(copySubnets).toHaveLength(plan.subnets.filter((s) => s.vpcId === original.id).length);
  for (const other of plan.vpcs) if (other.id !== copy.id) expect(overlaps(cidr(copy.ipv4Cidrs[0]!), cidr(other.ipv4Cidrs[0]!))).toBe(false);
  for (const s of copySubnets) expect(overlaps(cidr(copy.ipv4Cidrs[0]!), cidr(s.ipv4Cidr!))).toBe(true);

  await editor.select(['tgw-hub']);
  await page.locator('.react-flow__pane').focus();
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  plan = await editor.plan();
  expect(plan.transitGateways).toHaveLength(2);
  expect(new Set(plan.transitGateways.map((t) => t.id)).size).toBe(2);
});

test('save, change, reopen: the saved plan comes back; dirty state in the title', async ({ editor, page }) => {
  await expect(page).not.toHaveTitle(/●/);
  await page.getByTestId('add-tgw').click();
  await expect(page).toHaveTitle(/^● /);
  await expect(page.getByTestId('dirty')).toBeVisible();
  const saved = await editor.planText();

  const downloading = page.waitForEvent('download');
  await page.keyboard.press(`${mod}+s`);
  // No save picker in this browser: the app asks for the file's name first, the document's own name proposed.
  await expect(page.getByTestId('save-name-input')).toHaveValue('hub-and-spoke');
  await page.getByTestId('save-name-confirm').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('hub-and-spoke.vpcplan.json');
  const path = test.info().outputPath('saved.vpcplan.json');
  await download.saveAs(path);
  const text = await readFile(path, 'utf8');
  expect(text).toBe(saved);
  expect(parsePlanText(text).ok).toBe(true);
  await expect(page).not.toHaveTitle(/●/);

  // Change it, then open the saved file: the editor asks first, and we drop the change.
  await page.getByTestId('add-vpc').click();
  await expect(page).toHaveTitle(/^● /);
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await editor.screenshot('06-confirm-discard');
  await page.getByTestId('confirm-discard').click();
  const chooser = await choosing;
  await chooser.setFiles(path);
  await expect.poll(() => editor.planText()).toBe(saved);
  await expect(page).not.toHaveTitle(/●/);
});

test('Escape in the unsaved-changes dialog cancels and keeps the work', async ({ editor, page }) => {
  await page.getByTestId('add-vpc').click();
  const text = await editor.planText();
  await page.getByTestId('open').click();
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await expect(page.getByTestId('confirm-save')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('discard-dialog')).toHaveCount(0);
  expect(await editor.planText()).toBe(text);
});

test('opening a broken file shows the problems and keeps the open plan', async ({ editor, page }) => {
  const before = await editor.planText();
  for (const [name, content] of [
    ['broken.vpcplan.json', '{ "format": "vpcplan", "version": 1, "vpcs": [ { "id": "a" ,, ] }'],
    ['newer.vpcplan.json', JSON.stringify({ format: 'vpcplan', version: 99, vpcs: [] })],
  ] as const) {
    const choosing = page.waitForEvent('filechooser');
    await page.getByTestId('open').click();
    const chooser = await choosing;
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const dialog = page.getByTestId('load-problems');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('load-summary')).toContainText(name);
    if (name.startsWith('broken')) await editor.screenshot('07-broken-file');
    expect(await editor.planText()).toBe(before);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
  }
  await expect(page).not.toHaveTitle(/●/);
  await expect(page).toHaveTitle(/hub-and-spoke/);
});

test('reachability: the path between two subnets is listed and highlighted', async ({ editor, page }) => {
  await page.getByTestId('tab-reach').click();
  await page.getByTestId('reach-from').selectOption('sn-shared-a');
  await page.getByTestId('reach-to').selectOption('sn-legacy-a');
  const result = page.getByTestId('reach-result');
  await expect(result).toBeVisible();
  const expected = await page.evaluate(() => {
    const plan = window.__vpcPlanner!.getPlan();
    return plan.subnets.some((s) => s.id === 'sn-shared-a') && plan.subnets.some((s) => s.id === 'sn-legacy-a');
  });
  expect(expected).toBe(true);
  await expect(page.locator('.react-flow__node.on-path').first()).toBeVisible();
  await editor.screenshot('08-reachability');

  // A pair with no route says why.
  await page.getByTestId('reach-from').selectOption('sn-legacy-a');
  await page.getByTestId('reach-to').selectOption('sn-prod-app-a');
  await expect(result).toContainText('Not reachable');
  await expect(page.getByTestId('reach-reason')).not.toBeEmpty();
});

test('the NAT gateway shows its port capacity from the engine', async ({ editor, page }) => {
  const nat = (await editor.plan()).natGateways[0]!;
  await editor.frame([nat.id]);
  await expect(editor.node(nat.id).locator('.gauge')).toBeVisible();
  await editor.node(nat.id).click();
  await expect(page.getByTestId('nat-capacity')).toContainText('55,000');
});

test('automatic layout writes plan.layout, and undo restores it', async ({ editor, page }) => {
  const before = (await editor.plan()).layout;
  await page.getByTestId('auto-layout').click();
  await expect.poll(async () => JSON.stringify((await editor.plan()).layout.nodes)).not.toBe(JSON.stringify(before.nodes));
  // No two top-level nodes overlap after the layout.
  const boxes = await page
    .locator('.react-flow__node-vpc, .react-flow__node-tgw, .react-flow__node-serviceNetwork, .react-flow__node-external')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
  for (const a of boxes)
    for (const b of boxes) {
      if (a === b) continue;
      expect(a.x + a.w <= b.x + 1 || b.x + b.w <= a.x + 1 || a.y + a.h <= b.y + 1 || b.y + b.h <= a.y + 1).toBe(true);
    }
  await page.waitForTimeout(300);
  await editor.screenshot('09-auto-layout');
  await page.getByTestId('undo').click();
  expect((await editor.plan()).layout).toEqual(before);
});

test('autosave writes a draft; on the next start the draft is offered and restores as unsaved work', async ({ editor, page }) => {
  await page.getByTestId('add-tgw').click();
  const draft = await editor.planText();
  // Autosave runs a few seconds after the last change.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('vpc-planner:recovery')), { timeout: 8000 }).not.toBeNull();
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('vpc-planner:recovery')))!);
  expect(stored.text).toBe(draft);

  await page.reload();
  await expect(page.getByTestId('recovery-offer')).toBeVisible();
  // Not the first start any more: the editor opens on an empty plan, with the offer.
  expect((await editor.plan()).vpcs).toHaveLength(0);
  await page.getByTestId('recovery-restore').click();
  await expect.poll(() => editor.planText()).toBe(draft);
  await expect(page).toHaveTitle(/^● /);
});
