/**
 * One geometry (shared/layout) for the canvas and every picture: the app's SVG export and
 * `vpcplan export --format svg` of the same plan place every box at the same coordinates,
 * the canvas draws the same boxes, and no label is cut short on the canvas or in the SVG.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const EXAMPLE = 'examples/hub-and-spoke.vpcplan.json';

interface Rect { x: number; y: number; width: number; height: number }

/** Each plan object's box in the SVG: the first <rect> of its <g data-id="...">. */
function boxesIn(svg: string): Map<string, Rect & { kind: string }> {
  const out = new Map<string, Rect & { kind: string }>();
  const pattern = /<g class="([^"]+)" data-id="([^"]+)">\s*<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g;
  for (const m of svg.matchAll(pattern)) {
    if (m[1] === 'edge-label') continue;
    out.set(m[2]!, { kind: m[1]!, x: Number(m[3]), y: Number(m[4]), width: Number(m[5]), height: Number(m[6]) });
  }
  return out;
}

async function exportSvg(page: Page, selection = false): Promise<string> {
  await page.getByTestId('export').click();
  await page.getByTestId('export-format-svg').check();
  await page.getByTestId(selection ? 'export-scope-selection' : 'export-scope-plan').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confirm').click()]);
  const text = await readFile(await download.path(), 'utf8');
  await page.keyboard.press('Escape');
  return text;
}

test('the app\'s SVG and `vpcplan export --format svg` place every box at the same coordinates', async ({ editor, page }) => {
  const plan = await editor.plan();
  // The app opens the example itself: the CLI reads the same file.
  expect(JSON.parse(await readFile(EXAMPLE, 'utf8')).vpcs.map((v: { id: string }) => v.id)).toEqual(plan.vpcs.map((v) => v.id));
  const app = await exportSvg(page);
  const cli = execFileSync('npx', ['tsx', 'cli/vpcplan.ts', 'export', EXAMPLE, '--format', 'svg'], { encoding: 'utf8' });
  await writeFile('e2e/artifacts/diagram-app.svg', app);
  await writeFile('e2e/artifacts/diagram-cli.svg', cli);

  const appBoxes = boxesIn(app);
  const cliBoxes = boxesIn(cli);
  const ids = [...plan.vpcs, ...plan.subnets, ...plan.natGateways, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id);
  expect([...appBoxes.keys()].sort()).toEqual([...ids].sort());
  expect([...cliBoxes.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) expect(appBoxes.get(id), id).toEqual(cliBoxes.get(id));
  // Both are the same size of picture.
  const size = (svg: string) => /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);
  expect(size(app)).toEqual(size(cli));
});

test('the canvas draws the boxes the SVG draws: the same sizes, the same places up to one offset', async ({ editor, page }) => {
  const plan = await editor.plan();
  await editor.screenshot('diagram-canvas-fit');
  const svg = boxesIn(await exportSvg(page));
  const canvas = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
    const move = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform);
    return { id: el.dataset.id!, x: Number(move?.[1]), y: Number(move?.[2]), width: el.offsetWidth, height: el.offsetHeight };
  }));
  expect(canvas.length).toBe(svg.size);
  const top = plan.layout.nodes;
  const offsets = new Set<string>();
  for (const node of canvas) {
    const drawn = svg.get(node.id)!;
    expect({ id: node.id, width: drawn.width, height: drawn.height }).toEqual({ id: node.id, width: node.width, height: node.height });
    if (top[node.id]) offsets.add(`${drawn.x - node.x},${drawn.y - node.y}`);
  }
  // Top-level boxes: the SVG moves the whole diagram by one offset (to its margin), nothing else.
  expect(offsets.size).toBe(1);
  // Subnets and NAT gateways: the same place inside their VPC.
  const vpcOf = new Map<string, string>(plan.subnets.map((s) => [s.id, s.vpcId]));
  for (const nat of plan.natGateways) vpcOf.set(nat.id, vpcOf.get(nat.subnetId)!);
  for (const [id, vpcId] of vpcOf) {
    const node = canvas.find((n) => n.id === id)!;
    const parent = canvas.find((n) => n.id === vpcId)!;
    const cell = svg.get(id)!;
    const vpc = svg.get(vpcId)!;
    expect({ id, x: cell.x - vpc.x, y: cell.y - vpc.y }).toEqual({ id, x: node.x - parent.x, y: node.y - parent.y });
  }
});

test('no label is cut short: not on the canvas, not in the SVG', async ({ editor, page }) => {
  await editor.frame(['vpc-prod']);
  // Every detail is drawn from zoom 1 (below it, what would be under 11 px on screen is hidden): zoom in to there.
  for (let i = 0; i < 4 && !/zoom-near/.test((await page.getByTestId('canvas').getAttribute('class')) ?? ''); i++) await page.locator('.react-flow__controls-zoomin').click();
  await expect(page.getByTestId('canvas')).toHaveClass(/zoom-near/);
  const cut = await page.evaluate(() => {
    const out: string[] = [];
    const labels = '.vpc-name, .vpc-meta, .vpc-blocks, .usage-label, .subnet-name, .subnet-cidr, .subnet-meta, .nat-name, .nat-meta, .gauge-label, .hub-title strong, .hub-meta';
    for (const el of document.querySelectorAll<HTMLElement>(`.react-flow__node :is(${labels})`)) {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.closest<HTMLElement>('.react-flow__node')!.dataset.id}: "${el.textContent}" needs ${el.scrollWidth} px, has ${el.clientWidth}`);
    }
    return out;
  });
  expect(cut).toEqual([]);
  await editor.screenshot('diagram-canvas-near');

  const svg = await exportSvg(page);
  // Drawn in the page, each text's real width (the browser's fonts) stays inside its box.
  const outside = await page.evaluate((text) => {
    const host = document.createElement('div');
    host.style.cssText = 'position:absolute;left:0;top:0;opacity:0;pointer-events:none';
    host.innerHTML = text;
    document.body.append(host);
    const out: string[] = [];
    for (const group of host.querySelectorAll<SVGGElement>('g[data-id]')) {
      if (group.classList.contains('edge-label')) continue;
      const box = group.querySelector<SVGRectElement>(':scope > rect')!.getBBox();
      for (const label of group.querySelectorAll<SVGTextElement>(':scope > text')) {
        const b = label.getBBox();
        if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5) out.push(`${group.dataset.id}: "${label.textContent}" runs from ${b.x.toFixed(1)} to ${(b.x + b.width).toFixed(1)}, box ${box.x}..${box.x + box.width}`);
      }
    }
    host.remove();
    return out;
  }, svg);
  expect(outside).toEqual([]);
});

test('the PNG is the SVG drawn at twice its size; a selection is the diagram of the selected objects', async ({ editor, page }) => {
  const whole = await exportSvg(page);
  const [width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(whole)!.slice(1).map(Number);
  await page.getByTestId('export').click();
  await page.getByTestId('export-format-png').check();
  await page.getByTestId('export-scope-plan').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confirm').click()]);
  const png = await readFile(await download.path());
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: width! * 2, height: height! * 2 });
  await writeFile('e2e/artifacts/diagram-app.png', png);
  await page.keyboard.press('Escape');

  const subnet = (await editor.plan()).subnets.find((s) => s.vpcId === 'vpc-dev')!;
  await editor.select(['vpc-prod', 'tgw-hub', subnet.id]);
  const part = boxesIn(await exportSvg(page, true));
  const tops = [...part.entries()].filter(([, b]) => ['vpc', 'tgw', 'service-network', 'external'].includes(b.kind)).map(([id]) => id).sort();
  // A selected subnet brings its whole VPC.
  expect(tops).toEqual(['tgw-hub', 'vpc-dev', 'vpc-prod']);
});
