/**
 * How big an AWS IPv4 subnet or VPC block must be. Sources (docs/network-rules.md; the
 * numbers: shared/aws-limits.ts): subnets and VPC blocks are /16../28; AWS keeps 5
 * addresses of every subnet (none for BYOIP).
 */
import { SUBNET_IPV4_PREFIX } from '../aws-limits';
import { prefixForHosts } from '../cidr';

/**
 * Addresses a subnet must hold: the hosts plus `growthPercent` on top, rounded up. The same
 * formula as the `sizing/*` checks (shared/checks/rules/sizing.ts), so a proposal never
 * trips them. The epsilon keeps 100 x 1.1 = 110.00000000000001 from rounding up to 111.
 */
export function addressesWithGrowth(hosts: number, growthPercent: number): number {
  return Math.ceil((hosts * (100 + growthPercent)) / 100 - 1e-9);
}

/**
 * The smallest AWS subnet prefix whose usable addresses hold `addresses`: never longer than
 * /28 (the smallest AWS subnet), undefined when even a /16 is too small.
 */
export function awsSubnetPrefixFor(addresses: number, byoip = false): number | undefined {
  let prefix: number | undefined;
  if (byoip) {
    // BYOIP: every address is usable, so the block only has to be as big as the count.
    prefix = 32;
    while (prefix > 0 && 2 ** (32 - prefix) < addresses) prefix--;
  } else {
    prefix = prefixForHosts(4, addresses, 'aws');
  }
  if (prefix === undefined || prefix < SUBNET_IPV4_PREFIX.largest) return undefined;
  return Math.min(prefix, SUBNET_IPV4_PREFIX.smallest);
}

/** The longest IPv4 prefix whose block has at least `addresses` addresses (0 or 1 -> /32). */
export function prefixForAddresses(addresses: number): number {
  let prefix = 32;
  while (prefix > 0 && 2 ** (32 - prefix) < addresses) prefix--;
  return prefix;
}

export function countText(n: number | bigint): string {
  return n.toLocaleString('en-US');
}
