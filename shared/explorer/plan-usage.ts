/**
 * The explorer knows the plan: which parts of a block the plan's subnets already use (to
 * shade them in the split bar), and whether a piece could still become a subnet, with the
 * one-line reason when it cannot. The rules are AWS's (docs/network-rules.md#aws-subnets):
 * a subnet lies inside one of its VPC's blocks, overlaps no other subnet of the VPC, and
 * is /16 to /28 (IPv4) or /44 to /64 in steps of 4 (IPv6).
 */
import { addressCount, contains, formatCidr, overlaps, parseCidr, type Cidr } from '../cidr';
import type { Plan } from '../plan/schema';
import { blockFacts } from './block-facts';

export interface PlacedSubnet {
  id: string;
  name: string;
  vpcId: string;
  block: Cidr;
}

/** The plan's VPC and subnet blocks, read once: the explorer asks about many pieces of one plan. */
export interface PlanBlocks {
  vpcs: Array<{ id: string; name: string; blocks: Cidr[] }>;
  subnets: PlacedSubnet[];
}

function valid(text: string | undefined): Cidr | undefined {
  if (!text) return undefined;
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.cidr : undefined;
}

const label = (o: { id: string; name: string }) => (o.name.trim() === '' ? o.id : o.name);

export function readPlanBlocks(plan: Plan): PlanBlocks {
  return {
    vpcs: plan.vpcs.map((v) => ({ id: v.id, name: label(v), blocks: [...v.ipv4Cidrs, ...v.ipv6Cidrs].map(valid).filter((c): c is Cidr => c !== undefined) })),
    subnets: plan.subnets.flatMap((s) =>
      [s.ipv4Cidr, s.ipv6Cidr]
        .map(valid)
        .filter((c): c is Cidr => c !== undefined)
        .map((block) => ({ id: s.id, name: label(s), vpcId: s.vpcId, block })),
    ),
  };
}

/** A run of a block that subnets use, as fractions of the block (0 = its first address, 1 = past its last). */
export interface UsedSpan {
  start: number;
  end: number;
  /** The subnets in the run, in address order. */
  subnets: Array<{ id: string; name: string; cidr: string }>;
}

export interface BlockUsage {
  cidr: string;
  spans: UsedSpan[];
  /** Addresses of the block inside some subnet, as a decimal string (IPv6 counts pass a JavaScript number). */
  usedAddresses: string;
  usedFraction: number;
  /** Subnets that contain the whole block (the block is a subnet, or part of one). */
  coveredBy: Array<{ id: string; name: string; cidr: string }>;
}

/** The ratio of two bigints as a number in 0..1, to 2^-32: exact for the powers of two that block sizes are, and far finer than a bar. */
function fraction(part: bigint, whole: bigint): number {
  return Number((part << 32n) / whole) / 2 ** 32;
}

/**
 * Which parts of `block` the plan's subnets use. A subnet either lies inside the block, holds
 * it, or misses it (two CIDR blocks never partly overlap), so each subnet inside is one span;
 * touching or overlapping spans are merged into runs.
 */
export function blockUsage(block: Cidr, blocks: PlanBlocks): BlockUsage {
  const size = addressCount(block);
  const coveredBy: BlockUsage['coveredBy'] = [];
  const inside: PlacedSubnet[] = [];
  for (const subnet of blocks.subnets) {
    if (subnet.block.version !== block.version || !overlaps(subnet.block, block)) continue;
    if (contains(subnet.block, block)) coveredBy.push({ id: subnet.id, name: subnet.name, cidr: formatCidr(subnet.block) });
    else inside.push(subnet);
  }
  if (coveredBy.length > 0) {
    return { cidr: formatCidr(block), spans: [{ start: 0, end: 1, subnets: coveredBy }], usedAddresses: size.toString(), usedFraction: 1, coveredBy };
  }
  inside.sort((x, y) => (x.block.network < y.block.network ? -1 : x.block.network > y.block.network ? 1 : x.block.prefix - y.block.prefix));
  const runs: Array<{ first: bigint; end: bigint; subnets: PlacedSubnet[] }> = [];
  for (const subnet of inside) {
    const first = subnet.block.network - block.network;
    const end = first + addressCount(subnet.block);
    const last = runs.at(-1);
    if (last && first <= last.end) {
      if (end > last.end) last.end = end;
      last.subnets.push(subnet);
    } else {
      runs.push({ first, end, subnets: [subnet] });
    }
  }
  let used = 0n;
  for (const run of runs) used += run.end - run.first;
  return {
    cidr: formatCidr(block),
    spans: runs.map((run) => ({
      start: fraction(run.first, size),
      end: fraction(run.end, size),
      subnets: run.subnets.map((s) => ({ id: s.id, name: s.name, cidr: formatCidr(s.block) })),
    })),
    usedAddresses: used.toString(),
    usedFraction: fraction(used, size),
    coveredBy,
  };
}

export type PieceStatus = 'free' | 'is-subnet' | 'inside-subnet' | 'holds-subnets' | 'outside-vpc' | 'not-a-subnet-size';

export interface PieceAvailability {
  status: PieceStatus;
  /** The VPC whose block holds it (the one it would be a subnet of); none when it is outside every VPC. */
  vpcId?: string;
  /** One line: why it cannot be a subnet, or where it is free. */
  reason: string;
}

function names(list: ReadonlyArray<{ name: string; block: Cidr }>, limit = 3): string {
  const shown = list
    .slice(0, limit)
    .map((s) => `${s.name} ${formatCidr(s.block)}`)
    .join(', ');
  return list.length > limit ? `${shown} and ${list.length - limit} more` : shown;
}

/**
 * Whether `piece` could become a subnet of the VPC `vpcId` (or, without one, of the first VPC
 * whose block holds it), and if not, why, in one line. Only that VPC's subnets can be in the
 * way: AWS checks overlap within a VPC.
 */
export function pieceAvailability(piece: Cidr, blocks: PlanBlocks, vpcId?: string): PieceAvailability {
  const text = formatCidr(piece);
  const candidates = vpcId === undefined ? blocks.vpcs : blocks.vpcs.filter((v) => v.id === vpcId);
  const vpc = candidates.find((v) => v.blocks.some((b) => contains(b, piece)));
  if (!vpc) {
    const chosen = candidates[0];
    const straddled = candidates.flatMap((v) => v.blocks.filter((b) => overlaps(b, piece)).map((b) => ({ v, b })))[0];
    if (straddled) {
      return {
        status: 'outside-vpc',
        reason: `${text} is bigger than ${straddled.v.name}'s block ${formatCidr(straddled.b)}: split it until a piece fits inside.`,
      };
    }
    if (vpcId !== undefined && chosen) {
      const own = chosen.blocks
        .filter((b) => b.version === piece.version)
        .map(formatCidr)
        .join(', ');
      return { status: 'outside-vpc', reason: `${text} is outside ${chosen.name}${own ? ` (${own})` : `, which has no IPv${piece.version} block`}.` };
    }
    return { status: 'outside-vpc', reason: `${text} is outside every VPC block of the plan; a subnet must lie inside its VPC's block.` };
  }
  const mine = blocks.subnets.filter((s) => s.vpcId === vpc.id && s.block.version === piece.version && overlaps(s.block, piece));
  const same = mine.find((s) => s.block.prefix === piece.prefix);
  if (same) return { status: 'is-subnet', vpcId: vpc.id, reason: `${text} is already subnet ${same.name}.` };
  const holder = mine.find((s) => s.block.prefix < piece.prefix);
  if (holder) return { status: 'inside-subnet', vpcId: vpc.id, reason: `${text} is inside subnet ${holder.name} (${formatCidr(holder.block)}).` };
  if (mine.length > 0) {
    return {
      status: 'holds-subnets',
      vpcId: vpc.id,
      reason: `${text} already holds ${mine.length === 1 ? 'subnet' : `${mine.length} subnets:`} ${names(mine)}; split it to find a free piece.`,
    };
  }
  const limit = blockFacts(piece, 'aws').clouds.aws.subnetLimit;
  if (limit) return { status: 'not-a-subnet-size', vpcId: vpc.id, reason: limit };
  return { status: 'free', vpcId: vpc.id, reason: `${text} is free in ${vpc.name}.` };
}
