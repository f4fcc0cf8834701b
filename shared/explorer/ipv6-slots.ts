/**
 * The IPv6 slot map: a VPC's /56 holds 256 subnets of /64 (docs/network-rules.md#aws-subnets),
 * and the map shows which subnet uses each slot. The slot number is the two hex
 * digits just before the /64 boundary (2001:db8:0:a3::/64 is slot 0xa3), so every 16 slots
 * the higher of those digits changes: a nibble boundary, where a /60 could start.
 */
import { AMAZON_VPC_IPV6_PREFIX, prefixIn, SUBNET_IPV6_PREFIX as SUBNET, USUAL_SUBNET_IPV6_PREFIX as SLOT } from '../aws-limits';
import { addressCount, contains, formatCidr, overlaps, parseCidr, type Cidr } from '../cidr';

export interface Ipv6Slot {
  index: number;
  cidr: string;
  /** The slot number in hex as it appears in the address, e.g. "a3". */
  hex: string;
  /** Ids of the subnets using it; more than one is an overlap. */
  subnetIds: string[];
  /** The first slot of a run of 16 sharing the higher hex digit. */
  nibbleBoundary: boolean;
}

export type SlotProblemKind = 'invalid' | 'not-ipv6' | 'outside' | 'not-aws-size' | 'overlap';

export interface SlotProblem {
  subnetId: string;
  kind: SlotProblemKind;
  message: string;
}

export interface Ipv6SlotMap {
  block: string;
  slots: Ipv6Slot[];
  usedSlots: number;
  freeSlots: number;
  problems: SlotProblem[];
}

export interface SlotSubnet {
  id: string;
  name: string;
  cidr: string;
}

export function ipv6SlotMap(vpcBlock: Cidr, subnets: readonly SlotSubnet[]): Ipv6SlotMap {
  if (vpcBlock.version !== 6 || vpcBlock.prefix < AMAZON_VPC_IPV6_PREFIX || vpcBlock.prefix > SLOT) {
    throw new RangeError(
      `ipv6SlotMap: ${formatCidr(vpcBlock)} is not an IPv6 block from /${AMAZON_VPC_IPV6_PREFIX} to /${SLOT}; the slot map shows the /${SLOT}s of a VPC's /${AMAZON_VPC_IPV6_PREFIX} (the size AWS assigns)`,
    );
  }
  const count = 2 ** (64 - vpcBlock.prefix);
  const digits = Math.max(1, Math.ceil((64 - vpcBlock.prefix) / 4));
  const slots: Ipv6Slot[] = Array.from({ length: count }, (_, index) => {
    const network = vpcBlock.network + (BigInt(index) << 64n);
    // The slot number read from the address itself, so a /57's upper half says "80".."ff".
    const hex = Number((network >> 64n) & 0xffn)
      .toString(16)
      .padStart(2, '0')
      .slice(-digits);
    return { index, cidr: formatCidr({ version: 6, network, prefix: 64 }), hex, subnetIds: [], nibbleBoundary: index % 16 === 0 };
  });
  const problems: SlotProblem[] = [];
  const label = (s: SlotSubnet) => (s.name.trim() === '' ? s.id : s.name);
  const placed: Array<{ subnet: SlotSubnet; block: Cidr }> = [];
  for (const subnet of subnets) {
    const parsed = parseCidr(subnet.cidr);
    if (!parsed.ok) {
      problems.push({ subnetId: subnet.id, kind: 'invalid', message: `${label(subnet)}: ${parsed.error.message}` });
      continue;
    }
    const block = parsed.cidr;
    if (block.version !== 6) {
      problems.push({
        subnetId: subnet.id,
        kind: 'not-ipv6',
        message: `${label(subnet)}: ${formatCidr(block)} is IPv4; give its IPv6 block, a /64 of ${formatCidr(vpcBlock)}`,
      });
      continue;
    }
    if (!contains(vpcBlock, block)) {
      problems.push({
        subnetId: subnet.id,
        kind: 'outside',
        message: `${label(subnet)}: ${formatCidr(block)} is ${overlaps(vpcBlock, block) ? 'bigger than' : 'outside'} the VPC block ${formatCidr(vpcBlock)}; pick a free /64 slot of it`,
      });
      continue;
    }
    if (!prefixIn(SUBNET, block.prefix)) {
      problems.push({
        subnetId: subnet.id,
        kind: 'not-aws-size',
        message: `${label(subnet)}: ${formatCidr(block)} is a /${block.prefix}; AWS IPv6 subnets are /${SUBNET.largest} to /${SUBNET.smallest} in steps of ${SUBNET.step}, usually /${SLOT}`,
      });
    }
    placed.push({ subnet, block });
    // A /60 covers 16 slots; a block longer than /64 sits inside one.
    const first = Number((block.network - vpcBlock.network) >> 64n);
    const covered = block.prefix >= 64 ? 1 : Number(addressCount(block) >> 64n);
    for (let i = first; i < first + covered; i++) slots[i]!.subnetIds.push(subnet.id);
  }
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!;
      const b = placed[j]!;
      if (!overlaps(a.block, b.block)) continue;
      problems.push({
        subnetId: b.subnet.id,
        kind: 'overlap',
        message: `${label(b.subnet)} (${formatCidr(b.block)}) overlaps ${label(a.subnet)} (${formatCidr(a.block)}); give each subnet its own /64`,
      });
    }
  }
  const usedSlots = slots.filter((s) => s.subnetIds.length > 0).length;
  return { block: formatCidr(vpcBlock), slots, usedSlots, freeSlots: count - usedSlots, problems };
}
