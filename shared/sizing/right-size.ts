/**
 * The "Right-size" action: the smallest block a subnet or VPC block could be, what that
 * frees, and whether it can shrink where it is (same start address) or must move.
 */
import { addressCount, contains, formatCidr, freeSpace, nextFreeBlock, overlaps, parseCidr, usableAddresses, type Cidr } from '../cidr';
import { subnetListBlocks, vpcBlocksWithField, type PlanIndex } from '../plan/plan-index';
import type { Vpc } from '../plan/schema';
import { SUBNET_IPV4_PREFIX as SUBNET, USUAL_SUBNET_IPV6_PREFIX, VPC_IPV4_PREFIX as VPC } from '../aws-limits';
import { addressesWithGrowth, awsSubnetPrefixFor, countText, prefixForAddresses } from './subnet-size';

export type RightSizeChange = 'shrink' | 'grow' | 'none';

export interface SubnetRightSize {
  ok: true;
  current: string;
  /** hostsNeeded plus growth. */
  addressesNeeded: number;
  /** The smallest AWS subnet prefix that holds them. */
  prefix: number;
  change: RightSizeChange;
  /** The right-sized block at the same start address, when that is possible; else undefined. */
  inPlace?: string;
  /** When it cannot stay at its start (it must grow and the start is not aligned, or it would hit a neighbour): the lowest free spot in the VPC, if the VPC was given. */
  moveTo?: string;
  /** Addresses given back (negative when the subnet must grow). */
  freedAddresses: number;
  explanation: string;
}

export interface RightSizeFailure {
  ok: false;
  reason: string;
}

/**
 * Blocks are given as the plan index read them (the editor's case: nothing is parsed
 * again), or as text typed into a request, which is read here, once.
 */
export interface SubnetContext {
  byoip?: boolean;
  /** The VPC's IPv4 blocks, to check that a grown subnet stays inside and to find it a new place. */
  vpcBlocks?: ReadonlyArray<string | Cidr>;
  /** The VPC's other subnets, which a grown subnet must not overlap. */
  otherSubnets?: ReadonlyArray<string | Cidr>;
}

/**
 * The IPv4 blocks given for one part of a request: each block as given, or its text read.
 * The first that is not an IPv4 block ends the request, with the reason.
 */
function ipv4Blocks(given: ReadonlyArray<string | Cidr>, what: string): Cidr[] | RightSizeFailure {
  const blocks: Cidr[] = [];
  for (const item of given) {
    let block = item;
    if (typeof block === 'string') {
      const read = parseCidr(block);
      if (!read.ok) return { ok: false, reason: `${what}: ${read.error.message}` };
      block = read.cidr;
    }
    if (block.version !== 4)
      return {
        ok: false,
        reason: `${what} ${formatCidr(block)} is IPv6; right-sizing works on IPv4 blocks (AWS IPv6 subnets are a fixed /${USUAL_SUBNET_IPV6_PREFIX})`,
      };
    blocks.push(block);
  }
  return blocks;
}

export function rightSizeSubnet(
  subnet: string | Cidr,
  hostsNeeded: number,
  growthPercent = 0,
  context: SubnetContext = {},
): SubnetRightSize | RightSizeFailure {
  const subnetBlocks = ipv4Blocks([subnet], 'subnet');
  if (!Array.isArray(subnetBlocks)) return subnetBlocks;
  const current = subnetBlocks[0]!;
  if (!Number.isInteger(hostsNeeded) || hostsNeeded < 0) return { ok: false, reason: `hostsNeeded is ${hostsNeeded}; give a whole number of hosts, 0 or more` };
  if (!Number.isFinite(growthPercent) || growthPercent < 0) return { ok: false, reason: `growthPercent is ${growthPercent}; give a percentage, 0 or more` };
  const vpcBlocks = ipv4Blocks(context.vpcBlocks ?? [], 'VPC block');
  if (!Array.isArray(vpcBlocks)) return vpcBlocks;
  const others = ipv4Blocks(context.otherSubnets ?? [], 'other subnet');
  if (!Array.isArray(others)) return others;

  const needed = addressesWithGrowth(hostsNeeded, growthPercent);
  const prefix = awsSubnetPrefixFor(needed, context.byoip === true);
  if (prefix === undefined) {
    return {
      ok: false,
      reason: `${countText(needed)} addresses do not fit in a /${SUBNET.largest}, the largest AWS subnet; split the workload over several subnets`,
    };
  }
  const currentText = formatCidr(current);
  const size = 2 ** (32 - prefix);
  const freed = Number(addressCount(current)) - size;
  const usable = Number(usableAddresses({ version: 4, network: 0n, prefix }, 'aws', { byoip: context.byoip === true }));
  const base = { ok: true as const, current: currentText, addressesNeeded: needed, prefix, freedAddresses: freed };
  if (prefix === current.prefix) {
    return {
      ...base,
      change: 'none',
      inPlace: currentText,
      explanation: `${currentText} is already the right size: ${countText(needed)} addresses need a /${prefix} (${countText(usable)} usable).`,
    };
  }
  if (prefix > current.prefix) {
    // A smaller block at the same start is always aligned: the start is a multiple of the bigger size.
    const inPlace = formatCidr({ version: 4, network: current.network, prefix });
    return {
      ...base,
      change: 'shrink',
      inPlace,
      explanation: `${countText(needed)} addresses fit in a /${prefix} (${countText(usable)} usable); shrinking ${currentText} to ${inPlace} in place frees ${countText(freed)} addresses.`,
    };
  }
  const grown: Cidr = { version: 4, network: current.network - (current.network % BigInt(size)), prefix };
  const aligned = grown.network === current.network;
  const insideVpc = vpcBlocks.length === 0 || vpcBlocks.some((block) => contains(block, grown));
  const hits = others.filter((other) => !overlaps(other, current) && overlaps(other, grown));
  const result: SubnetRightSize = { ...base, change: 'grow', explanation: '' };
  const need = `${countText(needed)} addresses need a /${prefix} (${countText(usable)} usable)`;
  if (aligned && insideVpc && hits.length === 0) {
    result.inPlace = formatCidr(grown);
    result.explanation = `${need}; ${currentText} can grow in place to ${result.inPlace}, taking ${countText(-freed)} more addresses.`;
    return result;
  }
  const why = !aligned
    ? `a /${prefix} must start on a multiple of ${countText(size)}, and ${formatCidr(grown)} would start before ${currentText}`
    : !insideVpc
      ? `${formatCidr(grown)} would stick out of the VPC`
      : `${formatCidr(grown)} would overlap ${hits.map(formatCidr).join(', ')}`;
  const used = [...others.filter((other) => !overlaps(other, current))];
  for (const block of vpcBlocks) {
    const spot = nextFreeBlock(block, used, prefix);
    if (spot) {
      result.moveTo = formatCidr(spot);
      break;
    }
  }
  result.explanation = `${need}; it cannot grow in place: ${why}.${result.moveTo ? ` Move it to ${result.moveTo}, the lowest free /${prefix} in the VPC.` : vpcBlocks.length > 0 ? ` No free /${prefix} is left in the VPC: add a secondary block.` : ''}`;
  return result;
}

export interface VpcBlockRightSize {
  block: string;
  /** Subnets inside this block, and the planned growth subnets (vpc.growth), in addresses. */
  neededAddresses: number;
  /** The smallest block that holds them if the subnets were laid out afresh (largest first). */
  smallest: string;
  /** The smallest block at the same start that holds the subnets where they are, plus the growth; undefined when even the current block does not. */
  inPlace?: string;
  /** True when the smallest block is possible without moving any subnet. */
  possibleInPlace: boolean;
  change: RightSizeChange;
  /** Addresses given back by the smallest block (negative when the block is too small). */
  freedAddresses: number;
  /** Addresses given back by the in-place block. */
  freedInPlace: number;
  explanation: string;
}

/** Counts the free aligned /prefix blocks in `parent` around `used`: a free /P holds 2^(prefix-P) of them. */
function roomFor(parent: Cidr, used: readonly Cidr[], prefix: number): number {
  return freeSpace(parent, used).reduce((sum, free) => (free.prefix <= prefix ? sum + 2 ** (prefix - free.prefix) : sum), 0);
}

/**
 * Right-sizes each IPv4 block of the VPC around the subnets that sit in it, with the blocks
 * the plan index read. The VPC's planned growth (`vpc.growth`) counts against its primary
 * block. AWS cannot resize a VPC block once created: this is for the plan, before it is built.
 */
export function rightSizeVpc(index: PlanIndex, vpc: Vpc): VpcBlockRightSize[] {
  const placed: Cidr[] = [];
  for (const block of subnetListBlocks(index, index.subnetsByVpc.get(vpc.id) ?? []).v4) if (block) placed.push(block);
  const results: VpcBlockRightSize[] = [];
  let first = true;
  for (const { block, text } of vpcBlocksWithField(index, vpc, 4)) {
    const inside = placed.filter((subnet) => contains(block, subnet));
    const growth = first && vpc.growth && vpc.growth.prefix >= SUBNET.largest && vpc.growth.prefix <= 32 ? vpc.growth : undefined;
    first = false;
    const growthAddresses = growth ? growth.subnets * 2 ** (32 - growth.prefix) : 0;
    const neededAddresses = inside.reduce((sum, s) => sum + Number(addressCount(s)), 0) + growthAddresses;
    const smallestPrefix = Math.max(Math.min(prefixForAddresses(neededAddresses), VPC.smallest), 0);
    const current = Number(addressCount(block));
    const smallestSize = 2 ** (32 - smallestPrefix);
    // Aligned on its own size, the smallest block can start at the same address when it fits there.
    const smallest = formatCidr({ version: 4, network: block.network - (block.network % BigInt(smallestSize)), prefix: smallestPrefix });
    let inPlace: Cidr | undefined;
    for (let prefix = VPC.smallest; prefix >= Math.min(block.prefix, VPC.smallest); prefix--) {
      const candidate: Cidr = { version: 4, network: block.network, prefix };
      if (block.network % addressCount(candidate) !== 0n) continue;
      if (!inside.every((s) => contains(candidate, s))) continue;
      if (growth && roomFor(candidate, inside, growth.prefix) < growth.subnets) continue;
      inPlace = candidate;
      break;
    }
    const freedInPlace = inPlace ? current - Number(addressCount(inPlace)) : 0;
    const possibleInPlace = inPlace !== undefined && inPlace.prefix === smallestPrefix;
    const change: RightSizeChange = smallestPrefix > block.prefix ? 'shrink' : smallestPrefix < block.prefix ? 'grow' : 'none';
    const what = `${inside.length} subnet${inside.length === 1 ? '' : 's'}${growth ? ` and room for ${growth.subnets} more /${growth.prefix}` : ''} take ${countText(neededAddresses)} addresses`;
    let explanation: string;
    if (change === 'grow') explanation = `${what}, more than ${text} holds: it needs a /${smallestPrefix}.`;
    else if (change === 'none') explanation = `${what}; ${text} is already the smallest block that holds them.`;
    else if (possibleInPlace)
      explanation = `${what}; ${formatCidr(inPlace!)} holds them where they are and frees ${countText(current - smallestSize)} addresses.`;
    else {
      explanation =
        `${what}, which a /${smallestPrefix} could hold if the subnets were laid out afresh (largest first), freeing ${countText(current - smallestSize)} addresses; ` +
        (inPlace && inPlace.prefix > block.prefix
          ? `without moving any, ${formatCidr(inPlace)} is the smallest, freeing ${countText(freedInPlace)}.`
          : `where they sit now, no smaller block at the same start holds them.`);
    }
    results.push({
      block: text,
      neededAddresses,
      smallest,
      ...(inPlace ? { inPlace: formatCidr(inPlace) } : {}),
      possibleInPlace,
      change,
      freedAddresses: current - smallestSize,
      freedInPlace,
      explanation,
    });
  }
  return results;
}
