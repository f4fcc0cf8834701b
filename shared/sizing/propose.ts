/**
 * The sizing assistant: from "3 AZs, public tier of 50 hosts, private tier of 1000, 50%
 * growth" to a VPC block and its subnets, laid out and explained.
 *
 * Why packing largest first is optimal: every block is a power of two aligned to its own
 * size. Placed one after another in descending size from an aligned start, each block
 * starts at a sum of sizes that are all multiples of its own size, so it is aligned and
 * nothing is wasted. Blocks of total size S therefore fit in a block of size 2^k exactly
 * when S <= 2^k: the smallest VPC is the smallest power of two holding the total. The
 * property tests check this against an exhaustive search on small cases.
 */
import { addressCount, cidr, formatCidr, freeSpace, nextFreeBlock, overlaps, parseCidr, prefixForHosts, usableAddresses, type Cidr } from '../cidr';
import type { SubnetTier } from '../plan/schema';
import {
  AMAZON_VPC_IPV6_PREFIX,
  RESERVED_ADDRESSES_PER_SUBNET as RESERVED,
  SUBNET_IPV4_PREFIX as SUBNET,
  SUBNETS_PER_VPC_DEFAULT,
  USUAL_SUBNET_IPV6_PREFIX,
  VPC_IPV4_PREFIX as VPC,
} from '../aws-limits';
import { addressesWithGrowth, awsSubnetPrefixFor, countText, prefixForAddresses } from './subnet-size';

/** docs/network-rules.md#aws-subnets: 200 subnets per VPC by default (adjustable; the number: shared/aws-limits.ts). */
export const SUBNETS_PER_VPC = SUBNETS_PER_VPC_DEFAULT;
export const MAX_AZS = 6;
/** Searched in this order when the request names no range (RFC 1918, section 3). */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/**
 * Amazon assigns a VPC's IPv6 /56 when the VPC is created, so a proposal cannot know it. It
 * uses the documentation prefix (RFC 3849) in its place: the /64 slot numbers carry over.
 */
export const IPV6_PLACEHOLDER = `2001:db8::/${AMAZON_VPC_IPV6_PREFIX}`;
/** Default spare room: one more subnet of the largest tier's size in every AZ. */
export const DEFAULT_SPARE_PER_AZ = 1;

/** docs/network-rules.md#aws-vpc-ipv4-blocks: never usable in a VPC. */
const NEVER_USABLE = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4'].map((text) => cidr(text));
/** docs/network-rules.md#aws-vpc-ipv4-blocks: allowed, but collides with the Docker bridge some AWS services use; used only as a last resort. */
const DOCKER_BRIDGE = cidr('172.17.0.0/16');

export interface TierRequest {
  /** What the user calls it, e.g. "app" or "public". Unique within the request. */
  name: string;
  tier: SubnetTier;
  hostsPerSubnet: number;
}

export interface SizingRequest {
  region: string;
  /** How many AZs (1..6), named `${region}a`, `${region}b`...; or the AZ names themselves. */
  azs: number | string[];
  tiers: TierRequest[];
  /** Headroom on every subnet, in percent of its hosts. */
  growthPercent: number;
  ipv6: boolean;
  /** CIDRs the VPC must not overlap: other VPCs of the plan, on-premises ranges. IPv6 ones are ignored. */
  avoid: ReadonlyArray<string | Cidr>;
  /** Where to put the VPC; default: 10.0.0.0/8, then 172.16.0.0/12, then 192.168.0.0/16. */
  within?: string;
  cloud?: 'aws';
  /**
   * Spare subnets of the largest tier's size to keep free in every AZ (default 1), so that
   * each AZ can take one more subnet of any tier later without a new VPC block. 0 gives the
   * tightest VPC: only the rounding up to a power of two is left over.
   */
  spare?: number;
}

export interface ProposedSubnet {
  az: string;
  tierName: string;
  tier: SubnetTier;
  cidr: string;
  /** The hosts asked for (the plan's `hostsNeeded`). */
  hostsNeeded: number;
  /** hostsNeeded plus the growth: what the subnet is sized for. */
  addressesWithGrowth: number;
  /** Usable addresses: the block size minus the 5 AWS keeps. */
  capacity: number;
  /** The k-th /64 of the VPC's IPv6 /56 (of the placeholder /56: see `ipv6Note`). */
  ipv6Cidr?: string;
}

export interface SizingProposal {
  ok: true;
  region: string;
  vpcCidr: string;
  /** The placeholder /56, present when IPv6 was asked for. */
  vpcIpv6Cidr?: string;
  ipv6Note?: string;
  subnets: ProposedSubnet[];
  /** Free blocks left in the VPC, ascending. */
  free: string[];
  spare: { perAz: number; prefix: number };
  explanations: string[];
}

export type SizingFailureCode = 'bad-request' | 'subnet-too-large' | 'vpc-too-large' | 'too-many-subnets' | 'no-room';

export interface SizingFailure {
  ok: false;
  code: SizingFailureCode;
  /** What is wrong and what to change. */
  reason: string;
}

interface TierPlan {
  request: TierRequest;
  index: number;
  withGrowth: number;
  prefix: number;
}

function fail(code: SizingFailureCode, reason: string): SizingFailure {
  return { ok: false, code, reason };
}

function azNamesOf(request: SizingRequest): string[] | SizingFailure {
  const { azs, region } = request;
  if (typeof azs === 'number') {
    if (!Number.isInteger(azs) || azs < 1 || azs > MAX_AZS) {
      return fail('bad-request', `azs is ${azs}; give a whole number of availability zones from 1 to ${MAX_AZS}, e.g. 3`);
    }
    if (region.trim() === '') return fail('bad-request', 'region is empty; give the AWS region, e.g. us-east-1, or name the AZs themselves');
    // AWS names zones by the region plus a letter; the real letters available vary by account.
    return Array.from({ length: azs }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
  }
  if (azs.length < 1 || azs.length > MAX_AZS) {
    return fail('bad-request', `${azs.length} availability zones named; name from 1 to ${MAX_AZS}, e.g. ["us-east-1a", "us-east-1b"]`);
  }
  const seen = new Set<string>();
  for (const name of azs) {
    if (name.trim() === '') return fail('bad-request', 'an availability zone name is empty; write it in full, e.g. us-east-1a');
    if (seen.has(name)) return fail('bad-request', `availability zone ${name} is named twice; list each AZ once`);
    seen.add(name);
  }
  return [...azs];
}

function planTiers(request: SizingRequest): TierPlan[] | SizingFailure {
  const { tiers, growthPercent } = request;
  if (!Number.isFinite(growthPercent) || growthPercent < 0 || growthPercent > 10_000) {
    return fail('bad-request', `growthPercent is ${growthPercent}; give a percentage from 0 to 10000, e.g. 50 for half as much again`);
  }
  if (tiers.length === 0) return fail('bad-request', 'no tiers given; ask for at least one, e.g. { name: "app", tier: "private", hostsPerSubnet: 100 }');
  const names = new Set<string>();
  const plans: TierPlan[] = [];
  for (const [index, tier] of tiers.entries()) {
    if (tier.name.trim() === '') return fail('bad-request', `tier #${index + 1} has no name; name it, e.g. "app"`);
    if (names.has(tier.name)) return fail('bad-request', `the tier name "${tier.name}" is used twice; give each tier its own name, e.g. "app" and "data"`);
    names.add(tier.name);
    if (!['public', 'private', 'isolated'].includes(tier.tier)) {
      return fail('bad-request', `tier "${tier.name}" is of kind "${tier.tier}"; use public, private or isolated`);
    }
    if (!Number.isInteger(tier.hostsPerSubnet) || tier.hostsPerSubnet < 0) {
      return fail('bad-request', `tier "${tier.name}" asks for ${tier.hostsPerSubnet} hosts; give a whole number of hosts, 0 or more`);
    }
    const withGrowth = addressesWithGrowth(tier.hostsPerSubnet, growthPercent);
    const prefix = awsSubnetPrefixFor(withGrowth);
    if (prefix === undefined) {
      return fail(
        'subnet-too-large',
        `tier "${tier.name}" needs ${countText(withGrowth)} addresses per subnet (${countText(tier.hostsPerSubnet)} hosts + ${growthPercent}% growth), more than the ${countText(usableAddresses({ version: 4, network: 0n, prefix: SUBNET.largest }, 'aws'))} usable in a /${SUBNET.largest}, the largest AWS subnet; split the tier into several subnets per AZ or lower the growth`,
      );
    }
    plans.push({ request: tier, index, withGrowth, prefix });
  }
  return plans;
}

/** The IPv4 ranges to avoid: blocks as given (the plan's, as its index read them), texts typed into the request read here, once. */
function avoidBlocks(given: ReadonlyArray<string | Cidr>): Cidr[] | SizingFailure {
  const blocks: Cidr[] = [];
  for (const [index, item] of given.entries()) {
    let block = item;
    if (typeof block === 'string') {
      const read = parseCidr(block);
      if (!read.ok) return fail('bad-request', `avoid #${index + 1}: ${read.error.message}`);
      block = read.cidr;
    }
    if (block.version === 4) blocks.push(block);
  }
  return blocks;
}

function parseWithin(text: string | undefined): Cidr[] | SizingFailure {
  if (text === undefined) return PRIVATE_RANGES.map((range) => cidr(range));
  const parsed = parseCidr(text);
  if (!parsed.ok) return fail('bad-request', `within: ${parsed.error.message}`);
  if (parsed.cidr.version !== 4)
    return fail(
      'bad-request',
      `within is ${text}, an IPv6 block; give the IPv4 range to place the VPC in, e.g. 10.0.0.0/8 (AWS assigns the IPv6 /${AMAZON_VPC_IPV6_PREFIX})`,
    );
  return [parsed.cidr];
}

/** The lowest free aligned /prefix in the ranges, in order; the Docker bridge range only if nothing else is free. */
function placeVpc(ranges: readonly Cidr[], avoid: readonly Cidr[], prefix: number): { block: Cidr; range: Cidr; usedDocker: boolean } | undefined {
  for (const allowDocker of [false, true]) {
    const used = [...avoid, ...NEVER_USABLE, ...(allowDocker ? [] : [DOCKER_BRIDGE])];
    for (const range of ranges) {
      const block = nextFreeBlock(range, used, prefix);
      if (block) return { block, range, usedDocker: allowDocker && overlaps(block, DOCKER_BRIDGE) };
    }
  }
  return undefined;
}

export function proposeVpc(request: SizingRequest): SizingProposal | SizingFailure {
  if ((request.cloud ?? 'aws') !== 'aws') return fail('bad-request', `cloud is ${request.cloud}; the sizing assistant knows AWS only`);
  const azs = azNamesOf(request);
  if (!Array.isArray(azs)) return azs;
  const tiers = planTiers(request);
  if (!Array.isArray(tiers)) return tiers;
  const avoid = avoidBlocks(request.avoid);
  if (!Array.isArray(avoid)) return avoid;
  const ranges = parseWithin(request.within);
  if (!Array.isArray(ranges)) return ranges;
  const sparePerAz = request.spare ?? DEFAULT_SPARE_PER_AZ;
  if (!Number.isInteger(sparePerAz) || sparePerAz < 0 || sparePerAz > 64) {
    return fail('bad-request', `spare is ${sparePerAz}; give a whole number of spare subnets per AZ from 0 to 64 (default ${DEFAULT_SPARE_PER_AZ})`);
  }

  const subnetCount = azs.length * tiers.length;
  if (subnetCount > SUBNETS_PER_VPC) {
    return fail(
      'too-many-subnets',
      `${tiers.length} tiers in ${azs.length} AZs make ${subnetCount} subnets, more than the ${SUBNETS_PER_VPC} AWS allows per VPC by default; use fewer tiers or AZs, or split them across VPCs`,
    );
  }

  const largestPrefix = Math.min(...tiers.map((t) => t.prefix));
  const subnetAddresses = tiers.reduce((sum, t) => sum + 2 ** (32 - t.prefix), 0) * azs.length;
  const spareAddresses = sparePerAz * azs.length * 2 ** (32 - largestPrefix);
  const total = subnetAddresses + spareAddresses;
  const vpcPrefix = Math.min(prefixForAddresses(total), VPC.smallest);
  if (vpcPrefix < VPC.largest) {
    return fail(
      'vpc-too-large',
      `the subnets${spareAddresses > 0 ? ' and spare room' : ''} take ${countText(total)} addresses, which needs a /${vpcPrefix}; an AWS VPC block is at most a /${VPC.largest} (${countText(2 ** (32 - VPC.largest))})${spareAddresses > 0 ? '; ask for less spare room, ' : '; '}split the tiers across VPCs, or use fewer AZs`,
    );
  }

  const [onlyRange] = ranges;
  if (ranges.length === 1 && onlyRange && onlyRange.prefix > vpcPrefix) {
    return fail('no-room', `the VPC needs a /${vpcPrefix} but within is ${formatCidr(onlyRange)}, which is smaller; give a range of /${vpcPrefix} or bigger`);
  }
  const placed = placeVpc(ranges, avoid, vpcPrefix);
  if (!placed) {
    return fail(
      'no-room',
      `no free /${vpcPrefix} is left in ${ranges.map(formatCidr).join(', ')} once ${avoid.length} avoided range${avoid.length === 1 ? '' : 's'} and the ranges AWS never allows are left out; remove an avoided range or give another range to place the VPC in`,
    );
  }
  const vpc = placed.block;

  // Largest first (shortest prefix); ties keep the tiers' order, then the AZs' order.
  const order = tiers
    .flatMap((tier) => azs.map((az, azIndex) => ({ tier, az, azIndex })))
    .sort((a, b) => a.tier.prefix - b.tier.prefix || a.tier.index - b.tier.index || a.azIndex - b.azIndex);
  let cursor = vpc.network;
  const blocks: Cidr[] = [];
  const subnets: ProposedSubnet[] = order.map(({ tier, az }, k) => {
    const block: Cidr = { version: 4, network: cursor, prefix: tier.prefix };
    cursor += addressCount(block);
    blocks.push(block);
    const subnet: ProposedSubnet = {
      az,
      tierName: tier.request.name,
      tier: tier.request.tier,
      cidr: formatCidr(block),
      hostsNeeded: tier.request.hostsPerSubnet,
      addressesWithGrowth: tier.withGrowth,
      capacity: Number(usableAddresses(block, 'aws')),
    };
    if (request.ipv6)
      subnet.ipv6Cidr = formatCidr({
        version: 6,
        network: cidr(IPV6_PLACEHOLDER).network + (BigInt(k) << BigInt(128 - USUAL_SUBNET_IPV6_PREFIX)),
        prefix: USUAL_SUBNET_IPV6_PREFIX,
      });
    return subnet;
  });

  const proposal: SizingProposal = {
    ok: true,
    region: request.region,
    vpcCidr: formatCidr(vpc),
    subnets,
    free: freeSpace(vpc, blocks).map(formatCidr),
    spare: { perAz: sparePerAz, prefix: largestPrefix },
    explanations: explain({
      growthPercent: request.growthPercent,
      tiers,
      azs,
      vpc,
      subnetAddresses,
      spareAddresses,
      sparePerAz,
      largestPrefix,
      avoid,
      placed,
      ranges,
      ipv6: request.ipv6,
    }),
  };
  if (request.ipv6) {
    proposal.vpcIpv6Cidr = IPV6_PLACEHOLDER;
    proposal.ipv6Note = `AWS assigns the VPC's IPv6 /${AMAZON_VPC_IPV6_PREFIX} when the VPC is created, so ${IPV6_PLACEHOLDER} (the documentation range) stands in for it: subnet k gets the k-th /${USUAL_SUBNET_IPV6_PREFIX} of whatever /${AMAZON_VPC_IPV6_PREFIX} AWS gives.`;
  }
  return proposal;
}

interface ExplainInput {
  growthPercent: number;
  tiers: TierPlan[];
  azs: string[];
  vpc: Cidr;
  subnetAddresses: number;
  spareAddresses: number;
  sparePerAz: number;
  largestPrefix: number;
  avoid: Cidr[];
  placed: { block: Cidr; range: Cidr; usedDocker: boolean };
  ranges: Cidr[];
  ipv6: boolean;
}

function explain(input: ExplainInput): string[] {
  const { tiers, azs, vpc, subnetAddresses, spareAddresses, sparePerAz, largestPrefix, avoid, placed, ranges } = input;
  const lines: string[] = [];
  for (const { request, withGrowth, prefix } of tiers) {
    const size = 2 ** (32 - prefix);
    const hosts =
      withGrowth === request.hostsPerSubnet
        ? `${countText(withGrowth)} hosts`
        : `${countText(request.hostsPerSubnet)} hosts + ${input.growthPercent}% growth = ${countText(withGrowth)} addresses`;
    let why: string;
    if ((prefixForHosts(4, withGrowth, 'aws') ?? 0) > SUBNET.smallest) {
      why = `/${SUBNET.smallest} is the smallest subnet AWS allows (${size} addresses, ${size - RESERVED} usable after the ${RESERVED} AWS keeps)`;
    } else {
      const smaller = prefix < SUBNET.smallest ? `; a /${prefix + 1} holds only ${countText(size / 2 - RESERVED)}` : '';
      why = `/${prefix} is the smallest that holds them: ${countText(size)} addresses, ${countText(size - RESERVED)} usable after the ${RESERVED} AWS keeps${smaller}`;
    }
    lines.push(`Tier "${request.name}" (${request.tier}): ${hosts} per subnet; ${why}.`);
  }
  const vpcSize = Number(addressCount(vpc));
  const spareText =
    spareAddresses > 0
      ? ` plus ${sparePerAz * azs.length} spare /${largestPrefix} (${sparePerAz} per AZ, the largest tier's size, so every AZ can take another subnet later) = ${countText(subnetAddresses + spareAddresses)}`
      : '';
  const vpcWhy =
    vpc.prefix === VPC.smallest && subnetAddresses + spareAddresses < vpcSize
      ? `/${VPC.smallest} is the smallest VPC block AWS allows`
      : `/${vpc.prefix} (${countText(vpcSize)} addresses) is the smallest block that holds that`;
  lines.push(
    `${tiers.length * azs.length} subnet${tiers.length * azs.length === 1 ? '' : 's'} (${tiers.length} tier${tiers.length === 1 ? '' : 's'} x ${azs.length} AZ${azs.length === 1 ? '' : 's'}) take ${countText(subnetAddresses)} addresses${spareText}; ${vpcWhy}.`,
  );
  lines.push(`Subnets are laid out largest first, so each starts on a multiple of its own size and no addresses are lost to alignment.`);
  const inRange = avoid.filter((block) => overlaps(block, placed.range) && block.network < placed.block.network + addressCount(placed.block));
  const rangeIndex = ranges.indexOf(placed.range);
  const where = `${formatCidr(vpc)} is the lowest free /${vpc.prefix} in ${formatCidr(placed.range)}`;
  const skipped = rangeIndex > 0 ? ` (${ranges.slice(0, rangeIndex).map(formatCidr).join(' and ')} had no free /${vpc.prefix})` : '';
  if (avoid.length === 0) lines.push(`${where}${skipped}; nothing was given to avoid.`);
  else if (inRange.length === 0) lines.push(`${where}${skipped}; none of the ${avoid.length} avoided range${avoid.length === 1 ? '' : 's'} was in the way.`);
  else lines.push(`${where}${skipped}, after leaving out ${inRange.map(formatCidr).join(', ')} (avoided: other VPCs or on-premises ranges).`);
  if (placed.usedDocker)
    lines.push(`Warning: ${formatCidr(vpc)} overlaps 172.17.0.0/16, the Docker bridge range some AWS services (Cloud9, SageMaker) use; nothing else was free.`);
  if (input.ipv6)
    lines.push(
      `Each subnet also gets one IPv6 /${USUAL_SUBNET_IPV6_PREFIX} of the VPC's /${AMAZON_VPC_IPV6_PREFIX} (${2 ** (USUAL_SUBNET_IPV6_PREFIX - AMAZON_VPC_IPV6_PREFIX)} slots), in the order listed.`,
    );
  return lines;
}
