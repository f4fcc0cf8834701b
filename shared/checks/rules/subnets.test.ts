import { describe, expect, it } from 'vitest';
import { planWith, subnet, vpc } from '../fixture';
import { codes, run } from './rule-test-support';
import { subnetsRule } from './subnets';

describe('subnets', () => {
  const base = vpc('v', ['10.0.0.0/16'], { name: 'prod', ipv6Cidrs: ['2001:db8::/56'] });

  it('accepts subnets inside the VPC that do not overlap', () => {
    const plan = planWith({ vpcs: [base], subnets: [subnet('a', 'v', '10.0.0.0/24', { ipv6Cidr: '2001:db8::/64' }), subnet('b', 'v', '10.0.1.0/24')] });
    expect(run(subnetsRule, plan)).toEqual([]);
  });

  it('reports a subnet outside the VPC and offers the next free block of its size', () => {
    const plan = planWith({ vpcs: [base], subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('app-a', 'v', '10.1.1.0/24', { name: 'app-a' })] });
    const [f, ...rest] = run(subnetsRule, plan);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'subnet/outside-vpc', subjects: ['app-a', 'v'], field: 'ipv4Cidr' });
    expect(f!.message).toBe("Subnet app-a (10.1.1.0/24) lies outside VPC prod's block 10.0.0.0/16.");
    expect(f!.fix).toBe('Use 10.0.1.0/24, the next free /24 in the VPC.');
  });

  it('reports overlapping subnets once per pair, with a free block for the later one', () => {
    const plan = planWith({
      vpcs: [base],
      subnets: [subnet('a', 'v', '10.0.0.0/23'), subnet('b', 'v', '10.0.1.0/24'), subnet('c', 'v', '10.0.2.0/24')],
    });
    const found = run(subnetsRule, plan);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'subnet/overlap', subjects: ['b', 'a', 'v'], cidrs: ['10.0.0.0/23', '10.0.1.0/24'] });
    expect(found[0]!.fix).toContain('10.0.3.0/24');
  });

  it('checks IPv4 and IPv6 subnet sizes', () => {
    expect(codes(subnetsRule, planWith({ vpcs: [base], subnets: [subnet('a', 'v', '10.0.0.0/29')] }))).toEqual(['subnet/size']);
    expect(codes(subnetsRule, planWith({ vpcs: [base], subnets: [subnet('a', 'v', '10.0.0.0/28')] }))).toEqual([]);
    expect(codes(subnetsRule, planWith({ vpcs: [base], subnets: [subnet('a', 'v', undefined, { ipv6Cidr: '2001:db8::/62' })] }))).toEqual(['subnet/ipv6-size']);
    expect(codes(subnetsRule, planWith({ vpcs: [base], subnets: [subnet('a', 'v', undefined, { ipv6Cidr: '2001:db8::/60' })] }))).toEqual([]);
  });

  it('reports an IPv6 subnet outside the VPC /56, and one in a VPC without IPv6', () => {
    const outside = planWith({ vpcs: [base], subnets: [subnet('a', 'v', undefined, { ipv6Cidr: '2001:db8:0:100::/64' })] });
    const [f] = run(subnetsRule, outside);
    expect(f).toMatchObject({ code: 'subnet/ipv6-outside-vpc', field: 'ipv6Cidr' });
    expect(f!.fix).toContain('2001:db8::/64');
    const noV6 = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('a', 'v', '10.0.0.0/24', { ipv6Cidr: '2001:db8::/64' })] });
    expect(codes(subnetsRule, noV6)).toEqual(['subnet/ipv6-without-vpc-ipv6']);
  });

  it('reports a subnet with no block at all', () => {
    const [f] = run(subnetsRule, planWith({ vpcs: [base], subnets: [subnet('a', 'v', undefined)] }));
    expect(f).toMatchObject({ code: 'subnet/no-address' });
    expect(f!.fix).toContain('10.0.0.0/24');
  });

  it('warns above the subnets-per-VPC quota', () => {
    const subnets = [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.1.0/24'), subnet('c', 'v', '10.0.2.0/24')];
    expect(codes(subnetsRule, planWith({ vpcs: [base], subnets, settings: { quotas: { subnetsPerVpc: 2 } } }))).toEqual(['subnet/quota']);
    expect(codes(subnetsRule, planWith({ vpcs: [base], subnets, settings: { quotas: { subnetsPerVpc: 3 } } }))).toEqual([]);
  });
});
