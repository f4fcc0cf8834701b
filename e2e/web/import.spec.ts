/**
 * File > Import in the browser build (Compare with… is in compare.spec.ts), driven through the dialogs' file
 * inputs (setInputFiles) with the AWS CLI fixtures. The expected plan is what the engine's
 * importer makes of the same files, so the test checks the app shows that plan (every VPC
 * and subnet on the canvas), laid out without overlaps, and never loses the open plan.
 */
import { readdir, readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { importAwsCli } from '../../shared/import';
import { test, expect, type Editor } from './fixtures';

const COHERENT = path.resolve('shared/import/fixtures/coherent');
/** The AWS CLI's own documentation examples (shared/import/fixtures/aws-cli/README.md). */
const DOCS_CLI = path.resolve('shared/import/fixtures/aws-cli');

async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(folder))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => path.join(folder, n));
}

async function expectedImport(files: string[]) {
  const result = importAwsCli(await Promise.all(files.map(async (f) => ({ name: path.basename(f), text: await readFile(f, 'utf8') }))));
  if (!result.ok) throw new Error(`fixtures do not import: ${JSON.stringify(result.problems)}`);
  return result;
}

async function importThrough(page: Page, files: string[], csv?: 'subnets' | 'external') {
  await page.getByTestId('import').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('import-files').setInputFiles(files);
  await expect(page.getByTestId('import-file-list').locator('li')).toHaveCount(files.length);
  if (csv) await page.getByTestId(csv === 'subnets' ? 'import-csv-subnets' : 'import-csv-external').check();
  await page.getByTestId('import-confirm').click();
}

/** No two top-level boxes on the canvas overlap. */
async function expectNoOverlaps(editor: Editor) {
  const boxes = await editor.page.locator('.react-flow__node:not(.react-flow__node-subnet):not(.react-flow__node-nat)').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  for (const a of boxes)
    for (const b of boxes) {
      if (a.id! >= b.id!) continue;
      const overlap = a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
      expect(overlap, `${a.id} and ${b.id} overlap`).toBe(false);
    }
}

test('import the coherent AWS CLI set: its VPCs and subnets on the canvas, laid out, with the notes', async ({ editor, page }) => {
  const files = await filesIn(COHERENT);
  const expected = await expectedImport(files);
  await importThrough(page, files);
  const done = page.getByTestId('import-done');
  await expect(done).toContainText(`Imported ${expected.plan.vpcs.length} VPCs, ${expected.plan.subnets.length} subnets`);
  await expect(page.getByTestId('import-notes').locator('li')).toHaveCount(expected.notes.length);
  await editor.screenshot('export-import-notes');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);

  const plan = await editor.plan();
  expect(plan.vpcs.map((v) => v.id).sort()).toEqual(expected.plan.vpcs.map((v) => v.id).sort());
  expect(plan.subnets.map((s) => s.id).sort()).toEqual(expected.plan.subnets.map((s) => s.id).sort());
  for (const vpc of expected.plan.vpcs) await expect(editor.node(vpc.id)).toBeVisible();
  for (const subnet of expected.plan.subnets) await expect(editor.node(subnet.id)).toBeAttached();
  await expect(editor.node('vpc-0a1b2c3d4e5f60001')).toContainText('prod');
  // A new, unsaved document, laid out by the app's ELK layout (not the importer's rows of three).
  expect(await page.evaluate(() => window.__vpcPlanner!.isDirty())).toBe(true);
  await expect(page.getByTestId('document-name')).toContainText('Imported from');
  expect(plan.layout.nodes).not.toEqual(expected.plan.layout.nodes);
  await expectNoOverlaps(editor);
  await editor.screenshot('export-imported-plan');
});

test('import the AWS CLI documentation examples (EC2 and VPC Lattice outputs) in one go', async ({ editor, page }) => {
  const files = [...(await filesIn(path.join(DOCS_CLI, 'ec2'))), ...(await filesIn(path.join(DOCS_CLI, 'vpc-lattice')))];
  const expected = await expectedImport(files);
  await importThrough(page, files);
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByTestId('import-close').click();
  const plan = await editor.plan();
  expect(plan.vpcs.map((v) => v.id).sort()).toEqual(expected.plan.vpcs.map((v) => v.id).sort());
  for (const vpc of expected.plan.vpcs) await expect(editor.node(vpc.id)).toBeVisible();
  for (const tgw of expected.plan.transitGateways) await expect(editor.node(tgw.id)).toBeVisible();
});

test('Terraform state imports as a plan; a file the importer does not read is skipped and named in the notes', async ({ editor, page }) => {
  const state = path.resolve('shared/import/fixtures/terraform/terraform-show.json');
  await importThrough(page, [state]);
  await expect(page.getByTestId('import-file-list')).toContainText('Terraform state');
  await expect(page.getByTestId('import-done')).toContainText('Imported 2 VPCs, 6 subnets, 1 internet gateway');
  await page.getByTestId('import-close').click();
  expect((await editor.plan()).vpcs.map((v) => v.name)).toEqual(['core', 'edge']);

  const folder = await mkdtemp(path.join(tmpdir(), 'vpc-import-'));
  const stray = path.join(folder, 'describe-instances.json');
  await writeFile(stray, '{"Reservations": []}\n');
  await importThrough(page, [...(await filesIn(COHERENT)), stray]);
  await page.getByTestId('confirm-discard').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 3 VPCs, 10 subnets');
  await expect(page.getByTestId('import-notes')).toContainText('Skipped describe-instances.json, line 1');
  await page.getByTestId('import-close').click();
});

test('a broken file shows every problem with file and line, and the open plan stays', async ({ editor, page }) => {
  const before = await editor.planText();
  const folder = await mkdtemp(path.join(tmpdir(), 'vpc-import-'));
  const broken = path.join(folder, 'describe-vpcs-broken.json');
  await writeFile(broken, '{\n  "Vpcs": [\n    { "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16" },\n  ]\n');
  const badCsv = path.join(folder, 'ranges.csv');
  await writeFile(badCsv, 'name,cidr\ndatacenter,10.20.0.0/33\n');
  await importThrough(page, [broken, path.join(COHERENT, 'describe-subnets.json'), badCsv], 'external');
  const problems = page.getByTestId('import-problems');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('Nothing was imported');
  await expect(problems).toContainText('Your current plan was not changed');
  await expect(problems).toContainText(/describe-vpcs-broken\.json, line \d/);
  await expect(problems).toContainText(/ranges\.csv, line 2/);
  await editor.screenshot('export-import-problems');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  expect(await editor.planText()).toBe(before);
  expect(await page.evaluate(() => window.__vpcPlanner!.isDirty())).toBe(false);
});

test('unsaved work is only replaced after the user says so', async ({ editor, page }) => {
  await page.getByTestId('add-vpc').click();
  const edited = await editor.planText();
  const files = await filesIn(COHERENT);
  await importThrough(page, files);
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await page.getByTestId('confirm-cancel').click();
  // Kept: the dialog is still open on the choice, and the plan is the edited one.
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  expect(await editor.planText()).toBe(edited);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('confirm-discard').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  expect((await editor.plan()).vpcs.map((v) => v.id)).toContain('vpc-0a1b2c3d4e5f60001');
});

test('CSV into external networks, and AWS CLI JSON plus a CSV of subnets for one of its VPCs', async ({ editor, page }) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'vpc-import-'));
  const ranges = path.join(folder, 'on-prem ranges.csv');
  await writeFile(ranges, 'name,cidr\nfrankfurt-dc,192.168.0.0/16\nfrankfurt-dc,10.200.0.0/16\nlondon-office,172.20.0.0/20\n');
  await importThrough(page, [ranges], 'external');
  await expect(page.getByTestId('import-done')).toContainText('2 external networks');
  await page.getByTestId('import-close').click();
  const external = (await editor.plan()).externalNetworks;
  expect(external.map((n) => n.name).sort()).toEqual(['frankfurt-dc', 'london-office']);
  for (const n of external) await expect(editor.node(n.id)).toBeVisible();

  const subnets = path.join(folder, 'new subnets.csv');
  await writeFile(subnets, 'name,cidr,vpc_id,az,tier\nprod-extra-a,10.0.200.0/24,vpc-0a1b2c3d4e5f60001,us-east-1a,private\n');
  await importThrough(page, [...(await filesIn(COHERENT)), subnets], 'subnets');
  await page.getByTestId('confirm-discard').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByTestId('import-close').click();
  const plan = await editor.plan();
  const added = plan.subnets.find((s) => s.name === 'prod-extra-a');
  expect(added).toMatchObject({ vpcId: 'vpc-0a1b2c3d4e5f60001', ipv4Cidr: '10.0.200.0/24', tier: 'private' });
  await expect(editor.node(added!.id)).toBeAttached();
});
