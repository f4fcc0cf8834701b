import { describe, expect, it } from 'vitest';
import { planWith, vpc } from '../fixture';
import { latticeRule } from './lattice';
import { codes, run } from './rule-test-support';

describe('lattice', () => {
  const vpcs = [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.1.0.0/16'])];

  it('accepts one service network per VPC', () => {
    expect(run(latticeRule, planWith({ vpcs, serviceNetworks: [{ id: 's1', name: 's1', vpcIds: ['a', 'b'] }] }))).toEqual([]);
  });

  it('errors when a VPC is in two service networks', () => {
    const plan = planWith({
      vpcs,
      serviceNetworks: [
        { id: 's1', name: 'apps', vpcIds: ['a'] },
        { id: 's2', name: 'data', vpcIds: ['a', 'b'] },
      ],
    });
    const [f, ...rest] = run(latticeRule, plan);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'lattice/vpc-in-several-service-networks', subjects: ['a', 's1', 's2'] });
    expect(f!.message).toContain('apps, data');
  });

  it("warns when a block overlaps Lattice's data-plane ranges", () => {
    const plan = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16'], { ipv6Cidrs: ['fd00:ec2:80::/56'] })],
      externalNetworks: [{ id: 'e', name: 'dc', kind: 'on-premises', cidrs: ['169.254.0.0/16'] }],
    });
    expect(run(latticeRule, plan).map((f) => [f.code, f.subjects[0], f.field])).toEqual([
      ['lattice/data-plane-overlap', 'a', 'ipv6Cidrs[0]'],
      ['lattice/data-plane-overlap', 'e', 'cidrs[0]'],
    ]);
  });

  it('warns above the VPC-associations quota', () => {
    const plan = planWith({
      vpcs,
      serviceNetworks: [{ id: 's1', name: 's1', vpcIds: ['a', 'b'] }],
      settings: { quotas: { serviceNetworkVpcAssociations: 1 } },
    });
    expect(codes(latticeRule, plan)).toEqual(['lattice/vpc-association-quota']);
  });

  it("stays quiet for blocks right next to Lattice's data-plane ranges", () => {
    // 169.254.171.0/24 and fd00:ec2:80::/64, each with a neighbour on either side.
    const near = ['169.254.170.0/24', '169.254.172.0/23', 'fd00:ec2:7f:ffff::/64', 'fd00:ec2:80:1::/64'];
    const plan = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16'], { ipv6Cidrs: ['fd00:ec2:80:100::/56'] })],
      externalNetworks: [{ id: 'e', name: 'dc', kind: 'on-premises', cidrs: near }],
    });
    expect(run(latticeRule, plan)).toEqual([]);
    const oneStepIn = planWith({ externalNetworks: [{ id: 'e', name: 'dc', kind: 'on-premises', cidrs: ['169.254.170.0/23'] }] });
    expect(codes(latticeRule, oneStepIn)).toEqual(['lattice/data-plane-overlap']);
  });
});
