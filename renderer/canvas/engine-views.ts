/**
 * What the canvas shows from the engine: findings from the incremental checker, usable
 * addresses, VPC free space and NAT capacity. Only formatting happens here; every number
 * is the engine's. Results are remembered per plan object (WeakMap), so an unchanged
 * subnet is not recomputed after an edit elsewhere.
 */
import { NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION, NAT_WARNING_UTILISATION } from '../../shared/aws-limits';
import { parseCidr, usableAddresses } from '../../shared/cidr';
import { createChecker, natCapacity, vpcFreeSpace } from '../../shared/checks';
import type { Finding } from '../../shared/checks/types';
import type { NatGateway, Plan, Subnet, Vpc } from '../../shared/plan/schema';
import type { EngineViews, NatGauge, VpcUsage } from './derive';

export function formatCount(value: bigint | number): string {
  return value.toLocaleString('en-US');
}

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
      const text = subnet.ipv4Cidr ?? subnet.ipv6Cidr;
      const parsed = text ? parseCidr(text) : undefined;
      const value = parsed?.ok ? formatCount(usableAddresses(parsed.cidr, 'aws', { byoip: subnet.byoip ?? false })) : undefined;
      usable.set(subnet, value);
      return value;
    },
    vpcUsage(vpc, subnets) {
      const cached = usage.get(vpc);
      if (cached && cached.subnets.length === subnets.length && cached.subnets.every((s, i) => s === subnets[i])) return cached.value;
      const index = checker.index;
      if (!index) return undefined;
      const space = vpcFreeSpace(index, vpc, subnets).ipv4;
      let value: VpcUsage | undefined;
      if (space.totalAddresses > 0n) {
        const used = space.totalAddresses - space.freeAddresses;
        // bigint -> ratio in per-mille, then to a fraction: exact enough for a bar.
        const usedFraction = Number((used * 10000n) / space.totalAddresses) / 10000;
        value = { usedFraction, label: `${formatCount(used)} of ${formatCount(space.totalAddresses)} IPv4 addresses in subnets · ${formatCount(space.freeAddresses)} free` };
      }
      usage.set(vpc, { subnets: [...subnets], value });
      return value;
    },
    natGauge(nat) {
      if (gauges.has(nat)) return gauges.get(nat);
      const capacity = natCapacity(nat);
      const value = capacity
        ? {
            utilisation: capacity.utilisation,
            label: `${Math.round(capacity.utilisation * 100)}% of ${formatCount(capacity.perDestination)} ports`,
            detail: `Busiest destination${capacity.busiestDestination ? ` (${capacity.busiestDestination})` : ' (all connections assumed to one destination)'}: ${formatCount(capacity.busiestDemand)} connections at peak, against ${formatCount(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION)} × ${capacity.addresses} address${capacity.addresses === 1 ? '' : 'es'} = ${formatCount(capacity.perDestination)}.${capacity.utilisation > NAT_WARNING_UTILISATION ? ` ${capacity.addressesForHeadroom} address${capacity.addressesForHeadroom === 1 ? '' : 'es'} would keep it under ${Math.round(NAT_WARNING_UTILISATION * 100)}%.` : ''}`,
          }
        : undefined;
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
