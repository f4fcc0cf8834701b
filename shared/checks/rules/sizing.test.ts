import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../plan/plan-index';
import { planWith, subnet, vpc } from '../fixture';
import { codes, run } from './rule-test-support';
import { addressesNeeded, sizingRule, vpcFreeSpace } from './sizing';

const prod = vpc('v', ['10.0.0.0/16'], { name: 'prod' });
// Small enough that one or two subnets do not make the VPC itself oversized.
const snug = vpc('v', ['10.0.0.0/24'], { name: 'snug' });

describe('sizing', () => {
  it('accepts a subnet sized for its hosts and growth', () => {
    // 100 hosts + 20 % = 120 addresses; a /25 has 128 - 5 = 123 usable.
    expect(run(sizingRule, planWith({ vpcs: [snug], subnets: [subnet('a', 'v', '10.0.0.0/25', { hostsNeeded: 100, growthPercent: 20 })] }))).toEqual([]);
  });

  it('reports a subnet too small once the reserved addresses are counted, with the prefix that fits and a free block', () => {
    // 120 needed; a /25 minus 5 reserved is 123, so 119 + 4 % = 124 does not fit.
    const plan = planWith({
      vpcs: [prod],
      subnets: [subnet('a', 'v', '10.0.0.0/25', { name: 'app-a', hostsNeeded: 119, growthPercent: 4 }), subnet('b', 'v', '10.0.0.128/25')],
    });
    const [f, ...rest] = run(sizingRule, plan);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'sizing/subnet-too-small', subjects: ['a', 'v'] });
    expect(f!.message).toBe('Subnet app-a (10.0.0.0/25) has 123 usable addresses, after the 5 addresses AWS reserves, but needs 124 (119 hosts + 4 % growth).');
    expect(f!.fix).toBe('Make it a /24: 10.0.1.0/24 is the next free /24 in VPC prod.');
  });

  it('counts every address of a BYOIP subnet as usable', () => {
    const plan = planWith({ vpcs: [snug], subnets: [subnet('a', 'v', '10.0.0.0/25', { hostsNeeded: 128, byoip: true })] });
    expect(codes(sizingRule, plan)).toEqual([]);
  });

  it('informs when a subnet is four or more times bigger than needed', () => {
    const plan = planWith({ vpcs: [prod], subnets: [subnet('a', 'v', '10.0.0.0/20', { hostsNeeded: 200 })] });
    const f = run(sizingRule, plan).find((x) => x.code === 'sizing/subnet-oversized');
    expect(f).toMatchObject({ code: 'sizing/subnet-oversized', severity: 'info' });
    expect(f!.fix).toBe('A /24 is enough (e.g. 10.0.0.0/24); right-sizing frees 3,840 addresses for other subnets.');
    expect(codes(sizingRule, planWith({ vpcs: [snug], subnets: [subnet('a', 'v', '10.0.0.0/24', { hostsNeeded: 200 })] }))).toEqual([]);
  });

  it('informs when the VPC is far bigger than all its subnets need', () => {
    const plan = planWith({
      vpcs: [prod],
      subnets: [subnet('a', 'v', '10.0.0.0/24', { hostsNeeded: 200 }), subnet('b', 'v', '10.0.1.0/24', { hostsNeeded: 200 })],
    });
    const [f] = run(sizingRule, plan);
    expect(f).toMatchObject({ code: 'sizing/vpc-oversized', subjects: ['v'] });
    expect(f!.fix).toContain('A /23');
    // Not when one subnet does not say what it needs.
    const unknown = planWith({ vpcs: [prod], subnets: [subnet('a', 'v', '10.0.0.0/24', { hostsNeeded: 200 }), subnet('b', 'v', '10.0.1.0/24')] });
    expect(codes(sizingRule, unknown)).toEqual([]);
  });

  it('warns when the free space cannot take the planned growth', () => {
    const small = vpc('v', ['10.0.0.0/22'], { name: 'prod', growth: { subnets: 3, prefix: 24 } });
    const plan = planWith({ vpcs: [small], subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.2.0/25')] });
    const [f] = run(sizingRule, plan);
    expect(f).toMatchObject({ code: 'sizing/no-room-for-growth', severity: 'warning' });
    expect(f!.message).toBe('VPC prod plans 3 more /24 subnets, but its free space holds only 2 (10.0.1.0/24, 10.0.3.0/24).');
    // More room than the message lists: the rest counted, not cut off with an ellipsis (the printed report shows no "...").
    const many = planWith({
      vpcs: [vpc('v', ['10.0.0.0/21'], { name: 'prod', growth: { subnets: 9, prefix: 24 } })],
      subnets: [subnet('a', 'v', '10.0.0.0/24')],
    });
    expect(run(sizingRule, many)[0]!.message).toBe(
      'VPC prod plans 9 more /24 subnets, but its free space holds only 7 (10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, 10.0.5.0/24, and 2 more).',
    );
    expect(f!.fix).toContain('/24');
    const enough = planWith({
      vpcs: [{ ...small, growth: { subnets: 2, prefix: 24 } }],
      subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.2.0/25')],
    });
    expect(codes(sizingRule, enough)).toEqual([]);
  });

  it('rejects a growth prefix that is not a subnet size', () => {
    expect(codes(sizingRule, planWith({ vpcs: [vpc('v', ['10.0.0.0/16'], { growth: { subnets: 1, prefix: 12 } })] }))).toEqual(['sizing/growth-prefix']);
  });

  it('computes the free space per block for the UI', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/22', '10.1.0.0/24'])], subnets: [subnet('a', 'v', '10.0.0.0/24')] });
    const space = vpcFreeSpace(indexPlan(plan), plan.vpcs[0]!, plan.subnets);
    expect(space.ipv4.blocks.map((b) => [b.block, b.free])).toEqual([
      ['10.0.0.0/22', ['10.0.1.0/24', '10.0.2.0/23']],
      ['10.1.0.0/24', ['10.1.0.0/24']],
    ]);
    expect(space.ipv4.totalAddresses).toBe(1280n);
    expect(space.ipv4.freeAddresses).toBe(1024n);
  });

  it('rounds the growth up', () => {
    expect(addressesNeeded({ hostsNeeded: 10, growthPercent: 15 })).toBe(12);
    expect(addressesNeeded({ hostsNeeded: 100, growthPercent: 20 })).toBe(120);
  });
});

describe('subnetPrefixFor', () => {
  it('agrees with the cidr module’s prefixForHosts within the AWS subnet sizes', async () => {
    const { prefixForHosts } = await import('../../cidr');
    const { subnetPrefixFor } = await import('./sizing');
    for (const hosts of [0, 1, 11, 12, 27, 28, 123, 124, 1000, 4091, 4092, 65_531]) {
      expect(subnetPrefixFor(hosts, false)).toBe(Math.min(28, prefixForHosts(4, hosts, 'aws')!));
    }
    expect(subnetPrefixFor(65_532, false)).toBeUndefined();
    expect(subnetPrefixFor(16, true)).toBe(28);
    expect(subnetPrefixFor(17, true)).toBe(27);
  });
});
