/**
 * The printed diagram's pages (report.ts diagramTiles and diagramHtml): every label whole on
 * some page, every VPC whole on some page, no empty stretch printed, and each page's SVG
 * holding only what shows through it (what kept a 100-VPC PDF from taking minutes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../plan/generate-plan';
import { textWidth } from '../layout';
import { parsePlanText } from '../plan/load';
import type { Plan } from '../plan/schema';
import { buildReviewReport, DIAGRAM_FULL_VPC_LIMIT, DIAGRAM_MAX_PAGES, DIAGRAM_MIN_TEXT_PT, pathInFrame, pathPieces, pathPoints } from './report';
import { planToSvg } from './svg';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Each <text> of an SVG with the box it takes at most (textWidth is never narrower than the print). */
function labels(svg: string): Array<Box & { text: string }> {
  return [...svg.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)" font-size="([\d.]+)"([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const [x, y, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const text = m[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    const width =
      textWidth(text, { size, bold: m[4]!.includes('font-weight="bold"'), mono: /font-family="[^"]*Mono/.test(m[4]!) }) +
      [...text].length * Number(/letter-spacing="([\d.]+)"/.exec(m[4]!)?.[1] ?? 0);
    const x0 = m[4]!.includes('text-anchor="middle"') ? x - width / 2 : x;
    return { text: `"${text}" at ${x},${y}`, x0, x1: x0 + width, y0: y - size, y1: y + size * 0.25 };
  });
}

/** The viewBox of each printed diagram page, with the page's SVG. */
function pages(html: string): Array<Box & { svg: string; caption: string }> {
  return [
    ...html.matchAll(
      /<figure class="diagram-page">\n(<svg [^>]*viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"[^>]*>[\s\S]*?<\/svg>)(?:\n<figcaption>([^<]*)<\/figcaption>)?/g,
    ),
  ].map((m) => {
    const [x, y, w, h] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
    return { svg: m[1]!, x0: x, y0: y, x1: x + w, y1: y + h, caption: m[6] ?? '' };
  });
}

const within = (inner: Box, outer: Box) => inner.x0 >= outer.x0 - 0.5 && inner.x1 <= outer.x1 + 0.5 && inner.y0 >= outer.y0 - 0.5 && inner.y1 <= outer.y1 + 0.5;
const meets = (a: Box, b: Box) => a.x0 <= b.x1 && a.x1 >= b.x0 && a.y0 <= b.y1 && a.y1 >= b.y0;

describe('the printed diagram', () => {
  const plans: Array<[string, Plan, number]> = [
    // [plan, the most diagram pages expected]
    ['three-tier', example('three-tier.vpcplan.json'), 1],
    ['hub-and-spoke', example('hub-and-spoke.vpcplan.json'), 9],
    ['30 VPCs', generatePlan({ vpcs: 30, subnetsPerVpc: 10, seed: 5 }), 30 + 6],
    ['100 VPCs', generatePlan({ vpcs: 100, subnetsPerVpc: 10, seed: 3 }), 100 + 8],
  ];
  for (const [label, plan, most] of plans) {
    it(`${label}: every label and every VPC whole on some page, in at most ${most} pages, each page holding only what it shows`, () => {
      const report = buildReviewReport(plan, { generatedAt: '2026-03-04T05:06:07Z' });
      const svg = report.diagramSvg;
      const printed = pages(report.html);
      expect(printed.length).toBeGreaterThanOrEqual(1);
      expect(printed.length).toBeLessThanOrEqual(most);
      const cut = labels(svg).filter((l) => !printed.some((p) => within(l, p)));
      expect(cut.map((l) => l.text).slice(0, 5), `${cut.length} labels cut on every page`).toEqual([]);
      for (const vpc of plan.vpcs) {
        const m = new RegExp(`<g class="vpc" data-id="${vpc.id}">\\n<rect x="([-\\d.]+)" y="([-\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`).exec(svg)!;
        const box = { x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[1]) + Number(m[3]), y1: Number(m[2]) + Number(m[4]) };
        expect(
          printed.some((p) => within(box, p)),
          `${vpc.name} whole on a page`,
        ).toBe(true);
        if (printed.length > 1)
          expect(
            printed.some((p) => within(box, p) && p.caption.includes(` ${vpc.name}`)),
            `${vpc.name} in a caption`,
          ).toBe(true);
      }
      // A page's SVG draws no text that lies wholly outside its frame.
      for (const [i, page] of printed.entries()) {
        const outside = labels(page.svg).filter((l) => !meets(l, { x0: page.x0 - 8, y0: page.y0 - 8, x1: page.x1 + 8, y1: page.y1 + 8 }));
        expect(outside.map((l) => l.text).slice(0, 3), `page ${i + 1}`).toEqual([]);
      }
    });
  }

  it('a 100-VPC report is a few MB of HTML, not the 18 MB that took minutes to print', () => {
    const plan = generatePlan({ vpcs: 100, subnetsPerVpc: 10, seed: 3 });
    const { html } = buildReviewReport(plan);
    expect(html.length).toBeLessThan(4_000_000);
    // No page carries a dashed connection whole: each holds the pieces that cross it.
    for (const page of pages(html)) {
      for (const m of page.svg.matchAll(/<path class="edge [^"]*" [^>]*d="([^"]+)"[^>]*stroke-dasharray/g)) {
        for (const p of pathPoints(m[1]!))
          expect(meets({ x0: p.x, y0: p.y, x1: p.x, y1: p.y }, { x0: page.x0 - 400, y0: page.y0 - 400, x1: page.x1 + 400, y1: page.y1 + 400 })).toBe(true);
      }
    }
  });
});

describe('the printed diagram of a plan too large to page', () => {
  it(`above ${DIAGRAM_FULL_VPC_LIMIT} VPCs is the overview on one page, saying what it leaves out; the tables and diagram.svg keep everything`, () => {
    const plan = generatePlan({ vpcs: DIAGRAM_FULL_VPC_LIMIT + 1, subnetsPerVpc: 2, seed: 9 });
    const report = buildReviewReport(plan);
    const printed = pages(report.html);
    expect(printed).toHaveLength(1);
    const [page] = printed;
    expect(page!.svg).not.toContain('class="subnet');
    expect(page!.svg.match(/<g class="vpc" /g)).toHaveLength(plan.vpcs.length);
    expect(page!.caption).toContain(
      `its ${(DIAGRAM_FULL_VPC_LIMIT + 1).toLocaleString('en-US')} VPCs are more than ${DIAGRAM_FULL_VPC_LIMIT} printed pages could show legibly`,
    );
    expect(page!.caption).toContain(`without its subnets (${plan.subnets.length.toLocaleString('en-US')} in all)`);
    expect(page!.caption).toContain('the full diagram is the separately exported SVG');
    // The overview, printed whole: its frame is the overview SVG's, at a scale that fits the page.
    expect(page!.x1 - page!.x0).toBe(Number(/width="(\d+)"/.exec(planToSvg(plan, { overview: true }))![1]));
    // The full diagram is still the one the Markdown links, and every subnet is in the tables.
    expect(report.diagramSvg.match(/<g class="subnet /g)).toHaveLength(plan.subnets.length);
    const table = report.html.slice(report.html.indexOf('<h2>VPCs and subnets</h2>'), report.html.indexOf('<h2>IPv6 allocations</h2>'));
    for (const subnet of plan.subnets) expect(table).toContain(`<td class="nowrap">${subnet.ipv4Cidr}</td>`);
  });

  it(`with few VPCs but a diagram of more than ${DIAGRAM_MAX_PAGES} pages is the overview, saying how many pages the full one would take`, () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    // A box moved far off: the picture spans a grid of thousands of pages, nearly all of them empty.
    plan.layout.nodes[plan.vpcs[0]!.id] = { x: 200_000, y: 100_000 };
    const printed = pages(buildReviewReport(plan).html);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.caption).toMatch(new RegExp(`because the full diagram would take [\\d,]+ pages at ${DIAGRAM_MIN_TEXT_PT} pt text`));
    expect(printed[0]!.svg).not.toContain('class="subnet');
    expect(printed[0]!.svg).toContain(`class="name">${plan.vpcs[0]!.name}</text>`);
  });

  it('of a small selection is its full diagram; of a selection past the limit, its overview, so captioned', () => {
    const plan = generatePlan({ vpcs: DIAGRAM_FULL_VPC_LIMIT + 2, subnetsPerVpc: 2, seed: 9 });
    const [first, second] = plan.vpcs;
    // A VPC and a subnet of another: both VPCs drawn whole, with their subnets, and nothing else.
    const subnet = plan.subnets.find((s) => s.vpcId === second!.id)!;
    const small = buildReviewReport(plan, { diagram: { selection: [first!.id, subnet.id] } });
    const printed = pages(small.html);
    const drawn = printed.map((p) => p.svg).join('\n');
    expect(new Set([...drawn.matchAll(/<g class="vpc" data-id="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set([first!.id, second!.id]));
    expect(drawn.match(/<g class="subnet [^"]*" data-id="([^"]+)"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(printed.every((p) => !p.caption.includes('overview'))).toBe(true);
    // diagram.svg is the selection's full diagram too.
    expect(small.diagramSvg).toContain('2 of ');
    expect(small.diagramSvg.match(/<g class="vpc" /g)).toHaveLength(2);

    const all = plan.vpcs.slice(1).map((v) => v.id);
    const [page, ...more] = pages(buildReviewReport(plan, { diagram: { selection: all, legend: false } }).html);
    expect(more).toHaveLength(0);
    expect(page!.svg).not.toContain('class="subnet');
    expect(page!.svg).not.toContain('class="legend"');
    expect(page!.svg.match(/<g class="vpc" /g)).toHaveLength(all.length);
    expect(page!.caption).toContain(`An overview of the selection, because its ${all.length.toLocaleString('en-US')} VPCs are more than`);
    expect(page!.caption).toContain(`without its subnets (${(all.length * 2).toLocaleString('en-US')} in all)`);
  });
});

describe('path geometry', () => {
  it("reads a path's points, not an arc's radii", () => {
    // svg.ts's subnet tier strip: arcs of radius 8; read as points they put every VPC at the corner (8, 8).
    expect(pathPoints('M110,200 A8,8 0 0 0 102,208 V260 A8,8 0 0 0 110,268 Z')).toEqual([
      { x: 110, y: 200 },
      { x: 102, y: 208 },
      { x: 102, y: 260 },
      { x: 110, y: 268 },
    ]);
    expect(pathPoints('M0,0 C10,0 20,5 30,5 L40,5 H50')).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 20, y: 5 },
      { x: 30, y: 5 },
      { x: 40, y: 5 },
      { x: 50, y: 5 },
    ]);
    expect(() => pathPoints('m0,0 l10,10')).toThrow(/absolute paths only/);
  });

  it('keeps the pieces of a long dashed curve that cross a frame, joined where they meet', () => {
    const element =
      '<path class="edge edge-association" data-id="a" d="M0,0 C3000,0 7000,1000 10000,1000" fill="none" stroke="#a21caf" stroke-dasharray="2 4"/>';
    const pieces = pathPieces(element)!;
    expect(pieces.pieces.length).toBeGreaterThan(50);
    const frame = { x: 4000, y: 0, width: 1000, height: 1000 };
    const cut = pathInFrame(pieces, frame);
    const d = / d="([^"]+)"/.exec(cut)![1]!;
    // One run (one M), every point near the frame, the rest of the element as it was.
    expect(d.match(/M/g)).toHaveLength(1);
    for (const p of pathPoints(d)) expect(p.x > frame.x - 200 && p.x < frame.x + frame.width + 200, `${p.x}`).toBe(true);
    expect(cut.replace(/ d="[^"]+"/, '')).toBe(element.replace(/ d="[^"]+"/, ''));
    expect(pathInFrame(pieces, { x: 4000, y: 5000, width: 1000, height: 1000 })).toBe('');
    // A path of other commands is not cut.
    expect(pathPieces('<path d="M0,0 A5,5 0 0 0 10,10" stroke-dasharray="2 4"/>')).toBeUndefined();
  });
});
