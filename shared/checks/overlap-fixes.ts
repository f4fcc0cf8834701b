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
import { externalBlocks, vpcBlocks, vpcBlocksWithField } from '../plan/plan-index';
import { blockAllocation } from './block-allocation';
import { vpcBlocksRule } from './rules/vpc-blocks';
import type { Finding, PlanIndex } from './types';
import { nameOf } from './wording';

/** The overlap findings between two connected VPCs, subjects [vpc, vpc moved by the fix, ...]. */
const FIXED_CODES: ReadonlySet<string> = new Set(['overlap/peered-vpcs', 'overlap/same-transit-gateway']);

/**
 * A block for VPC `vpcId` instead of `block`, free across the plan, from the check run's
 * ledger: asked twice (the finding's text, its fix) it is the same block.
 */
export function overlapReplacement(index: PlanIndex, vpcId: string, block: Cidr, scope?: object, homeFirst = true): Cidr | undefined {
  const vpc = index.vpcById.get(vpcId);
  if (!vpc || block.version !== 4) return undefined;
  return blockAllocation(index)
    .networks()
    .blockFor(vpcId, block, { accept: (candidate) => keepsVpcSound(index, vpc, block, candidate), homeFirst, scope });
}

/**
 * Whether the VPC with `candidate` in place of `block` raises no error its own block rules
 * (sizes, forbidden ranges, restricted associations with its other blocks) did not raise
 * before: the proposal must not trade one error for another.
 */
function keepsVpcSound(index: PlanIndex, vpc: Vpc, block: Cidr, candidate: Cidr): boolean {
  const text = formatCidr(block);
  const moving = new Set(
    vpcBlocksWithField(index, vpc, 4)
      .filter((listed) => formatCidr(listed.block) === text)
      .map((listed) => listed.index),
  );
  const moved: Vpc = { ...vpc, ipv4Cidrs: vpc.ipv4Cidrs.map((t, i) => (moving.has(i) ? formatCidr(candidate) : t)) };
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

/** The blocks (both versions) of the networks `ids`: VPCs or external networks. */
export function networkBlocks(index: PlanIndex, ids: readonly string[]): Cidr[] {
  const out: Cidr[] = [];
  let externals: Map<string, (typeof index.plan.externalNetworks)[number]> | undefined;
  for (const id of ids) {
    const other = index.vpcById.get(id);
    if (other) {
      out.push(...vpcBlocks(index, other, 4), ...vpcBlocks(index, other, 6));
      continue;
    }
    externals ??= new Map(index.plan.externalNetworks.map((n) => [n.id, n]));
    const network = externals.get(id);
    if (network) for (const { block } of externalBlocks(index, network)) out.push(block);
  }
  return out;
}

/**
 * The fix that moves VPC `movingId` off the blocks of the networks `otherIds` (VPCs or external
 * networks): undefined when an IPv6 block overlaps (AWS assigns those), or when no free block is left.
 */
export function overlapFix(index: PlanIndex, movingId: string, otherIds: readonly string[], scope?: object): FixAction | undefined {
  const steps = overlapSteps(index, movingId, networkBlocks(index, otherIds), scope);
  return steps && asFix(steps, `Move ${nameOf(index.vpcById.get(movingId))} ${movesText(steps)}, with its subnets`);
}

/** "10.0.0.0/16 → 10.1.0.0/16, 10.2.0.0/16 → 10.3.0.0/16". */
export function movesText(steps: readonly SetCidrAction[]): string {
  return steps.map((step) => `${step.from} → ${step.to}`).join(', ');
}

/** One step as itself, several as one combined fix: one Apply, one undo step. */
export function asFix(steps: readonly SetCidrAction[], label: string): FixAction {
  return steps.length === 1 ? { ...steps[0]!, label } : { kind: 'combined', steps: [...steps], label };
}

/**
 * The steps that move VPC `movingId` off `others` (blocks of other networks), each block from
 * overlapReplacement in `scope` (with `homeFirst`): undefined as for overlapFix.
 */
export function overlapSteps(index: PlanIndex, movingId: string, others: readonly Cidr[], scope?: object, homeFirst = true): SetCidrAction[] | undefined {
  const vpc = index.vpcById.get(movingId);
  if (!vpc) return undefined;
  if (vpcBlocks(index, vpc, 6).some((b) => others.some((o) => overlaps(b, o)))) return undefined;
  const clashing = vpcBlocksWithField(index, vpc, 4).filter(({ block }) => others.some((o) => overlaps(block, o)));
  if (clashing.length === 0) return undefined;

  const steps: SetCidrAction[] = [];
  for (const { block, index: position, text } of clashing) {
    const to = overlapReplacement(index, vpc.id, block, scope, homeFirst);
    if (!to) return undefined;
    steps.push({ kind: 'set-cidr', objectId: vpc.id, field: `ipv4Cidrs[${position}]`, from: text, to: formatCidr(to), withSubnets: true });
  }
  return steps;
}

/**
 * The network overlap findings with their fixes: for the two-VPC codes (peered, same transit
 * gateway) the fix moves the second VPC of the subjects, the one the finding's text names.
 */
export function withOverlapFixes<F extends Finding>(index: PlanIndex, findings: F[]): F[] {
  for (const finding of findings) {
    if (!FIXED_CODES.has(finding.code) || finding.fixes) continue;
    // Two VPCs: [a, b] for a peering, [a, b, gateway] for a transit gateway. A group's fixes
    // are made with its words (the rule's renumbering), one per block the words name.
    if (finding.subjects.length !== (finding.code === 'overlap/peered-vpcs' ? 2 : 3)) continue;
    const [stays, moves] = finding.subjects;
    if (stays === undefined || moves === undefined) continue;
    const fix = overlapFix(index, moves, [stays], finding);
    if (fix) finding.fixes = [fix];
  }
  return findings;
}
