/**
 * What the canvas shows from the engine: the findings (checked in a worker, see
 * renderer/checks), usable addresses, VPC free space and NAT capacity. Only formatting
 * happens here; every number is the engine's. Results are remembered per plan object
 * (WeakMap), so an unchanged subnet is not recomputed after an edit elsewhere.
 */
import { parseCidr, usableAddresses } from '../../shared/cidr';
// The two rules' modules, not shared/checks: the checker itself runs in the worker and stays out of this bundle.
import { natCapacity } from '../../shared/checks/rules/nat-capacity';
import { vpcFreeSpace } from '../../shared/checks/rules/sizing';
import type { Finding } from '../../shared/checks/types';
import type { NatGateway, Subnet, Vpc } from '../../shared/plan/schema';
import type { EngineViews, NatGauge, VpcUsage } from './derive';

export function formatCount(value: bigint | number): string {
  return value.toLocaleString('en-US');
}

export function createEngineViews() {
  const usable = new WeakMap<Subnet, string | undefined>();
  const usage = new WeakMap<Vpc, { subnets: readonly Subnet[]; value: VpcUsage | undefined }>();
  const gauges = new WeakMap<NatGateway, NatGauge | undefined>();

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
      const space = vpcFreeSpace(vpc, subnets).ipv4;
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
            detail: `Busiest destination${capacity.busiestDestination ? ` (${capacity.busiestDestination})` : ' (all connections assumed to one destination)'}: ${formatCount(capacity.busiestDemand)} connections at peak, against 55,000 × ${capacity.addresses} address${capacity.addresses === 1 ? '' : 'es'} = ${formatCount(capacity.perDestination)}.${capacity.utilisation > 0.8 ? ` ${capacity.addressesForHeadroom} address${capacity.addressesForHeadroom === 1 ? '' : 'es'} would keep it under 80%.` : ''}`,
          }
        : undefined;
      gauges.set(nat, value);
      return value;
    },
  });

  return {
    /** The views over these findings (the worker's, for the newest plan it has answered). */
    views,
  };
}
