import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlaps, parseCidr, type Cidr } from '../../cidr';
import type { Plan, PlanInput } from '../../plan/schema';
import { planWith, vpc } from '../fixture';
import type { Finding } from '../types';
import { networkOverlapRule } from './network-overlap';
import { codes, run } from './rule-test-support';

const a = vpc('a', ['10.0.0.0/16'], { name: 'prod' });
const b = vpc('b', ['10.0.128.0/17'], { name: 'dev' });
const c = vpc('c', ['10.9.0.0/16']);

describe('network-overlap', () => {
  it('says nothing when blocks do not overlap', () => {
    const plan = planWith({ vpcs: [a, c], peerings: [{ id: 'p', name: 'p', requesterVpcId: 'a', accepterVpcId: 'c' }] });
    expect(run(networkOverlapRule, plan)).toEqual([]);
  });

  it('warns about overlapping VPCs that are not connected', () => {
    const [f, ...rest] = run(networkOverlapRule, planWith({ vpcs: [a, b, c] }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'overlap/unconnected-vpcs', severity: 'warning', subjects: ['a', 'b'], cidrs: ['10.0.0.0/16', '10.0.128.0/17'] });
    // The replacement is free across the plan: not 10.0/16, 10.9/16 nor overlapping the /17.
    expect(f!.fix).toContain('10.1.0.0/17');
  });

  it('errors for peered VPCs', () => {
    const plan = planWith({ vpcs: [a, b], peerings: [{ id: 'p', name: 'prod-dev', requesterVpcId: 'b', accepterVpcId: 'a' }] });
    const [f] = run(networkOverlapRule, plan);
    expect(f).toMatchObject({ code: 'overlap/peered-vpcs', severity: 'error', subjects: ['a', 'b'] });
    expect(f!.message).toContain('prod-dev');
  });

  it('errors for VPCs on the same transit gateway', () => {
    const plan = planWith({
      vpcs: [a, b],
      transitGateways: [
        {
          id: 't',
          name: 'hub',
          attachments: [
            { id: 'ta', name: 'ta', type: 'vpc', vpcId: 'a' },
            { id: 'tb', name: 'tb', type: 'vpc', vpcId: 'b' },
          ],
        },
      ],
    });
    expect(run(networkOverlapRule, plan)[0]).toMatchObject({ code: 'overlap/same-transit-gateway', subjects: ['a', 'b', 't'] });
  });

  it('only informs for VPCs joined only through a Lattice service network', () => {
    const plan = planWith({ vpcs: [a, b], serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ['a', 'b'] }] });
    const [f] = run(networkOverlapRule, plan);
    expect(f).toMatchObject({ code: 'overlap/lattice-only', severity: 'info' });
    expect(f!.message).toContain('Lattice handles overlapping');
  });

  it('errors for a VPC overlapping an on-premises network it reaches, and only then', () => {
    const dc = { id: 'dc', name: 'datacenter', kind: 'on-premises' as const, cidrs: ['10.0.64.0/18'] };
    expect(codes(networkOverlapRule, planWith({ vpcs: [a], externalNetworks: [dc] }))).toEqual([]);
    const viaTgw = planWith({
      vpcs: [a],
      externalNetworks: [dc],
      transitGateways: [
        {
          id: 't',
          name: 'hub',
          attachments: [
            { id: 'ta', name: 'ta', type: 'vpc', vpcId: 'a' },
            { id: 'tv', name: 'vpn', type: 'vpn', externalNetworkId: 'dc' },
          ],
        },
      ],
    });
    expect(codes(networkOverlapRule, viaTgw)).toEqual(['overlap/reachable-external']);
    const viaVgw = planWith({ vpcs: [a], externalNetworks: [dc], vpnGateways: [{ id: 'g', name: 'vgw', vpcId: 'a', externalNetworkIds: ['dc'] }] });
    expect(run(networkOverlapRule, viaVgw)[0]!.message).toContain('its VPN gateway');
  });

  it('reports IPv6 overlap too, and ignores overlap inside one VPC', () => {
    const plan = planWith({
      vpcs: [vpc('x', ['10.0.0.0/16', '10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('y', ['10.1.0.0/16'], { ipv6Cidrs: ['2001:db8::/56'] })],
    });
    const found = run(networkOverlapRule, plan);
    expect(found.map((f) => [f.code, f.cidrs])).toEqual([['overlap/unconnected-vpcs', ['2001:db8::/56']]]);
  });
});

/**
 * Near misses: each plan comes as close to an overlap code as it can without raising it
 * (blocks that touch but share no address, overlap that is not reachable), beside its
 * twin that moves one block by the smallest step into overlap and raises exactly that code,
 * so the quiet plan is shown to be near, not merely unrelated.
 */
describe('network-overlap near misses stay quiet', () => {
  type Attachment = NonNullable<NonNullable<PlanInput['transitGateways']>[number]['attachments']>[number];
  /** A transit gateway whose attachments are VPC attachments unless they say otherwise. */
  const tgw = (id: string, attachments: Array<Partial<Attachment>>) => ({
    id,
    name: id,
    attachments: attachments.map((a, i): Attachment => ({ id: `${id}-att${i}`, name: `${id}-att${i}`, type: 'vpc', ...a })),
  });
  const peering = { id: 'p', name: 'p', requesterVpcId: 'a', accepterVpcId: 'b' };

  const cases: Array<{ code: string; quiet: () => Plan; loud: () => Plan }> = [
    {
      code: 'overlap/peered-vpcs',
      // The halves of 10.0.0.0/16 touch at 10.0.127.255 / 10.0.128.0; the IPv6 /56s are next to each other.
      quiet: () =>
        planWith({
          vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.128.0/17'], { ipv6Cidrs: ['2001:db8:0:100::/56'] })],
          peerings: [peering],
        }),
      loud: () =>
        planWith({
          vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.127.0/24'], { ipv6Cidrs: ['2001:db8:0:100::/56'] })],
          peerings: [peering],
        }),
    },
    {
      code: 'overlap/same-transit-gateway',
      quiet: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.1.0.0/16'])], transitGateways: [tgw('t', [{ vpcId: 'a' }, { vpcId: 'b' }])] }),
      loud: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.0.255.0/24'])], transitGateways: [tgw('t', [{ vpcId: 'a' }, { vpcId: 'b' }])] }),
    },
    {
      code: 'overlap/reachable-external',
      // Next to the VPC and reached over the same transit gateway; and overlapping, but reached over another transit gateway only.
      quiet: () =>
        planWith({
          vpcs: [vpc('a', ['10.0.0.0/16'])],
          externalNetworks: [
            { id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['10.1.0.0/16'] },
            { id: 'dr', name: 'dr', kind: 'on-premises', cidrs: ['10.0.64.0/18'] },
          ],
          transitGateways: [
            tgw('t', [{ vpcId: 'a' }, { type: 'vpn', externalNetworkId: 'dc' }]),
            tgw('u', [{ type: 'direct-connect', externalNetworkId: 'dr' }]),
          ],
        }),
      loud: () =>
        planWith({
          vpcs: [vpc('a', ['10.0.0.0/16'])],
          externalNetworks: [
            { id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['10.0.255.255/32'] },
            { id: 'dr', name: 'dr', kind: 'on-premises', cidrs: ['10.0.64.0/18'] },
          ],
          transitGateways: [
            tgw('t', [{ vpcId: 'a' }, { type: 'vpn', externalNetworkId: 'dc' }]),
            tgw('u', [{ type: 'direct-connect', externalNetworkId: 'dr' }]),
          ],
        }),
    },
    {
      code: 'overlap/lattice-only',
      quiet: () =>
        planWith({ vpcs: [vpc('a', ['10.0.0.0/17']), vpc('b', ['10.0.128.0/17'])], serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ['a', 'b'] }] }),
      loud: () =>
        planWith({ vpcs: [vpc('a', ['10.0.0.0/17']), vpc('b', ['10.0.127.240/28'])], serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ['a', 'b'] }] }),
    },
    {
      code: 'overlap/unconnected-vpcs',
      // Touching blocks, IPv4 and IPv6; and two external networks that overlap each other (not a VPC's business).
      quiet: () =>
        planWith({
          vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.128.0/17'], { ipv6Cidrs: ['2001:db8:0:100::/56'] })],
          externalNetworks: [
            { id: 'x', name: 'x', kind: 'on-premises', cidrs: ['192.168.0.0/16'] },
            { id: 'y', name: 'y', kind: 'other-cloud', cidrs: ['192.168.1.0/24'] },
          ],
        }),
      loud: () =>
        planWith({
          vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.128.0/17'], { ipv6Cidrs: ['2001:db8:0:ff::/64'] })],
          externalNetworks: [
            { id: 'x', name: 'x', kind: 'on-premises', cidrs: ['192.168.0.0/16'] },
            { id: 'y', name: 'y', kind: 'other-cloud', cidrs: ['192.168.1.0/24'] },
          ],
        }),
    },
  ];

  it.each(cases)('$code: quiet when the blocks only touch, raised one step further', ({ code, quiet, loud }) => {
    expect(run(networkOverlapRule, quiet())).toEqual([]);
    expect(codes(networkOverlapRule, loud())).toEqual([code]);
  });
});

/**
 * The reference: every pair of networks, the old way. Two networks overlap when any of their
 * blocks do; a VPC pair is peered, else on a shared transit gateway (the first in plan
 * order), else in a shared service network, else unconnected; a VPC and an external
 * network matter when the VPC reaches it through a shared gateway or its VPN gateway.
 */
function referencePairs(plan: Plan): Map<string, string> {
  const blocksOf = (texts: readonly string[]) => texts.map((t) => parseCidr(t)).flatMap((r) => (r.ok ? [r.cidr] : []));
  const vpcs = plan.vpcs.map((v) => ({ id: v.id, blocks: blocksOf([...v.ipv4Cidrs, ...v.ipv6Cidrs]) }));
  const externals = plan.externalNetworks.map((e) => ({ id: e.id, blocks: blocksOf(e.cidrs) }));
  const touch = (a: Cidr[], b: Cidr[]) => a.some((x) => b.some((y) => overlaps(x, y)));
  const tgwsOf = (id: string) => plan.transitGateways.filter((t) => t.attachments.some((a) => a.vpcId === id || a.externalNetworkId === id)).map((t) => t.id);
  const snsOf = (id: string) => plan.serviceNetworks.filter((s) => s.vpcIds.includes(id)).map((s) => s.id);
  const out = new Map<string, string>();
  for (let i = 0; i < vpcs.length; i++) {
    for (let j = i + 1; j < vpcs.length; j++) {
      const [a, b] = [vpcs[i]!, vpcs[j]!];
      if (!touch(a.blocks, b.blocks)) continue;
      const peered = plan.peerings.some(
        (p) => (p.requesterVpcId === a.id && p.accepterVpcId === b.id) || (p.requesterVpcId === b.id && p.accepterVpcId === a.id),
      );
      const tgw = tgwsOf(a.id).find((t) => tgwsOf(b.id).includes(t));
      const sn = snsOf(a.id).find((s) => snsOf(b.id).includes(s));
      out.set(
        `${a.id}|${b.id}`,
        peered ? 'overlap/peered-vpcs' : tgw ? `overlap/same-transit-gateway|${tgw}` : sn ? `overlap/lattice-only|${sn}` : 'overlap/unconnected-vpcs',
      );
    }
    for (const e of externals) {
      const a = vpcs[i]!;
      if (!touch(a.blocks, e.blocks)) continue;
      const viaTgw = tgwsOf(a.id).some((t) => tgwsOf(e.id).includes(t));
      const viaVpn = plan.vpnGateways.some((g) => g.vpcId === a.id && g.externalNetworkIds.includes(e.id));
      if (viaTgw || viaVpn) out.set(`${a.id}|${e.id}`, 'overlap/reachable-external');
    }
  }
  return out;
}

const POOL = ['10.0.0.0/16', '10.0.0.0/17', '10.0.128.0/17', '10.0.0.0/24', '10.1.0.0/16', '10.0.0.0/8', '2001:db8::/56', '2001:db8::/48'];

const randomPlan = fc
  .record({
    vpcs: fc.array(fc.subarray(POOL, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 8 }),
    tgw: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }),
    sn: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    peerings: fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { maxLength: 4 }),
    external: fc.constantFrom('10.0.0.0/12', '10.0.64.0/18', '192.168.0.0/16'),
    externalVia: fc.constantFrom('tgw', 'vpn', 'none'),
  })
  .map((r) => {
    const ids = r.vpcs.map((_, i) => `v${i}`);
    return planWith({
      vpcs: r.vpcs.map((blocks, i) =>
        vpc(
          ids[i]!,
          blocks.filter((b) => !b.includes(':')),
          { ipv6Cidrs: blocks.filter((b) => b.includes(':')) },
        ),
      ),
      transitGateways: [1, 2].map((t) => ({
        id: `t${t}`,
        name: `hub${t}`,
        attachments: [
          ...ids.flatMap((id, i) =>
            r.tgw[i] === t || (t === 2 && r.tgw[i] === 0 && i % 3 === 0) ? [{ id: `a-${t}-${id}`, name: id, type: 'vpc' as const, vpcId: id }] : [],
          ),
          ...(t === 1 && r.externalVia === 'tgw' ? [{ id: 'vpn', name: 'vpn', type: 'vpn' as const, externalNetworkId: 'dc' }] : []),
        ],
      })),
      serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ids.filter((_, i) => r.sn[i]) }],
      peerings: r.peerings
        .filter(([a, b]) => a !== b && a < ids.length && b < ids.length)
        .map(([a, b], k) => ({ id: `p${k}`, name: `p${k}`, requesterVpcId: ids[a]!, accepterVpcId: ids[b]! })),
      externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises' as const, cidrs: [r.external] }],
      vpnGateways: r.externalVia === 'vpn' ? [{ id: 'g', name: 'vgw', vpcId: ids[0]!, externalNetworkIds: ['dc'] }] : [],
    });
  });

describe('network-overlap against the pair-by-pair reference', () => {
  it('covers every overlapping pair with a finding of its kind, and lists no network without such a partner', () => {
    fc.assert(
      fc.property(randomPlan, (plan) => {
        const expected = referencePairs(plan);
        const found = run(networkOverlapRule, plan);
        const networkIds = new Set([...plan.vpcs.map((v) => v.id), 'dc']);
        const kindOf = (f: Finding) => {
          const via = f.subjects.find((s) => !networkIds.has(s));
          return via !== undefined && (f.code === 'overlap/same-transit-gateway' || f.code === 'overlap/lattice-only') ? `${f.code}|${via}` : f.code;
        };
        // Every pair is in a finding of its kind.
        for (const [pair, kind] of expected) {
          const [a, b] = pair.split('|');
          expect(
            found.some((f) => kindOf(f) === kind && f.subjects.includes(a!) && f.subjects.includes(b!)),
            `${pair} ${kind}`,
          ).toBe(true);
        }
        // Every network a finding names has a partner of that kind in it; peered findings are exactly the peered pairs.
        for (const f of found) {
          const members = f.subjects.filter((s) => networkIds.has(s));
          for (const m of members) {
            expect(
              members.some((o) => o !== m && (expected.get(`${m}|${o}`) ?? expected.get(`${o}|${m}`)) === kindOf(f)),
              `${m} in ${f.message}`,
            ).toBe(true);
          }
          if (f.code === 'overlap/peered-vpcs') expect(members).toHaveLength(2);
        }
        const peered = [...expected].filter(([, k]) => k === 'overlap/peered-vpcs').length;
        expect(found.filter((f) => f.code === 'overlap/peered-vpcs')).toHaveLength(peered);
        // Replacements are free across the plan and all different.
        const suggested = found.flatMap((f) => [...(f.fix ?? '').matchAll(/(\d+\.\d+\.\d+\.\d+\/\d+) instead/g)].map((m) => m[1]!));
        expect(new Set(suggested).size).toBe(suggested.length);
        const used = plan.vpcs
          .flatMap((v) => v.ipv4Cidrs)
          .concat(plan.externalNetworks.flatMap((e) => e.cidrs))
          .map((t) => parseCidr(t))
          .flatMap((r) => (r.ok ? [r.cidr] : []));
        for (const text of suggested)
          expect(
            used.some((u) => overlaps(u, cidrOf(text))),
            text,
          ).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

function cidrOf(text: string): Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(text);
  return result.cidr;
}

describe('network-overlap at the scale of real organisations', () => {
  const defaults = (count: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
    Array.from({ length: count }, (_, i) => vpc(`default-${i + 1}`, ['172.31.0.0/16'], extra(i)));

  it('one finding for a thousand default VPCs that share 172.31.0.0/16, listing every one', () => {
    const found = run(networkOverlapRule, planWith({ vpcs: defaults(1000) }));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f).toMatchObject({ code: 'overlap/unconnected-vpcs', cidrs: ['172.31.0.0/16'] });
    expect(f!.subjects).toHaveLength(1000);
    expect(f!.message).toMatch(/^1,000 VPCs overlap: VPCs default-1, default-2, default-3, default-4, default-5 and 995 more share 172\.31\.0\.0\/16\./);
    // Three different free /16s, and the count of the rest: 256 + 16 + 1 /16s in the private
    // ranges, less 172.31.0.0/16 in use, the Docker bridge 172.17.0.0/16 (never proposed) and the three.
    expect(f!.fix).toMatch(
      /^Give default-2 10\.0\.0\.0\/16, default-3 10\.1\.0\.0\/16 and default-4 10\.2\.0\.0\/16 instead \(free across the plan\), and each of the other 996 a \/16 of its own \(only 268 more are free in the private ranges/,
    );
  });

  it('splits them by transit gateway, and keeps a peered pair to itself', () => {
    const plan = planWith({
      vpcs: defaults(6),
      transitGateways: [
        { id: 't', name: 'hub', attachments: [1, 2, 3, 4].map((i) => ({ id: `a${i}`, name: `a${i}`, type: 'vpc' as const, vpcId: `default-${i}` })) },
      ],
      peerings: [{ id: 'p', name: 'one-two', requesterVpcId: 'default-1', accepterVpcId: 'default-2' }],
    });
    const found = run(networkOverlapRule, plan).map((f) => [f.code, f.subjects]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['overlap/peered-vpcs', ['default-1', 'default-2']],
        ['overlap/same-transit-gateway', ['default-1', 'default-2', 'default-3', 'default-4', 't']],
        ['overlap/unconnected-vpcs', ['default-1', 'default-2', 'default-3', 'default-4', 'default-5', 'default-6']],
      ]),
    );
    expect(found).toHaveLength(3);
  });

  it("describes a block holding other VPCs' blocks as one group", () => {
    const plan = planWith({ vpcs: [vpc('big', ['10.0.0.0/8']), vpc('a', ['10.0.1.0/24']), vpc('b', ['10.0.2.0/24'])] });
    const [f, ...rest] = run(networkOverlapRule, plan);
    expect(rest).toEqual([]);
    expect(f!.message).toContain('10.0.0.0/8 of VPC big holds VPCs a (10.0.1.0/24) and b (10.0.2.0/24)');
    expect(f!.cidrs).toEqual(['10.0.0.0/8', '10.0.1.0/24', '10.0.2.0/24']);
  });

  it('checks 10,000 VPCs on 172.31.0.0/16, half of them on one transit gateway (its quota is 5,000), in seconds at most', () => {
    const plan = planWith({
      vpcs: defaults(10_000),
      transitGateways: [
        {
          id: 't',
          name: 'hub',
          attachments: Array.from({ length: 5_000 }, (_, i) => ({ id: `a${i}`, name: `a${i}`, type: 'vpc' as const, vpcId: `default-${i + 1}` })),
        },
      ],
    });
    const started = performance.now();
    const found = run(networkOverlapRule, plan);
    // Not a benchmark (npm run bench is): a pair-by-pair cliff takes minutes and gigabytes here.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found.map((f) => [f.code, f.subjects.length])).toEqual([
      ['overlap/same-transit-gateway', 5_001],
      ['overlap/unconnected-vpcs', 10_000],
    ]);
  });
});

describe('network-overlap across edits', () => {
  it('gives, edit after edit, what a check of a fresh copy gives (nothing stale is reused)', () => {
    const start = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.0.0.0/16']), vpc('c', ['10.0.128.0/17']), vpc('d', ['10.9.0.0/16'])],
      transitGateways: [{ id: 't', name: 'hub', attachments: [{ id: 'ta', name: 'ta', type: 'vpc', vpcId: 'a' }] }],
    });
    const edits: Array<(p: Plan, k: number) => Plan> = [
      (p, k) => ({ ...p, vpcs: p.vpcs.map((v, i) => (i === k % p.vpcs.length ? { ...v, name: `${v.name}-${k}` } : v)) }),
      (p, k) => ({ ...p, vpcs: p.vpcs.map((v, i) => (i === k % p.vpcs.length ? { ...v, ipv4Cidrs: [POOL[k % 6]!] } : v)) }),
      (p, k) => ({
        ...p,
        peerings: [
          ...p.peerings,
          { id: `p${k}`, name: `p${k}`, requesterVpcId: p.vpcs[k % 4]!.id, accepterVpcId: p.vpcs[(k + 1) % 4]!.id, status: 'active' as const },
        ],
      }),
      (p) => ({ ...p, peerings: p.peerings.slice(1) }),
      (p, k) => ({
        ...p,
        transitGateways: p.transitGateways.map((t) => ({
          ...t,
          attachments: [
            ...t.attachments,
            { id: `a${k}`, name: `a${k}`, type: 'vpc' as const, vpcId: p.vpcs[k % 4]!.id, subnetIds: [], propagatedRouteTableIds: [] },
          ],
        })),
      }),
      (p, k) => ({ ...p, peerings: p.peerings.map((x, i) => (i === 0 ? { ...x, name: `renamed-${k}` } : x)) }),
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(edits.length - 1), fc.nat(50)), { maxLength: 15 }), (steps) => {
        const plans = [start];
        for (const [which, k] of steps) plans.push(edits[which]!(plans[plans.length - 1]!, k));
        // One run after another, as the editor makes them (what the rule remembers is reused), then each from a fresh copy.
        const edited = plans.map((plan) => run(networkOverlapRule, plan));
        const fresh = plans.map((plan) => run(networkOverlapRule, structuredClone(plan)));
        expect(edited).toEqual(fresh);
      }),
      { numRuns: 200 },
    );
  });
});
