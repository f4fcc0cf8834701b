import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan/schema';
import { reach } from './reach';
import { reachabilityClasses, reachabilityMatrix, type MatrixCell } from './reach-matrix';
import { buildPlan } from '../plan/test-fixtures';

/** The matrix the slow way: every subnet pair traced by reach(), no representatives, no classes. */
function referenceMatrix(plan: Plan): MatrixCell[][] {
  return plan.vpcs.map((a) =>
    plan.vpcs.map((b): MatrixCell => {
      if (a.id === b.id) return 'self';
      let yes = 0;
      let no = 0;
      for (const s of plan.subnets.filter((x) => x.vpcId === a.id)) {
        for (const d of plan.subnets.filter((x) => x.vpcId === b.id)) {
          if (reach(plan, s.id, d.id).reachable) yes++;
          else no++;
        }
      }
      return yes > 0 && no > 0 ? 'partial' : yes > 0 ? 'reachable' : 'none';
    }),
  );
}

const BLOCKS = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '172.31.0.0/16', '10.1.0.0/17'];

/**
 * Plans of VPCs built alike, with the variations that must split classes: transit gateway
 * attachment, association, propagation and zones; routes to the gateway, to a peering or
 * out; equal and nested blocks; subnets in one or two AZs.
 */
const plans = fc
  .record({
    vpcs: fc.array(
      fc.record({
        block: fc.constantFrom(...BLOCKS),
        zones: fc.constantFrom<string[]>(['a'], ['a', 'b']),
        attach: fc.constantFrom('none', 'main', 'other'),
        propagate: fc.subarray(['rt-main', 'rt-other']),
        attachZones: fc.constantFrom<string[]>(['a'], ['a', 'b']),
        toGateway: fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', 'none'),
        peerRoute: fc.boolean(),
      }),
      { minLength: 2, maxLength: 7 },
    ),
    peerings: fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 3 }),
    blackhole: fc.constantFrom('none', '10.2.0.0/16', '10.3.128.0/17'),
  })
  .map(({ vpcs, peerings, blackhole }) => {
    const ids = vpcs.map((_, i) => `v${i}`);
    const peers = peerings
      .filter(([a, b]) => a !== b && a < ids.length && b < ids.length)
      .map(([a, b], k) => ({ id: `p${k}`, name: `p${k}`, requesterVpcId: ids[a]!, accepterVpcId: ids[b]! }));
    return buildPlan({
      vpcs: vpcs.map((v, i) => ({ id: ids[i]!, name: ids[i]!, ipv4Cidrs: [v.block] })),
      subnets: vpcs.flatMap((v, i) =>
        v.zones.map((zone, z) => {
          const [a, b] = v.block.split('.');
          return {
            id: `${ids[i]}-s${z}`,
            name: `${ids[i]}-s${z}`,
            vpcId: ids[i]!,
            availabilityZone: `us-east-1${zone}`,
            tier: 'isolated' as const,
            ipv4Cidr: `${a}.${b}.${z}.0/24`,
            routeTableId: `${ids[i]}-rt`,
          };
        }),
      ),
      routeTables: vpcs.map((v, i) => {
        const peering = peers.find((p) => p.requesterVpcId === ids[i] || p.accepterVpcId === ids[i]);
        const other = peering && (peering.requesterVpcId === ids[i] ? peering.accepterVpcId : peering.requesterVpcId);
        return {
          id: `${ids[i]}-rt`,
          name: `${ids[i]}-rt`,
          vpcId: ids[i]!,
          routes: [
            ...(v.toGateway === 'none' ? [] : [{ destination: v.toGateway, target: 'transit-gateway' as const, targetId: 'hub' }]),
            ...(v.peerRoute && peering ? [{ destination: vpcs[ids.indexOf(other!)]!.block, target: 'peering' as const, targetId: peering.id }] : []),
          ],
        };
      }),
      peerings: peers,
      transitGateways: [
        {
          id: 'hub',
          name: 'hub',
          routeTables: [
            { id: 'rt-main', name: 'main', routes: blackhole === 'none' ? [] : [{ destination: blackhole, kind: 'blackhole' as const }] },
            { id: 'rt-other', name: 'other', routes: [] },
          ],
          attachments: vpcs.flatMap((v, i) =>
            v.attach === 'none'
              ? []
              : [
                  {
                    id: `att-${ids[i]}`,
                    name: ids[i]!,
                    type: 'vpc' as const,
                    vpcId: ids[i]!,
                    subnetIds: v.attachZones.filter((z) => v.zones.includes(z)).map((z) => `${ids[i]}-s${v.zones.indexOf(z)}`),
                    associatedRouteTableId: v.attach === 'main' ? 'rt-main' : 'rt-other',
                    propagatedRouteTableIds: v.propagate,
                  },
                ],
          ),
        },
      ],
    });
  });

describe('reachabilityMatrix by classes', () => {
  it('equals tracing every subnet pair with reach()', () => {
    fc.assert(
      fc.property(plans, (plan) => {
        expect(reachabilityMatrix(plan).cells).toEqual(referenceMatrix(plan));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('puts VPCs built alike in one class and decides a class pair once', () => {
    const count = 40;
    const ids = Array.from({ length: count }, (_, i) => `v${i}`);
    const plan = buildPlan({
      vpcs: ids.map((id, i) => ({ id, name: id, ipv4Cidrs: [`10.${i}.0.0/16`] })),
      subnets: ids.map((id, i) => ({
        id: `${id}-s`,
        name: `${id}-s`,
        vpcId: id,
        availabilityZone: 'us-east-1a',
        tier: 'isolated' as const,
        ipv4Cidr: `10.${i}.0.0/24`,
        routeTableId: `${id}-rt`,
      })),
      routeTables: ids.map((id) => ({
        id: `${id}-rt`,
        name: `${id}-rt`,
        vpcId: id,
        routes: [{ destination: '10.0.0.0/8', target: 'transit-gateway' as const, targetId: 'hub' }],
      })),
      transitGateways: [
        {
          id: 'hub',
          name: 'hub',
          routeTables: [{ id: 'rt', name: 'rt', routes: [] }],
          // The first 30 attached and propagating; the last 10 not attached at all.
          attachments: ids.slice(0, 30).map((id) => ({
            id: `att-${id}`,
            name: id,
            type: 'vpc' as const,
            vpcId: id,
            subnetIds: [`${id}-s`],
            associatedRouteTableId: 'rt',
            propagatedRouteTableIds: ['rt'],
          })),
        },
      ],
    });
    const grouped = reachabilityClasses(plan);
    expect(grouped.classes.map((c) => c.vpcIds.length)).toEqual([30, 10]);
    expect([grouped.between(0, 0), grouped.between(0, 1), grouped.between(1, 0), grouped.between(1, 1)]).toEqual(['reachable', 'none', 'none', 'none']);
    expect(reachabilityMatrix(plan).cells).toEqual(referenceMatrix(plan));
  });

  it('gives a one-member class nothing to reach in itself', () => {
    const plan = buildPlan({ vpcs: [{ id: 'solo', name: 'solo', ipv4Cidrs: ['10.0.0.0/16'] }] });
    const grouped = reachabilityClasses(plan);
    expect(grouped.classes).toEqual([{ vpcIds: ['solo'] }]);
    expect(grouped.between(0, 0)).toBeUndefined();
    expect(reachabilityMatrix(plan).cells).toEqual([['self']]);
  });
});
