/**
 * Fixes as data: each kind applied by applyFix removes the finding that proposed it, a stale
 * fix changes nothing, and blocks proposed together never collide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, contains, formatCidr, overlaps, type Cidr } from '../cidr';
import { applyFix, renumberSubnets, type FixAction, type FixStep } from '../plan/edits';
import type { Plan } from '../plan/schema';
import { applyAllFixes } from './apply-fixes';
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
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('s', 'v', '10.0.0.0/24', { tier: 'public' })],
      natGateways: [{ id: 'n', name: 'nat', subnetId: 's', addresses: 1, demand: { instances: 100, peakConnectionsPerInstance: 1000 } }],
    });
    const after = applyOnly(plan, 'nat/capacity-exceeded');
    expect(after.natGateways[0]!.addresses).toBe(3);
    expect(findingsWith(after, 'nat/capacity-near-limit')).toEqual([]);
  });

  it('remove-peering: the duplicate goes and routes through it use the peering that stays', () => {
    const plan = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.1.0.0/16'])],
      peerings: [
        { id: 'p1', name: 'p1', requesterVpcId: 'a', accepterVpcId: 'b' },
        { id: 'p2', name: 'p2', requesterVpcId: 'b', accepterVpcId: 'a' },
      ],
      routeTables: [{ id: 'rt', name: 'rt', vpcId: 'a', routes: [{ destination: '10.1.0.0/16', target: 'peering', targetId: 'p2' }] }],
    });
    const after = applyOnly(plan, 'peering/duplicate');
    expect(after.peerings.map((p) => p.id)).toEqual(['p1']);
    expect(after.routeTables[0]!.routes[0]!.targetId).toBe('p1');
  });

  it('renumber-subnets moves every listed subnet at once', () => {
    const plan = planWith({ vpcs: [vpc('v', ['10.5.0.0/16'])], subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.4.0/22')] });
    const action = renumberSubnets('v', plan.subnets, '10.0.0.0/16', '10.5.0.0/16')!;
    expect(action.moves).toEqual([
      { subnetId: 'a', from: '10.0.0.0/24', to: '10.5.0.0/24' },
      { subnetId: 'b', from: '10.0.4.0/22', to: '10.5.4.0/22' },
    ]);
    const after = applyFix(plan, { ...action, label: 'Renumber' });
    expect(checkPlan(after).filter((f) => f.code === 'subnet/outside-vpc')).toEqual([]);
  });

  it('refuses a stale fix: the plan comes back unchanged', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('a', 'v', '10.0.0.0/24')],
      natGateways: [{ id: 'n', name: 'n', subnetId: 'a', addresses: 2 }],
    });
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
    expect(same.moves.map((m) => [m.subnetId, m.to])).toEqual([
      ['a', '10.7.0.0/24'],
      ['b', '10.7.128.0/24'],
      ['c', '10.7.200.0/26'],
    ]);
    const packed = renumberSubnets('v', subnets, '10.0.0.0/16', '10.7.0.0/22')!;
    expect(packed.moves.map((m) => [m.subnetId, m.to])).toEqual([
      ['a', '10.7.0.0/24'],
      ['b', '10.7.1.0/24'],
      ['c', '10.7.2.0/26'],
    ]);
    expect(renumberSubnets('v', subnets, '10.0.0.0/16', '10.7.0.0/24')).toBeUndefined();
  });
});

describe('blocks proposed together', () => {
  it('never give two subnets of one VPC the same block (the legacy-erp case)', () => {
    const plan = planWith({
      vpcs: [vpc('erp', ['10.3.0.0/16'])],
      subnets: [
        subnet('db', 'erp', '10.3.0.0/24'),
        subnet('app', 'erp', '10.3.0.0/24'),
        subnet('web', 'erp', '10.3.0.0/24'),
        subnet('old', 'erp', '10.9.0.0/24'),
      ],
    });
    const targets = checkPlan(plan)
      .flatMap((f) => f.fixes ?? [])
      .flatMap((x) => (x.kind === 'set-cidr' ? [`${x.objectId}:${x.to}`] : []));
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
        for (const f of checkPlan(plan))
          for (const x of f.fixes ?? [])
            if (x.kind === 'set-cidr') {
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

describe('one allocation for every fix of a check run', () => {
  it('a subnet overlap and a too-small subnet of one VPC are given different blocks (two rules, one ledger)', () => {
    const plan = planWith({
      vpcs: [vpc('v', ['10.0.0.0/16'])],
      subnets: [subnet('a', 'v', '10.0.0.0/24'), subnet('b', 'v', '10.0.0.0/24'), subnet('c', 'v', '10.0.5.0/28', { hostsNeeded: 200 })],
    });
    const to = (code: string) => (findingsWith(plan, code)[0]!.fixes![0] as { to: string }).to;
    expect(to('subnet/overlap')).toBe('10.0.1.0/24');
    expect(to('sizing/subnet-too-small')).toBe('10.0.2.0/24');
  });

  it('two overlap findings move their VPCs to different blocks, and the text names the block the fix applies', () => {
    const plan = planWith({
      vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.0.0.0/16']), vpc('c', ['10.5.0.0/16']), vpc('d', ['10.5.0.0/16'])],
      peerings: [{ id: 'ab', name: 'ab', requesterVpcId: 'a', accepterVpcId: 'b' }],
      transitGateways: [
        {
          id: 't',
          name: 'hub',
          attachments: [
            { id: 'tc', name: 'tc', type: 'vpc', vpcId: 'c' },
            { id: 'td', name: 'td', type: 'vpc', vpcId: 'd' },
          ],
        },
      ],
    });
    const peered = findingsWith(plan, 'overlap/peered-vpcs')[0]!;
    const sameTgw = findingsWith(plan, 'overlap/same-transit-gateway')[0]!;
    expect(peered.fixes).toEqual([
      {
        kind: 'set-cidr',
        objectId: 'b',
        field: 'ipv4Cidrs[0]',
        from: '10.0.0.0/16',
        to: '10.1.0.0/16',
        withSubnets: true,
        label: 'Move b 10.0.0.0/16 → 10.1.0.0/16, with its subnets',
      },
    ]);
    expect(peered.fix).toContain('give b 10.1.0.0/16 instead of 10.0.0.0/16');
    expect((sameTgw.fixes![0] as { to: string }).to).toBe('10.2.0.0/16');
    expect(sameTgw.fix).toContain('give d 10.2.0.0/16 instead of 10.5.0.0/16');
  });

  it('the overlap fix keeps the block in its private range and carries the subnets, keeping order and offsets, as one change', () => {
    const plan = planWith({
      vpcs: [vpc('a', ['192.168.0.0/20']), vpc('b', ['192.168.0.0/20', '192.168.100.0/24'])],
      subnets: [subnet('s2', 'b', '192.168.4.0/24'), subnet('s1', 'b', '192.168.1.0/26'), subnet('keep', 'b', '192.168.100.0/25')],
      peerings: [{ id: 'ab', name: 'ab', requesterVpcId: 'a', accepterVpcId: 'b' }],
    });
    const [finding] = findingsWith(plan, 'overlap/peered-vpcs');
    const fix = finding!.fixes![0]!;
    const after = applyFix(plan, fix);
    expect(after.vpcs[1]!.ipv4Cidrs).toEqual(['192.168.16.0/20', '192.168.100.0/24']);
    expect(after.subnets.map((s) => s.ipv4Cidr)).toEqual(['192.168.20.0/24', '192.168.17.0/26', '192.168.100.0/25']);
    expect(checkPlan(after).filter((f) => f.severity === 'error')).toEqual([]);
    const { changes } = applyAllFixes(plan);
    expect(changes).toEqual([
      'changed b ipv4Cidrs[0]: 192.168.0.0/20 → 192.168.16.0/20',
      'changed s1 ipv4Cidr: 192.168.1.0/26 → 192.168.17.0/26',
      'changed s2 ipv4Cidr: 192.168.4.0/24 → 192.168.20.0/24',
    ]);
  });

  it('a re-addressed VPC whose subnets were left outside takes them along into its new block, in order, after the ones inside', () => {
    // legacy was 172.16.0.0/16; re-addressed to its peer's 10.3.0.0/16, one subnet already moved, two left behind.
    const plan = planWith({
      vpcs: [vpc('shared', ['10.3.0.0/16']), vpc('legacy', ['10.3.0.0/16'])],
      subnets: [subnet('b', 'legacy', '172.16.1.0/24'), subnet('a', 'legacy', '172.16.0.0/24'), subnet('in', 'legacy', '10.3.0.0/25')],
      peerings: [{ id: 'p', name: 'p', requesterVpcId: 'shared', accepterVpcId: 'legacy' }],
    });
    const after = applyFix(plan, findingsWith(plan, 'overlap/peered-vpcs')[0]!.fixes![0]!);
    expect(after.vpcs[1]!.ipv4Cidrs).toEqual(['10.0.0.0/16']);
    expect(after.subnets.map((s) => `${s.id} ${s.ipv4Cidr}`)).toEqual(['b 10.0.2.0/24', 'a 10.0.1.0/24', 'in 10.0.0.0/25']);
    expect(checkPlan(after).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a VPC whose other block rules out a range is not moved into it (restricted associations), nor into the Docker bridge range', () => {
    // b's primary 10.1.0.0/16 is in 10.0.0.0/15, so AWS refuses it a secondary block in 10.0.0.0/16, the first free /16.
    const restricted = planWith({
      vpcs: [vpc('a', ['10.5.0.0/16']), vpc('b', ['10.1.0.0/16', '10.5.0.0/16'])],
      peerings: [{ id: 'ab', name: 'ab', requesterVpcId: 'a', accepterVpcId: 'b' }],
    });
    const fix = findingsWith(restricted, 'overlap/peered-vpcs')[0]!.fixes![0]!;
    expect((fix as { to: string }).to).toBe('10.2.0.0/16');
    expect(checkPlan(applyFix(restricted, fix)).filter((f) => f.severity === 'error')).toEqual([]);
    // A 172.16 VPC stays in 172.16.0.0/12 and skips 172.17.0.0/16.
    const docker = planWith({
      vpcs: [vpc('a', ['172.16.0.0/16']), vpc('b', ['172.16.0.0/16'])],
      peerings: [{ id: 'ab', name: 'ab', requesterVpcId: 'a', accepterVpcId: 'b' }],
    });
    expect((findingsWith(docker, 'overlap/peered-vpcs')[0]!.fixes![0] as { to: string }).to).toBe('172.18.0.0/16');
  });

  /** The codes whose fixes hand out blocks. */
  const BLOCK_CODES = ['subnet/overlap', 'subnet/outside-vpc', 'sizing/subnet-too-small', 'overlap/peered-vpcs', 'overlap/same-transit-gateway'];
  const VPC_BLOCKS = ['10.0.0.0/16', '10.0.0.0/17', '10.0.128.0/17', '10.1.0.0/16', '10.0.0.0/18', '10.2.0.0/16', '172.16.0.0/16'];

  const planArb = fc
    .record({
      vpcs: fc.array(
        fc.record({
          block: fc.constantFrom(...VPC_BLOCKS),
          subnets: fc.array(
            fc.record({
              third: fc.integer({ min: 0, max: 31 }),
              prefix: fc.integer({ min: 22, max: 26 }),
              outside: fc.boolean(),
              hosts: fc.option(fc.integer({ min: 1, max: 1500 })),
            }),
            {
              maxLength: 8,
            },
          ),
        }),
        { minLength: 2, maxLength: 6 },
      ),
      peerings: fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 4 }),
      attached: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ vpcs, peerings, attached }) => {
      const ids = vpcs.map((_, i) => `v${i}`);
      const pairs = new Set<string>();
      for (const [x, y] of peerings) {
        const [i, j] = [x % ids.length, y % ids.length].sort();
        if (i !== j) pairs.add(`${i}|${j}`);
      }
      return planWith({
        vpcs: vpcs.map((v, i) => vpc(ids[i]!, [v.block])),
        subnets: vpcs.flatMap((v, i) =>
          v.subnets.map((s, k) => {
            const base = cidr(v.block);
            const network = s.outside
              ? `10.99.${s.third * 4}.0`
              : `${Number(base.network >> 24n) & 255}.${Number((base.network >> 16n) & 255n)}.${s.third * 4}.0`;
            return subnet(`v${i}-s${k}`, ids[i]!, `${network}/${s.prefix}`, s.hosts === null ? {} : { hostsNeeded: s.hosts });
          }),
        ),
        peerings: [...pairs].map((p) => {
          const [i, j] = p.split('|').map(Number);
          return { id: `p${i}-${j}`, name: `p${i}-${j}`, requesterVpcId: ids[i!]!, accepterVpcId: ids[j!]! };
        }),
        transitGateways: [
          {
            id: 't',
            name: 'hub',
            attachments: ids.filter((_, i) => attached[i]).map((id) => ({ id: `att-${id}`, name: id, type: 'vpc' as const, vpcId: id })),
          },
        ],
      });
    });

  /** Every block a fix of `findings` hands out: subnet blocks by VPC, VPC blocks (one per VPC block moved). */
  function proposals(plan: Plan, findings: readonly Finding[]) {
    const subnetTargets = new Map<string, Map<string, Cidr>>();
    const networkTargets = new Map<string, Cidr>();
    const steps = (fix: FixAction): FixStep[] => (fix.kind === 'combined' ? fix.steps : [fix]);
    for (const f of findings) {
      if (!BLOCK_CODES.includes(f.code)) continue;
      for (const fix of f.fixes ?? []) {
        for (const step of steps(fix)) {
          if (step.kind !== 'set-cidr') continue;
          const owner = plan.subnets.find((s) => s.id === step.objectId);
          if (owner) {
            const byVpc = subnetTargets.get(owner.vpcId) ?? new Map<string, Cidr>();
            byVpc.set(`${owner.id}>${step.to}`, cidr(step.to));
            subnetTargets.set(owner.vpcId, byVpc);
          } else {
            networkTargets.set(`${step.objectId}|${step.from}`, cidr(step.to));
          }
        }
      }
    }
    return { subnetTargets, networkTargets };
  }

  function pairwiseDisjoint(blocks: readonly Cidr[]): void {
    blocks.forEach((p, i) => {
      for (const q of blocks.slice(i + 1)) expect(overlaps(p, q), `${formatCidr(p)} / ${formatCidr(q)}`).toBe(false);
    });
  }

  it('property: every block proposed in one check run is disjoint from the others and from the blocks in use; check --fix leaves none of those findings', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const findings = checkPlan(plan);
        const { subnetTargets, networkTargets } = proposals(plan, findings);
        for (const [vpcId, targets] of subnetTargets) {
          const blocks = plan.vpcs.find((v) => v.id === vpcId)!.ipv4Cidrs.map((t) => cidr(t));
          const list = [...targets.entries()];
          pairwiseDisjoint(list.map(([, b]) => b));
          for (const [key, block] of list) {
            const moving = key.split('>')[0];
            expect(blocks.some((b) => contains(b, block))).toBe(true);
            for (const s of plan.subnets) if (s.vpcId === vpcId && s.id !== moving) expect(overlaps(block, cidr(s.ipv4Cidr!))).toBe(false);
          }
        }
        const inUse = plan.vpcs.flatMap((v) => v.ipv4Cidrs.map((t) => cidr(t)));
        const networks = [...networkTargets.values()];
        pairwiseDisjoint(networks);
        for (const n of networks) for (const used of inUse) expect(overlaps(n, used)).toBe(false);
        // Subnet proposals lie in blocks in use, so none meets a proposed VPC block.
        for (const targets of subnetTargets.values()) for (const block of targets.values()) for (const n of networks) expect(overlaps(block, n)).toBe(false);

        const fixed = applyAllFixes(plan);
        expect(fixed.findings.filter((f) => BLOCK_CODES.includes(f.code)).map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
