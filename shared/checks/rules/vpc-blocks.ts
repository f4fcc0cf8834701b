/**
 * The blocks of one VPC, on their own: sizes, ranges AWS refuses, the restricted
 * associations (which depend on the order the blocks were added in), quotas, and overlap
 * between the VPC's own blocks.
 */
import {
  AMAZON_VPC_IPV6_PREFIX,
  IPAM_VPC_IPV6_PREFIX as IPAM,
  IPV4_BLOCKS_PER_VPC,
  IPV6_BLOCKS_PER_VPC,
  prefixIn,
  VPC_IPV4_PREFIX as V4,
} from '../../aws-limits';
import { cidr, findOverlappingPairs, formatCidr, nextFreeBlock, overlaps, contains, type Cidr } from '../../cidr';
import { vpcBlocksWithField } from '../../plan/plan-index';
import { nameOf } from '../wording';
import { defineVpcRule, type FindingDefinitions, type FindingOf, type VpcView, type PlanIndex } from '../types';

const VPC_IPV4 = 'docs/network-rules.md#aws-vpc-ipv4-blocks; AWS VPC User Guide, "VPC CIDR blocks"';
const VPC_IPV6 = 'docs/network-rules.md#aws-subnets (VPC IPv6 block); AWS VPC User Guide, "VPC CIDR blocks" (IPv6 VPC CIDR blocks)';
const QUOTAS = 'docs/network-rules.md#aws-vpc-ipv4-blocks and docs/network-rules.md#aws-subnets; AWS VPC User Guide, "Amazon VPC quotas" (adjustable)';

/** Never usable in a VPC (docs/network-rules.md#aws-vpc-ipv4-blocks). */
const FORBIDDEN: ReadonlyArray<{ block: Cidr; why: string }> = [
  { block: cidr('0.0.0.0/8'), why: '"this network"' },
  { block: cidr('127.0.0.0/8'), why: 'loopback' },
  { block: cidr('169.254.0.0/16'), why: 'link-local, used by the instance metadata service and DNS' },
  { block: cidr('224.0.0.0/4'), why: 'multicast' },
];
const DOCKER_BRIDGE = cidr('172.17.0.0/16');

const TEN = cidr('10.0.0.0/8');
const TEN_15 = cidr('10.0.0.0/15');
const TEN_16 = cidr('10.0.0.0/16');
const ONE_SEVEN_TWO = cidr('172.16.0.0/12');
const ONE_SEVEN_TWO_31 = cidr('172.31.0.0/16');
const ONE_NINE_TWO = cidr('192.168.0.0/16');
const ONE_NINE_EIGHT = cidr('198.19.0.0/16');

type AssociationRange = '10.0.0.0/8' | '172.16.0.0/12' | '192.168.0.0/16' | '198.19.0.0/16' | 'public';

function associationRange(block: Cidr): AssociationRange {
  if (contains(TEN, block)) return '10.0.0.0/8';
  if (contains(ONE_SEVEN_TWO, block)) return '172.16.0.0/12';
  if (contains(ONE_NINE_TWO, block)) return '192.168.0.0/16';
  if (contains(ONE_NINE_EIGHT, block)) return '198.19.0.0/16';
  return 'public';
}

const RFC1918 = [TEN, ONE_SEVEN_TWO, ONE_NINE_TWO];

/**
 * The ranges a VPC whose existing block is in `range` cannot take
 * (docs/network-rules.md#restricted-associations). `inTen15` is whether that existing block is in 10.0.0.0/15.
 */
function refusedRanges(range: AssociationRange, inTen15: boolean): Cidr[] {
  switch (range) {
    case '10.0.0.0/8':
      return inTen15 ? [ONE_SEVEN_TWO, ONE_NINE_TWO, ONE_NINE_EIGHT, TEN_16] : [ONE_SEVEN_TWO, ONE_NINE_TWO, ONE_NINE_EIGHT];
    case '172.16.0.0/12':
      return [TEN, ONE_NINE_TWO, ONE_SEVEN_TWO_31, ONE_NINE_EIGHT];
    case '192.168.0.0/16':
      return [TEN, ONE_SEVEN_TWO, ONE_NINE_EIGHT];
    case '198.19.0.0/16':
      return RFC1918;
    case 'public':
      return [...RFC1918, ONE_NINE_EIGHT];
  }
}

/** Where a secondary block may come from instead: the primary's own range, if that is allowed. */
function suggestSecondary(primary: Cidr, existing: Cidr[], refused: Cidr[], prefix: number): Cidr | undefined {
  const range = associationRange(primary);
  if (range === 'public') return undefined;
  const pool = cidr(range);
  // Refused ranges inside the pool (10.0.0.0/16) count as used, so the suggestion is allowed.
  const used = [...existing, ...refused.filter((r) => contains(pool, r))];
  return nextFreeBlock(pool, used, prefix);
}

/** Addresses in the biggest and the smallest VPC IPv4 block (65,536 and 16). */
const LARGEST_SIZE = 2 ** (32 - V4.largest);
const SMALLEST_SIZE = 2 ** (32 - V4.smallest);

const FINDINGS = {
  'vpc/no-ipv4-block': { severity: 'error', title: 'A VPC has no IPv4 block', source: `${VPC_IPV4} (every VPC has a primary IPv4 block)` },
  'vpc/block-size': { severity: 'error', title: `A VPC IPv4 block is not /${V4.largest} to /${V4.smallest}`, source: VPC_IPV4 },
  'vpc/reserved-range': { severity: 'error', title: 'A VPC block is in a range AWS never allows', source: VPC_IPV4 },
  'vpc/docker-bridge-overlap': {
    severity: 'warning',
    title: 'A VPC block overlaps the Docker bridge range 172.17.0.0/16',
    source: `${VPC_IPV4}; AWS Cloud9 and SageMaker documentation`,
  },
  'vpc/restricted-association': {
    severity: 'error',
    title: 'A secondary block AWS refuses for a VPC with these existing blocks',
    source: `docs/network-rules.md#restricted-associations; AWS VPC User Guide, "IPv4 CIDR block association restrictions"`,
  },
  'vpc/ipv4-block-quota': { severity: 'warning', title: 'More IPv4 blocks than the per-VPC quota', source: QUOTAS },
  'vpc/blocks-overlap': {
    severity: 'error',
    title: 'Two blocks of the same VPC overlap',
    source: `${VPC_IPV4} (a new block must not overlap the VPC's blocks)`,
  },
  'vpc/ipv6-block-size': { severity: 'error', title: 'A VPC IPv6 block has a size its source does not allow', source: VPC_IPV6 },
  'vpc/ipv6-block-quota': { severity: 'warning', title: 'More IPv6 blocks than the per-VPC quota', source: QUOTAS },
} satisfies FindingDefinitions;

type VpcBlockFinding = FindingOf<typeof FINDINGS>;

export const vpcBlocksRule = defineVpcRule({
  scope: 'vpc',
  name: 'vpc-blocks',
  reads: ['settings'],
  findings: FINDINGS,
  check({ vpc }: VpcView, index: PlanIndex): VpcBlockFinding[] {
    const { plan } = index;
    const out: VpcBlockFinding[] = [];
    const name = nameOf(vpc);
    const quotas = plan.settings.quotas;
    if (vpc.ipv4Cidrs.length === 0) {
      out.push({
        code: 'vpc/no-ipv4-block',
        severity: 'error',
        subjects: [vpc.id],
        field: 'ipv4Cidrs',
        message: `VPC ${name} has no IPv4 block; every AWS VPC needs a primary IPv4 block, even a dual-stack or IPv6-only one.`,
        fix: `Add a primary IPv4 block, e.g. a /${V4.largest} from 10.0.0.0/8 that no other VPC uses.`,
      });
    }
    const v4 = vpcBlocksWithField(index, vpc, 4);
    for (const { block, index, text } of v4) {
      const field = `ipv4Cidrs[${index}]`;
      if (!prefixIn(V4, block.prefix)) {
        const tooBig = block.prefix < V4.largest;
        out.push({
          code: 'vpc/block-size',
          severity: 'error',
          subjects: [vpc.id],
          field,
          cidrs: [text],
          message: `VPC ${name}'s block ${text} is a /${block.prefix}; a VPC IPv4 block must be /${V4.largest} to /${V4.smallest} (${tooBig ? `at most ${LARGEST_SIZE.toLocaleString('en-US')}` : `at least ${SMALLEST_SIZE}`} addresses).`,
          fix: tooBig
            ? `Use ${formatCidr({ ...block, prefix: V4.largest })} and add more /${V4.largest} blocks as secondary blocks if you need more space.`
            : `Use ${formatCidr({ version: 4, network: block.network - (block.network % BigInt(SMALLEST_SIZE)), prefix: V4.smallest })} or larger.`,
        });
      }
      for (const forbidden of FORBIDDEN) {
        if (overlaps(block, forbidden.block)) {
          out.push({
            code: 'vpc/reserved-range',
            severity: 'error',
            subjects: [vpc.id],
            field,
            cidrs: [text, formatCidr(forbidden.block)],
            message: `VPC ${name}'s block ${text} overlaps ${formatCidr(forbidden.block)} (${forbidden.why}), which AWS never allows in a VPC.`,
            fix: 'Choose a block from the private ranges 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 instead.',
          });
        }
      }
      if (overlaps(block, DOCKER_BRIDGE)) {
        out.push({
          code: 'vpc/docker-bridge-overlap',
          severity: 'warning',
          subjects: [vpc.id],
          field,
          cidrs: [text, '172.17.0.0/16'],
          message: `VPC ${name}'s block ${text} overlaps 172.17.0.0/16, the Docker bridge network that AWS Cloud9 and SageMaker use; instances there cannot reach addresses in the overlap.`,
          fix: 'Avoid 172.17.0.0/16 if the VPC will run Cloud9, SageMaker or Docker hosts; e.g. use a block in 172.18.0.0/15 or 10.0.0.0/8.',
        });
      }
    }
    // Restricted associations: each secondary block against the blocks associated before it.
    const primary = v4[0];
    if (primary && primary.index === 0) {
      for (let i = 1; i < v4.length; i++) {
        const entry = v4[i]!;
        const earlier = v4.slice(0, i);
        // A block that overlaps an earlier one is refused for that reason (vpc/blocks-overlap).
        if (earlier.some((e) => overlaps(e.block, entry.block))) continue;
        for (const existing of earlier) {
          const range = associationRange(existing.block);
          const refused = refusedRanges(range, contains(TEN_15, existing.block));
          const hit = refused.find((r) => overlaps(r, entry.block));
          if (!hit) continue;
          const alternative = suggestSecondary(
            primary.block,
            v4.map((b) => b.block),
            refused,
            entry.block.prefix,
          );
          const where = range === 'public' ? 'a public range or 100.64.0.0/10' : range;
          out.push({
            code: 'vpc/restricted-association',
            severity: 'error',
            subjects: [vpc.id],
            field: `ipv4Cidrs[${entry.index}]`,
            cidrs: [...new Set([entry.text, existing.text, formatCidr(hit)])],
            message: `VPC ${name} cannot take ${entry.text} as a secondary block: its ${existing.index === 0 ? 'primary' : 'earlier'} block ${existing.text} is in ${where}, and AWS refuses to add a block in ${formatCidr(hit)} to such a VPC.`,
            fix: alternative
              ? `Use a block from ${associationRange(primary.block)} instead, e.g. ${formatCidr(alternative)}; or make ${entry.text} the primary block of a new VPC.`
              : `Use a block from a range allowed next to ${existing.text}, or make ${entry.text} the primary block of a new VPC.`,
          });
          break;
        }
      }
    }
    if (vpc.ipv4Cidrs.length > quotas.ipv4BlocksPerVpc) {
      out.push({
        code: 'vpc/ipv4-block-quota',
        severity: 'warning',
        subjects: [vpc.id],
        field: 'ipv4Cidrs',
        message: `VPC ${name} has ${vpc.ipv4Cidrs.length} IPv4 blocks; the quota is ${quotas.ipv4BlocksPerVpc} per VPC.`,
        fix: `Ask AWS to raise "IPv4 CIDR blocks per VPC" (up to ${IPV4_BLOCKS_PER_VPC.max}) and set settings.quotas.ipv4BlocksPerVpc to the new value, or use fewer, larger blocks.`,
      });
    }
    const v6 = vpcBlocksWithField(index, vpc, 6);
    for (const { block, index, text } of v6) {
      const field = `ipv6Cidrs[${index}]`;
      if (vpc.ipv6Source === 'amazon' && block.prefix !== AMAZON_VPC_IPV6_PREFIX) {
        out.push({
          code: 'vpc/ipv6-block-size',
          severity: 'error',
          subjects: [vpc.id],
          field,
          cidrs: [text],
          message: `VPC ${name}'s IPv6 block ${text} is a /${block.prefix}; an Amazon-provided IPv6 block is always exactly /${AMAZON_VPC_IPV6_PREFIX}.`,
          fix: `Use a /${AMAZON_VPC_IPV6_PREFIX}, or set ipv6Source to "ipam" or "byoip" if the block comes from IPAM or your own range (/${IPAM.largest} to /${IPAM.smallest} in steps of ${IPAM.step}).`,
        });
      } else if (vpc.ipv6Source !== 'amazon' && !prefixIn(IPAM, block.prefix)) {
        const nearest = Math.min(IPAM.smallest, Math.max(IPAM.largest, Math.round(block.prefix / IPAM.step) * IPAM.step));
        out.push({
          code: 'vpc/ipv6-block-size',
          severity: 'error',
          subjects: [vpc.id],
          field,
          cidrs: [text],
          message: `VPC ${name}'s IPv6 block ${text} is a /${block.prefix}; an ${vpc.ipv6Source === 'ipam' ? 'IPAM' : 'BYOIP'} IPv6 block must be /${IPAM.largest} to /${IPAM.smallest} in steps of ${IPAM.step}.`,
          fix: `Use a /${nearest}, e.g. ${formatCidr({ version: 6, network: block.network - (block.network % (1n << BigInt(128 - nearest))), prefix: nearest })}.`,
        });
      }
    }
    if (vpc.ipv6Cidrs.length > quotas.ipv6BlocksPerVpc) {
      out.push({
        code: 'vpc/ipv6-block-quota',
        severity: 'warning',
        subjects: [vpc.id],
        field: 'ipv6Cidrs',
        message: `VPC ${name} has ${vpc.ipv6Cidrs.length} IPv6 blocks; the quota is ${quotas.ipv6BlocksPerVpc} per VPC.`,
        fix: `Ask AWS to raise "IPv6 CIDR blocks per VPC" (up to ${IPV6_BLOCKS_PER_VPC.max}) and set settings.quotas.ipv6BlocksPerVpc, or use fewer blocks.`,
      });
    }
    for (const list of [v4, v6]) {
      if (list.length < 2) continue;
      for (const [i, j] of findOverlappingPairs(list.map((e) => e.block))) {
        const [a, b] = list[i]!.index < list[j]!.index ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        const version = a.block.version;
        out.push({
          code: 'vpc/blocks-overlap',
          severity: 'error',
          subjects: [vpc.id],
          field: `${version === 4 ? 'ipv4' : 'ipv6'}Cidrs[${b.index}]`,
          cidrs: [a.text, b.text],
          message: `VPC ${name}'s blocks ${a.text} and ${b.text} overlap; AWS refuses a block that overlaps one the VPC already has.`,
          fix: `Remove ${b.text}${contains(a.block, b.block) ? ` (${a.text} already holds it)` : ''}, or replace it with a block that does not overlap.`,
        });
      }
    }
    return out;
  },
});
