import { describe, expect, it } from 'vitest';
import { planWith, vpc } from '../fixture';
import { peeringsRule } from './peerings';
import { codes, run } from './rule-test-support';

const vpcs = [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.1.0.0/16']), vpc('c', ['10.2.0.0/16'])];
const peer = (id: string, requesterVpcId: string, accepterVpcId: string) => ({ id, name: id, requesterVpcId, accepterVpcId });

describe('peerings', () => {
  it('accepts distinct peerings', () => {
    expect(run(peeringsRule, planWith({ vpcs, peerings: [peer('p1', 'a', 'b'), peer('p2', 'a', 'c')] }))).toEqual([]);
  });

  it('errors on a VPC peered with itself', () => {
    expect(codes(peeringsRule, planWith({ vpcs, peerings: [peer('p1', 'a', 'a')] }))).toEqual(['peering/self']);
  });

  it('errors on a second peering between the same pair, in either direction', () => {
    const [f] = run(peeringsRule, planWith({ vpcs, peerings: [peer('p1', 'a', 'b'), peer('p2', 'b', 'a')] }));
    expect(f).toMatchObject({ code: 'peering/duplicate', subjects: ['p2', 'p1'] });
  });

  it('warns above the peerings-per-VPC quota', () => {
    const plan = planWith({ vpcs, peerings: [peer('p1', 'a', 'b'), peer('p2', 'a', 'c')], settings: { quotas: { peeringsPerVpc: 1 } } });
    const found = run(peeringsRule, plan);
    expect(found.map((f) => [f.code, f.subjects[0]])).toEqual([['peering/quota', 'a']]);
  });

  it('stays quiet at the quota exactly, and does not count pending or duplicate peerings', () => {
    const atQuota = planWith({ vpcs, peerings: [peer('p1', 'a', 'b'), peer('p2', 'a', 'c')], settings: { quotas: { peeringsPerVpc: 2 } } });
    expect(run(peeringsRule, atQuota)).toEqual([]);
    // a has two peerings over a quota of 1, but only one is active: AWS counts active peerings.
    const pending = planWith({
      vpcs,
      peerings: [peer('p1', 'a', 'b'), { ...peer('p2', 'a', 'c'), status: 'pending' }],
      settings: { quotas: { peeringsPerVpc: 1 } },
    });
    expect(run(peeringsRule, pending)).toEqual([]);
    // A duplicate is its own error, not a second peering towards the quota.
    const duplicate = planWith({ vpcs, peerings: [peer('p1', 'a', 'b'), peer('p2', 'b', 'a')], settings: { quotas: { peeringsPerVpc: 1 } } });
    expect(codes(peeringsRule, duplicate)).toEqual(['peering/duplicate']);
  });
});
