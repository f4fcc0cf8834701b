/**
 * Fixes as data: each kind applied by applyFix removes the finding that proposed it, a stale
 * fix changes nothing, and blocks proposed together never collide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, overlaps, contains } from '../cidr';
import { applyFix, renumberSubnets, type FixAction } from '../plan/edits';
import type { Plan } from '../plan/schema';
import { planWith, subnet, vpc } from './fixture';
import { checkPlan, type Finding } from './index';

function findingsWith(plan: Plan, code: string): Finding[] {
  return checkPlan(plan).filter((f) => f.code === code);
}

/** Applies the finding's only fix and checks the finding is gone. */
function applyOnly(plan: Plan, code: string): Plan {
  const [finding] = findingsWith(plan, code);
  expect(finding?.fixes, code).toHaveLength(1);
  const after = applyFix(plan, finding!.fixes![0]!);
  expect(after).not.toBe(plan);
  expect(findingsWith(after, code)).toEqual([]);
  return after;
}

describe('applyFix', () => {
  it('set-cidr on a subnet: an overlapping subnet moves to the next free block', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.0.0/24')] });
    const [f] = findingsWith(plan, 'subnet/overlap');
    expect(f!.fixes).toEqual([{ kind: 'set-cidr', objectId: 'b', field: 'ipv4Cidr', from: '10.0.0.0/24', to: '10.0.1.0/24', label: 'Move b to 10.0.1.0/24' }]);
    const after = applyOnly(plan, 'subnet/overlap');
    expect(after.subnets.map((s) => s.ipv4Cidr)).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(plan.subnets[1]!.ipv4Cidr).toBe('10.0.0.0/24');
  });

  it('set-cidr on a subnet outside its VPC and on a subnet too small for its hosts', () => {
    const outside = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('a', 'v', '10.9.0.0/24')] });
    expect(applyOnly(outside, 'subnet/outside-vpc').subnets[0]!.ipv4Cidr).toBe('10.0.0.0/24');
    const small = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('a', 'v', '10.0.0.0/28', { hostsNeeded: 100 })] });
    expect(applyOnly(small, 'sizing/subnet-too-small').subnets[0]!.ipv4Cidr).toBe('10.0.0.0/25');
  });

  it('set-cidr on a VPC block field', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/16', '10.1.0.0/16'])] });
    const fix: FixAction = { kind: 'set-cidr', objectId: 'v', field: 'ipv4Cidrs[1]', from: '10.1.0.0/16', to: '10.2.0.0/16', label: 'x' };
    expect(applyFix(plan, fix).vpcs[0]!.ipv4Cidrs).toEqual(['10.0.0.0/16', '10.2.0.0/16']);
  });

  it('add-nat-address: a NAT gateway over capacity gets the addresses the finding names', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('s', 'v', '10.0.0.0/24', { tier: 'public' })],
      natGateways: [{ id: 'n', name: 'nat', subnetId: 's', addresses: 1, demand: { instances: 100, peakConnectionsPerInstance: 1000 } }],
    });
    const after = applyOnly(plan, 'nat/capacity-exceeded');
    expect(after.natGateways[0]!.addresses).toBe(3);
    expect(findingsWith(after, 'nat/capacity-near-limit')).toEqual([]);
  });

  it('remove-peering: the duplicate goes and routes through it use the peering that stays', () => {
    const plan = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.1.0.0/16'])],
      peerings: [{ id: 'p1', name: 'p1', requesterVpcId: 'a', accepterVpcId: 'b' }, { id: 'p2', name: 'p2', requesterVpcId: 'b', accepterVpcId: 'a' }],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'a', routes: [{ destination: '10.1.0.0/16', target: 'peering', targetId: 'p2' }] }],
    });
    const after = applyOnly(plan, 'peering/duplicate');
    expect(after.peerings.map((p) => p.id)).toEqual(['p1']);
    expect(after.routeTables[0]!.routes[0]!.targetId).toBe('p1');
  });

  it('renumber-subnets moves every listed subnet at once', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.5.0.0/16'])], subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.4.0/22')] });
    const action = renumberSubnets('v', plan.subnets, '10.0.0.0/16', '10.5.0.0/16')!;
    expect(action.moves).toEqual([{ subnetId: 'a', from: '10.0.0.0/24', to: '10.5.0.0/24' }, { subnetId: 'b', from: '10.0.4.0/22', to: '10.5.4.0/22' }]);
    const after = applyFix(plan, { ...action, label: 'Renumber' });
    expect(checkPlan(after).filter((f) => f.code === 'subnet/outside-vpc')).toEqual([]);
  });

  it('refuses a stale fix: the plan comes back unchanged', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/16'])], subnets: [subnet('a', 'v', '10.0.0.0/24')], natGateways: [{ id: 'n', name: 'n', subnetId: 'a', addresses: 2 }] });
    const stale: FixAction[] = [
      { kind: 'set-cidr', objectId: 'a', field: 'ipv4Cidr', from: '10.0.7.0/24', to: '10.0.1.0/24', label: 'x' },
      { kind: 'set-cidr', objectId: 'gone', field: 'ipv4Cidr', from: '10.0.0.0/24', to: '10.0.1.0/24', label: 'x' },
      { kind: 'add-nat-address', natId: 'n', from: 1, to: 3, label: 'x' },
      { kind: 'remove-peering', peeringId: 'p9', keepPeeringId: 'p1', label: 'x' },
      { kind: 'renumber-subnets', vpcId: 'v', moves: [{ subnetId: 'a', from: '10.9.0.0/24', to: '10.0.1.0/24' }], label: 'x' },
    ];
    for (const fix of stale) expect(applyFix(plan, fix), fix.kind).toBe(plan);
  });
});

describe('renumberSubnets', () => {
  it('keeps offsets when the new block is as big; packs in address order when it is smaller', () => {
    const subnets = [subnet('b', 'v', '10.0.128.0/24'), subnet('a', 'v', '10.0.0.0/24'), subnet('c', 'v', '10.0.200.0/26')];
    const same = renumberSubnets('v', subnets, '10.0.0.0/16', '10.7.0.0/16')!;
    expect(same.moves.map((m) => [m.subnetId, m.to])).toEqual([['a', '10.7.0.0/24'], ['b', '10.7.128.0/24'], ['c', '10.7.200.0/26']]);
    const packed = renumberSubnets('v', subnets, '10.0.0.0/16', '10.7.0.0/22')!;
    expect(packed.moves.map((m) => [m.subnetId, m.to])).toEqual([['a', '10.7.0.0/24'], ['b', '10.7.1.0/24'], ['c', '10.7.2.0/26']]);
    expect(renumberSubnets('v', subnets, '10.0.0.0/16', '10.7.0.0/24')).toBeUndefined();
  });
});

describe('blocks proposed together', () => {
  it('never give two subnets of one VPC the same block (the legacy-erp case)', () => {
    const plan = planWith({
      vpcs: [vpc('erp', ['10.3.0.0/16'])],
      subnets: [subnet('db', 'erp', '10.3.0.0/24'), subnet('app', 'erp', '10.3.0.0/24'), subnet('web', 'erp', '10.3.0.0/24'), subnet('old', 'erp', '10.9.0.0/24')],
    });
    const targets = checkPlan(plan).flatMap((f) => f.fixes ?? []).flatMap((x) => (x.kind === 'set-cidr' ? [`${x.objectId}:${x.to}`] : []));
    const bySubnet = new Map(targets.map((t) => t.split(':') as [string, string]));
    expect(new Set(bySubnet.values()).size).toBe(bySubnet.size);
    expect(bySubnet.size).toBe(3);
  });

  it('property: suggestions never overlap each other or the blocks that stay', () => {
    const subnetArb = fc.record({ third: fc.integer({ min: 0, max: 15 }), prefix: fc.integer({ min: 22, max: 26 }), outside: fc.boolean() });
    fc.assert(
      fc.property(fc.array(subnetArb, { minLength: 2, maxLength: 12 }), (specs) => {
        const subnets = specs.map((s, i) => {
          const base = s.outside ? `10.99.${s.third * 4}.0` : `10.0.${s.third * 4}.0`;
          return subnet(`s${i}`, 'v', `${base}/${s.prefix}`);
        });
        const plan = planWith({ vpcs: [vpc('v', ['10.0.0.0/18'])], subnets });
        const moves = new Map<string, string>();
        for (const f of checkPlan(plan)) for (const x of f.fixes ?? []) if (x.kind === 'set-cidr') {
          const earlier = moves.get(x.objectId);
          if (earlier !== undefined) expect(x.to).toBe(earlier); // one subnet, one proposal
          moves.set(x.objectId, x.to);
        }
        const staying = plan.subnets.filter((s) => !moves.has(s.id)).map((s) => cidr(s.ipv4Cidr!));
        const proposed = [...moves.values()].map((t) => cidr(t));
        proposed.forEach((p, i) => {
          expect(contains(cidr('10.0.0.0/18'), p)).toBe(true);
          for (const s of staying) expect(overlaps(p, s)).toBe(false);
          for (const q of proposed.slice(i + 1)) expect(overlaps(p, q)).toBe(false);
        });
      }),
      { numRuns: 150 },
    );
  });
});
