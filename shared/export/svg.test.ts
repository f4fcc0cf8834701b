import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planDiagram } from '../layout';
import { parsePlanText } from '../plan/load';
import type { Plan } from '../plan/schema';
import { diagramDate, planToSvg } from './svg';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

/** Each plan object's box: the first <rect> of its <g data-id="...">. */
function boxes(svg: string): Map<string, { x: number; y: number; width: number; height: number }> {
  const out = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const m of svg.matchAll(/<g class="([^"]+)" data-id="([^"]+)">\s*<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
    if (m[1] !== 'edge-label') out.set(m[2]!, { x: Number(m[3]), y: Number(m[4]), width: Number(m[5]), height: Number(m[6]) });
  }
  return out;
}

describe('planToSvg (the one diagram renderer)', () => {
  const plan = example('hub-and-spoke.vpcplan.json');

  it("draws every box where shared/layout puts it, moved as one to the picture's margin", () => {
    const svg = planToSvg(plan);
    const drawn = boxes(svg);
    const diagram = planDiagram(plan);
    const offsets = new Set<string>();
    for (const node of diagram.nodes) {
      const box = drawn.get(node.id)!;
      expect({ width: box.width, height: box.height }).toEqual({ width: node.width, height: node.height });
      offsets.add(`${box.x - node.x},${box.y - node.y}`);
      for (const [id, cell] of node.vpc?.cells ?? []) {
        expect(drawn.get(id)).toEqual({ x: box.x + cell.x, y: box.y + cell.y, width: cell.width, height: cell.height });
      }
    }
    expect(offsets.size).toBe(1);
    expect(drawn.size).toBe(diagram.nodes.length + plan.subnets.length + plan.natGateways.length);
  });

  it('is shapes and text only, with every label whole', () => {
    const svg = planToSvg(plan);
    expect(svg).not.toMatch(/<foreignObject|<image|<script/);
    expect(svg).not.toContain('…');
    for (const subnet of plan.subnets) for (const cidr of [subnet.ipv4Cidr, subnet.ipv6Cidr]) if (cidr) expect(svg).toContain(`>${cidr}</text>`);
    expect(svg).toContain('ASN 64512');
    expect(svg).toContain('>datacenter (Frankfurt)</text>');
  });

  it("has a title block with the plan's name and the date, and a legend that can be left out", () => {
    const svg = planToSvg(plan, { date: diagramDate(new Date('2026-03-14T23:30:00Z')) });
    expect(svg).toContain(`>${plan.name}</text>`);
    expect(svg).toContain('>2026-03-14</text>');
    expect(svg).toContain('class="legend"');
    const bare = planToSvg(plan, { legend: false });
    expect(bare).not.toContain('class="legend"');
    expect(Number(/height="(\d+)"/.exec(bare)![1])).toBeLessThan(Number(/height="(\d+)"/.exec(svg)![1]));
    // The date does not move anything.
    expect(boxes(svg)).toEqual(boxes(planToSvg(plan)));
  });

  it('draws only the selection (a subnet brings its VPC), at the same sizes, and says so', () => {
    const subnet = plan.subnets.find((s) => s.vpcId === 'vpc-dev')!;
    const svg = planToSvg(plan, { selection: ['vpc-prod', 'tgw-hub', subnet.id] });
    const drawn = boxes(svg);
    const tops = [...drawn.keys()].filter((id) => planDiagram(plan).byId.has(id)).sort();
    expect(tops).toEqual(['tgw-hub', 'vpc-dev', 'vpc-prod']);
    const whole = boxes(planToSvg(plan));
    expect(drawn.get('vpc-prod')!.width).toBe(whole.get('vpc-prod')!.width);
    expect(svg).toMatch(/3 of 9 boxes \(the selection\)/);
    expect(svg.match(/class="edge edge-attachment"/g)).toHaveLength(2);
    expect(() => planToSvg(plan, { selection: ['nothing-here'] })).toThrow(/nothing selected is on the diagram/);
  });

  it('as an overview, draws each VPC as its box and name where the full diagram has it, without subnets, NAT gateways or edge labels', () => {
    const full = planToSvg(plan);
    const overview = planToSvg(plan, { overview: true });
    const drawn = boxes(overview);
    for (const node of planDiagram(plan).nodes) expect(drawn.get(node.id), node.id).toEqual(boxes(full).get(node.id));
    expect(drawn.size).toBe(planDiagram(plan).nodes.length);
    expect(overview).not.toMatch(/class="subnet|class="nat"|class="edge-label"/);
    for (const vpc of plan.vpcs) expect(overview).toContain(`class="name">${vpc.name}</text>`);
    expect(overview.match(/class="edge edge-/g)).toEqual(full.match(/class="edge edge-/g));
    expect(overview).toContain('overview: VPCs without their subnets');
    expect(overview).not.toMatch(/Public subnet|NAT gateway</);
    expect(overview.length).toBeLessThan(full.length / 2);
  });

  it('puts the same picture out for the same plan', () => {
    expect(planToSvg(plan, { date: '2026-01-01' })).toBe(planToSvg(plan, { date: '2026-01-01' }));
  });
});
