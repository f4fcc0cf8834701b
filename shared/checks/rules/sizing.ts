/**
 * Sizing: each subnet against the hosts it must hold (with growth and the addresses AWS
 * reserves), the VPC against what its subnets need, and the VPC's room for planned growth.
 * Reads: the VPC and its subnets only.
 */
import { prefixIn, RESERVED_ADDRESSES_PER_SUBNET, SUBNET_IPV4_PREFIX as SUBNET, VPC_IPV4_PREFIX as VPC } from '../../aws-limits';
import { addressCount, formatCidr, freeSpace, usableAddresses, type Cidr } from '../../cidr';
import type { FixAction } from '../../plan/edits/fix-actions';
import type { Subnet, Vpc } from '../../plan/schema';
import { subnetBlock, subnetListBlocks, vpcBlocks, type PlanIndex } from '../../plan/plan-index';
import { formatCount, nameOf } from '../wording';
import { defineVpcRule, type FindingDefinitions, type FindingOf, type VpcView } from '../types';
import { blockAllocation } from '../block-allocation';

const SIZING = `docs/network-rules.md#aws-subnets (${RESERVED_ADDRESSES_PER_SUBNET} reserved IPv4 addresses; BYOIP exception); AWS VPC User Guide, "Subnet CIDR blocks"`;
/** How much bigger than needed a subnet or VPC must be before we call it oversized. */
const OVERSIZED_FACTOR = 4n;
const OVERSIZED_NUMBER = Number(OVERSIZED_FACTOR);

/** Addresses a subnet must hold: hostsNeeded plus growthPercent, rounded up. */
export function addressesNeeded(subnet: Pick<Subnet, 'hostsNeeded' | 'growthPercent'>): number | undefined {
  if (subnet.hostsNeeded === undefined) return undefined;
  return Math.ceil((subnet.hostsNeeded * (100 + (subnet.growthPercent ?? 0))) / 100 - 1e-9);
}

/**
 * Usable addresses of an AWS IPv4 subnet by prefix (/0../32), from the cidr module's
 * reserved-address rules, as numbers: the sizing check runs for every subnet on every
 * full check, and bigint maths there costs more than the rest of the rule.
 */
const USABLE_AWS: readonly number[] = Array.from({ length: 33 }, (_, prefix) => Number(usableAddresses({ version: 4, network: 0n, prefix }, 'aws')));
/** Addresses in an IPv4 block by prefix, made once (a bigint per subnet otherwise). */
const IPV4_BLOCK_SIZE: readonly bigint[] = Array.from({ length: 33 }, (_, prefix) => addressCount({ version: 4, network: 0n, prefix }));
/** The same as numbers, for the sum of what the subnets need (see ExactSum). */
const IPV4_BLOCK_NUMBER: readonly number[] = IPV4_BLOCK_SIZE.map(Number);

/**
 * A sum of whole numbers, exact whatever its size: kept as a number while that is exact
 * (nearly always) and as a bigint past it, so the sizing rule makes no bigint per subnet.
 */
class ExactSum {
  private small = 0;
  private big = 0n;
  add(n: number): void {
    if (this.small + n > Number.MAX_SAFE_INTEGER) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
    this.small += n;
  }
  total(): bigint {
    return this.big + BigInt(this.small);
  }
}

const USABLE_BYOIP: readonly number[] = Array.from({ length: 33 }, (_, prefix) =>
  Number(usableAddresses({ version: 4, network: 0n, prefix }, 'aws', { byoip: true })),
);

/** The smallest AWS IPv4 subnet prefix (/16../28) that holds `needed` hosts, or undefined when even the largest subnet is too small. */
export function subnetPrefixFor(needed: number, byoip: boolean): number | undefined {
  const usable = byoip ? USABLE_BYOIP : USABLE_AWS;
  for (let prefix = SUBNET.smallest; prefix >= SUBNET.largest; prefix--) {
    if (usable[prefix]! >= needed) return prefix;
  }
  return undefined;
}

export interface BlockFreeSpace {
  block: string;
  /** Free blocks inside it, ascending. */
  free: string[];
  totalAddresses: bigint;
  freeAddresses: bigint;
}

export interface VpcFreeSpace {
  ipv4: { blocks: BlockFreeSpace[]; totalAddresses: bigint; freeAddresses: bigint };
  ipv6: { blocks: BlockFreeSpace[]; totalAddresses: bigint; freeAddresses: bigint };
}

/**
 * The free space of each of a VPC's blocks, given its subnets (for the UI's free-space view
 * and the review report), with the blocks read from the plan index.
 */
export function vpcFreeSpace(index: PlanIndex, vpc: Vpc, subnets: readonly Subnet[]): VpcFreeSpace {
  const side = (version: 4 | 6) => {
    const used: Cidr[] = [];
    for (const s of subnets) {
      const block = subnetBlock(index, s, version);
      if (block) used.push(block);
    }
    let totalAddresses = 0n;
    let freeAddresses = 0n;
    const blocks = vpcBlocks(index, vpc, version).map((block): BlockFreeSpace => {
      const free = freeSpace(block, used);
      const freeCount = free.reduce((sum, f) => sum + addressCount(f), 0n);
      totalAddresses += addressCount(block);
      freeAddresses += freeCount;
      return { block: formatCidr(block), free: free.map(formatCidr), totalAddresses: addressCount(block), freeAddresses: freeCount };
    });
    return { blocks, totalAddresses, freeAddresses };
  };
  return { ipv4: side(4), ipv6: side(6) };
}

/**
 * How many more blocks of `prefix` fit in the VPC's free space, and the first few of them.
 * The free space is a list of aligned CIDR blocks, so a free /P holds exactly 2^(prefix-P)
 * of them: counting is exact without placing them one by one.
 */
export function roomFor(blocks: readonly Cidr[], used: readonly Cidr[], prefix: number, show = 5): { fits: bigint; first: Cidr[] } {
  let fits = 0n;
  const first: Cidr[] = [];
  for (const block of blocks) {
    for (const free of freeSpace(block, used)) {
      if (free.prefix > prefix) continue;
      const n = 1n << BigInt(prefix - free.prefix);
      fits += n;
      const size = addressCount({ version: free.version, network: 0n, prefix });
      for (let k = 0n; k < n && first.length < show; k++) first.push({ version: free.version, network: free.network + k * size, prefix });
    }
  }
  return { fits, first };
}

function count(n: bigint | number): string {
  return formatCount(n);
}

function growthText(subnet: Subnet): string {
  return subnet.growthPercent ? ` (${count(subnet.hostsNeeded!)} hosts + ${subnet.growthPercent} % growth)` : '';
}

const FINDINGS = {
  'sizing/subnet-too-small': { severity: 'error', title: 'A subnet is too small for the hosts it must hold', source: SIZING },
  'sizing/subnet-oversized': { severity: 'info', title: 'A subnet is four or more times bigger than it needs to be', source: SIZING },
  'sizing/vpc-oversized': {
    severity: 'info',
    title: 'A VPC is four or more times bigger than its subnets need',
    source: `${SIZING}; docs/network-rules.md#aws-vpc-ipv4-blocks`,
  },
  'sizing/no-room-for-growth': {
    severity: 'warning',
    title: 'A VPC has no room for its planned growth',
    source: `${SIZING}; docs/network-rules.md#aws-vpc-ipv4-blocks (block sizes, blocks per VPC)`,
  },
  'sizing/growth-prefix': { severity: 'error', title: 'The planned growth subnet size is not an AWS subnet size', source: SIZING },
} satisfies FindingDefinitions;

type SizingFinding = FindingOf<typeof FINDINGS>;

export const sizingRule = defineVpcRule({
  scope: 'vpc',
  name: 'sizing',
  findings: FINDINGS,
  check({ vpc, subnets }: VpcView, index: PlanIndex): SizingFinding[] {
    const out: SizingFinding[] = [];
    const vpcName = nameOf(vpc);
    const blocks = vpcBlocks(index, vpc, 4);
    // Parallel arrays (used[k] is placed[k]'s block), not an object per subnet.
    const used: Cidr[] = [];
    const placed: Subnet[] = [];
    const listed = subnetListBlocks(index, subnets).v4;
    for (let k = 0; k < subnets.length; k++) {
      const subnet = subnets[k]!;
      const block = listed[k];
      if (block) {
        used.push(block);
        placed.push(subnet);
      }
    }
    let everyNeedKnown = placed.length > 0 && placed.length === subnets.length;
    const needed4 = new ExactSum();
    for (let k = 0; k < placed.length; k++) {
      const subnet = placed[k]!;
      const block = used[k]!;
      const needed = addressesNeeded(subnet);
      if (needed === undefined) {
        everyNeedKnown = false;
        continue;
      }
      // BigInt() refuses a non-integer need (NaN from a plan that was never validated) exactly
      // as before; past it, `needed` is an integer held exactly, so comparing and summing
      // numbers gives the bigint answer without a bigint per subnet.
      if (!Number.isInteger(needed)) BigInt(needed);
      const byoip = subnet.byoip === true;
      const usable = (byoip ? USABLE_BYOIP : USABLE_AWS)[block.prefix]!;
      const fitsPrefix = subnetPrefixFor(needed, byoip);
      needed4.add(fitsPrefix === undefined ? needed : IPV4_BLOCK_NUMBER[fitsPrefix]!);
      if (usable < needed) {
        // Wording is built only for a finding: most subnets raise none.
        const reserved = byoip ? '' : `, after the ${RESERVED_ADDRESSES_PER_SUBNET} addresses AWS reserves`;
        let fix: string;
        let fixes: FixAction[] | undefined;
        if (fitsPrefix === undefined) {
          fix = `${count(needed)} addresses do not fit in one subnet (a /${SUBNET.largest} holds ${count(USABLE_AWS[SUBNET.largest]!)} usable): split the hosts over several subnets.`;
        } else {
          // The check run's ledger for this VPC's subnets (../block-allocation): the blocks the
          // subnets rule proposed and the ones proposed here so far are taken.
          const free = blockAllocation(index).subnets(vpc, 4).blockFor(subnet, fitsPrefix);
          if (free) {
            fixes = [
              {
                kind: 'set-cidr',
                objectId: subnet.id,
                field: 'ipv4Cidr',
                from: subnet.ipv4Cidr!,
                to: formatCidr(free),
                label: `Make ${nameOf(subnet)} ${formatCidr(free)}`,
              },
            ];
          }
          fix = free
            ? `Make it a /${fitsPrefix}: ${formatCidr(free)} is the next free /${fitsPrefix} in VPC ${vpcName}.`
            : `Make it a /${fitsPrefix}; VPC ${vpcName} has no free /${fitsPrefix} left, so add a secondary block or free space first.`;
        }
        out.push({
          code: 'sizing/subnet-too-small',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv4Cidr',
          cidrs: [formatCidr(block)],
          message: `Subnet ${nameOf(subnet)} (${formatCidr(block)}) has ${count(usable)} usable addresses${reserved}, but needs ${count(needed)}${growthText(subnet)}.`,
          fix,
          ...(fixes ? { fixes } : {}),
        });
        continue;
      }
      if (needed > 0 && fitsPrefix !== undefined && fitsPrefix > block.prefix && usable >= OVERSIZED_NUMBER * needed) {
        const right = { version: 4 as const, network: block.network, prefix: fitsPrefix };
        const freed = addressCount(block) - addressCount(right);
        out.push({
          code: 'sizing/subnet-oversized',
          severity: 'info',
          subjects: [subnet.id, vpc.id],
          field: 'ipv4Cidr',
          cidrs: [formatCidr(block), formatCidr(right)],
          message: `Subnet ${nameOf(subnet)} (${formatCidr(block)}) has ${count(usable)} usable addresses but needs only ${count(needed)}${growthText(subnet)}.`,
          fix: `A /${fitsPrefix} is enough (e.g. ${formatCidr(right)}); right-sizing frees ${count(freed)} addresses for other subnets.`,
        });
      }
    }

    // The VPC against its subnets, only when every subnet says what it needs.
    const vpcTotal = blocks.reduce((sum, b) => sum + addressCount(b), 0n);
    const growthNeed =
      vpc.growth && prefixIn(SUBNET, vpc.growth.prefix)
        ? BigInt(vpc.growth.subnets) * addressCount({ version: 4, network: 0n, prefix: vpc.growth.prefix })
        : 0n;
    const need = needed4.total() + growthNeed;
    const primary = blocks[0];
    if (everyNeedKnown && primary && need > 0n && vpcTotal >= OVERSIZED_FACTOR * need) {
      let prefix = 32;
      while (prefix > 0 && addressCount({ version: 4, network: 0n, prefix }) < need) prefix--;
      prefix = Math.max(VPC.largest, Math.min(VPC.smallest, prefix));
      if (prefix > primary.prefix) {
        out.push({
          code: 'sizing/vpc-oversized',
          severity: 'info',
          subjects: [vpc.id],
          field: 'ipv4Cidrs',
          cidrs: blocks.map(formatCidr),
          message: `VPC ${vpcName} has ${count(vpcTotal)} IPv4 addresses; its right-sized subnets${growthNeed > 0n ? ' and planned growth' : ''} need ${count(need)}.`,
          fix: `A /${prefix} (${count(addressCount({ version: 4, network: 0n, prefix }))} addresses) would hold them; a smaller VPC leaves more of your address space for other VPCs.`,
        });
      }
    }

    if (vpc.growth && vpc.growth.subnets > 0) {
      const { subnets: wanted, prefix } = vpc.growth;
      if (!prefixIn(SUBNET, prefix)) {
        out.push({
          code: 'sizing/growth-prefix',
          severity: 'error',
          subjects: [vpc.id],
          field: 'growth.prefix',
          message: `VPC ${vpcName} plans growth of ${count(wanted)} subnets of /${prefix}, but an AWS IPv4 subnet is /${SUBNET.largest} to /${SUBNET.smallest}.`,
          fix: `Set growth.prefix to a size from ${SUBNET.largest} to ${SUBNET.smallest}, e.g. ${Math.max(SUBNET.largest, Math.min(SUBNET.smallest, prefix))}.`,
        });
      } else if (blocks.length > 0) {
        const { fits, first } = roomFor(blocks, used, prefix);
        if (fits < BigInt(wanted)) {
          const missingCount = BigInt(wanted) - fits;
          const missing = missingCount * addressCount({ version: 4, network: 0n, prefix });
          let blockPrefix = 32;
          while (blockPrefix > 0 && addressCount({ version: 4, network: 0n, prefix: blockPrefix }) < missing) blockPrefix--;
          blockPrefix = Math.max(VPC.largest, blockPrefix);
          const fix =
            missing > IPV4_BLOCK_SIZE[VPC.largest]!
              ? `Add secondary blocks totalling ${count(missing)} addresses (each at most a /${VPC.largest}), or plan smaller subnets.`
              : `Add a secondary /${blockPrefix} (${count(addressCount({ version: 4, network: 0n, prefix: blockPrefix }))} addresses) for the ${count(missingCount)} that do not fit, or plan smaller subnets.`;
          out.push({
            code: 'sizing/no-room-for-growth',
            severity: 'warning',
            subjects: [vpc.id],
            field: 'growth',
            cidrs: [...blocks.map(formatCidr), ...first.map(formatCidr)],
            message: `VPC ${vpcName} plans ${count(wanted)} more /${prefix} subnets, but its free space holds only ${count(fits)}${fits > 0n ? ` (${first.map(formatCidr).join(', ')}${fits > BigInt(first.length) ? `, and ${count(fits - BigInt(first.length))} more` : ''})` : ''}.`,
            fix,
          });
        }
      }
    }
    return out;
  },
});
