/**
 * The incremental checker against fresh full checks, edit after edit, with the editor's own
 * edits (shared/edit-mix/edit-mix). The runs are kept apart: first every plan through one checker, as
 * the editor makes them (so whatever a rule remembers is reused), then every plan as a fresh
 * copy (so nothing is): a rule that reuses something stale cannot agree with itself here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, EDIT_KINDS, newEditState, type EditState } from '../edit-mix/edit-mix';
import { deleteObjects, updateObject } from '../plan/edits';
import { updateSettings } from '../plan/edits/settings';
import { generatePlan } from '../plan/generate-plan';
import type { Plan } from '../plan/schema';
import { checkPlan, createChecker, type Finding } from './index';

/** Private subnets that reach the internet through a transit gateway and a shared egress VPC (exposure across VPCs). */
function sharedEgress(plan: Plan): Plan {
  const egressVpcs = new Set(plan.transitGateways.map((t) => t.attachments.find((a) => a.type === 'vpc')!.vpcId));
  const tgwOf = new Map(
    plan.transitGateways.flatMap((t) => t.attachments.filter((a) => a.vpcId !== undefined && !egressVpcs.has(a.vpcId)).map((a) => [a.vpcId!, t.id] as const)),
  );
  return {
    ...plan,
    routeTables: plan.routeTables.map((t) =>
      t.main && tgwOf.has(t.vpcId)
        ? {
            ...t,
            routes: [
              ...t.routes.filter((r) => r.destination !== '0.0.0.0/0'),
              { destination: '0.0.0.0/0', target: 'transit-gateway' as const, targetId: tgwOf.get(t.vpcId)! },
            ],
          }
        : t,
    ),
    transitGateways: plan.transitGateways.map((t) => {
      const egress = t.attachments.find((a) => a.type === 'vpc')!;
      return {
        ...t,
        routeTables: t.routeTables.map((rt) => ({
          ...rt,
          routes: [{ destination: '0.0.0.0/0', kind: 'static' as const, attachmentId: egress.id }, ...rt.routes.filter((r) => r.destination !== '0.0.0.0/0')],
        })),
      };
    }),
  };
}

/**
 * Every third VPC's tables send nothing to its transit gateway: tgw-unrouted findings that
 * name up to sixteen other VPCs each (kept across checks, and renamed under them).
 */
function unroutedSpokes(plan: Plan): Plan {
  return {
    ...plan,
    routeTables: plan.routeTables.map((t, i) => (i % 9 < 3 ? { ...t, routes: t.routes.filter((r) => r.target !== 'transit-gateway') } : t)),
  };
}

/**
 * Edits beyond the editor's mix, aimed at what the rules remember: renaming the objects
 * findings name (every VPC of a shared-block plan is in an overlap finding), the quotas,
 * references left dangling and mended, a VPC deleted, a VPC id repeated.
 */
const MORE_EDITS = [
  'rename a transit gateway',
  'rename a peering',
  'rename a service network',
  'tighten the quotas',
  'dangle a NAT gateway',
  'dangle a route table',
  'delete a VPC',
  'repeat a VPC id',
  'drop the subnet a NAT gateway is in',
] as const;
type MoreEdit = (typeof MORE_EDITS)[number];

function pick<T>(list: readonly T[], round: number): T | undefined {
  return list.length === 0 ? undefined : list[(round * 7919) % list.length];
}

function applyMore(plan: Plan, kind: MoreEdit, round: number, state: EditState): Plan {
  switch (kind) {
    case 'rename a transit gateway': {
      const tgw = pick(plan.transitGateways, round);
      return tgw ? updateObject(plan, 'transitGateway', tgw.id, { name: `${tgw.name}-r${round}` }) : applyEdit(plan, 'rename a VPC', round, state);
    }
    case 'rename a peering': {
      const peering = pick(plan.peerings, round);
      return peering ? updateObject(plan, 'peering', peering.id, { name: `${peering.name}-r${round}` }) : applyEdit(plan, 'add a peering', round, state);
    }
    case 'rename a service network': {
      const sn = pick(plan.serviceNetworks, round);
      return sn ? updateObject(plan, 'serviceNetwork', sn.id, { name: `${sn.name}-r${round}` }) : applyEdit(plan, 'rename a VPC', round, state);
    }
    case 'tighten the quotas': {
      const quotas = plan.settings.quotas;
      const tight = quotas.peeringsPerVpc > 1;
      return updateSettings(plan, {
        quotas: { ...quotas, peeringsPerVpc: tight ? 1 : 50, serviceNetworkVpcAssociations: tight ? 1 : 500, ipv4BlocksPerVpc: tight ? 1 : 5 },
      });
    }
    case 'dangle a NAT gateway': {
      const nat = pick(plan.natGateways, round);
      if (!nat) return applyEdit(plan, 'delete a subnet', round, state);
      const mended = pick(plan.subnets, round)?.id ?? nat.subnetId;
      return updateObject(plan, 'natGateway', nat.id, { subnetId: nat.subnetId.startsWith('gone-') ? mended : `gone-${nat.subnetId}` });
    }
    case 'dangle a route table': {
      const table = pick(plan.routeTables, round);
      if (!table) return applyEdit(plan, 'rename a VPC', round, state);
      return updateObject(plan, 'routeTable', table.id, { vpcId: table.vpcId.startsWith('gone-') ? table.vpcId.slice(5) : `gone-${table.vpcId}` });
    }
    case 'delete a VPC': {
      const vpc = pick(plan.vpcs, round);
      return vpc && plan.vpcs.length > 2 ? deleteObjects(plan, [vpc.id]) : applyEdit(plan, 'rename a VPC', round, state);
    }
    case 'repeat a VPC id': {
      // A plan being mended can hold two VPCs with one id; the next round of this kind mends it.
      const twin = plan.vpcs.findIndex((v, i) => i > 0 && v.id === plan.vpcs[i - 1]!.id);
      if (twin >= 0) return { ...plan, vpcs: plan.vpcs.filter((_, i) => i !== twin) };
      const at = (round * 7919) % plan.vpcs.length;
      const vpc = plan.vpcs[at]!;
      return { ...plan, vpcs: [...plan.vpcs.slice(0, at + 1), { ...vpc, name: `${vpc.name}-twin` }, ...plan.vpcs.slice(at + 1)] };
    }
    case 'drop the subnet a NAT gateway is in': {
      // As a plan file edited by hand: the subnet goes, what refers to it stays.
      const nat = pick(plan.natGateways, round);
      return nat ? { ...plan, subnets: plan.subnets.filter((s) => s.id !== nat.subnetId) } : applyEdit(plan, 'delete a subnet', round, state);
    }
  }
}

const starts = [
  generatePlan({ vpcs: 12, subnetsPerVpc: 10, seed: 7 }),
  sharedEgress(generatePlan({ vpcs: 10, subnetsPerVpc: 6, seed: 11 })),
  generatePlan({ vpcs: 9, subnetsPerVpc: 4, seed: 3, sameBlock: '172.31.0.0/16' }),
  generatePlan({ vpcs: 8, subnetsPerVpc: 6, seed: 5, transitGateways: 'one' }),
  unroutedSpokes(generatePlan({ vpcs: 40, subnetsPerVpc: 3, seed: 9 })),
];

describe('the incremental checker, edit after edit', () => {
  it('agrees with a full check of a fresh copy after every edit the editor makes', () => {
    fc.assert(
      fc.property(fc.nat(starts.length - 1), fc.array(fc.nat(EDIT_KINDS.length - 1), { minLength: 1, maxLength: 20 }), (which, kinds) => {
        const state = newEditState();
        const plans: Plan[] = [starts[which]!];
        kinds.forEach((k, round) => {
          plans.push(applyEdit(plans[plans.length - 1]!, EDIT_KINDS[k]!, round, state));
        });
        const checker = createChecker();
        const edited = plans.map((plan) => checker.check(plan));
        const fresh = plans.map((plan) => checkPlan(structuredClone(plan)));
        expect(edited).toEqual(fresh);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('agrees with a full check through edits aimed at what the rules remember, with two plans checked in turn', () => {
    const kinds = [...EDIT_KINDS, ...MORE_EDITS];
    const apply = (plan: Plan, k: number, round: number, state: EditState): Plan => {
      const kind = kinds[k]!;
      return (EDIT_KINDS as readonly string[]).includes(kind)
        ? applyEdit(plan, kind as (typeof EDIT_KINDS)[number], round, state)
        : applyMore(plan, kind as MoreEdit, round, state);
    };
    fc.assert(
      fc.property(
        fc.nat(starts.length - 1),
        fc.nat(starts.length - 1),
        fc.array(fc.tuple(fc.boolean(), fc.nat(kinds.length - 1)), { minLength: 1, maxLength: 24 }),
        (first, second, steps) => {
          // Two lines of edits, each through its own checker, interleaved: what a rule
          // remembers from one plan must never answer for the other.
          const lines = [first, second].map((which) => ({
            plans: [starts[which]!],
            state: newEditState(),
            checker: createChecker(),
            edited: [] as Finding[][],
          }));
          for (const line of lines) line.edited.push(line.checker.check(line.plans[0]!));
          steps.forEach(([other, k], round) => {
            const line = lines[other ? 1 : 0]!;
            const next = apply(line.plans[line.plans.length - 1]!, k, round, line.state);
            line.plans.push(next);
            line.edited.push(line.checker.check(next));
          });
          for (const line of lines) expect(line.edited).toEqual(line.plans.map((plan) => checkPlan(structuredClone(plan))));
        },
      ),
      { numRuns: 60 },
    );
  }, 180_000);
});
