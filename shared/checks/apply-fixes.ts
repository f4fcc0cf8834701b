/**
 * Every unambiguous fix at once (`vpcplan check --fix`): a finding whose fix is exactly one
 * action is applied, then the plan is checked again before the next, so a fix always sees
 * the blocks the earlier ones took (two rules can never hand out the same block) and a fix
 * made stale by an earlier one is simply not offered any more.
 */
import { applyFix, describeFixChanges } from '../plan/edits/fix-actions';
import type { Plan } from '../plan/schema';
import { createChecker } from './index';
import type { Finding } from './types';

export interface AppliedFixes {
  plan: Plan;
  /** "changed app-b ipv4Cidr: 10.0.1.0/24 → 10.0.3.0/24", in the order applied. */
  changes: string[];
  /** The findings of the fixed plan. */
  findings: Finding[];
}

/** Guards against fixes that would undo each other: far more than any plan's fixable findings. */
const MAX_FIXES = 5000;

export function applyAllFixes(plan: Plan): AppliedFixes {
  const checker = createChecker();
  const changes: string[] = [];
  let current = plan;
  let findings = checker.check(current);
  for (let applied = 0; applied < MAX_FIXES; applied++) {
    let next: Plan | undefined;
    for (const f of findings) {
      if (f.fixes?.length !== 1) continue;
      const fix = f.fixes[0]!;
      const after = applyFix(current, fix);
      if (after === current) continue;
      changes.push(...describeFixChanges(current, fix));
      next = after;
      break;
    }
    if (!next) break;
    current = next;
    findings = checker.check(current);
  }
  return { plan: current, changes, findings };
}
