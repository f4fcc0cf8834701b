/**
 * NAT gateway port capacity. A NAT gateway address carries at most 55,000 simultaneous
 * connections to one destination (IP, port, protocol), so the busiest destination decides.
 * Source: docs/network-rules.md#aws-nat-gateway; AWS VPC User Guide, "NAT gateway basics"
 * (the numbers: shared/aws-limits.ts).
 */
import {
  NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION as PER_ADDRESS,
  NAT_GATEWAY_MAX_ADDRESSES as MAX_ADDRESSES,
  NAT_WARNING_UTILISATION as WARN_AT,
} from '../../aws-limits';
import type { NatGateway } from '../../plan/schema';
import { formatCount, nameOf } from '../wording';
import { definePlanRule, type FindingDefinitions, type FindingOf, type PlanIndex } from '../types';

const SOURCE = `docs/network-rules.md#aws-nat-gateway; AWS VPC User Guide, "NAT gateway basics" (${formatCount(PER_ADDRESS)} connections per address per destination)`;
/** "80 %", as the messages write the warning line. */
const WARN_PERCENT = `${Math.round(WARN_AT * 100)} %`;

export interface NatCapacity {
  addresses: number;
  /** Simultaneous connections it can hold to one destination: 55,000 x addresses. */
  perDestination: number;
  /** Peak simultaneous connections to the busiest destination. */
  busiestDemand: number;
  /** The busiest destination's name, when destinations are listed. */
  busiestDestination?: string;
  /** True when no destinations are listed, so all connections are assumed to go to one. */
  assumedWorstCase: boolean;
  /** busiestDemand / perDestination (1 = full). */
  utilisation: number;
  /** Addresses that keep the busiest destination at or below the warning line (80 %); may exceed the 8 one gateway takes. */
  addressesForHeadroom: number;
  /** Gateways of 8 addresses each that this demand needs at 80 % or less. */
  gatewaysForHeadroom: number;
}

/** The capacity of a NAT gateway against its demand; undefined when it has no demand written. */
export function natCapacity(nat: NatGateway): NatCapacity | undefined {
  const demand = nat.demand;
  if (!demand) return undefined;
  const connections = demand.instances * demand.peakConnectionsPerInstance;
  let share = 100;
  let busiestDestination: string | undefined;
  const assumedWorstCase = demand.destinations.length === 0;
  if (!assumedWorstCase) {
    share = -1;
    for (const d of demand.destinations) {
      if (d.share > share) {
        share = d.share;
        busiestDestination = d.name;
      }
    }
  }
  const busiestDemand = Math.ceil((connections * share) / 100);
  const perDestination = PER_ADDRESS * nat.addresses;
  const addressesForHeadroom = Math.max(1, Math.ceil(busiestDemand / (PER_ADDRESS * WARN_AT)));
  const capacity: NatCapacity = {
    addresses: nat.addresses,
    perDestination,
    busiestDemand,
    assumedWorstCase,
    utilisation: busiestDemand / perDestination,
    addressesForHeadroom,
    gatewaysForHeadroom: Math.ceil(addressesForHeadroom / MAX_ADDRESSES),
  };
  if (busiestDestination !== undefined) capacity.busiestDestination = busiestDestination;
  return capacity;
}

function count(n: number): string {
  return formatCount(n);
}

function percent(u: number): string {
  return `${Math.round(u * 100)} %`;
}

function describe(nat: NatGateway, c: NatCapacity): { message: string; fix: string } {
  const name = nameOf(nat);
  const demand = nat.demand!;
  const where = c.assumedWorstCase
    ? `${count(c.busiestDemand)} peak connections (${count(demand.instances)} instances x ${count(demand.peakConnectionsPerInstance)}; no destinations listed, so all are assumed to go to one destination, the worst case)`
    : `${count(c.busiestDemand)} peak connections to its busiest destination, ${c.busiestDestination}`;
  const message = `NAT gateway ${name} has ${count(c.addresses)} address${c.addresses === 1 ? '' : 'es'}, ${count(c.perDestination)} connections per destination, and must carry ${where}: ${percent(c.utilisation)} of its capacity.`;
  const ipv6 = 'or send IPv6 traffic through an egress-only internet gateway, which needs no NAT';
  let fix: string;
  if (c.addressesForHeadroom <= MAX_ADDRESSES) {
    fix = `Give it ${c.addressesForHeadroom} addresses (${c.addressesForHeadroom - 1} secondary) to stay at or below ${WARN_PERCENT} (${percent(c.busiestDemand / (c.addressesForHeadroom * PER_ADDRESS))}), ${ipv6}.`;
  } else {
    fix = `Even ${MAX_ADDRESSES} addresses (${count(MAX_ADDRESSES * PER_ADDRESS)} per destination) are not enough: spread the instances over ${c.gatewaysForHeadroom} NAT gateways of ${MAX_ADDRESSES} addresses each, ${ipv6}.`;
  }
  if (c.assumedWorstCase) fix += ' List the destinations and their shares for a less pessimistic figure.';
  return { message, fix };
}

const FINDINGS = {
  'nat/capacity-near-limit': { severity: 'warning', title: `A NAT gateway is above ${WARN_PERCENT} of its connections to one destination`, source: SOURCE },
  'nat/capacity-exceeded': { severity: 'error', title: 'A NAT gateway cannot hold its connections to one destination', source: SOURCE },
} satisfies FindingDefinitions;

type NatFinding = FindingOf<typeof FINDINGS>;

export const natCapacityRule = definePlanRule({
  scope: 'plan',
  name: 'nat-capacity',
  findings: FINDINGS,
  dependsOn: ['natGateways'],
  check({ plan }: PlanIndex): NatFinding[] {
    const out: NatFinding[] = [];
    for (const nat of plan.natGateways) {
      const c = natCapacity(nat);
      if (!c || c.utilisation <= WARN_AT) continue;
      const { message, fix } = describe(nat, c);
      const exceeded = c.utilisation > 1;
      out.push({
        code: exceeded ? 'nat/capacity-exceeded' : 'nat/capacity-near-limit',
        severity: exceeded ? 'error' : 'warning',
        subjects: [nat.id, nat.subnetId],
        field: 'addresses',
        message,
        fix,
        ...(c.addressesForHeadroom <= MAX_ADDRESSES && c.addressesForHeadroom > nat.addresses
          ? {
              fixes: [
                {
                  kind: 'add-nat-address' as const,
                  natId: nat.id,
                  from: nat.addresses,
                  to: c.addressesForHeadroom,
                  label: `Give ${nameOf(nat)} ${c.addressesForHeadroom} addresses`,
                },
              ],
            }
          : {}),
      });
    }
    return out;
  },
});
