/**
 * Every AWS number the engine and the editor use, in one place, each with its source: the
 * section of docs/network-rules.md that records it and the AWS page that section cites.
 * Code that needs one of these numbers, or a message that quotes one, takes it from here.
 *
 * Quotas marked "adjustable" are defaults an account can raise: the plan's settings.quotas
 * start from them (shared/plan/schema.ts) and the checks warn past them, never refuse.
 */

/** A prefix range: `largest` is the shortest prefix (the biggest block), `smallest` the longest. */
export interface PrefixRange {
  readonly largest: number;
  readonly smallest: number;
}

/** A prefix range whose prefixes must also fall on a multiple of `step` (IPv6 nibble boundaries). */
export interface SteppedPrefixRange extends PrefixRange {
  readonly step: number;
}

/** An adjustable quota: the default every account starts with, and the most AWS will raise it to. */
export interface Quota {
  readonly default: number;
  readonly max: number;
}

// --- docs/network-rules.md#aws-vpc-ipv4-blocks ----------------------------------------------
// AWS VPC User Guide, "VPC CIDR blocks": https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html

/** A VPC IPv4 block, primary or secondary: /16 (65,536 addresses) to /28 (16). */
export const VPC_IPV4_PREFIX: PrefixRange = { largest: 16, smallest: 28 };

/** IPv4 blocks per VPC: 5, adjustable to 50 (AWS VPC User Guide, "Amazon VPC quotas": https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html). */
export const IPV4_BLOCKS_PER_VPC: Quota = { default: 5, max: 50 };

// --- docs/network-rules.md#aws-subnets ----------------------------------------------------
// AWS VPC User Guide, "Subnet CIDR blocks": https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html

/** An IPv4 subnet: /16 to /28. */
export const SUBNET_IPV4_PREFIX: PrefixRange = { largest: 16, smallest: 28 };

/**
 * Addresses AWS keeps in every subnet: the first four and the last, IPv4 and IPv6 alike
 * (which ones, and why: shared/cidr/reserved.ts). A BYOIP range keeps none.
 */
export const RESERVED_ADDRESSES_PER_SUBNET = 5;

/** An IPv6 subnet: /44 to /64, on a nibble boundary. */
export const SUBNET_IPV6_PREFIX: SteppedPrefixRange = { largest: 44, smallest: 64, step: 4 };

/** The IPv6 subnet size nearly every plan uses: a /64 (a VPC's /56 holds 256 of them). */
export const USUAL_SUBNET_IPV6_PREFIX = 64;

/** An Amazon-provided VPC IPv6 block is always exactly a /56. */
export const AMAZON_VPC_IPV6_PREFIX = 56;

/** A VPC IPv6 block from IPAM or BYOIP: /44 to /60, on a nibble boundary. */
export const IPAM_VPC_IPV6_PREFIX: SteppedPrefixRange = { largest: 44, smallest: 60, step: 4 };

/** IPv6 blocks per VPC: 5, adjustable to 50 ("Amazon VPC quotas", as above). */
export const IPV6_BLOCKS_PER_VPC: Quota = { default: 5, max: 50 };

/** Subnets per VPC: 200 by default, adjustable ("Amazon VPC quotas", as above). */
export const SUBNETS_PER_VPC_DEFAULT = 200;

// --- docs/network-rules.md#aws-nat-gateway ------------------------------------------------
// AWS VPC User Guide, "NAT gateway basics": https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html

/** Simultaneous connections one NAT gateway address carries to one destination (IP, port, protocol). */
export const NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION = 55_000;

/** Addresses on a zonal NAT gateway: 1 primary + 7 secondary. */
export const NAT_GATEWAY_MAX_ADDRESSES = 8;

/**
 * The engine's own line, not an AWS limit: a NAT gateway above 80 % of its connections to
 * its busiest destination is warned about, to leave headroom for peaks the plan's demand
 * figures do not show (AWS reports exhaustion only after the fact, as ErrorPortAllocation).
 */
export const NAT_WARNING_UTILISATION = 0.8;

// --- docs/network-rules.md#aws-vpc-peering ------------------------------------------------
// AWS VPC User Guide, "Amazon VPC quotas" (VPC peering connections): https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html

/** Active peering connections per VPC: 50, adjustable to 125. */
export const PEERINGS_PER_VPC: Quota = { default: 50, max: 125 };

// --- docs/network-rules.md#aws-transit-gateway ---------------------------------------------
// Amazon VPC Transit Gateways, "Quotas for your transit gateways": https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html

/** Attachments per transit gateway: 5,000. */
export const TGW_ATTACHMENTS_PER_GATEWAY = 5_000;

// --- docs/network-rules.md#aws-vpc-lattice-service-networks -------------------------------
// Amazon VPC Lattice User Guide, "Quotas for Amazon VPC Lattice": https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html

/** VPC associations per service network: 500 by default, adjustable. */
export const VPC_ASSOCIATIONS_PER_SERVICE_NETWORK_DEFAULT = 500;

/** Whether `prefix` is in the range (and on its step, for a stepped one). */
export function prefixIn(range: PrefixRange | SteppedPrefixRange, prefix: number): boolean {
  if (prefix < range.largest || prefix > range.smallest) return false;
  return !('step' in range) || prefix % range.step === 0;
}
