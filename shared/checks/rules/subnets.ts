/**
 * The subnets of one VPC against the VPC's blocks and against each other.
 * Reads: the VPC, its subnets, and plan.settings (the subnets-per-VPC quota).
 */
import {
  AMAZON_VPC_IPV6_PREFIX,
  prefixIn,
  RESERVED_ADDRESSES_PER_SUBNET,
  SUBNET_IPV4_PREFIX as V4,
  SUBNET_IPV6_PREFIX as V6,
  USUAL_SUBNET_IPV6_PREFIX,
} from '../../aws-limits';
import { contains, findOverlappingPairs, formatCidr, type Cidr } from '../../cidr';
import type { FixAction } from '../../plan/edits/fix-actions';
import type { Subnet } from '../../plan/schema';
import { subnetListBlocks, vpcBlocks } from '../../plan/plan-index';
import { blockAllocation, type SubnetSpace } from '../block-allocation';
import { formatCount, nameOf } from '../wording';
import { defineVpcRule, type FindingDefinitions, type FindingOf, type PlanIndex, type VpcView } from '../types';

const SUBNETS = 'docs/network-rules.md#aws-subnets; AWS VPC User Guide, "Subnet CIDR blocks"';

export { firstFreeBlock } from '../block-allocation';

/** Whether one of `blocks` contains `block` (a loop, not .some(): no closure per subnet). */
function insideAny(blocks: readonly Cidr[], block: Cidr): boolean {
  for (let i = 0; i < blocks.length; i++) if (contains(blocks[i]!, block)) return true;
  return false;
}

function moveTo(subnet: Subnet, field: 'ipv4Cidr' | 'ipv6Cidr', to: Cidr): FixAction[] {
  const text = formatCidr(to);
  return [{ kind: 'set-cidr', objectId: subnet.id, field, from: subnet[field]!, to: text, label: `Move ${nameOf(subnet)} to ${text}` }];
}
/** Addresses in the smallest AWS subnet (16 in a /28). */
const SMALLEST_SIZE = 2 ** (32 - V4.smallest);

function blockList(blocks: readonly Cidr[]): string {
  return blocks.map(formatCidr).join(', ');
}

const FINDINGS = {
  'subnet/outside-vpc': { severity: 'error', title: "An IPv4 subnet lies outside its VPC's IPv4 blocks", source: SUBNETS },
  'subnet/ipv6-outside-vpc': { severity: 'error', title: "An IPv6 subnet lies outside its VPC's IPv6 blocks", source: SUBNETS },
  'subnet/overlap': { severity: 'error', title: 'Two subnets of a VPC overlap', source: SUBNETS },
  'subnet/size': { severity: 'error', title: `An IPv4 subnet is not /${V4.largest} to /${V4.smallest}`, source: SUBNETS },
  'subnet/ipv6-size': { severity: 'error', title: `An IPv6 subnet is not /${V6.largest} to /${V6.smallest} on a nibble boundary`, source: SUBNETS },
  'subnet/ipv6-without-vpc-ipv6': { severity: 'error', title: 'An IPv6 subnet in a VPC without an IPv6 block', source: SUBNETS },
  'subnet/no-address': { severity: 'error', title: 'A subnet has neither an IPv4 nor an IPv6 block', source: SUBNETS },
  'subnet/no-availability-zone': {
    severity: 'error',
    title: 'A subnet has no availability zone',
    source: `docs/network-rules.md#aws-subnets (a subnet lives in one Availability Zone); AWS VPC User Guide, "Subnets for your VPC"`,
  },
  'subnet/quota': {
    severity: 'warning',
    title: 'More subnets than the per-VPC quota',
    source: `${SUBNETS}; AWS VPC User Guide, "Amazon VPC quotas" (adjustable)`,
  },
} satisfies FindingDefinitions;

type SubnetFinding = FindingOf<typeof FINDINGS>;

export const subnetsRule = defineVpcRule({
  scope: 'vpc',
  name: 'subnets',
  reads: ['settings'],
  findings: FINDINGS,
  check({ vpc, subnets }: VpcView, index: PlanIndex): SubnetFinding[] {
    const { plan } = index;
    const out: SubnetFinding[] = [];
    const vpcName = nameOf(vpc);
    const v4Blocks = vpcBlocks(index, vpc, 4);
    const v6Blocks = vpcBlocks(index, vpc, 6);
    // Parallel arrays, not an object per subnet: this runs for every subnet of a plan just opened.
    const v4Subnets: Subnet[] = [];
    const usedV4: Cidr[] = [];
    const v6Subnets: Subnet[] = [];
    const usedV6: Cidr[] = [];
    const listed = subnetListBlocks(index, subnets);
    // The check run's ledgers for this VPC (./block-allocation), shared with the sizing rule;
    // looked up on the first finding that proposes a block: most VPCs raise none.
    let allocV4: SubnetSpace | undefined;
    let allocV6: SubnetSpace | undefined;
    for (let k = 0; k < subnets.length; k++) {
      const subnet = subnets[k]!;
      const a = listed.v4[k];
      const b = listed.v6[k];
      if (a) {
        v4Subnets.push(subnet);
        usedV4.push(a);
      }
      if (b) {
        v6Subnets.push(subnet);
        usedV6.push(b);
      }
    }

    for (let k = 0; k < subnets.length; k++) {
      const subnet = subnets[k]!;
      const has4 = subnet.ipv4Cidr !== undefined && subnet.ipv4Cidr !== '';
      const has6 = subnet.ipv6Cidr !== undefined && subnet.ipv6Cidr !== '';
      if (!has4 && !has6) {
        out.push({
          code: 'subnet/no-address',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv4Cidr',
          message: `Subnet ${nameOf(subnet)} in VPC ${vpcName} has neither an IPv4 nor an IPv6 block.`,
          fix: (() => {
            const free = v4Blocks.length > 0 ? (allocV4 ??= blockAllocation(index).subnets(vpc, 4)).blockFor(subnet, 24) : undefined;
            return free
              ? `Give it an IPv4 block, e.g. ${formatCidr(free)} (the next free /24 in VPC ${vpcName}).`
              : 'Give it an IPv4 or IPv6 block from the VPC.';
          })(),
        });
      }
      if (subnet.availabilityZone.trim() === '') {
        out.push({
          code: 'subnet/no-availability-zone',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'availabilityZone',
          message: `Subnet ${nameOf(subnet)} in VPC ${vpcName} has no availability zone; every AWS subnet lives in exactly one zone of its VPC's Region (${vpc.region}).`,
          fix: `Set its availability zone, e.g. ${vpc.region}a; spread the subnets of one tier over at least two zones.`,
        });
      }
      if (has6 && vpc.ipv6Cidrs.length === 0) {
        out.push({
          code: 'subnet/ipv6-without-vpc-ipv6',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv6Cidr',
          cidrs: [subnet.ipv6Cidr!],
          message: `Subnet ${nameOf(subnet)} has the IPv6 block ${subnet.ipv6Cidr}, but VPC ${vpcName} has no IPv6 block.`,
          fix: `Add an IPv6 block to VPC ${vpcName} (Amazon-provided: a /${AMAZON_VPC_IPV6_PREFIX}), or remove the subnet's IPv6 block.`,
        });
      }
    }

    // Names and texts are formatted only inside a finding: formatting 10,000 blocks costs more than checking them.
    for (let k = 0; k < usedV4.length; k++) {
      const subnet = v4Subnets[k]!;
      const block = usedV4[k]!;
      if (!prefixIn(V4, block.prefix)) {
        out.push({
          code: 'subnet/size',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv4Cidr',
          cidrs: [formatCidr(block)],
          message: `Subnet ${nameOf(subnet)} (${formatCidr(block)}) is a /${block.prefix}; an AWS subnet is /${V4.largest} to /${V4.smallest}.`,
          fix:
            block.prefix > V4.smallest
              ? `Make it at least a /${V4.smallest} (${SMALLEST_SIZE} addresses, ${SMALLEST_SIZE - RESERVED_ADDRESSES_PER_SUBNET} usable).`
              : `Make it a /${V4.largest} or smaller, and split the hosts over several subnets.`,
        });
      }
      if (v4Blocks.length > 0 && !insideAny(v4Blocks, block)) {
        allocV4 ??= blockAllocation(index).subnets(vpc, 4);
        const free = prefixIn(V4, block.prefix) ? allocV4.blockFor(subnet, block.prefix) : undefined;
        out.push({
          code: 'subnet/outside-vpc',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv4Cidr',
          cidrs: [formatCidr(block), ...v4Blocks.map(formatCidr)],
          message: `Subnet ${nameOf(subnet)} (${formatCidr(block)}) lies outside VPC ${vpcName}'s ${v4Blocks.length > 1 ? 'blocks' : 'block'} ${blockList(v4Blocks)}.`,
          fix: free
            ? `Use ${formatCidr(free)}, the next free /${block.prefix} in the VPC.`
            : `There is no free /${block.prefix} left in the VPC: add a secondary block that contains ${formatCidr(block)}, or use a smaller subnet.`,
          ...(free ? { fixes: moveTo(subnet, 'ipv4Cidr', free) } : {}),
        });
      }
    }

    for (let k = 0; k < usedV6.length; k++) {
      const subnet = v6Subnets[k]!;
      const block = usedV6[k]!;
      if (!prefixIn(V6, block.prefix)) {
        const nearest = Math.min(V6.smallest, Math.max(V6.largest, Math.ceil(block.prefix / V6.step) * V6.step));
        out.push({
          code: 'subnet/ipv6-size',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv6Cidr',
          cidrs: [formatCidr(block)],
          message: `Subnet ${nameOf(subnet)}'s IPv6 block ${formatCidr(block)} is a /${block.prefix}; an AWS IPv6 subnet is /${V6.largest} to /${V6.smallest} in steps of ${V6.step}.`,
          fix: `Use a /${nearest === V6.smallest || block.prefix > V6.smallest ? V6.smallest : nearest}; /${USUAL_SUBNET_IPV6_PREFIX} is the usual size.`,
        });
      }
      if (v6Blocks.length > 0 && !insideAny(v6Blocks, block)) {
        allocV6 ??= blockAllocation(index).subnets(vpc, 6);
        const free = prefixIn(V6, block.prefix) ? allocV6.blockFor(subnet, block.prefix) : undefined;
        out.push({
          code: 'subnet/ipv6-outside-vpc',
          severity: 'error',
          subjects: [subnet.id, vpc.id],
          field: 'ipv6Cidr',
          cidrs: [formatCidr(block), ...v6Blocks.map(formatCidr)],
          message: `Subnet ${nameOf(subnet)}'s IPv6 block ${formatCidr(block)} lies outside VPC ${vpcName}'s IPv6 ${v6Blocks.length > 1 ? 'blocks' : 'block'} ${blockList(v6Blocks)}.`,
          fix: free ? `Use ${formatCidr(free)}, the next free /${block.prefix} in the VPC.` : `Use a /${USUAL_SUBNET_IPV6_PREFIX} from ${blockList(v6Blocks)}.`,
          ...(free ? { fixes: moveTo(subnet, 'ipv6Cidr', free) } : {}),
        });
      }
    }

    for (const [listSubnets, used] of [
      [v4Subnets, usedV4],
      [v6Subnets, usedV6],
    ] as const) {
      if (used.length < 2) continue;
      const pairs = findOverlappingPairs(used);
      for (const [i, j] of pairs) {
        const [first, second] = i < j ? [i, j] : [j, i];
        const a = { subnet: listSubnets[first]!, block: used[first]! };
        const b = { subnet: listSubnets[second]!, block: used[second]! };
        const version = a.block.version;
        const alloc = version === 4 ? (allocV4 ??= blockAllocation(index).subnets(vpc, 4)) : (allocV6 ??= blockAllocation(index).subnets(vpc, 6));
        const free = alloc.blockFor(b.subnet, b.block.prefix);
        out.push({
          code: 'subnet/overlap',
          severity: 'error',
          subjects: [b.subnet.id, a.subnet.id, vpc.id],
          field: version === 4 ? 'ipv4Cidr' : 'ipv6Cidr',
          cidrs: [formatCidr(a.block), formatCidr(b.block)],
          message: `Subnets ${nameOf(a.subnet)} (${formatCidr(a.block)}) and ${nameOf(b.subnet)} (${formatCidr(b.block)}) in VPC ${vpcName} overlap; AWS refuses a subnet that overlaps another.`,
          fix: free
            ? `Move ${nameOf(b.subnet)} to ${formatCidr(free)}, the next free /${b.block.prefix} in the VPC.`
            : `There is no free /${b.block.prefix} left in VPC ${vpcName}: add a block or shrink a subnet.`,
          ...(free ? { fixes: moveTo(b.subnet, version === 4 ? 'ipv4Cidr' : 'ipv6Cidr', free) } : {}),
        });
      }
    }

    const quota = plan.settings.quotas.subnetsPerVpc;
    if (subnets.length > quota) {
      out.push({
        code: 'subnet/quota',
        severity: 'warning',
        subjects: [vpc.id],
        message: `VPC ${vpcName} has ${formatCount(subnets.length)} subnets; the quota is ${formatCount(quota)} per VPC.`,
        fix: 'Ask AWS to raise "Subnets per VPC" and set settings.quotas.subnetsPerVpc to the new value, or spread the subnets over more VPCs.',
      });
    }
    return out;
  },
});
