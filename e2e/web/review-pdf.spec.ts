/**
 * The review PDF looked at, not only counted: the report HTML the app exports, printed with
 * Chromium's PDF printer as `vpcplan export --format pdf` prints it (REPORT_PDF_OPTIONS), then
 * every page drawn to a PNG by PDF.js inside Chromium (../pdf-pages.ts). For the hub-and-spoke
 * example and generated plans of 30 and 100 VPCs:
 * - no text on any page is under 7 pt (the size of each text item, in PDF points);
 * - no text is cut short: no "…" or "..." anywhere, every VPC name and CIDR, IPv6 /64, transit
 *   gateway ASN and external CIDR of the plan is whole in the text, on the diagram pages too,
 *   and every label of the diagram is whole inside the window of at least one diagram page
 *   (measured with the browser's fonts: a label cut by a page's edge would print cut);
 * - every page has ink on it: no blank or nearly empty page;
 * - the 100-VPC PDF prints in well under 30 seconds.
 * The pages are saved as PNGs in the test's output folder, to be looked at.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { generatePlan } from '../../shared/plan/generate-plan';
import { REPORT_PDF_OPTIONS } from '../../node/browser-render';
import type { Plan } from '../../shared/plan/schema';
import { renderPdfPages, type RenderedPage, type RenderOptions } from '../pdf-pages';
import { test, expect, type Editor } from './fixtures';

/** The bar for printed text. */
const MIN_TEXT_PT = 7;
/** The 100-VPC report took four minutes to print; well under half a minute now (about 6 s here). */
const PRINT_BUDGET_SECONDS = 30;

async function exportDownload(page: Page, format: 'html' | 'svg'): Promise<string> {
  await page.getByTestId('export').click();
  await page.getByTestId(`export-format-${format}`).check();
  await page.getByTestId('export-scope-plan').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confirm').click()]);
  const text = await readFile(await download.path(), 'utf8');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  return text;
}

async function openPlan(editor: Editor, plan: Plan): Promise<void> {
  const opened = await editor.page.evaluate((text) => window.__vpcPlanner!.loadPlanText(text, 'generated.vpcplan.json'), JSON.stringify(plan));
  expect(opened).toBe(true);
  expect((await editor.plan()).vpcs.length).toBe(plan.vpcs.length);
}

interface Printed {
  pdf: Buffer;
  seconds: number;
  /** Labels of the diagram (text, x, y) that no diagram page shows whole. */
  cutLabels: string[];
  labels: number;
}

/**
 * Prints the report as the CLI does, and measures in the same laid-out page where each of the
 * diagram's labels falls: whole inside some page's window, or cut on every page it is on.
 */
async function printReport(browser: Browser, html: string, diagramSvg: string): Promise<Printed> {
  const printer = await browser.newPage();
  try {
    const started = performance.now();
    await printer.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    const pdf = await printer.pdf(REPORT_PDF_OPTIONS);
    const seconds = (performance.now() - started) / 1000;
    const { cutLabels, labels } = await printer.evaluate((svgText) => {
      const key = (t: Element) => `"${t.textContent}" at ${t.getAttribute('x')},${t.getAttribute('y')}`;
      const diagram = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      if (diagram.querySelector('parsererror')) throw new Error('the exported SVG does not parse');
      const wanted = new Set([...diagram.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '').map(key));
      const whole = new Set<string>();
      for (const svg of document.querySelectorAll<SVGSVGElement>('figure.diagram-page svg')) {
        const view = svg.viewBox.baseVal;
        for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
          const box = text.getBBox();
          if (
            box.x >= view.x - 0.5 &&
            box.y >= view.y - 0.5 &&
            box.x + box.width <= view.x + view.width + 0.5 &&
            box.y + box.height <= view.y + view.height + 0.5
          )
            whole.add(key(text));
        }
      }
      return { cutLabels: [...wanted].filter((k) => !whole.has(k)), labels: wanted.size };
    }, diagramSvg);
    return { pdf, seconds, cutLabels, labels };
  } finally {
    await printer.close();
  }
}

/** The words of the plan a reviewer must find whole: names, CIDRs, IPv6 /64s, ASNs, external CIDRs. */
function mustBeWhole(plan: Plan): string[] {
  return [
    ...plan.vpcs.flatMap((v) => [v.name, ...v.ipv4Cidrs]),
    ...plan.subnets.flatMap((s) => (s.ipv6Cidr ? [s.ipv6Cidr] : [])),
    ...plan.transitGateways.map((t) => `ASN ${t.asn}`),
    ...plan.externalNetworks.flatMap((n) => n.cidrs),
  ].filter((word) => word !== '');
}

interface Looked {
  pages: RenderedPage[];
  diagramPages: RenderedPage[];
  smallest: number;
}

/** A diagram page's caption ("Part 3 of 8: prod-app, dev-app."), which may wrap onto more lines: from its first line to the page's end. */
function caption(page: RenderedPage): string {
  const first = page.lines.findIndex((l) => /^Part \d+ of \d+/.test(l));
  return first < 0 ? '' : page.lines.slice(first).join(' ');
}

/** Every diagram page captioned in order, and every VPC named in a caption: each VPC is whole on the page whose caption names it. */
function expectCaptions(plan: Plan, diagramPages: RenderedPage[]): void {
  const captions = diagramPages.map(caption);
  expect(
    captions.filter((c, i) => !c.startsWith(`Part ${i + 1} of ${diagramPages.length}`)),
    'pages without their caption',
  ).toEqual([]);
  const all = captions.join('\n');
  expect(
    plan.vpcs.filter((vpc) => !new RegExp(`[:,] ${vpc.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[,.]`).test(all)).map((v) => v.name),
    'VPCs no caption names',
  ).toEqual([]);
}

/**
 * Every assertion on the printed pages; saves each drawn page's PNG under `label` in the test's
 * output folder. `draw` picks the pages to draw (all when absent); every page's text is checked.
 */
async function lookAt(browser: Browser, label: string, plan: Plan, printed: Printed, draw?: RenderOptions['draw']): Promise<Looked> {
  expect(printed.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await writeFile(test.info().outputPath(`${label}.pdf`), printed.pdf);
  const pages = await renderPdfPages(browser, printed.pdf, draw ? { draw } : {});
  for (const page of pages)
    if (page.drawing) await writeFile(test.info().outputPath(`${label}-page-${String(page.number).padStart(3, '0')}.png`), page.drawing.png);

  // A title page (portrait), the diagram's landscape pages, then the sections on portrait pages.
  const landscape = (p: RenderedPage) => p.width > p.height;
  expect(landscape(pages[0]!)).toBe(false);
  const diagramPages = pages.filter(landscape);
  expect(diagramPages.length).toBeGreaterThanOrEqual(1);
  expect(pages.slice(1, 1 + diagramPages.length).every(landscape), 'the diagram pages follow the title page').toBe(true);

  // (a) No text under 7 pt, on any page. (This also catches a table too wide for its page:
  // Chromium shrinks such a page to fit, and every text on it with it.)
  let smallest = Infinity;
  const small: string[] = [];
  for (const page of pages) {
    for (const t of page.texts) {
      smallest = Math.min(smallest, t.size);
      if (t.size < MIN_TEXT_PT) small.push(`page ${page.number}: "${t.text}" at ${t.size.toFixed(2)} pt`);
    }
  }
  expect(small.slice(0, 10), `${small.length} texts under ${MIN_TEXT_PT} pt`).toEqual([]);

  // (b) Nothing cut short: no ellipsis, every name and address whole, in the text and on the diagram's pages.
  const ellipses = pages.flatMap((page) => page.texts.filter((t) => /…|\.\.\./.test(t.text)).map((t) => `page ${page.number}: "${t.text}"`));
  expect(ellipses).toEqual([]);
  const everywhere = pages.map((p) => p.lines.join('\n')).join('\n');
  const onDiagram = diagramPages.map((p) => p.lines.join('\n')).join('\n');
  const words = mustBeWhole(plan);
  expect(words.length).toBeGreaterThan(plan.vpcs.length);
  expect(
    words.filter((w) => !everywhere.includes(w)),
    'missing from the PDF',
  ).toEqual([]);
  expect(
    words.filter((w) => !onDiagram.includes(w)),
    'missing from the diagram pages',
  ).toEqual([]);
  expect(printed.labels).toBeGreaterThan(plan.vpcs.length);
  expect(
    printed.cutLabels.slice(0, 10),
    `${printed.cutLabels.length} of ${printed.labels} diagram labels are cut by the edge of every page they are on`,
  ).toEqual([]);

  // (c) Every page drawn has something on it: no blank page.
  const drawn = pages.filter((p) => p.drawing);
  expect(drawn.length).toBe(draw ? pages.filter((p) => draw(p.number, pages.length)).length : pages.length);
  for (const { number, width, drawing } of drawn) {
    expect(drawing!.pixelWidth, `page ${number}`).toBe(Math.ceil(width));
    // A heading and one line of text (the last page, say) take about 25 rows at 72 dpi; a blank page none.
    expect(drawing!.inkRows, `page ${number} has ink on ${drawing!.inkRows} pixel rows`).toBeGreaterThanOrEqual(12);
    expect(drawing!.ink, `page ${number}`).toBeGreaterThan(0.0005);
  }
  // A diagram page shows boxes, not a few stray lines.
  for (const { number, drawing } of diagramPages) if (drawing) expect(drawing.ink, `diagram page ${number}`).toBeGreaterThan(0.01);

  test.info().annotations.push({
    type: label,
    description: `${pages.length} pages (${diagramPages.length} of diagram), printed in ${printed.seconds.toFixed(1)} s, smallest text ${smallest.toFixed(2)} pt, ${printed.labels} diagram labels all whole`,
  });
  return { pages, diagramPages, smallest };
}

test('the hub-and-spoke review PDF, page by page: 7 pt or more, nothing cut short, no blank page', async ({ editor, page, browser }) => {
  const plan = await editor.plan();
  const html = await exportDownload(page, 'html');
  const svg = await exportDownload(page, 'svg');
  const printed = await printReport(browser, html, svg);
  const { pages, diagramPages } = await lookAt(browser, 'hub-and-spoke', plan, printed);
  // A page for each group of neighbouring boxes, each saying which boxes it shows.
  expectCaptions(plan, diagramPages);
  // Fewer pages than a grid of page-sized tiles over the whole picture (12 at this size): the empty stretches are not printed.
  expect(diagramPages.length).toBeLessThanOrEqual(9);
  expect(pages.length - diagramPages.length).toBeLessThanOrEqual(10);
});

test("a generated 30-VPC plan's review PDF, page by page", async ({ editor, page, browser }) => {
  const plan = generatePlan({ vpcs: 30, subnetsPerVpc: 10, seed: 5 });
  await openPlan(editor, plan);
  const html = await exportDownload(page, 'html');
  const svg = await exportDownload(page, 'svg');
  const printed = await printReport(browser, html, svg);
  const { pages, diagramPages } = await lookAt(browser, '30-vpcs', plan, printed);
  // Too big for one page at 7 pt: a page per group of boxes, no more than one per VPC and a few for the hubs.
  expect(diagramPages.length).toBeGreaterThan(1);
  expect(diagramPages.length).toBeLessThanOrEqual(plan.vpcs.length + 6);
  expectCaptions(plan, diagramPages);
  // The subnets table (330 rows) runs over several pages, each starting with its header row again.
  const subnetRow = /^\S+ \d+\.\d+\.\d+\.\d+\/\d+ us-east-1[abc] (public|private|isolated) /;
  const withRows = pages.filter((p) => p.lines.some((l) => subnetRow.test(l)));
  expect(withRows.length).toBeGreaterThan(3);
  expect(
    withRows.filter((p) => !p.lines.some((l) => l.startsWith('VPC Subnet IPv4 CIDR AZ / region Tier Usable'))).map((p) => p.number),
    'pages of subnets without the header',
  ).toEqual([]);
  // The reachability matrix (30 columns) in column groups, each with its header: every VPC's name whole on one line (not broken at its hyphen).
  const matrixHeaders = pages.flatMap((p) => p.lines.filter((l) => l.startsWith('From \\ to ')));
  expect(matrixHeaders.length).toBeGreaterThanOrEqual(Math.ceil(plan.vpcs.length / 12));
  for (const vpc of plan.vpcs)
    expect(
      matrixHeaders
        .join(' ')
        .split(' ')
        .filter((w) => w === vpc.name).length,
      vpc.name,
    ).toBeGreaterThanOrEqual(1);
});

test("a generated 100-VPC plan's review PDF prints in seconds, page by page", async ({ editor, page, browser }) => {
  test.setTimeout(180_000);
  const plan = generatePlan({ vpcs: 100, subnetsPerVpc: 4, seed: 3 });
  await openPlan(editor, plan);
  const html = await exportDownload(page, 'html');
  const svg = await exportDownload(page, 'svg');
  const printed = await printReport(browser, html, svg);
  expect(printed.seconds, `the 100-VPC report took ${printed.seconds.toFixed(1)} s to print`).toBeLessThan(PRINT_BUDGET_SECONDS);
  // Every page's text is read; a sample of pages is drawn (drawing all 170 takes half a minute): the title, the first diagram pages, every tenth, the last.
  const { diagramPages } = await lookAt(browser, '100-vpcs', plan, printed, (n, total) => n <= 4 || n % 10 === 0 || n === total);
  expect(diagramPages.length).toBeGreaterThan(1);
  // No more than a page per VPC and a few for the hubs; every VPC whole on a page, named in its caption.
  expect(diagramPages.length).toBeLessThanOrEqual(plan.vpcs.length + 8);
  expectCaptions(plan, diagramPages);
});
