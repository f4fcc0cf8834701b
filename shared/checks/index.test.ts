import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../plan/generate-plan';
import { parsePlanText } from '../plan/load';
import type { Plan } from '../plan/schema';
import { planWith, subnet, vpc } from './fixture';
import { renderFindingsDoc } from './findings-doc';
import { checkPlan, compareFindings, createChecker, findingCatalogue, indexPlan, rules, type Finding } from './index';
import { definePlanRule, defineVpcRule } from './types';
import { peeringsRule } from './rules/peerings';
import { vpcBlocksRule } from './rules/vpc-blocks';

/** A plan that trips most of the engine's rules at once. */
const troubled: Plan = planWith({
  settings: { quotas: { subnetsPerVpc: 2, peeringsPerVpc: 1 } },
  vpcs: [
    vpc('a', ['10.0.0.0/16', '192.168.0.0/16', '10.0.0.1/16'], { name: 'prod', growth: { subnets: 600, prefix: 24 } }),
    vpc('b', ['10.0.128.0/17', '172.17.0.0/16'], { name: 'dev', ipv6Cidrs: ['2001:db8::/48'] }),
    vpc('c', [], { ipv6Cidrs: ['10.0.0.0/16'] }),
  ],
  subnets: [
    subnet('s1', 'a', '10.0.0.0/24', { hostsNeeded: 300 }),
    subnet('s2', 'a', '10.0.0.128/25', { hostsNeeded: 2 }),
    subnet('s3', 'a', '10.9.0.0/24'),
    subnet('s4', 'b', undefined, { ipv6Cidr: '2001:db8:1::/62' }),
    subnet('s5', 'nowhere', '10.0.0.0/24'),
  ],
  natGateways: [{ id: 'n', name: 'nat', subnetId: 's1', addresses: 1, demand: { instances: 100, peakConnectionsPerInstance: 500 } }],
  peerings: [
    { id: 'p1', name: 'p1', requesterVpcId: 'a', accepterVpcId: 'b' },
    { id: 'p2', name: 'p2', requesterVpcId: 'b', accepterVpcId: 'a' },
    { id: 'p3', name: 'p3', requesterVpcId: 'c', accepterVpcId: 'c' },
    { id: 'p4', name: 'p4', requesterVpcId: 'a', accepterVpcId: 'c' },
  ],
  serviceNetworks: [
    { id: 'sn1', name: 'sn1', vpcIds: ['a'] },
    { id: 'sn2', name: 'sn2', vpcIds: ['a', 'ghost'] },
  ],
});

const small = generatePlan({ vpcs: 12, subnetsPerVpc: 10, seed: 7 });

/** `small` with shared egress: private tables send 0.0.0.0/0 to their transit gateway, which sends it on to one VPC's attachment. */
const sharedEgress: Plan = (() => {
  const egressVpcs = new Set(small.transitGateways.map((t) => t.attachments.find((a) => a.type === 'vpc')!.vpcId));
  const tgwOf = new Map(
    small.transitGateways.flatMap((t) => t.attachments.filter((a) => a.vpcId !== undefined && !egressVpcs.has(a.vpcId)).map((a) => [a.vpcId!, t.id] as const)),
  );
  return {
    ...small,
    routeTables: small.routeTables.map((t) =>
      t.main && tgwOf.has(t.vpcId)
        ? {
            ...t,
            routes: [
              ...t.routes.filter((r) => r.destination !== '0.0.0.0/0'),
              { destination: '0.0.0.0/0', target: 'transit-gateway' as const, targetId: tgwOf.get(t.vpcId)! },
            ],
          }
        : t,
    ),
    transitGateways: small.transitGateways.map((t) => {
      const egress = t.attachments.find((a) => a.type === 'vpc')!;
      return {
        ...t,
        routeTables: t.routeTables.map((rt) => ({
          ...rt,
          routes: [{ destination: '0.0.0.0/0', kind: 'static' as const, attachmentId: egress.id }, ...rt.routes.filter((r) => r.destination !== '0.0.0.0/0')],
        })),
      };
    }),
  };
})();

describe('the runner', () => {
  it('raises a code only from the rule that declares it, with the declared severity', () => {
    for (const plan of [troubled, small]) {
      const index = indexPlan(plan);
      for (const rule of rules) {
        const found =
          rule.scope === 'plan' ? rule.check(index) : plan.vpcs.flatMap((v) => rule.check({ vpc: v, subnets: index.subnetsByVpc.get(v.id) ?? [] }, index));
        for (const f of found) {
          expect(rule.findings[f.code], `${rule.name} raised undeclared ${f.code}`).toBeDefined();
          expect(f.severity).toBe(rule.findings[f.code]!.severity);
          expect(f.subjects.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('finds what the troubled plan is meant to show', () => {
    const codes = new Set(checkPlan(troubled).map((f) => f.code));
    for (const code of [
      'cidr/host-bits',
      'cidr/version-mismatch',
      'vpc/restricted-association',
      'vpc/docker-bridge-overlap',
      'vpc/no-ipv4-block',
      'vpc/ipv6-block-size',
      'subnet/outside-vpc',
      'subnet/overlap',
      'subnet/ipv6-size',
      'subnet/quota',
      'overlap/peered-vpcs',
      'lattice/vpc-in-several-service-networks',
      'sizing/subnet-too-small',
      'sizing/no-room-for-growth',
      'nat/capacity-near-limit',
      'plan/dangling-reference',
      'peering/self',
      'peering/duplicate',
      'peering/quota',
    ])
      expect(codes, code).toContain(code);
  });

  it('catalogues every code once, with a title and a source', () => {
    const catalogue = findingCatalogue();
    const codes = catalogue.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of catalogue) {
      expect(e.code).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(e.title.length).toBeGreaterThan(5);
      expect(e.source.length).toBeGreaterThan(5);
    }
    for (const rule of rules) for (const code of Object.keys(rule.findings)) expect(catalogue.find((e) => e.code === code)?.rule).toBe(rule.name);
  });

  it('orders findings by severity, code, then subjects', () => {
    const found = checkPlan(troubled);
    for (let i = 1; i < found.length; i++) expect(compareFindings(found[i - 1]!, found[i]!)).toBeLessThanOrEqual(0);
    expect(found[0]!.severity).toBe('error');
    expect(found.at(-1)!.severity).not.toBe('error');
  });

  it('keeps docs/findings.md in step with the catalogue (run `npm run docs:findings`)', () => {
    const onDisk = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderFindingsDoc());
  });
});

describe('a rule that throws (engine/rule-failed)', () => {
  /** A per-VPC rule with a bug that only one VPC's data reaches. */
  const brittle = defineVpcRule({
    scope: 'vpc',
    name: 'brittle',
    findings: {},
    check({ vpc }) {
      if (vpc.name === 'legacy') throw new Error(`cannot read properties of undefined (reading 'prefix') in ${vpc.id}`);
      return [];
    },
  });
  /** A plan rule that throws something that is not an Error. */
  const broken = definePlanRule({
    scope: 'plan',
    name: 'broken',
    findings: {},
    dependsOn: ['peerings'],
    check() {
      throw 'peering table unreadable';
    },
  });
  const plan = planWith({
    vpcs: [vpc('a', ['10.0.0.0/8']), vpc('b', ['10.1.0.0/16'], { name: 'legacy' }), vpc('c', ['10.2.0.0/16'])],
    peerings: [{ id: 'p', name: 'p', requesterVpcId: 'a', accepterVpcId: 'a' }],
  });

  it('reports the failure as an error about the VPC it was checking, and the other rules still run', () => {
    const found = checkPlan(plan, [brittle, vpcBlocksRule, broken, peeringsRule]);
    const failures = found.filter((f) => f.code === 'engine/rule-failed');
    const expected: Finding[] = [
      {
        code: 'engine/rule-failed',
        severity: 'error',
        subjects: ['b'],
        message: "The brittle check failed and its findings are missing: cannot read properties of undefined (reading 'prefix') in b.",
        fix: 'Report this with the plan file; the other checks still ran.',
      },
      {
        code: 'engine/rule-failed',
        severity: 'error',
        subjects: [],
        message: 'The broken check failed and its findings are missing: peering table unreadable.',
        fix: 'Report this with the plan file; the other checks still ran.',
      },
    ];
    expect(failures).toEqual(expected.sort(compareFindings));
    // The rules that did not throw still found what they find, for every VPC, the one the brittle rule failed on included.
    expect(found.filter((f) => f.code !== 'engine/rule-failed').map((f) => [f.code, f.subjects[0]])).toEqual([
      ['peering/self', 'p'],
      ['vpc/block-size', 'a'],
    ]);
  });

  it('is catalogued with the severity it is raised with, and the incremental checker reports it the same way', () => {
    expect(findingCatalogue().find((e) => e.code === 'engine/rule-failed')).toMatchObject({ severity: 'error', rule: 'runner' });
    const checker = createChecker([brittle, vpcBlocksRule, broken, peeringsRule]);
    expect(checker.check(plan)).toEqual(checkPlan(plan, [brittle, vpcBlocksRule, broken, peeringsRule]));
    // Renaming the VPC away from the data that trips the bug clears its failure; the plan rule's stays.
    const renamed = { ...plan, vpcs: plan.vpcs.map((v) => (v.id === 'b' ? { ...v, name: 'modern' } : v)) };
    expect(
      checker
        .check(renamed)
        .filter((f) => f.code === 'engine/rule-failed')
        .map((f) => f.subjects),
    ).toEqual([[]]);
  });
});

type Edit = (plan: Plan, pick: number, text: string) => Plan;

const CIDR_TEXTS = [
  '10.0.1.0/24',
  '10.0.0.0/16',
  '10.1.0.0/16',
  '10.0.0.1/24',
  '2001:db8::/64',
  'banana',
  '',
  '172.17.0.0/16',
  '10.0.128.0/17',
  '10.2.0.0/20',
  '10.3.0.0/28',
];

const edits: Edit[] = [
  (p, k, t) => {
    if (p.subnets.length === 0) return p;
    const subnets = p.subnets.slice();
    const i = k % subnets.length;
    subnets[i] = { ...subnets[i]!, ipv4Cidr: t };
    return { ...p, subnets };
  },
  (p, k) => {
    if (p.subnets.length === 0) return p;
    const subnets = p.subnets.slice();
    const i = k % subnets.length;
    subnets[i] = { ...subnets[i]!, hostsNeeded: (k * 37) % 5000 };
    return { ...p, subnets };
  },
  (p, k) => ({ ...p, subnets: p.subnets.filter((_, i) => i !== k % Math.max(1, p.subnets.length)) }),
  (p, k, t) => {
    const owner = p.vpcs[k % p.vpcs.length]!;
    return {
      ...p,
      subnets: [
        ...p.subnets,
        {
          id: `new-${k}-${p.subnets.length}`,
          name: 'new',
          vpcId: k % 7 === 0 ? 'missing' : owner.id,
          availabilityZone: 'us-east-1a',
          tier: 'private',
          ipv4Cidr: t,
        },
      ],
    };
  },
  (p, k, t) => {
    const vpcs = p.vpcs.slice();
    const i = k % vpcs.length;
    vpcs[i] = { ...vpcs[i]!, ipv4Cidrs: k % 2 === 0 ? [t] : [...vpcs[i]!.ipv4Cidrs, t] };
    return { ...p, vpcs };
  },
  (p, k) => {
    const a = p.vpcs[k % p.vpcs.length]!.id;
    const b = p.vpcs[(k * 7 + 1) % p.vpcs.length]!.id;
    return { ...p, peerings: [...p.peerings, { id: `pcx-new-${k}-${p.peerings.length}`, name: 'new', requesterVpcId: a, accepterVpcId: b, status: 'active' }] };
  },
  (p, k) => ({ ...p, peerings: p.peerings.filter((_, i) => i !== k % Math.max(1, p.peerings.length)) }),
  (p, k) => {
    if (p.natGateways.length === 0) return p;
    const natGateways = p.natGateways.slice();
    const i = k % natGateways.length;
    natGateways[i] = {
      ...natGateways[i]!,
      addresses: 1 + (k % 8),
      demand: { instances: 50 + (k % 400), peakConnectionsPerInstance: 100 + (k % 1000), destinations: [] },
    };
    return { ...p, natGateways };
  },
  // Routing: a subnet's tier, bastion flag, AZ or route table (the egress VPC's subnets are read by other VPCs' exposure).
  (p, k) => {
    if (p.subnets.length === 0) return p;
    const subnets = p.subnets.slice();
    // Half the time a subnet other objects route through: a NAT gateway's, or a transit gateway attachment's.
    const shared = [...p.natGateways.map((n) => n.subnetId), ...p.transitGateways.flatMap((t) => t.attachments.flatMap((a) => a.subnetIds))];
    const at = k % 2 === 0 && shared.length > 0 ? subnets.findIndex((x) => x.id === shared[(k >> 1) % shared.length]) : -1;
    const i = at >= 0 ? at : k % subnets.length;
    const s = subnets[i]!;
    const tables = p.routeTables.filter((t) => t.vpcId === s.vpcId);
    const mode = (k >> 3) % 4;
    subnets[i] =
      mode === 0
        ? { ...s, tier: (['public', 'private', 'isolated'] as const)[k % 3]! }
        : mode === 1
          ? { ...s, bastion: !s.bastion }
          : mode === 2
            ? { ...s, availabilityZone: `us-east-1${'abc'[(k >> 5) % 3]}` }
            : { ...s, routeTableId: tables.length > 0 ? tables[k % tables.length]!.id : undefined };
    return { ...p, subnets };
  },
  // Routing: a route table's default route to an internet gateway, a NAT gateway (maybe another VPC's), a transit gateway, or none.
  (p, k) => {
    if (p.routeTables.length === 0) return p;
    const routeTables = p.routeTables.slice();
    const i = k % routeTables.length;
    const table = routeTables[i]!;
    const others = table.routes.filter((r) => r.destination !== '0.0.0.0/0');
    const pick = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[(k >> 2) % list.length]);
    const choice = k % 4;
    const targetId =
      choice === 0 ? pick(p.internetGateways)?.id : choice === 1 ? pick(p.natGateways)?.id : choice === 2 ? pick(p.transitGateways)?.id : undefined;
    const target = (['internet-gateway', 'nat-gateway', 'transit-gateway'] as const)[choice];
    routeTables[i] = { ...table, routes: target && targetId ? [...others, { destination: '0.0.0.0/0', target, targetId }] : others };
    return { ...p, routeTables };
  },
  // Routing: a NAT gateway's connectivity or subnet.
  (p, k) => {
    if (p.natGateways.length === 0 || p.subnets.length === 0) return p;
    const natGateways = p.natGateways.slice();
    const i = k % natGateways.length;
    natGateways[i] =
      k % 2 === 0
        ? { ...natGateways[i]!, connectivity: natGateways[i]!.connectivity === 'private' ? 'public' : 'private' }
        : { ...natGateways[i]!, subnetId: p.subnets[k % p.subnets.length]!.id };
    return { ...p, natGateways };
  },
  // Routing: a transit gateway's default route to one of its VPC attachments (an egress VPC), or an attachment's subnets.
  (p, k) => {
    if (p.transitGateways.length === 0) return p;
    const transitGateways = p.transitGateways.slice();
    const i = k % transitGateways.length;
    const tgw = transitGateways[i]!;
    const vpcAttachments = tgw.attachments.filter((a) => a.type === 'vpc');
    if (vpcAttachments.length === 0 || tgw.routeTables.length === 0) return p;
    const attachment = vpcAttachments[k % vpcAttachments.length]!;
    if (k % 2 === 0) {
      const routeTables = tgw.routeTables.map((t) => ({
        ...t,
        routes: [{ destination: '0.0.0.0/0', kind: 'static' as const, attachmentId: attachment.id }, ...t.routes.filter((r) => r.destination !== '0.0.0.0/0')],
      }));
      transitGateways[i] = { ...tgw, routeTables };
    } else {
      const own = p.subnets.filter((s) => s.vpcId === attachment.vpcId);
      const attachments = tgw.attachments.map((a) => (a === attachment ? { ...a, subnetIds: own.filter((_, j) => (k >> j) & 1).map((s) => s.id) } : a));
      transitGateways[i] = { ...tgw, attachments };
    }
    return { ...p, transitGateways };
  },
  (p, k) => ({ ...p, settings: { ...p.settings, quotas: { ...p.settings.quotas, subnetsPerVpc: 1 + (k % 12), ipv4BlocksPerVpc: 1 + (k % 5) } } }),
  (p, k) => {
    if (p.serviceNetworks.length === 0) return p;
    const serviceNetworks = p.serviceNetworks.slice();
    serviceNetworks[0] = { ...serviceNetworks[0]!, vpcIds: [...serviceNetworks[0]!.vpcIds, p.vpcs[k % p.vpcs.length]!.id] };
    return { ...p, serviceNetworks };
  },
];

describe('the incremental checker', () => {
  it('gives the same findings as a full check after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(small, sharedEgress, troubled),
        fc.array(fc.tuple(fc.integer({ min: 0, max: edits.length - 1 }), fc.nat(10_000), fc.constantFrom(...CIDR_TEXTS)), { minLength: 1, maxLength: 12 }),
        (start, steps) => {
          const checker = createChecker();
          let plan = start;
          expect(checker.check(plan)).toEqual(checkPlan(plan));
          for (const [which, k, text] of steps) {
            plan = edits[which]!(plan, k, text);
            expect(checker.check(plan)).toEqual(checkPlan(plan));
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it('re-uses the findings of an unchanged plan and of unchanged VPCs', () => {
    const checker = createChecker();
    const first = checker.check(small);
    const subnets = small.subnets.slice();
    subnets[0] = { ...subnets[0]!, ipv4Cidr: '10.0.0.1/24' };
    const edited = { ...small, subnets };
    const after = checker.check(edited);
    expect(after.filter((f) => f.code === 'cidr/host-bits').map((f) => f.subjects[0])).toEqual([subnets[0]!.id]);
    // Findings about other VPCs are the very same objects: they were not recomputed.
    const untouched = first.filter((f) => !f.subjects.includes(subnets[0]!.vpcId) && !f.subjects.includes(subnets[0]!.id) && f.code.startsWith('sizing/'));
    for (const f of untouched) expect(after).toContain(f);
  });
});

describe('the examples', () => {
  const load = (name: string) => {
    const result = parsePlanText(readFileSync(new URL(`../../examples/${name}.vpcplan.json`, import.meta.url), 'utf8'), name);
    if (!result.ok) throw new Error(result.summary);
    return result.plan;
  };

  it('load, and the three-tier example has no errors or warnings', () => {
    const found = checkPlan(load('three-tier'));
    expect(found.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('hub-and-spoke raises the NAT warning and no errors', () => {
    const found = checkPlan(load('hub-and-spoke'));
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    const nat = found.filter((f) => f.code === 'nat/capacity-near-limit');
    expect(nat).toHaveLength(1);
    expect(nat[0]!.message).toMatch(/8\d %/);
  });
});
