/**
 * The CIDR blocks proposed when something new is added to a plan (a VPC, a subnet, a pasted
 * copy): which blocks count as "in use", and the first free block of the wanted size
 * (nextFreeBlock) in RFC 1918 space or in the VPC's own blocks.
 */
import { prefixIn, SUBNET_IPV4_PREFIX as SUBNET, VPC_IPV4_PREFIX } from '../aws-limits';
import { cidr, contains, formatCidr, nextFreeBlock, parseCidr, usableAddresses, type Cidr } from '../cidr';
import { externalBlocks, planIndexOf, subnetBlock, vpcBlocks } from './plan-index';
import type { Plan, Vpc } from './schema';

/** RFC 1918 private space, in the order most teams allocate from it. */
const PRIVATE_SPACES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(cidr);

/** A block typed or pasted as text (the plan's own blocks come from its index). */
function valid(text: string | undefined): Cidr | undefined {
  if (!text) return undefined;
  const result = parseCidr(text);
  return result.ok ? result.cidr : undefined;
}

/** A block for a new VPC that overlaps no VPC and no on-premises or other-cloud range. */
export function proposeVpcCidr(plan: Plan, prefix = VPC_IPV4_PREFIX.largest): string | undefined {
  const index = planIndexOf(plan);
  const used: Cidr[] = [];
  for (const vpc of plan.vpcs) used.push(...vpcBlocks(index, vpc, 4));
  for (const network of plan.externalNetworks) for (const { block } of externalBlocks(index, network)) used.push(block);
  for (const space of PRIVATE_SPACES) {
    if (prefix < space.prefix) continue;
    const block = nextFreeBlock(space, used, prefix);
    if (block) return formatCidr(block);
  }
  return undefined;
}

export type SubnetProposal = { ok: true; cidr: string } | { ok: false; reason: string };

/** The first free block of `prefix` in the VPC's IPv4 blocks, in association order. */
export function proposeSubnetCidr(plan: Plan, vpc: Vpc, prefix: number, exceptSubnetIds: readonly string[] = []): SubnetProposal {
  const index = planIndexOf(plan);
  const blocks = vpcBlocks(index, vpc, 4);
  if (blocks.length === 0) return { ok: false, reason: `${vpc.name || vpc.id} has no valid IPv4 block to take a subnet from; give it one first.` };
  if (!Number.isInteger(prefix) || !prefixIn(SUBNET, prefix))
    return { ok: false, reason: `A subnet's prefix is /${SUBNET.largest} to /${SUBNET.smallest} on AWS; /${prefix} is outside that.` };
  const used: Cidr[] = [];
  for (const subnet of plan.subnets) {
    if (subnet.vpcId !== vpc.id || exceptSubnetIds.includes(subnet.id)) continue;
    const block = subnetBlock(index, subnet, 4);
    if (block) used.push(block);
  }
  for (const block of blocks) {
    if (prefix < block.prefix) continue;
    const free = nextFreeBlock(block, used, prefix);
    if (free) return { ok: true, cidr: formatCidr(free) };
  }
  const largest = Math.min(...blocks.map((b) => b.prefix));
  return {
    ok: false,
    reason:
      prefix < largest
        ? `A /${prefix} is larger than any block of ${vpc.name || vpc.id} (the largest is a /${largest}).`
        : `No free /${prefix} is left in ${blocks.map(formatCidr).join(', ')}; try a smaller subnet or add a secondary block to the VPC.`,
  };
}

/** The prefix length of a CIDR text ("10.0.1.0/24" -> 24); undefined when it is not a valid block. */
export function prefixOf(text: string | undefined): number | undefined {
  return valid(text)?.prefix;
}

/** AWS: an IPv4 subnet is /16 to /28. */
export const SUBNET_PREFIXES = Array.from({ length: SUBNET.smallest - SUBNET.largest + 1 }, (_, i) => SUBNET.largest + i);

/** The subnet sizes AWS allows, with the addresses left after AWS's five reserved ones. */
export function subnetSizeChoices(): Array<{ prefix: number; usable: bigint }> {
  return SUBNET_PREFIXES.map((prefix) => ({ prefix, usable: usableAddresses({ version: 4, network: 0n, prefix }, 'aws') }));
}

/** The same position inside a new parent block: used when a VPC is duplicated with its subnets. */
export function rebase(child: string | undefined, fromParent: string, toParent: string): string | undefined {
  const inner = valid(child);
  const from = valid(fromParent);
  const to = valid(toParent);
  if (!inner || !from || !to || inner.version !== from.version || from.version !== to.version || from.prefix !== to.prefix || !contains(from, inner))
    return undefined;
  return formatCidr({ version: inner.version, network: inner.network - from.network + to.network, prefix: inner.prefix });
}
