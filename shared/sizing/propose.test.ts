import { describe, expect, it } from 'vitest';
import { proposeVpc, type SizingRequest } from './index';

const threeTier: SizingRequest = {
  region: 'us-east-1',
  azs: 3,
  tiers: [
    { name: 'public', tier: 'public', hostsPerSubnet: 50 },
    { name: 'private', tier: 'private', hostsPerSubnet: 1000 },
  ],
  growthPercent: 50,
  ipv6: false,
  avoid: [],
};

function ok(request: SizingRequest) {
  const result = proposeVpc(request);
  if (!result.ok) throw new Error(`expected a proposal, got: ${result.reason}`);
  return result;
}

describe('proposeVpc', () => {
  it('sizes each tier with growth and the 5 AWS addresses, and the VPC with one spare per AZ', () => {
    const p = ok(threeTier);
    // 1000 x 1.5 = 1500 -> /21 (2043 usable; a /22 has 1019). 50 x 1.5 = 75 -> /25 (123; a /26 has 59).
    // 3 x 2048 + 3 x 128 + 3 spare x 2048 = 12,672 -> /18.
    expect(p.vpcCidr).toBe('10.0.0.0/18');
    expect(p.subnets.map((s) => `${s.tierName} ${s.az} ${s.cidr} ${s.capacity}`)).toEqual([
      'private us-east-1a 10.0.0.0/21 2043',
      'private us-east-1b 10.0.8.0/21 2043',
      'private us-east-1c 10.0.16.0/21 2043',
      'public us-east-1a 10.0.24.0/25 123',
      'public us-east-1b 10.0.24.128/25 123',
      'public us-east-1c 10.0.25.0/25 123',
    ]);
    expect(p.subnets[0]).toMatchObject({ hostsNeeded: 1000, addressesWithGrowth: 1500 });
    expect(p.free).toEqual(['10.0.25.128/25', '10.0.26.0/23', '10.0.28.0/22', '10.0.32.0/19']);
    expect(p.explanations.some((line) => line.includes('a /22 holds only 1,019'))).toBe(true);
    expect(p.explanations.some((line) => line.includes('/18 (16,384 addresses) is the smallest block'))).toBe(true);
  });

  it('spare 0 gives the tightest block', () => {
    // 6,528 addresses -> /19 (8,192).
    expect(ok({ ...threeTier, spare: 0 }).vpcCidr).toBe('10.0.0.0/19');
  });

  it('skips avoided ranges and says so', () => {
    const p = ok({ ...threeTier, avoid: ['10.0.0.0/16', '10.1.0.0/17', '192.168.0.0/16'] });
    expect(p.vpcCidr).toBe('10.1.128.0/18');
    expect(p.explanations.join('\n')).toMatch(/after leaving out 10\.0\.0\.0\/16, 10\.1\.0\.0\/17/);
  });

  it('moves on to 172.16.0.0/12 when 10.0.0.0/8 is taken, skipping the Docker bridge 172.17.0.0/16', () => {
    const p = ok({ ...threeTier, avoid: ['10.0.0.0/8', '172.16.0.0/16'] });
    expect(p.vpcCidr).toBe('172.18.0.0/18');
    expect(p.explanations.join('\n')).toContain('10.0.0.0/8 had no free /18');
  });

  it('uses the Docker range only when nothing else is left, with a warning', () => {
    const p = ok({ ...threeTier, within: '172.16.0.0/15', avoid: ['172.16.0.0/16'] });
    expect(p.vpcCidr).toBe('172.17.0.0/18');
    expect(p.explanations.join('\n')).toMatch(/Warning: .*Docker/);
  });

  it('names the AZs it is given, and /28 for tiny tiers', () => {
    const p = ok({
      region: 'eu-west-1',
      azs: ['eu-west-1b', 'eu-west-1c'],
      tiers: [{ name: 'tgw', tier: 'isolated', hostsPerSubnet: 2 }],
      growthPercent: 0,
      ipv6: false,
      avoid: [],
    });
    expect(p.subnets.map((s) => `${s.az} ${s.cidr}`)).toEqual(['eu-west-1b 10.0.0.0/28', 'eu-west-1c 10.0.0.16/28']);
    expect(p.vpcCidr).toBe('10.0.0.0/26');
    expect(p.explanations[0]).toContain('/28 is the smallest subnet AWS allows');
  });

  it('gives the k-th /64 of a placeholder /56 when IPv6 is asked for', () => {
    const p = ok({ ...threeTier, ipv6: true });
    expect(p.vpcIpv6Cidr).toBe('2001:db8::/56');
    expect(p.ipv6Note).toMatch(/AWS assigns/);
    expect(p.subnets.map((s) => s.ipv6Cidr)).toEqual([
      '2001:db8::/64',
      '2001:db8:0:1::/64',
      '2001:db8:0:2::/64',
      '2001:db8:0:3::/64',
      '2001:db8:0:4::/64',
      '2001:db8:0:5::/64',
    ]);
    expect(ok(threeTier).subnets[0]!.ipv6Cidr).toBeUndefined();
  });

  it('fails clearly when a subnet would need more than a /16', () => {
    const r = proposeVpc({ ...threeTier, tiers: [{ name: 'huge', tier: 'private', hostsPerSubnet: 60_000 }] });
    expect(r).toMatchObject({ ok: false, code: 'subnet-too-large' });
    expect(!r.ok && r.reason).toMatch(/tier "huge" needs 90,000 addresses.*\/16/);
  });

  it('fails when the VPC would need more than a /16', () => {
    const r = proposeVpc({ ...threeTier, tiers: [{ name: 'big', tier: 'private', hostsPerSubnet: 10_000 }] });
    // 15,000 -> /18 each; 3 + 3 spare = 6 x 16,384 -> /15.
    expect(r).toMatchObject({ ok: false, code: 'vpc-too-large' });
    expect(!r.ok && r.reason).toMatch(/needs a \/15/);
  });

  it('fails when more than 200 subnets are asked for', () => {
    const tiers = Array.from({ length: 34 }, (_, i) => ({ name: `t${i}`, tier: 'private' as const, hostsPerSubnet: 1 }));
    expect(proposeVpc({ ...threeTier, azs: 6, tiers })).toMatchObject({ ok: false, code: 'too-many-subnets' });
  });

  it('fails when nothing is free after avoiding', () => {
    const r = proposeVpc({ ...threeTier, avoid: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] });
    expect(r).toMatchObject({ ok: false, code: 'no-room' });
    const small = proposeVpc({ ...threeTier, within: '10.0.0.0/20' });
    expect(!small.ok && small.reason).toMatch(/needs a \/18 but within is 10\.0\.0\.0\/20/);
  });

  it('refuses bad requests with what to change', () => {
    expect(proposeVpc({ ...threeTier, azs: 7 })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(proposeVpc({ ...threeTier, azs: ['a', 'a'] })).toMatchObject({ ok: false, reason: expect.stringMatching(/named twice/) });
    expect(proposeVpc({ ...threeTier, avoid: ['10.0.0.1/16'] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^avoid #1: .*host bits/) });
    expect(proposeVpc({ ...threeTier, tiers: [{ name: 'x', tier: 'private', hostsPerSubnet: 1.5 }] })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(proposeVpc({ ...threeTier, tiers: [...threeTier.tiers, threeTier.tiers[0]!] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/used twice/),
    });
    expect(proposeVpc({ ...threeTier, growthPercent: -1 })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(proposeVpc({ ...threeTier, within: '2001:db8::/32' })).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
