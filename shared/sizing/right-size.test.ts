import { describe, expect, it } from 'vitest';
import { indexPlan } from '../plan/plan-index';
import type { Subnet, Vpc } from '../plan/schema';
import { buildPlan } from '../plan/test-fixtures';
import { rightSizeSubnet, rightSizeVpc as rightSizeVpcOf } from './index';

const vpc = (ipv4Cidrs: string[], growth?: Vpc['growth']): Vpc => ({
  id: 'vpc',
  name: 'prod',
  region: 'us-east-1',
  ipv4Cidrs,
  ipv6Cidrs: [],
  ipv6Source: 'amazon',
  ...(growth ? { growth } : {}),
});
const subnet = (id: string, ipv4Cidr: string, vpcId = 'vpc'): Subnet => ({ id, name: id, vpcId, availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr });

describe('rightSizeSubnet', () => {
  it('shrinks in place and counts what is freed', () => {
    // 40 hosts + 50% = 60 addresses; a /26 has 64 - 5 = 59 usable, one short, so /25.
    expect(rightSizeSubnet('10.0.4.0/22', 40, 50)).toMatchObject({
      ok: true,
      change: 'shrink',
      prefix: 25,
      inPlace: '10.0.4.0/25',
      freedAddresses: 1024 - 128,
    });
  });

  it('says when it is already right', () => {
    expect(rightSizeSubnet('10.0.0.0/24', 251)).toMatchObject({ change: 'none', freedAddresses: 0 });
    expect(rightSizeSubnet('10.0.0.0/24', 252)).toMatchObject({ change: 'grow', prefix: 23 });
  });

  it('grows in place when aligned and free, or says where to move', () => {
    expect(rightSizeSubnet('10.0.0.0/24', 300, 0, { vpcBlocks: ['10.0.0.0/16'], otherSubnets: ['10.0.2.0/24'] })).toMatchObject({
      change: 'grow',
      inPlace: '10.0.0.0/23',
      freedAddresses: -256,
    });
    const blocked = rightSizeSubnet('10.0.0.0/24', 300, 0, { vpcBlocks: ['10.0.0.0/16'], otherSubnets: ['10.0.1.0/24'] });
    expect(blocked).toMatchObject({ change: 'grow', moveTo: '10.0.2.0/23' });
    expect(blocked.ok && blocked.inPlace).toBeFalsy();
    expect(blocked.ok && blocked.explanation).toMatch(/would overlap 10\.0\.1\.0\/24/);
    expect(rightSizeSubnet('10.0.1.0/24', 300)).toMatchObject({ change: 'grow', explanation: expect.stringMatching(/must start on a multiple of 512/) });
  });

  it('BYOIP subnets need no reserved addresses', () => {
    expect(rightSizeSubnet('10.0.0.0/24', 16, 0, { byoip: true })).toMatchObject({ prefix: 28 });
    expect(rightSizeSubnet('10.0.0.0/24', 16, 0)).toMatchObject({ prefix: 27 });
  });

  it('refuses what it cannot size', () => {
    expect(rightSizeSubnet('10.0.0.0/24', 70_000)).toMatchObject({ ok: false, reason: expect.stringMatching(/\/16/) });
    expect(rightSizeSubnet('nonsense', 1)).toMatchObject({ ok: false });
    expect(rightSizeSubnet('2001:db8::/64', 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/IPv6/) });
  });
});

/** rightSizeVpc over the index of a plan holding the VPC and the subnets. */
function rightSizeVpc(v: Vpc, subnets: Subnet[]) {
  const plan = buildPlan({ vpcs: [v], subnets });
  return rightSizeVpcOf(indexPlan(plan), plan.vpcs[0]!);
}

describe('rightSizeVpc', () => {
  it('shrinks in place when the subnets sit at the start', () => {
    const [r] = rightSizeVpc(vpc(['10.0.0.0/16']), [subnet('a', '10.0.0.0/24'), subnet('b', '10.0.1.0/24'), subnet('other', '10.0.2.0/24', 'elsewhere')]);
    expect(r).toMatchObject({ smallest: '10.0.0.0/23', inPlace: '10.0.0.0/23', possibleInPlace: true, change: 'shrink', freedAddresses: 65536 - 512 });
  });

  it('tells apart the repacked size from the in-place size', () => {
    const [r] = rightSizeVpc(vpc(['10.0.0.0/16']), [subnet('a', '10.0.0.0/24'), subnet('b', '10.0.64.0/24')]);
    expect(r).toMatchObject({ smallest: '10.0.0.0/23', inPlace: '10.0.0.0/17', possibleInPlace: false, freedInPlace: 32768 });
    expect(r!.explanation).toMatch(/laid out afresh/);
  });

  it('counts the planned growth', () => {
    const [r] = rightSizeVpc(vpc(['10.0.0.0/16'], { subnets: 2, prefix: 24 }), [subnet('a', '10.0.0.0/24')]);
    expect(r).toMatchObject({ neededAddresses: 768, smallest: '10.0.0.0/22', inPlace: '10.0.0.0/22', possibleInPlace: true });
    const [tight] = rightSizeVpc(vpc(['10.0.0.0/24'], { subnets: 2, prefix: 24 }), [subnet('a', '10.0.0.0/24')]);
    expect(tight).toMatchObject({ change: 'grow', possibleInPlace: false });
    expect(tight!.inPlace).toBeUndefined();
  });

  it('handles each block of the VPC on its own', () => {
    const results = rightSizeVpc(vpc(['10.0.0.0/16', '10.1.0.0/16', 'bad']), [subnet('a', '10.1.0.0/28')]);
    expect(results.map((r) => r.smallest)).toEqual(['10.0.0.0/28', '10.1.0.0/28']);
  });
});
