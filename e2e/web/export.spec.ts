/**
 * File > Export in the browser build: every format is saved as a download, and each file
 * is checked for what a reviewer or a Terraform user would rely on. The PDF cannot be taken
 * through the browser's print dialog here, so the test prints the exact report HTML the app
 * exports (captured from the HTML download) with Chromium's own PDF printer, the same one
 * Electron's printToPDF uses, and reads the PDF back with PDF.js (../pdf-text.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse as parseHcl } from '@cdktf/hcl2json';
import type { Download, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { planToTerraform, SUBNET_CSV_COLUMNS } from '../../shared/export';
import { DIAGRAM_FULL_VPC_LIMIT } from '../../shared/export/report';
import { readPdf } from '../pdf-text';
import { generatePlan } from '../../shared/plan/generate-plan';
import { parsePlanText } from '../../shared/plan/load';
import { test, expect, type Editor } from './fixtures';

async function exportAs(page: Page, format: string, options: { selection?: boolean; legend?: boolean } = {}): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId(`export-format-${format}`).check();
  if (options.selection) await page.getByTestId('export-scope-selection').check();
  else if (await page.getByTestId('export-scope-plan').count()) await page.getByTestId('export-scope-plan').check();
  if (options.legend === false) await page.getByTestId('export-legend').uncheck();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confirm').click()]);
  const file = await download.path();
  return { download, bytes: await readFile(file) };
}

async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
}

/** Width and height from the IHDR chunk, after the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes the PNG in the page and samples a grid of pixels: how many distinct colours, and how many differ from the corner (background). */
async function samplePixels(page: Page, bytes: Buffer): Promise<{ colours: number; nonBackground: number; samples: number }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const at = (x: number, y: number) => {
      const i = (y * canvas.width + x) * 4;
      return `${data[i]},${data[i + 1]},${data[i + 2]}`;
    };
    const background = at(1, 1);
    const colours = new Set<string>();
    let nonBackground = 0;
    let samples = 0;
    for (let y = 0; y < canvas.height; y += 7) {
      for (let x = 0; x < canvas.width; x += 7) {
        const c = at(x, y);
        colours.add(c);
        if (c !== background) nonBackground++;
        samples++;
      }
    }
    return { colours: colours.size, nonBackground, samples };
  }, bytes.toString('base64'));
}

async function examplePlanText(editor: Editor): Promise<string> {
  return editor.planText();
}

test('PNG of the whole plan: a real PNG, sized to the diagram, with content and a legend', async ({ editor, page }) => {
  const plan = await editor.plan();
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  // The dialog is modal and takes the focus.
  await expect(page.getByTestId('export-format-png')).toBeFocused();
  await editor.screenshot('export-dialog');
  await closeDialog(page);

  const { download, bytes } = await exportAs(page, 'png');
  expect(download.suggestedFilename()).toBe(`${plan.name}.png`);
  const { width, height } = pngSize(bytes);
  // The example's six VPCs and hub span well over a screen; drawn at twice the SVG's size, at most 8000 pixels a side.
  expect(width).toBeGreaterThan(1200);
  expect(height).toBeGreaterThan(600);
  expect(width).toBeLessThanOrEqual(8000);
  expect(height).toBeLessThanOrEqual(8000);
  expect(bytes.length).toBeGreaterThan(50_000);
  const pixels = await samplePixels(page, bytes);
  expect(pixels.colours).toBeGreaterThan(20);
  expect(pixels.nonBackground / pixels.samples).toBeGreaterThan(0.05);
  await expect(page.getByTestId('export-outcome')).toContainText(`Saved ${plan.name}.png (${width} × ${height} pixels)`);
  await writeFile('e2e/artifacts/export-canvas.png', bytes);
  await closeDialog(page);

  // Without the legend the picture is shorter by the legend's rows, and as wide.
  const bare = pngSize((await exportAs(page, 'png', { legend: false })).bytes);
  expect(bare.width).toBe(width);
  expect(bare.height).toBeLessThan(height);
});

test("PNG carries the title block (plan name, date) and the legend: its pixels are the SVG's, and without either it would differ there", async ({
  editor,
  page,
}) => {
  const plan = await editor.plan();
  const svg = (await exportAs(page, 'svg')).bytes.toString('utf8');
  await closeDialog(page);
  const png = (await exportAs(page, 'png')).bytes;
  await closeDialog(page);
  // The SVG's title block: the plan's name and today's date (UTC, as the app and the CLI write it); its legend names what it shows.
  const titleBlock = /<g class="title-block">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
  expect(titleBlock).toContain(`>${plan.name}</text>`);
  expect(titleBlock).toContain(`>${new Date().toISOString().slice(0, 10)}</text>`);
  expect(svg).toMatch(/<g class="legend">[\s\S]*>Legend<\/text>[\s\S]*>Transit gateway<\/text>/);

  // In the page: the PNG decoded, beside the SVG drawn at the PNG's scale, whole and without its title block or its legend.
  const compared = await page.evaluate(
    async ({ svgText, pngBase64 }) => {
      const draw = async (src: string, width: number, height: number) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext('2d', { willReadFrequently: true })!;
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
        context.drawImage(image, 0, 0, width, height);
        return context.getImageData(0, 0, width, height).data;
      };
      const pngImage = new Image();
      pngImage.src = `data:image/png;base64,${pngBase64}`;
      await pngImage.decode();
      const [width, height] = [pngImage.naturalWidth, pngImage.naturalHeight];
      const asSvg = (text: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      const png = await draw(pngImage.src, width, height);
      const whole = await draw(asSvg(svgText), width, height);
      const noTitle = await draw(asSvg(svgText.replace(/<g class="title-block">[\s\S]*?<\/g>/, '')), width, height);
      const noLegend = await draw(asSvg(svgText.replace(/<g class="legend">[\s\S]*?<\/g>/, '')), width, height);
      // The bands the title block and the legend take, from their texts' baselines (SVG units, times the PNG's scale).
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const scale = width / Number(doc.documentElement.getAttribute('width'));
      const band = (selector: string) => {
        const ys = [...doc.querySelectorAll(`${selector} text`)].map((t) => Number(t.getAttribute('y')));
        return { top: Math.max(0, Math.floor((Math.min(...ys) - 24) * scale)), bottom: Math.min(height, Math.ceil((Math.max(...ys) + 8) * scale)) };
      };
      // Share of a band's pixels that differ clearly between two pictures.
      const differ = (a: Uint8ClampedArray, b: Uint8ClampedArray, { top, bottom }: { top: number; bottom: number }) => {
        let n = 0;
        for (let i = top * width * 4; i < bottom * width * 4; i += 4)
          if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 96) n++;
        return n / ((bottom - top) * width);
      };
      const title = band('.title-block');
      const legend = band('.legend');
      return {
        scale,
        title: { same: differ(png, whole, title), without: differ(png, noTitle, title) },
        legend: { same: differ(png, whole, legend), without: differ(png, noLegend, legend) },
        everywhere: differ(png, whole, { top: 0, bottom: height }),
      };
    },
    { svgText: svg, pngBase64: png.toString('base64') },
  );
  expect(compared.scale).toBe(2);
  // The PNG is the SVG's picture, title block and legend included...
  expect(compared.everywhere).toBeLessThan(0.001);
  expect(compared.title.same).toBeLessThan(0.001);
  expect(compared.legend.same).toBeLessThan(0.001);
  // ...and those bands carry ink: drawn without the title block or the legend, they would differ.
  expect(compared.title.without).toBeGreaterThan(0.005);
  expect(compared.legend.without).toBeGreaterThan(0.005);
});

test('PNG of the selection is only the selected VPC, smaller than the whole plan', async ({ editor, page }) => {
  const whole = pngSize((await exportAs(page, 'png')).bytes);
  await closeDialog(page);
  await editor.select(['vpc-prod']);
  const { download, bytes } = await exportAs(page, 'png', { selection: true });
  expect(download.suggestedFilename()).toMatch(/ selection\.png$/);
  const part = pngSize(bytes);
  expect(part.width).toBeLessThan(whole.width);
  expect(part.width).toBeGreaterThan(400);
  const pixels = await samplePixels(page, bytes);
  expect(pixels.colours).toBeGreaterThan(10);
  await writeFile('e2e/artifacts/export-selection.png', bytes);
});

test('SVG: the diagram as shapes and text, with the title block and the legend, naming every VPC', async ({ editor, page }) => {
  const plan = await editor.plan();
  const { download, bytes } = await exportAs(page, 'svg');
  expect(download.suggestedFilename()).toBe(`${plan.name}.svg`);
  const svg = bytes.toString('utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  // True SVG, which Inkscape and draw.io show: no HTML inside a foreignObject, no embedded image.
  expect(svg).not.toMatch(/<foreignObject|<image/);
  expect(bytes.length).toBeLessThan(200_000);
  expect(svg).toContain('>Legend</text>');
  expect(svg).toContain('>Transit gateway</text>');
  expect(svg).toContain(`>${plan.name}</text>`);
  expect(svg).toMatch(/>\d{4}-\d{2}-\d{2}<\/text>/);
  for (const vpc of plan.vpcs) expect(svg).toContain(`data-id="${vpc.id}"`);
  for (const vpc of plan.vpcs) expect(svg).toContain(`>${vpc.name}</text>`);
  // Every connection is drawn.
  for (const peering of plan.peerings) expect(svg).toMatch(new RegExp(`<path class="edge edge-peering" data-id="${peering.id}"`));
  // Labels are whole: no IPv6 /64 or name cut short with an ellipsis.
  expect(svg).not.toContain('…');
  for (const subnet of plan.subnets) if (subnet.ipv6Cidr) expect(svg).toContain(`>${subnet.ipv6Cidr}</text>`);
  // Nothing in it may run or load.
  expect(svg).not.toMatch(/<script|href="https?:/i);
  // It renders: open it as an image in the page.
  const size = await page.evaluate(async (text) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await image.decode();
    return { width: image.naturalWidth, height: image.naturalHeight };
  }, svg);
  expect(size.width).toBeGreaterThan(1000);
  await writeFile('e2e/artifacts/export-diagram.svg', svg);
});

test('review report: HTML and Markdown downloads, and the same HTML printed to an A4 PDF', async ({ editor, page, browser }) => {
  const plan = await editor.plan();
  const findings = await editor.findings();
  const { download, bytes } = await exportAs(page, 'html');
  expect(download.suggestedFilename()).toBe(`${plan.name} review.html`);
  const html = bytes.toString('utf8');
  expect(html).toMatch(/^<!DOCTYPE html>/);
  // The diagram is the shared SVG (shapes and text, the same picture as the SVG export) inline on its pages, not a bitmap.
  const diagram = html.slice(html.indexOf('<figure class="diagram-page">'), html.lastIndexOf('</figure>'));
  expect(diagram).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(diagram).not.toMatch(/<image|<foreignObject/);
  for (const vpc of plan.vpcs) expect(diagram).toContain(`data-id="${vpc.id}"`);
  expect(html).not.toMatch(/<script/i);
  await closeDialog(page);

  // The Markdown report is a zipped folder: report.md and the diagram.svg it links.
  const zipped = unzipSync(new Uint8Array((await exportAs(page, 'markdown')).bytes));
  const markdown = strFromU8(zipped[`${plan.name} review/report.md`]!);
  expect(markdown).toContain('](diagram.svg)');
  expect(strFromU8(zipped[`${plan.name} review/diagram.svg`]!)).toMatch(/^<svg xmlns/);
  expect(markdown).toContain(`# Network review: ${plan.name}`);
  expect(markdown).toContain('## NAT gateway capacity');
  await closeDialog(page);

  const printer = await browser.newPage();
  await printer.setContent(html, { waitUntil: 'load' });
  const pdf = await printer.pdf({ format: 'A4', printBackground: true });
  await printer.close();
  // Kept in the test's output folder for a person to open.
  await writeFile(test.info().outputPath('review.pdf'), pdf);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const read = await readPdf(pdf);
  // A title page, the diagram's page(s), then the flowing sections.
  expect(read.pages.length).toBeGreaterThanOrEqual(3);
  const text = read.text;
  for (const vpc of plan.vpcs) {
    expect(text).toContain(vpc.name);
    expect(text).toContain(vpc.ipv4Cidrs[0]!);
  }
  // The findings table wraps long codes inside their cell (sizing/s|ubnet-|oversiz|ed), so compare the text in drawing order without white space.
  const flat = read.flow.replace(/\s+/g, '');
  const worst = findings.find((f) => f.severity === 'error') ?? findings[0]!;
  expect(flat).toContain(worst.code);
  expect(text).toMatch(/nat-egress-a\s+2\s+110,000\s+90,720\s+82\.5 %/);
});

/** The HTML report's diagram section. */
function reportDiagram(html: string): string {
  const start = html.indexOf('<section class="diagram">');
  return html.slice(start, html.indexOf('</section>', start));
}

test('review report of the selection: only the selected VPC, whole, without the legend when unticked; diagram.svg the same', async ({ editor, page }) => {
  const plan = await editor.plan();
  await editor.select(['vpc-prod']);
  const diagram = reportDiagram((await exportAs(page, 'html', { selection: true, legend: false })).bytes.toString('utf8'));
  expect(diagram).toContain('<g class="vpc" data-id="vpc-prod">');
  expect(diagram.match(/<g class="vpc" /g)).toHaveLength(1);
  for (const subnet of plan.subnets.filter((s) => s.vpcId === 'vpc-prod')) expect(diagram).toContain(`data-id="${subnet.id}"`);
  expect(diagram).not.toContain('class="legend"');
  await closeDialog(page);
  const zipped = unzipSync(new Uint8Array((await exportAs(page, 'markdown', { selection: true })).bytes));
  const svg = strFromU8(zipped[`${plan.name} review/diagram.svg`]!);
  expect(svg.match(/<g class="vpc" /g)).toHaveLength(1);
  expect(svg).toContain('class="legend"');
});

test('review report of a plan too large to page: the overview of VPC boxes with its caption, not the full diagram', async ({ editor, page }) => {
  const plan = generatePlan({ vpcs: DIAGRAM_FULL_VPC_LIMIT + 1, subnetsPerVpc: 2, seed: 11 });
  expect(await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text, 'large.vpcplan.json'), JSON.stringify(plan))).toBe(true);
  expect((await editor.plan()).vpcs.length).toBe(plan.vpcs.length);
  const { bytes } = await exportAs(page, 'html');
  const diagram = reportDiagram(bytes.toString('utf8'));
  expect(diagram.match(/<figure class="diagram-page">/g)).toHaveLength(1);
  expect(diagram.match(/<g class="vpc" /g)).toHaveLength(plan.vpcs.length);
  expect(diagram).not.toContain('class="subnet');
  expect(diagram).toContain(`An overview of the whole plan, because its ${plan.vpcs.length.toLocaleString('en-US')} VPCs are more than`);
  // The full diagram of every subnet would be several times this.
  expect(diagram.length).toBeLessThan(2_000_000);
});

test('Terraform: a zipped folder of .tf files that parse as HCL, with the README, and the warnings in the dialog', async ({ editor, page }) => {
  // A plan with something to warn about: one subnet outside its VPC's blocks is skipped.
  const original = await editor.plan();
  const edited = structuredClone(original);
  edited.subnets[0]!.ipv4Cidr = '192.0.2.0/24';
  expect(await page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text, 'edited.vpcplan.json'), JSON.stringify(edited))).toBe(true);
  const plan = await editor.plan();
  const expected = planToTerraform(plan);
  expect(expected.warnings.length).toBeGreaterThan(0);
  const { download, bytes } = await exportAs(page, 'terraform');
  const folder = `${plan.name} terraform`;
  expect(download.suggestedFilename()).toBe(`${folder}.zip`);
  const entries = unzipSync(new Uint8Array(bytes));
  expect(Object.keys(entries).sort()).toEqual(expected.files.map((f) => `${folder}/${f.name}`).sort());
  const resources: Record<string, Record<string, unknown>> = {};
  const variables: Record<string, unknown> = {};
  for (const [name, data] of Object.entries(entries)) {
    const text = strFromU8(data);
    expect(text).toBe(expected.files.find((f) => `${folder}/${f.name}` === name)!.text);
    if (!name.endsWith('.tf')) continue;
    const parsed = (await parseHcl(name, text)) as { resource?: Record<string, Record<string, unknown>>; variable?: Record<string, unknown> };
    for (const [type, byName] of Object.entries(parsed.resource ?? {})) Object.assign((resources[type] ??= {}), byName);
    Object.assign(variables, parsed.variable ?? {});
  }
  expect(Object.keys(resources.aws_vpc ?? {})).toHaveLength(plan.vpcs.length);
  expect(Object.keys(resources.aws_subnet ?? {})).toHaveLength(plan.subnets.length - 1);
  expect(variables).toHaveProperty('region');
  expect(strFromU8(entries[`${folder}/README.md`]!)).toContain('## Before you apply');
  const warnings = page.getByTestId('export-warnings').locator('li');
  await expect(warnings).toHaveCount(expected.warnings.length);
  await expect(warnings.first()).toHaveText(expected.warnings[0]!);
  await editor.screenshot('export-terraform-warnings');
});

test('CSV of subnets and the plan JSON', async ({ editor, page }) => {
  const plan = await editor.plan();
  const csv = (await exportAs(page, 'csv')).bytes.toString('utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe(SUBNET_CSV_COLUMNS.join(','));
  expect(csv).toHaveLength(plan.subnets.length + 1);
  expect(csv.join('\n')).toContain(plan.subnets[0]!.ipv4Cidr!);
  await closeDialog(page);

  const json = (await exportAs(page, 'json')).bytes.toString('utf8');
  expect(json).toBe(await examplePlanText(editor));
  const reopened = parsePlanText(json, 'export.json');
  expect(reopened.ok && reopened.plan.vpcs.map((v) => v.id)).toEqual(plan.vpcs.map((v) => v.id));
});

test('exporting the selection with nothing selected is not offered', async ({ editor, page }) => {
  await editor.select([]);
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-scope-selection')).toBeDisabled();
  await expect(page.getByTestId('export-scope-plan')).toBeChecked();
  await closeDialog(page);
});
