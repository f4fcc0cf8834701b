import { describe, expect, it } from 'vitest';
import { indexPlan } from '../plan/plan-index';
import type { Plan } from '../plan/schema';
import { internetExposure } from './exposure';
import { buildPlan, internetEdge } from '../plan/test-fixtures';

function exposure(plan: Plan, subnetId: string) {
  const result = internetExposure(indexPlan(plan), subnetId);
  if (!result) throw new Error(`no subnet ${subnetId}`);
  return result;
}

describe('internetExposure', () => {
  it('calls a subnet routed to its own internet gateway public', () => {
    const result = exposure(internetEdge(), 'sn-pub');
    expect(result.kind).toBe('public');
    expect(result.via).toEqual(['igw-e']);
    expect(result.ipv4.kind).toBe('public');
    expect(result.ipv6.hasAddress).toBe(false);
  });

  it('calls a subnet behind a working NAT gateway outbound-only', () => {
    const result = exposure(internetEdge(), 'sn-priv');
    expect(result.kind).toBe('outbound-only');
    expect(result.via).toEqual(['nat-e', 'igw-e']);
    expect(result.explanation).toContain('edge-nat');
  });

  it('calls an IPv6 subnet with an egress-only gateway outbound-only', () => {
    const result = exposure(internetEdge(), 'sn-v6');
    expect(result.kind).toBe('outbound-only');
    expect(result.ipv6.via).toEqual(['eigw-e']);
    expect(result.ipv4.hasAddress).toBe(false);
  });

  it('calls a subnet with local routes only isolated', () => {
    const result = exposure(internetEdge(), 'sn-iso');
    expect(result.kind).toBe('isolated');
    expect(result.via).toBeUndefined();
    expect(result.explanation).toContain('isolated-rt has no route for 0.0.0.0/0');
  });

  it('does not count a NAT gateway whose subnet has no internet gateway route', () => {
    const plan = internetEdge();
    (plan.routeTables[0] as { routes: unknown[] }).routes = [];
    const result = exposure(plan, 'sn-priv');
    expect(result.kind).toBe('isolated');
    expect(result.explanation).toContain('no 0.0.0.0/0 route to an internet gateway');
  });

  it('does not count a private NAT gateway', () => {
    const plan = internetEdge();
    (plan.natGateways[0] as { connectivity: string }).connectivity = 'private';
    expect(exposure(plan, 'sn-priv').kind).toBe('isolated');
  });

  it('does not count an internet gateway of another VPC', () => {
    const plan = internetEdge({ internetGateways: [{ id: 'igw-e', name: 'other-igw', vpcId: 'vpc-other' }] });
    expect(exposure(plan, 'sn-pub').kind).toBe('isolated');
  });

  it('treats an implicit-local subnet as isolated and says why', () => {
    const plan = internetEdge({ routeTables: [] });
    const result = exposure(plan, 'sn-pub');
    expect(result.kind).toBe('isolated');
    expect(result.explanation).toContain('implicit local route');
  });

  it('derives public and NAT routes when deriveRoutes is on', () => {
    const plan = internetEdge({ routeTables: [], settings: { deriveRoutes: true } });
    expect(exposure(plan, 'sn-pub').kind).toBe('public');
    expect(exposure(plan, 'sn-priv').kind).toBe('outbound-only');
    expect(exposure(plan, 'sn-v6').ipv6.via).toEqual(['eigw-e']);
    expect(exposure(plan, 'sn-iso').kind).toBe('isolated');
  });
});

/** Spoke VPC s sends 0.0.0.0/0 to a transit gateway; the egress VPC e NATs it out. */
function sharedEgress(spokeDefault: { target: 'transit-gateway' | 'peering' | 'nat-gateway'; targetId: string }): Plan {
  return buildPlan({
    vpcs: [
      { id: 'vpc-s', name: 'spoke', ipv4Cidrs: ['10.20.0.0/16'] },
      { id: 'vpc-e', name: 'egress', ipv4Cidrs: ['10.30.0.0/16'] },
    ],
    subnets: [
      { id: 'sn-s', name: 'spoke-app', vpcId: 'vpc-s', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.20.1.0/24', routeTableId: 'rt-s' },
      {
        id: 'sn-e-tgw',
        name: 'egress-tgw',
        vpcId: 'vpc-e',
        availabilityZone: 'us-east-1a',
        tier: 'private',
        ipv4Cidr: '10.30.1.0/28',
        routeTableId: 'rt-e-tgw',
      },
      {
        id: 'sn-e-pub',
        name: 'egress-public',
        vpcId: 'vpc-e',
        availabilityZone: 'us-east-1a',
        tier: 'public',
        ipv4Cidr: '10.30.0.0/24',
        routeTableId: 'rt-e-pub',
      },
    ],
    internetGateways: [{ id: 'igw-e', name: 'egress-igw', vpcId: 'vpc-e' }],
    natGateways: [{ id: 'nat-e', name: 'egress-nat', subnetId: 'sn-e-pub' }],
    peerings: [{ id: 'pcx-se', name: 'spoke-egress', requesterVpcId: 'vpc-s', accepterVpcId: 'vpc-e' }],
    routeTables: [
      { id: 'rt-s', name: 'spoke-rt', vpcId: 'vpc-s', routes: [{ destination: '0.0.0.0/0', ...spokeDefault }] },
      { id: 'rt-e-tgw', name: 'egress-tgw-rt', vpcId: 'vpc-e', routes: [{ destination: '0.0.0.0/0', target: 'nat-gateway', targetId: 'nat-e' }] },
      {
        id: 'rt-e-pub',
        name: 'egress-public-rt',
        vpcId: 'vpc-e',
        routes: [
          { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-e' },
          { destination: '10.20.0.0/16', target: 'transit-gateway', targetId: 'tgw' },
        ],
      },
    ],
    transitGateways: [
      {
        id: 'tgw',
        name: 'hub',
        routeTables: [
          { id: 'tgw-rt-spokes', name: 'spokes', routes: [{ destination: '0.0.0.0/0', kind: 'static', attachmentId: 'att-e' }] },
          { id: 'tgw-rt-egress', name: 'egress' },
        ],
        attachments: [
          {
            id: 'att-s',
            name: 'spoke-att',
            type: 'vpc',
            vpcId: 'vpc-s',
            subnetIds: ['sn-s'],
            associatedRouteTableId: 'tgw-rt-spokes',
            propagatedRouteTableIds: ['tgw-rt-egress'],
          },
          { id: 'att-e', name: 'egress-att', type: 'vpc', vpcId: 'vpc-e', subnetIds: ['sn-e-tgw'], associatedRouteTableId: 'tgw-rt-egress' },
        ],
      },
    ],
  });
}

describe('internet egress through other VPCs', () => {
  it('counts a NAT gateway reached through a transit gateway', () => {
    const result = exposure(sharedEgress({ target: 'transit-gateway', targetId: 'tgw' }), 'sn-s');
    expect(result.kind).toBe('outbound-only');
    expect(result.via).toEqual(['tgw', 'att-e', 'nat-e', 'igw-e']);
  });

  it('does not count it when the transit gateway table blackholes the default route', () => {
    const plan = sharedEgress({ target: 'transit-gateway', targetId: 'tgw' });
    const table = plan.transitGateways[0]?.routeTables[0];
    if (table) table.routes = [{ destination: '0.0.0.0/0', kind: 'blackhole' }];
    expect(exposure(plan, 'sn-s').kind).toBe('isolated');
  });

  it('does not count a NAT gateway behind a peering', () => {
    const viaPeering = exposure(sharedEgress({ target: 'peering', targetId: 'pcx-se' }), 'sn-s');
    expect(viaPeering.kind).toBe('isolated');
    expect(viaPeering.explanation).toContain('no edge-to-edge routing');
    const otherVpcNat = exposure(sharedEgress({ target: 'nat-gateway', targetId: 'nat-e' }), 'sn-s');
    expect(otherVpcNat.kind).toBe('isolated');
    expect(otherVpcNat.explanation).toContain('through VPC peering');
  });
});
