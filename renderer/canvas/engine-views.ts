/**
 * What the canvas shows from the engine: the findings (checked in a worker, see
 * renderer/checks), usable addresses, VPC free space and NAT capacity (worded by
 * shared/layout/labels.ts, as the exported pictures word them). Results are remembered per
 * plan object (WeakMap), so an unchanged subnet is not recomputed after an edit elsewhere.
 */
import type { Finding } from '../../shared/checks/types';
import { natGauge, subnetUsable, vpcUsage, type NatGauge, type VpcUsage } from '../../shared/layout';
import { planIndexOf } from '../../shared/plan/plan-index';
import type { NatGateway, Plan, Subnet, Vpc } from '../../shared/plan/schema';
import type { EngineViews } from './derive';

export function createEngineViews() {
  const usable = new WeakMap<Subnet, string | undefined>();
  const usage = new WeakMap<Vpc, { subnets: readonly Subnet[]; value: VpcUsage | undefined }>();
  const gauges = new WeakMap<NatGateway, NatGauge | undefined>();

  const views = (findings: readonly Finding[], plan: Plan): EngineViews => ({
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
      // The blocks as the plan's index read them (built from the previous plan's: only replaced objects are read again).
      const value = vpcUsage(planIndexOf(plan), vpc, subnets);
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
    /** The views of `plan` over these findings (the worker's, for the newest plan it has answered). */
    views,
  };
}
