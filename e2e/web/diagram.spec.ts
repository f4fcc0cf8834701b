/**
 * One geometry (shared/layout) for the canvas and every picture: the app's SVG export and
 * `vpcplan export --format svg` of the same plan place every box at the same coordinates,
 * the canvas draws the same boxes, and no label is cut short on the canvas or in the SVG.
 * The SVG is also looked at: xmllint validates it, Chromium decodes it as an image, and each
 * box's edge is in the picture where the canvas has the box.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { requirePrerequisite } from '../prerequisites';
import { test, expect } from './fixtures';

const EXAMPLE = 'examples/hub-and-spoke.vpcplan.json';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

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

test("the app's SVG and `vpcplan export --format svg` place every box at the same coordinates", async ({ editor, page }) => {
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
  const canvas = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
      const move = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform);
      return { id: el.dataset.id!, x: Number(move?.[1]), y: Number(move?.[2]), width: el.offsetWidth, height: el.offsetHeight };
    }),
  );
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
  for (let i = 0; i < 4 && !/zoom-near/.test((await page.getByTestId('canvas').getAttribute('class')) ?? ''); i++)
    await page.locator('.react-flow__controls-zoomin').click();
  await expect(page.getByTestId('canvas')).toHaveClass(/zoom-near/);
  const cut = await page.evaluate(() => {
    const out: string[] = [];
    const labels =
      '.vpc-name, .vpc-meta, .vpc-blocks, .usage-label, .subnet-name, .subnet-cidr, .subnet-meta, .nat-name, .nat-meta, .gauge-label, .hub-title strong, .hub-meta';
    for (const el of document.querySelectorAll<HTMLElement>(`.react-flow__node :is(${labels})`)) {
      if (el.scrollWidth > el.clientWidth + 1)
        out.push(`${el.closest<HTMLElement>('.react-flow__node')!.dataset.id}: "${el.textContent}" needs ${el.scrollWidth} px, has ${el.clientWidth}`);
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
        if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5)
          out.push(
            `${group.dataset.id}: "${label.textContent}" runs from ${b.x.toFixed(1)} to ${(b.x + b.width).toFixed(1)}, box ${box.x}..${box.x + box.width}`,
          );
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
  const tops = [...part.entries()]
    .filter(([, b]) => ['vpc', 'tgw', 'service-network', 'external'].includes(b.kind))
    .map(([id]) => id)
    .sort();
  // A selected subnet brings its whole VPC.
  expect(tops).toEqual(['tgw-hub', 'vpc-dev', 'vpc-prod']);
});

test('the SVG opens in Chromium as an image, validates with xmllint, and draws each box where the canvas has it', async ({ editor, page }) => {
  const plan = await editor.plan();
  const svg = await exportSvg(page);
  const file = test.info().outputPath('diagram.svg');
  await writeFile(file, svg);
  // libxml2's parser (the one Inkscape uses): well-formed XML, or the exact complaint.
  const xmllint = spawnSync('xmllint', ['--version']);
  if (requirePrerequisite('xmllint (libxml2-utils), to validate the exported SVG', xmllint.status === 0, 'apt-get install libxml2-utils')) {
    const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  }

  // Where the canvas draws each box (flow coordinates; React Flow writes them as the node's translate).
  const canvas = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
      const move = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform);
      return { id: el.dataset.id!, x: Number(move?.[1]), y: Number(move?.[2]), width: el.offsetWidth, height: el.offsetHeight };
    }),
  );
  const ids = [...plan.vpcs, ...plan.subnets, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id);
  expect(canvas.filter((n) => ids.includes(n.id)).length).toBe(ids.length);

  // In the page: the SVG read by the browser's XML parser, then decoded as an <img> and drawn on a canvas, its pixels read back.
  const seen = await page.evaluate(
    async ({ text, nodes }) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent };
      const root = doc.documentElement;
      const groups = new Map<string, { x: number; y: number; colour: string; strip: boolean; top: boolean }>();
      for (const g of doc.querySelectorAll('g[data-id]')) {
        if (g.classList.contains('edge-label')) continue;
        const rect = g.querySelector(':scope > rect')!;
        const strip = g.querySelector(':scope > path');
        // A subnet's left edge is its tier's strip; a VPC's or a hub's is its border.
        groups.set(g.getAttribute('data-id')!, {
          x: Number(rect.getAttribute('x')),
          y: Number(rect.getAttribute('y')),
          colour: g.classList.contains('subnet') ? strip!.getAttribute('fill')! : rect.getAttribute('stroke')!,
          strip: g.classList.contains('subnet'),
          top: ['vpc', 'tgw', 'service-network', 'external'].some((c) => g.classList.contains(c)),
        });
      }
      const image = new Image();
      image.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) ink++;
      // Offset from the canvas's flow coordinates to the picture's: the SVG moves the whole diagram to its margin.
      const offsets = new Set<string>();
      for (const n of nodes.filter((node) => groups.get(node.id)?.top)) offsets.add(`${groups.get(n.id)!.x - n.x},${groups.get(n.id)!.y - n.y}`);
      const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      const pixel = (x: number, y: number) => {
        const i = (Math.floor(y) * canvas.width + Math.floor(x)) * 4;
        return [data[i]!, data[i + 1]!, data[i + 2]!];
      };
      // A pixel of the colour, or of the colour blended with the paper (a 1 px line on a half pixel, anti-aliased): at least a third of the way from white to it, and no other hue.
      const tinted = (got: number[], want: number[]) => {
        const d = want.map((v) => v - 255);
        const t = got.reduce((sum, v, i) => sum + (v - 255) * d[i]!, 0) / d.reduce((sum, v) => sum + v * v, 0);
        return t >= 0.35 && got.every((v, i) => Math.abs(v - (255 + t * d[i]!)) <= 40);
      };
      const [dx, dy] = [...offsets][0]!.split(',').map(Number) as [number, number];
      // Each box's left edge, taken from the canvas's position: in the picture it is drawn in the box's colour
      // (a dashed border on most of the rows along the middle of the edge, a solid one on all).
      const misplaced: string[] = [];
      for (const n of nodes) {
        const group = groups.get(n.id);
        if (!group) continue;
        const want = hex(group.colour);
        const x = n.x + dx + (group.strip ? 2 : 0);
        const rows = Array.from({ length: Math.floor(n.height * 0.4) }, (_, k) => n.y + dy + Math.ceil(n.height * 0.3) + k);
        const hits = rows.filter((y) => [x - 1, x].some((column) => tinted(pixel(column, y), want))).length;
        if (hits < rows.length * 0.4)
          misplaced.push(
            `${n.id}: at x ${x}, y ${n.y + dy}, only ${hits} of ${rows.length} pixels of its left edge are ${group.colour} (${rows
              .slice(0, 3)
              .map((y) => `rgb(${pixel(x, y)})`)
              .join(' ')} ...)`,
          );
      }
      URL.revokeObjectURL(image.src);
      return {
        width: image.naturalWidth,
        height: image.naturalHeight,
        svgWidth: Number(root.getAttribute('width')),
        svgHeight: Number(root.getAttribute('height')),
        ink: ink / (canvas.width * canvas.height),
        offsets: [...offsets],
        checked: nodes.filter((n) => groups.has(n.id)).length,
        misplaced,
      };
    },
    { text: svg, nodes: canvas },
  );
  expect(seen.error).toBeUndefined();
  // It decodes, at the size it says, and is not blank.
  expect(seen.width).toBeGreaterThan(0);
  expect({ width: seen.width, height: seen.height }).toEqual({ width: seen.svgWidth, height: seen.svgHeight });
  expect(seen.ink).toBeGreaterThan(0.01);
  // One offset for every top-level box, and every box drawn where the canvas has it.
  expect(seen.offsets).toHaveLength(1);
  expect(seen.checked).toBe(ids.length + plan.natGateways.length);
  expect(seen.misplaced).toEqual([]);
});
