import { describe, expect, it } from 'vitest';
import { cidr, overlaps } from '../cidr';
import { buildPlan } from './test-fixtures';
import { prefixOf, proposeSubnetCidr, proposeVpcCidr, rebase, subnetSizeChoices } from './proposals';

describe('proposeVpcCidr', () => {
  it('takes the first free /16 of 10/8 when the plan is empty', () => {
    expect(proposeVpcCidr(buildPlan({}))).toBe('10.0.0.0/16');
  });

  it('skips VPC blocks and external networks (on-premises ranges count as used)', () => {
    const plan = buildPlan({
      vpcs: [{ id: 'v1', name: 'a', ipv4Cidrs: ['10.0.0.0/16'] }],
      externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['10.1.0.0/16', 'not a cidr'] }],
    });
    expect(proposeVpcCidr(plan)).toBe('10.2.0.0/16');
  });

  it('moves on to 172.16/12 and then 192.168/16 when 10/8 is full', () => {
    const full = buildPlan({ vpcs: [{ id: 'v1', name: 'a', ipv4Cidrs: ['10.0.0.0/8'] }] });
    expect(proposeVpcCidr(full)).toBe('172.16.0.0/16');
    const fuller = buildPlan({ vpcs: [{ id: 'v1', name: 'a', ipv4Cidrs: ['10.0.0.0/8', '172.16.0.0/12'] }] });
    expect(proposeVpcCidr(fuller)).toBe('192.168.0.0/16');
    const none = buildPlan({ vpcs: [{ id: 'v1', name: 'a', ipv4Cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }] });
    expect(proposeVpcCidr(none)).toBeUndefined();
  });

  it('a /12 does not fit in 192.168/16, so a request larger than a space skips it', () => {
    const plan = buildPlan({ vpcs: [{ id: 'v1', name: 'a', ipv4Cidrs: ['10.0.0.0/8'] }] });
    expect(proposeVpcCidr(plan, 12)).toBe('172.16.0.0/12');
  });
});

describe('proposeSubnetCidr', () => {
  const plan = buildPlan({
    vpcs: [{ id: 'v', name: 'app', ipv4Cidrs: ['10.0.0.0/24', '10.0.8.0/24'] }],
    subnets: [
      { id: 's1', name: 'a', vpcId: 'v', availabilityZone: 'us-east-1a', tier: 'private', ipv4Cidr: '10.0.0.0/25' },
      { id: 's2', name: 'b', vpcId: 'v', availabilityZone: 'us-east-1b', tier: 'private', ipv4Cidr: '10.0.0.128/26' },
    ],
  });
  const vpc = plan.vpcs[0]!;

  it('returns the first free block that overlaps no subnet of the VPC', () => {
    const result = proposeSubnetCidr(plan, vpc, 26);
    expect(result).toEqual({ ok: true, cidr: '10.0.0.192/26' });
    if (result.ok) for (const s of plan.subnets) expect(overlaps(cidr(result.cidr), cidr(s.ipv4Cidr!))).toBe(false);
  });

  it('goes on to the secondary block when the primary is full', () => {
    expect(proposeSubnetCidr(plan, vpc, 25)).toEqual({ ok: true, cidr: '10.0.8.0/25' });
  });

  it('can ignore the subnet being re-sized', () => {
    expect(proposeSubnetCidr(plan, vpc, 25, ['s1'])).toEqual({ ok: true, cidr: '10.0.0.0/25' });
  });

  it('explains why there is none', () => {
    const tooBig = proposeSubnetCidr(plan, vpc, 23);
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.reason).toMatch(/larger than any block/);
    const outside = proposeSubnetCidr(plan, vpc, 29);
    if (!outside.ok) expect(outside.reason).toMatch(/\/16 to \/28/);
    const noBlock = proposeSubnetCidr(plan, { ...vpc, ipv4Cidrs: [] }, 24);
    if (!noBlock.ok) expect(noBlock.reason).toMatch(/no valid IPv4 block/);
    expect(outside.ok || noBlock.ok).toBe(false);
  });
});

describe('rebase, prefixOf, subnetSizeChoices', () => {
  it("keeps a subnet's place when its VPC block moves", () => {
    expect(rebase('10.0.3.0/24', '10.0.0.0/16', '10.7.0.0/16')).toBe('10.7.3.0/24');
    expect(rebase('10.1.3.0/24', '10.0.0.0/16', '10.7.0.0/16')).toBeUndefined();
    expect(rebase('10.0.3.0/24', '10.0.0.0/16', '10.7.0.0/20')).toBeUndefined();
  });

  it('reads the prefix of valid blocks only', () => {
    expect(prefixOf('10.0.1.0/24')).toBe(24);
    expect(prefixOf('10.0.1.0/33')).toBeUndefined();
    expect(prefixOf(undefined)).toBeUndefined();
  });

  it('lists /16 to /28 with AWS usable counts (5 reserved)', () => {
    const choices = subnetSizeChoices();
    expect(choices[0]).toEqual({ prefix: 16, usable: 65531n });
    expect(choices.at(-1)).toEqual({ prefix: 28, usable: 11n });
    expect(choices).toHaveLength(13);
  });
});
