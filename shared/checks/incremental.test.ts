/**
 * The incremental checker against fresh full checks, edit after edit, with the editor's own
 * edits (shared/edit-mix/edit-mix). The runs are kept apart: first every plan through one checker, as
 * the editor makes them (so whatever a rule remembers is reused), then every plan as a fresh
 * copy (so nothing is): a rule that reuses something stale cannot agree with itself here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, EDIT_KINDS, newEditState } from '../edit-mix/edit-mix';
import { generatePlan } from '../plan/generate-plan';
import type { Plan } from '../plan/schema';
import { checkPlan, createChecker } from './index';

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
});
