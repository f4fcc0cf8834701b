import { describe, expect, it } from 'vitest';
import { planWith, subnet, vpc } from '../fixture';
import { referencesRule } from './references';
import { run } from './rule-test-support';

describe('references', () => {
  it('accepts a plan whose references all resolve', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('s', 'v', '10.0.0.0/24', { routeTableId: 'rt' })],
      internetGateways: [{ id: 'igw', name: 'igw', vpcId: 'v' }],
      natGateways: [{ id: 'n', name: 'n', subnetId: 's' }],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'v', routes: [{ destination: '0.0.0.0/0', target: 'internet-gateway', targetId: 'igw' }] }],
      externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises', cidrs: [] }],
      transitGateways: [
        {
          id: 't',
          name: 'hub',
          routeTables: [{ id: 'trt', name: 'trt', routes: [{ destination: '0.0.0.0/0', kind: 'static', attachmentId: 'ta' }] }],
          attachments: [
            { id: 'ta', name: 'ta', type: 'vpc', vpcId: 'v', subnetIds: ['s'], associatedRouteTableId: 'trt', propagatedRouteTableIds: ['trt'] },
            { id: 'tv', name: 'tv', type: 'vpn', externalNetworkId: 'dc' },
          ],
        },
      ],
      serviceNetworks: [{ id: 'sn', name: 'sn', vpcIds: ['v'], services: [{ id: 'svc', name: 'svc', vpcId: 'v' }] }],
    });
    expect(run(referencesRule, plan)).toEqual([]);
  });

  it('names each dangling field', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('s', 'gone', '10.0.0.0/24', { routeTableId: 'nort' })],
      natGateways: [{ id: 'n', name: 'n', subnetId: 'nosubnet' }],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'v', routes: [{ destination: '0.0.0.0/0', target: 'nat-gateway', targetId: 'nonat' }] }],
      peerings: [{ id: 'p', name: 'p', requesterVpcId: 'v', accepterVpcId: 'novpc' }],
      transitGateways: [
        { id: 't', name: 'hub', attachments: [{ id: 'ta', name: 'ta', type: 'vpc', vpcId: 'v', subnetIds: ['x'], associatedRouteTableId: 'y' }] },
      ],
      serviceNetworks: [{ id: 'sn', name: 'sn', vpcIds: ['z'] }],
    });
    const found = run(referencesRule, plan);
    expect(found.every((f) => f.code === 'plan/dangling-reference')).toBe(true);
    expect(found.map((f) => [f.subjects[0], f.field])).toEqual([
      ['s', 'vpcId'],
      ['s', 'routeTableId'],
      ['n', 'subnetId'],
      ['p', 'accepterVpcId'],
      ['ta', 'subnetIds[0]'],
      ['ta', 'associatedRouteTableId'],
      ['sn', 'vpcIds[0]'],
    ]);
    expect(found[0]!.message).toBe('Subnet s refers to VPC "gone" in vpcId, but the plan has no VPC with that id.');
  });
});
