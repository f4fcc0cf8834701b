/**
 * The fix for two connected VPCs whose blocks overlap (docs/network-rules.md#aws-vpc-peering:
 * AWS refuses a peering between VPCs with overlapping blocks; docs/network-rules.md#aws-transit-gateway:
 * VPCs with overlapping blocks on one transit gateway cannot both be routed): give one VPC,
 * for each of its IPv4 blocks that overlaps the other network, a free block of the same size,
 * and renumber the subnets of that block into the new one, keeping their order and sizes
 * (set-cidr `withSubnets`: renumberSubnets when the fix is applied, so the fix reads no subnet
 * and the rule's findings stay valid while only subnets change). One Apply, one undo step.
 *
 * The new blocks come from the check run's network ledger (./block-allocation), so they
 * overlap nothing in the plan, nothing another fix proposes, and no subnet proposal. Worked
 * out from the plan and the finding's subjects only, never from its wording.
 */
import { formatCidr, overlaps, type Cidr } from '../cidr';
import type { FixAction, SetCidrAction } from '../plan/edits/fix-actions';
import type { Vpc } from '../plan/schema';
import { blockAllocation } from './block-allocation';
import { nameOf, validCidr, vpcBlocks, vpcBlocksWithField } from './plan-index';
import { vpcBlocksRule } from './rules/vpc-blocks';
import type { Finding, PlanIndex } from './types';

/** The overlap findings between two connected VPCs, subjects [vpc, vpc moved by the fix, ...]. */
const FIXED_CODES: ReadonlySet<string> = new Set(['overlap/peered-vpcs', 'overlap/same-transit-gateway']);

/**
 * A block for VPC `vpcId` instead of `block`, free across the plan, from the check run's
 * ledger: asked twice (the finding's text, its fix) it is the same block.
 */
export function overlapReplacement(index: PlanIndex, vpcId: string, block: Cidr): Cidr | undefined {
  const vpc = index.vpcById.get(vpcId);
  if (!vpc || block.version !== 4) return undefined;
  return blockAllocation(index)
    .networks()
    .blockFor(vpcId, block, (candidate) => keepsVpcSound(index, vpc, block, candidate));
}

/**
 * Whether the VPC with `candidate` in place of `block` raises no error its own block rules
 * (sizes, forbidden ranges, restricted associations with its other blocks) did not raise
 * before: the proposal must not trade one error for another.
 */
function keepsVpcSound(index: PlanIndex, vpc: Vpc, block: Cidr, candidate: Cidr): boolean {
  const text = formatCidr(block);
  const same = (t: string) => {
    const own = validCidr(t, 4);
    return own !== undefined && formatCidr(own) === text;
  };
  const moved: Vpc = { ...vpc, ipv4Cidrs: vpc.ipv4Cidrs.map((t) => (same(t) ? formatCidr(candidate) : t)) };
  const errors = (v: Vpc) =>
    new Set(
      vpcBlocksRule
        .check({ vpc: v, subnets: [] }, index)
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.code}|${f.field ?? ''}`),
    );
  const before = errors(vpc);
  for (const e of errors(moved)) if (!before.has(e)) return false;
  return true;
}

/**
 * The fix that moves VPC `movingId` off the blocks of the networks `otherIds` (VPCs or external
 * networks): undefined when an IPv6 block overlaps (AWS assigns those), or when no free block is left.
 */
export function overlapFix(index: PlanIndex, movingId: string, otherIds: readonly string[]): FixAction | undefined {
  const vpc = index.vpcById.get(movingId);
  if (!vpc) return undefined;
  const others: Cidr[] = [];
  for (const id of otherIds) {
    const other = index.vpcById.get(id);
    if (other) others.push(...vpcBlocks(other, 4), ...vpcBlocks(other, 6));
    const network = index.plan.externalNetworks.find((n) => n.id === id);
    for (const text of network?.cidrs ?? []) {
      const block = validCidr(text);
      if (block) others.push(block);
    }
  }
  if (vpcBlocks(vpc, 6).some((b) => others.some((o) => overlaps(b, o)))) return undefined;
  const clashing = vpcBlocksWithField(vpc, 4).filter(({ block }) => others.some((o) => overlaps(block, o)));
  if (clashing.length === 0) return undefined;

  const steps: SetCidrAction[] = [];
  for (const { block, index: position, text } of clashing) {
    const to = overlapReplacement(index, vpc.id, block);
    if (!to) return undefined;
    steps.push({ kind: 'set-cidr', objectId: vpc.id, field: `ipv4Cidrs[${position}]`, from: text, to: formatCidr(to), withSubnets: true });
  }
  const moves = steps.map((step) => `${step.from} → ${step.to}`).join(', ');
  const label = `Move ${nameOf(vpc)} ${moves}, with its subnets`;
  return steps.length === 1 ? { ...steps[0]!, label } : { kind: 'combined', steps, label };
}

/**
 * The network overlap findings with their fixes: for the two-VPC codes (peered, same transit
 * gateway) the fix moves the second VPC of the subjects, the one the finding's text names.
 */
export function withOverlapFixes(index: PlanIndex, findings: Finding[]): Finding[] {
  for (const finding of findings) {
    if (!FIXED_CODES.has(finding.code) || finding.fixes) continue;
    const [stays, moves] = finding.subjects;
    if (stays === undefined || moves === undefined) continue;
    const fix = overlapFix(index, moves, [stays]);
    if (fix) finding.fixes = [fix];
  }
  return findings;
}
