import { describe, expect, it } from 'vitest';
import { routeLines, routeLineSubnets, subnetRouteLines } from './route-lines';
import { buildPlan, hubAndSpoke, internetEdge, peeringTriangle } from '../plan/test-fixtures';

describe('route lines', () => {
  it('a private subnet: one line to its NAT gateway, one to the VPC edge for the egress-only gateway', () => {
    const lines = subnetRouteLines(internetEdge(), 'sn-priv');
    expect(lines).toEqual([
      {
        subnetId: 'sn-priv',
        target: 'nat-gateway',
        targetId: 'nat-e',
        destinations: ['0.0.0.0/0'],
        ends: [{ id: 'nat-e', kind: 'nat' }],
        source: 'explicit',
        routeTableId: 'rt-priv',
      },
      {
        subnetId: 'sn-priv',
        target: 'egress-only-gateway',
        targetId: 'eigw-e',
        destinations: ['::/0'],
        ends: [{ id: 'vpc-e', kind: 'internet' }],
        source: 'explicit',
        routeTableId: 'rt-priv',
      },
    ]);
  });

  it('the local route draws nothing: an isolated subnet has no line', () => {
    expect(subnetRouteLines(internetEdge(), 'sn-iso')).toEqual([]);
  });

  it('peering routes end at the peer VPC, one line per peering with its destinations', () => {
    const lines = subnetRouteLines(peeringTriangle(), 'sn-a');
    expect(lines.map((l) => [l.target, l.targetId, l.ends, l.destinations])).toEqual([
      ['peering', 'pcx-ab', [{ id: 'vpc-b', kind: 'peer-vpc' }], ['10.1.0.0/16']],
      ['peering', 'pcx-ac', [{ id: 'vpc-c', kind: 'peer-vpc' }], ['10.2.0.0/16']],
    ]);
  });

  it('a selected route table draws the lines of every subnet that follows it', () => {
    const plan = hubAndSpoke();
    expect(routeLineSubnets(plan, ['rt-a'])).toEqual(['sn-a', 'sn-a2']);
    const lines = routeLines(plan, ['rt-a']);
    expect(lines.map((l) => [l.subnetId, l.ends[0]?.id, l.destinations])).toEqual([
      ['sn-a', 'tgw-hub', ['10.0.0.0/8']],
      ['sn-a2', 'tgw-hub', ['10.0.0.0/8']],
    ]);
  });

  it('a main route table covers the subnets with no table of their own', () => {
    const plan = hubAndSpoke((p) => {
      p.routeTables[0]!.main = true;
      p.subnets[1]!.routeTableId = undefined;
    });
    expect(routeLineSubnets(plan, ['rt-a'])).toEqual(['sn-a', 'sn-a2']);
    expect(subnetRouteLines(plan, 'sn-a2')[0]).toMatchObject({ source: 'main', routeTableId: 'rt-a' });
  });

  it('derived routes are drawn when the plan derives them, and say so', () => {
    const plan = internetEdge({ routeTables: [] });
    expect(subnetRouteLines(plan, 'sn-pub')).toEqual([]);
    const derived = { ...plan, settings: { ...plan.settings, deriveRoutes: true } };
    expect(subnetRouteLines(derived, 'sn-pub')).toMatchObject([{ target: 'internet-gateway', ends: [{ id: 'vpc-e', kind: 'internet' }], source: 'derived' }]);
    expect(subnetRouteLines(derived, 'sn-priv')).toMatchObject([{ target: 'nat-gateway', ends: [{ id: 'nat-e', kind: 'nat' }], source: 'derived' }]);
  });

  it('a target that is gone, or of another VPC, has no end', () => {
    const plan = peeringTriangle({
      routeTables: [
        {
          id: 'rt-a',
          name: 'alpha-rt',
          vpcId: 'vpc-a',
          routes: [
            { destination: '10.1.0.0/16', target: 'peering', targetId: 'pcx-gone' },
            { destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw-b' },
          ],
        },
      ],
      internetGateways: [{ id: 'igw-b', name: 'bravo-igw', vpcId: 'vpc-b' }],
    });
    expect(subnetRouteLines(plan, 'sn-a').map((l) => l.ends)).toEqual([[], []]);
  });

  it('a virtual private gateway fans out to the networks it reaches', () => {
    const plan = buildPlan({
      vpcs: [{ id: 'vpc-a', name: 'alpha', ipv4Cidrs: ['10.0.0.0/16'] }],
      subnets: [{ id: 'sn-a', name: 'a', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', tier: 'isolated', ipv4Cidr: '10.0.1.0/24', routeTableId: 'rt-a' }],
      externalNetworks: [
        { id: 'ext-1', name: 'dc1', kind: 'on-premises', cidrs: ['192.168.0.0/16'] },
        { id: 'ext-2', name: 'dc2', kind: 'on-premises', cidrs: ['172.16.0.0/16'] },
      ],
      vpnGateways: [{ id: 'vgw-a', name: 'vgw', vpcId: 'vpc-a', externalNetworkIds: ['ext-1', 'ext-2'] }],
      routeTables: [
        {
          id: 'rt-a',
          name: 'rt',
          vpcId: 'vpc-a',
          routes: [
            { destination: '192.168.0.0/16', target: 'vpn-gateway', targetId: 'vgw-a' },
            { destination: '172.16.0.0/16', target: 'vpn-gateway', targetId: 'vgw-a' },
          ],
        },
      ],
    });
    expect(subnetRouteLines(plan, 'sn-a')).toMatchObject([
      {
        destinations: ['192.168.0.0/16', '172.16.0.0/16'],
        ends: [
          { id: 'ext-1', kind: 'external' },
          { id: 'ext-2', kind: 'external' },
        ],
      },
    ]);
  });

  it('nothing selected that has routes: no lines', () => {
    expect(routeLines(hubAndSpoke(), ['vpc-a', 'tgw-hub'])).toEqual([]);
  });
});
