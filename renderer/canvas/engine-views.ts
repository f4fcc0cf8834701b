/**
 * What the canvas shows from the engine: findings from the incremental checker, usable
 * addresses, VPC free space and NAT capacity (worded by shared/layout/labels.ts, as the
 * exported pictures word them). Results are remembered per plan object (WeakMap), so an
 * unchanged subnet is not recomputed after an edit elsewhere.
 */
import { createChecker } from '../../shared/checks';
import type { Finding } from '../../shared/checks/types';
import { natGauge, subnetUsable, vpcUsage, type NatGauge, type VpcUsage } from '../../shared/layout';
import type { NatGateway, Plan, Subnet, Vpc } from '../../shared/plan/schema';
import type { EngineViews } from './derive';

export function createEngineViews() {
  const checker = createChecker();
  const usable = new WeakMap<Subnet, string | undefined>();
  const usage = new WeakMap<Vpc, { subnets: readonly Subnet[]; value: VpcUsage | undefined }>();
  const gauges = new WeakMap<NatGateway, NatGauge | undefined>();
  let lastPlan: Plan | undefined;
  let lastFindings: Finding[] = [];

  const views = (findings: readonly Finding[]): EngineViews => ({
    findings,
    usableAddresses(subnet) {
      if (usable.has(subnet)) return usable.get(subnet);
      const value = subnetUsable(subnet);
      usable.set(subnet, value);
      return value;
    },
    vpcUsage(vpc, subnets) {
      const cached = usage.get(vpc);
      if (cached && cached.subnets.length === subnets.length && cached.subnets.every((s, i) => s === subnets[i])) return cached.value;
      const index = checker.index;
      if (!index) return undefined;
      const value = vpcUsage(index, vpc, subnets);
      usage.set(vpc, { subnets: [...subnets], value });
      return value;
    },
    natGauge(nat) {
      if (gauges.has(nat)) return gauges.get(nat);
      const value = natGauge(nat);
      gauges.set(nat, value);
      return value;
    },
  });

  return {
    /** Findings for the plan, re-using unchanged work (the incremental checker). */
    check(plan: Plan): EngineViews {
      if (plan !== lastPlan) {
        lastFindings = checker.check(plan);
        lastPlan = plan;
      }
      return views(lastFindings);
    },
  };
}
