import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanText, validatePlan } from '../plan/load';
import type { Plan, PlanInput } from '../plan/schema';
import {
  boxesOverlap,
  diagramScope,
  edgePolyline,
  layOutPlan,
  layOutVpc,
  linesWidth,
  NEW_NODE_MARGIN,
  placeAddedNodes,
  placeNewNode,
  planDiagram,
  segmentCrossesBox,
  subnetLines,
  subnetText,
  subnetUsable,
  SUBNET_WIDTH,
  textWidth,
  TYPE,
  type Box,
  type Diagram,
  type NodeKind,
} from '.';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

function valid(raw: PlanInput): Plan {
  const r = validatePlan(raw, 'generated');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

function overlappingPairs(diagram: Diagram): string[] {
  const out: string[] = [];
  diagram.nodes.forEach((a, i) => {
    diagram.nodes.slice(i + 1).forEach((b) => {
      if (boxesOverlap(a, b)) out.push(`${a.id} on ${b.id}`);
    });
  });
  return out;
}

/** Random plans, unplaced, of VPCs with 1-6 AZs, transit gateways, service networks and external networks, with edges between them. */
const names = fc.string({ minLength: 1, maxLength: 60, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 WMäé東') });
const planArbitrary = fc
  .record({
    vpcs: fc.array(
      fc.record({
        name: names,
        azs: fc.integer({ min: 0, max: 6 }),
        tiers: fc.subarray(['public', 'private', 'isolated'] as const),
        perCell: fc.integer({ min: 1, max: 3 }),
        ipv6: fc.boolean(),
        nat: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    tgws: fc.array(
      fc.record({ name: names, asn: fc.option(fc.integer({ min: 1, max: 4294967295 }), { nil: undefined }), attach: fc.array(fc.nat(), { maxLength: 6 }) }),
      { maxLength: 3 },
    ),
    networks: fc.array(fc.record({ name: names, associate: fc.array(fc.nat(), { maxLength: 4 }) }), { maxLength: 2 }),
    externals: fc.array(fc.record({ name: names, cidrs: fc.integer({ min: 0, max: 4 }) }), { maxLength: 3 }),
    peerings: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
  })
  .map((spec): Plan => {
    const raw = { format: 'vpcplan', version: 1, name: 'random' } as unknown as Record<string, unknown[]>;
    const vpcs: unknown[] = [];
    const subnets: unknown[] = [];
    const nats: unknown[] = [];
    spec.vpcs.forEach((v, i) => {
      vpcs.push({
        id: `vpc-${i}`,
        name: v.name,
        ipv4Cidrs: [`10.${i}.0.0/16`],
        ipv6Cidrs: v.ipv6 ? [`2600:1f18:1a2b:${(0x3c00 + i * 0x100).toString(16)}::/56`] : [],
      });
      let n = 0;
      for (let az = 0; az < v.azs; az++) {
        for (const tier of v.tiers) {
          for (let k = 0; k < v.perCell; k++, n++) {
            subnets.push({
              id: `subnet-${i}-${n}`,
              name: `${v.name}-${tier}-${az}-${k}`,
              vpcId: `vpc-${i}`,
              availabilityZone: `eu-central-1${'abcdef'[az]}`,
              tier,
              ipv4Cidr: `10.${i}.${n}.0/24`,
              ...(v.ipv6 ? { ipv6Cidr: `2600:1f18:1a2b:${(0x3c00 + i * 0x100 + n).toString(16)}::/64` } : {}),
            });
            if (v.nat && k === 0 && tier === v.tiers[0]) nats.push({ id: `nat-${i}-${n}`, name: `nat-${v.name}-${az}`, subnetId: `subnet-${i}-${n}` });
          }
        }
      }
    });
    const vpcId = (n: number) => `vpc-${n % Math.max(1, spec.vpcs.length)}`;
    const hasVpcs = spec.vpcs.length > 0;
    raw.vpcs = vpcs;
    raw.subnets = subnets;
    raw.natGateways = nats;
    raw.transitGateways = spec.tgws.map((t, i) => ({
      id: `tgw-${i}`,
      name: t.name,
      ...(t.asn !== undefined ? { asn: t.asn } : {}),
      attachments: hasVpcs ? [...new Set(t.attach.map(vpcId))].map((v, k) => ({ id: `att-${i}-${k}`, name: `att-${k}`, type: 'vpc', vpcId: v })) : [],
    }));
    raw.serviceNetworks = spec.networks.map((s, i) => ({ id: `sn-${i}`, name: s.name, vpcIds: hasVpcs ? [...new Set(s.associate.map(vpcId))] : [] }));
    raw.externalNetworks = spec.externals.map((e, i) => ({
      id: `ext-${i}`,
      name: e.name,
      kind: 'on-premises',
      cidrs: Array.from({ length: e.cidrs }, (_, k) => `192.168.${i * 10 + k}.0/24`),
    }));
    raw.peerings = hasVpcs
      ? spec.peerings
          .map(([a, b], i) => ({ id: `pcx-${i}`, name: `pcx-${i}`, requesterVpcId: vpcId(a), accepterVpcId: vpcId(b) }))
          .filter((p) => (p as { requesterVpcId: string; accepterVpcId: string }).requesterVpcId !== (p as { accepterVpcId: string }).accepterVpcId)
      : [];
    return valid(raw as unknown as PlanInput);
  });

describe('text widths', () => {
  it('grows with the text, and bold and larger type are wider', () => {
    expect(textWidth('10.0.0.0/16', { size: 12 })).toBeLessThan(textWidth('10.0.0.0/16 and more', { size: 12 }));
    expect(textWidth('prod', { size: 12, bold: true })).toBeGreaterThan(textWidth('prod', { size: 12 }));
    expect(textWidth('prod', { size: 16 })).toBeGreaterThan(textWidth('prod', { size: 12 }));
    // DejaVu Sans Mono advances 0.602 em per character: a /64 in 13 px type is at least 188 px.
    expect(textWidth('2600:1f18:1a2b:3c10::/64', { size: 13, mono: true })).toBeGreaterThanOrEqual(Math.ceil(24 * 0.602 * 13));
  });
});

describe('a VPC box', () => {
  it('has a column per AZ and a row per tier, its cells inside it and apart from each other', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        for (const vpc of plan.vpcs) {
          const subnets = plan.subnets.filter((s) => s.vpcId === vpc.id);
          const nats = plan.natGateways.filter((n) => subnets.some((s) => s.id === n.subnetId));
          const g = layOutVpc(vpc, subnets, nats, false);
          expect(g.grid.columns).toHaveLength(Math.max(1, new Set(subnets.map((s) => s.availabilityZone)).size));
          expect(g.grid.rows.map((r) => r.tier)).toEqual(['public', 'private', 'isolated'].filter((t) => subnets.some((s) => s.tier === t)));
          const cells = [...g.cells.values()];
          expect(cells).toHaveLength(subnets.length + nats.length);
          for (const [i, c] of cells.entries()) {
            expect(c.x).toBeGreaterThan(0);
            expect(c.y).toBeGreaterThan(g.grid.azLabelY);
            expect(c.x + c.width).toBeLessThan(g.width);
            expect(c.y + c.height).toBeLessThan(g.height);
            for (const d of cells.slice(i + 1)) expect(boxesOverlap(c, d)).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is wide enough for every word its cells show: long names and full IPv6 /64s are never cut', () => {
    const plan = valid({
      format: 'vpcplan',
      version: 1,
      name: 'long',
      vpcs: [{ id: 'v', name: 'v', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600:1f18:1a2b:3c00::/56'] }],
      subnets: [
        {
          id: 's1',
          name: 'a-subnet-with-a-very-long-name-that-used-to-be-cut-short',
          vpcId: 'v',
          availabilityZone: 'a',
          tier: 'private',
          ipv4Cidr: '10.0.0.0/24',
        },
        { id: 's2', name: 's2', vpcId: 'v', availabilityZone: 'b', tier: 'private', ipv6Cidr: 'ffff:ffff:ffff:ffff::/64' },
      ],
    } as unknown as PlanInput);
    const g = layOutVpc(plan.vpcs[0]!, plan.subnets, [], false);
    expect(g.grid.cellWidth).toBeGreaterThan(SUBNET_WIDTH);
    for (const subnet of plan.subnets) {
      const cell = g.cells.get(subnet.id)!;
      expect(cell.width).toBe(g.grid.cellWidth);
      expect(cell.width).toBeGreaterThanOrEqual(linesWidth(subnetLines(subnetText(subnet, subnetUsable(subnet)))) + 25);
    }
    // The IPv6-only subnet's /64 and its 2^64 - 5 usable addresses, whole.
    expect(textWidth('ffff:ffff:ffff:ffff::/64', TYPE.cellCidr)).toBeLessThan(g.grid.cellWidth);
    expect(subnetUsable(plan.subnets[1]!)).toBe('18,446,744,073,709,551,611');
  });

  it('keeps the canvas sizes of the examples (212 px cells) where the words fit', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const diagram = planDiagram(plan);
    expect(diagram.byId.get('vpc-dev')).toMatchObject({ x: 900, y: 0, width: 542, height: 314 });
    expect(diagram.byId.get('vpc-prod')!.vpc!.grid.cellWidth).toBe(212);
    expect(diagram.byId.get('vpc-prod')!.width).toBe(16 + 74 + 3 * (212 + 12) - 12 + 16);
  });
});

describe('layOutPlan (imported and unplaced objects)', () => {
  it('never puts two boxes on each other, whatever the plan', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const laidOut = { ...plan, layout: layOutPlan(plan) };
        expect(Object.keys(laidOut.layout.nodes).sort()).toEqual(
          [...plan.vpcs, ...plan.transitGateways, ...plan.serviceNetworks, ...plan.externalNetworks].map((o) => o.id).sort(),
        );
        expect(overlappingPairs(planDiagram(laidOut))).toEqual([]);
        // The same plan always gets the same picture.
        expect(layOutPlan(plan)).toEqual(laidOut.layout);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps a six-AZ VPC clear of its neighbour (the old 900 px columns overlapped)', () => {
    const vpc = (i: number, azs: number) => ({ id: `vpc-${i}`, name: `vpc-${i}`, ipv4Cidrs: [`10.${i}.0.0/16`] });
    const subnets = (i: number, azs: number) =>
      Array.from({ length: azs }, (_, az) => ({
        id: `s-${i}-${az}`,
        name: `s-${i}-${az}`,
        vpcId: `vpc-${i}`,
        availabilityZone: `us-east-1${'abcdef'[az]}`,
        tier: 'private',
        ipv4Cidr: `10.${i}.${az}.0/24`,
      }));
    const plan = valid({
      format: 'vpcplan',
      version: 1,
      name: 'six',
      vpcs: [vpc(0, 6), vpc(1, 4), vpc(2, 6)],
      subnets: [...subnets(0, 6), ...subnets(1, 4), ...subnets(2, 6)],
    } as unknown as PlanInput);
    const diagram = planDiagram({ ...plan, layout: layOutPlan(plan) });
    const [a, b, c] = ['vpc-0', 'vpc-1', 'vpc-2'].map((id) => diagram.byId.get(id)!);
    expect(a!.width).toBeGreaterThan(900);
    expect(a!.x + a!.width).toBeLessThan(b!.x);
    expect(b!.x + b!.width).toBeLessThan(c!.x);
    expect(overlappingPairs(diagram)).toEqual([]);
  });

  it('keeps what is placed and puts new objects below it', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const extra = { ...plan, externalNetworks: [...plan.externalNetworks, { id: 'ext-new', name: 'new', kind: 'azure' as const, cidrs: [] }] };
    const layout = layOutPlan(extra);
    for (const [id, at] of Object.entries(plan.layout.nodes)) expect(layout.nodes[id]).toEqual(at);
    const bottom = Math.max(...planDiagram(plan).nodes.map((n) => n.y + n.height));
    expect(layout.nodes['ext-new']!.y).toBeGreaterThan(bottom);
    expect(layOutPlan(plan)).toBe(plan.layout);
  });
});

describe('placeNewNode', () => {
  const kinds: NodeKind[] = ['vpc', 'tgw', 'serviceNetwork', 'external'];

  it("finds space touching no box (with room for a connection's label) and crossing no connection, near a point or beside a node", () => {
    fc.assert(
      fc.property(
        planArbitrary,
        fc.constantFrom(...kinds),
        fc.integer({ min: -3000, max: 3000 }),
        fc.integer({ min: -3000, max: 3000 }),
        fc.nat(),
        fc.boolean(),
        (plan, kind, x, y, pick, besideNode) => {
          const laidOut = { ...plan, layout: layOutPlan(plan) };
          const diagram = planDiagram(laidOut);
          const anchor = diagram.nodes.length > 0 && besideNode ? diagram.nodes[pick % diagram.nodes.length]!.id : { x, y };
          const at = placeNewNode(laidOut, kind, anchor);
          const size =
            kind === 'vpc' ? { width: 560, height: 330 } : kind === 'tgw' ? { width: 210, height: 86 } : { width: 240, height: kind === 'external' ? 90 : 86 };
          const box = { ...at, ...size };
          for (const node of diagram.nodes) expect(boxesOverlap(box, node, NEW_NODE_MARGIN - 1), `${kind} on ${node.id}`).toBe(false);
          for (const edge of diagram.edges) {
            const segment = { from: centre(diagram.byId.get(edge.source)!), to: centre(diagram.byId.get(edge.target)!) };
            expect(segmentCrossesBox(segment, box), `${kind} across ${edge.id}`).toBe(false);
            // And off the curve the canvas and the exports draw.
            const curve = edgePolyline(diagram.byId.get(edge.source)!, diagram.byId.get(edge.target)!, 48);
            for (let i = 1; i < curve.length; i++)
              expect(segmentCrossesBox({ from: curve[i - 1]!, to: curve[i]! }, box), `${kind} on the curve of ${edge.id}`).toBe(false);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps off a connection drawn along a route of its own (an automatic layout's)", () => {
    const plan = valid({
      format: 'vpcplan',
      version: 1,
      name: 'routed',
      vpcs: [
        { id: 'a', name: 'a', ipv4Cidrs: ['10.0.0.0/16'] },
        { id: 'b', name: 'b', ipv4Cidrs: ['10.1.0.0/16'] },
      ],
      peerings: [{ id: 'pcx', name: 'pcx', requesterVpcId: 'a', accepterVpcId: 'b' }],
      layout: { nodes: { a: { x: 0, y: 0 }, b: { x: 2000, y: 0 } } },
    } as unknown as PlanInput);
    // A route that dips far below both boxes, where the curve never goes.
    const route = [
      { x: 180, y: 400 },
      { x: 180, y: 1500 },
      { x: 2180, y: 1500 },
      { x: 2180, y: 400 },
    ];
    const wanted = { x: 1100, y: 1500 };
    const free = placeNewNode(plan, 'tgw', wanted);
    expect(free).toEqual({ x: 1100 - 105, y: 1500 - 43 });
    const routed = placeNewNode(plan, 'tgw', wanted, undefined, new Map([['pcx', route]]));
    const box = { ...routed, width: 210, height: 86 };
    for (let i = 1; i < route.length; i++) expect(segmentCrossesBox({ from: route[i - 1]!, to: route[i]! }, box)).toBe(false);
  });

  it('lands in the middle of the view when that is free, and beside the node it is asked to be near', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    // Far below everything: nothing in the way.
    expect(placeNewNode(plan, 'tgw', { x: 500, y: 5000 })).toEqual({ x: 500 - 105, y: 5000 - 43 });
    const legacy = planDiagram(plan).byId.get('vpc-legacy')!;
    const beside = placeNewNode(plan, 'external', 'vpc-legacy');
    expect(beside.x).toBeGreaterThanOrEqual(legacy.x + legacy.width + NEW_NODE_MARGIN);
    expect(Math.abs(beside.y - legacy.y)).toBeLessThan(400);
  });

  it('avoids the connection between two boxes even where there is room between them', () => {
    const plan = valid({
      format: 'vpcplan',
      version: 1,
      name: 'edge',
      vpcs: [
        { id: 'a', name: 'a', ipv4Cidrs: ['10.0.0.0/16'] },
        { id: 'b', name: 'b', ipv4Cidrs: ['10.1.0.0/16'] },
      ],
      peerings: [{ id: 'pcx', name: 'pcx', requesterVpcId: 'a', accepterVpcId: 'b' }],
      layout: { nodes: { a: { x: 0, y: 0 }, b: { x: 2000, y: 0 } } },
    } as unknown as PlanInput);
    const diagram = planDiagram(plan);
    const middle = { x: 1180, y: centre(diagram.byId.get('a')!).y };
    const at = placeNewNode(plan, 'tgw', middle);
    expect(segmentCrossesBox({ from: centre(diagram.byId.get('a')!), to: centre(diagram.byId.get('b')!) }, { ...at, width: 210, height: 86 })).toBe(false);
    expect(Math.abs(at.x + 105 - middle.x)).toBeLessThan(200);
  });
});

describe('placeAddedNodes (paste and duplicate)', () => {
  it('moves a copy off its original, and the whole pasted group by one offset', () => {
    const plan = example('hub-and-spoke.vpcplan.json');
    const original = plan.layout.nodes['vpc-dev']!;
    const copy = { ...plan.vpcs.find((v) => v.id === 'vpc-dev')!, id: 'vpc-copy' };
    const copySubnets = plan.subnets.filter((s) => s.vpcId === 'vpc-dev').map((s) => ({ ...s, id: `${s.id}-copy`, vpcId: 'vpc-copy' }));
    const tgw = { ...plan.transitGateways[0]!, id: 'tgw-copy', attachments: [] };
    const pasted: Plan = {
      ...plan,
      vpcs: [...plan.vpcs, copy],
      subnets: [...plan.subnets, ...copySubnets],
      transitGateways: [...plan.transitGateways, tgw],
      layout: {
        nodes: { ...plan.layout.nodes, 'vpc-copy': { x: original.x + 48, y: original.y + 48 }, 'tgw-copy': { x: original.x + 48, y: original.y + 400 } },
      },
    };
    const moved = placeAddedNodes(pasted, ['vpc-copy', 'tgw-copy', ...copySubnets.map((s) => s.id)]);
    expect(Object.keys(moved).sort()).toEqual(['tgw-copy', 'vpc-copy']);
    expect(moved['tgw-copy']!.x - moved['vpc-copy']!.x).toBe(0);
    expect(moved['tgw-copy']!.y - moved['vpc-copy']!.y).toBe(352);
    const after = planDiagram({ ...pasted, layout: { nodes: { ...pasted.layout.nodes, ...moved } } });
    expect(overlappingPairs(after).filter((p) => p.includes('copy'))).toEqual([]);
  });

  it('leaves a paste that is already clear where it is', () => {
    const plan = example('three-tier.vpcplan.json');
    const copy = { ...plan.vpcs[0]!, id: 'vpc-copy' };
    const pasted = { ...plan, vpcs: [...plan.vpcs, copy], layout: { nodes: { ...plan.layout.nodes, 'vpc-copy': { x: 5000, y: 5000 } } } };
    expect(placeAddedNodes(pasted, ['vpc-copy'])).toEqual({ 'vpc-copy': { x: 5000, y: 5000 } });
  });
});

describe('diagramScope (a picture of the selection)', () => {
  const plan = example('hub-and-spoke.vpcplan.json');
  const diagram = planDiagram(plan);

  it('draws the VPC of a selected subnet, and both ends of a selected connection', () => {
    const subnet = plan.subnets.find((s) => s.vpcId === 'vpc-dev')!;
    expect([...diagramScope(plan, diagram, [subnet.id]).nodes]).toEqual(['vpc-dev']);
    const association = diagram.edges.find((e) => e.kind === 'association')!;
    const scope = diagramScope(plan, diagram, [association.id]);
    expect([...scope.nodes].sort()).toEqual([association.source, association.target].sort());
    expect(scope.edges.has(association.id)).toBe(true);
  });

  it('keeps every connection between the selected boxes, and nothing else', () => {
    const scope = diagramScope(plan, diagram, ['vpc-prod', 'tgw-hub']);
    const expected = diagram.edges.filter((e) => scope.nodes.has(e.source) && scope.nodes.has(e.target)).map((e) => e.id);
    expect([...scope.edges].sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
    expect(diagramScope(plan, diagram, ['no-such-id']).nodes.size).toBe(0);
  });
});
