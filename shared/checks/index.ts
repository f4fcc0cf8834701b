/**
 * The check runner: every rule over a plan, in a stable order, and an incremental checker
 * for the editor that re-runs only what an edit can have changed.
 *
 * The editor updates the plan immutably (an edit replaces the changed object and the
 * arrays on its path; untouched objects keep their identity), so identity is the cache key:
 * a per-VPC rule's findings are kept while the VPC object, each of its subnets and the
 * plan sections the rule `reads` are the same objects; a plan rule's findings are kept
 * while every section in its `dependsOn` is the same object.
 */
import type { Plan, Subnet, Vpc } from '../plan/schema';
import { indexPlan, planIndexOf } from '../plan/plan-index';
import { engineRules } from './rules';
import { routingRules } from './rules/routing';
import { withoutKeeping } from './rules/routing/part-memo';
import type { DefinedRule, Finding, FindingDefinition, FindingDefinitions, PlanIndex, PlanRule, Rule, Severity, VpcRule } from './types';

export type { Finding, FindingDefinition, PlanIndex, PlanRule, Rule, Severity, VpcRule, VpcView } from './types';
export { indexPlan } from '../plan/plan-index';
export { natCapacity, type NatCapacity } from './rules/nat-capacity';
export { vpcFreeSpace, type VpcFreeSpace, type BlockFreeSpace } from './rules/sizing';
export { engineRules } from './rules';

/** Every rule, the engine's and the routing engine's. */
export const rules: readonly Rule[] = [...engineRules, ...routingRules];

/** The runner's own finding, declared like a rule's. */
const RUNNER_FINDINGS = {
  'engine/rule-failed': {
    severity: 'error',
    title: 'A check could not run (a bug in the checker, not in the plan)',
    source: 'VPC Planner engine: a rule threw; the other rules still ran',
  },
} satisfies FindingDefinitions;

export interface CatalogueEntry extends FindingDefinition {
  code: string;
  /** The rule that raises it. */
  rule: string;
}

/** Every finding code the engine can raise, with its severity, title, source and rule, sorted by code. */
export function findingCatalogue(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  const seen = new Map<string, string>();
  const add = (rule: string, findings: Record<string, FindingDefinition>) => {
    for (const [code, definition] of Object.entries(findings)) {
      const earlier = seen.get(code);
      if (earlier !== undefined) throw new Error(`Finding code ${code} is declared by both rule ${earlier} and rule ${rule}; a code belongs to one rule`);
      seen.set(code, rule);
      entries.push({ code, rule, ...definition });
    }
  };
  for (const rule of rules) add(rule.name, rule.findings);
  add('runner', RUNNER_FINDINGS);
  return entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order: severity (error, warning, info), then code, then subjects (then field and message, so ties never depend on rule order). */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity;
  const byCode = compareText(a.code, b.code);
  if (byCode !== 0) return byCode;
  const n = Math.min(a.subjects.length, b.subjects.length);
  for (let i = 0; i < n; i++) {
    const bySubject = compareText(a.subjects[i]!, b.subjects[i]!);
    if (bySubject !== 0) return bySubject;
  }
  if (a.subjects.length !== b.subjects.length) return a.subjects.length - b.subjects.length;
  const byField = compareText(a.field ?? '', b.field ?? '');
  if (byField !== 0) return byField;
  return compareText(a.message, b.message);
}

interface RuleSet {
  vpcRules: readonly VpcRule[];
  planRules: readonly PlanRule[];
  /** The plan sections any per-VPC rule reads besides its VPC and subnets. */
  vpcReads: ReadonlyArray<keyof Plan>;
}

function ruleSet(list: readonly Rule[]): RuleSet {
  const vpcRules = list.filter((r): r is DefinedRule<VpcRule> => r.scope === 'vpc');
  return {
    vpcRules,
    planRules: list.filter((r): r is DefinedRule<PlanRule> => r.scope === 'plan'),
    vpcReads: [...new Set(vpcRules.flatMap((r) => r.reads ?? []))],
  };
}

const ALL_RULES = ruleSet(rules);

const NO_SUBNETS: readonly Subnet[] = [];

function failed(rule: Pick<Rule, 'name'>, error: unknown, subjects: string[]): Finding<keyof typeof RUNNER_FINDINGS> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'engine/rule-failed',
    severity: 'error',
    subjects,
    message: `The ${rule.name} check failed and its findings are missing: ${reason}.`,
    fix: 'Report this with the plan file; the other checks still ran.',
  };
}

function runVpcRules(vpcRules: readonly VpcRule[], vpc: Vpc, index: PlanIndex, out: Finding[]): void {
  const view = { vpc, subnets: index.subnetsByVpc.get(vpc.id) ?? NO_SUBNETS };
  for (const rule of vpcRules) {
    try {
      for (const f of rule.check(view, index)) out.push(f);
    } catch (error) {
      out.push(failed(rule, error, [vpc.id]));
    }
  }
}

function runPlanRule(rule: PlanRule, index: PlanIndex): Finding[] {
  try {
    return rule.check(index);
  } catch (error) {
    return [failed(rule, error, [])];
  }
}

/** A full check: every rule (or the rules given, e.g. to time one part) over the whole plan, nothing remembered. */
export function checkPlan(plan: Plan, only?: readonly Rule[]): Finding[] {
  const { vpcRules, planRules } = only ? ruleSet(only) : ALL_RULES;
  // The plan's own index: a caller that read the plan first (the report) shares what it parsed.
  const index = planIndexOf(plan);
  const out: Finding[] = [];
  withoutKeeping(() => {
    for (const vpc of plan.vpcs) runVpcRules(vpcRules, vpc, index, out);
    for (const rule of planRules) for (const f of runPlanRule(rule, index)) out.push(f);
  });
  return out.sort(compareFindings);
}

interface VpcEntry {
  vpc: Vpc;
  subnets: readonly Subnet[];
  reads: unknown[];
  findings: Finding[];
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface Checker {
  /** The same findings as checkPlan(plan), re-using the work of the previous call where the plan kept its identity. */
  check(plan: Plan): Finding[];
  /** The index of the plan checked last (undefined before the first check): views of that plan read their blocks from it. */
  readonly index: PlanIndex | undefined;
}

/** What one check changed: the findings that went and the findings that came, in the full check's order of concatenation. */
interface Change {
  gone: Finding[];
  came: Finding[];
}

/**
 * Whether a sorted list has two neighbours the order cannot tell apart. Such a tie is
 * ordered by where its findings were concatenated, which a merge cannot know, so a result
 * with ties is always sorted whole.
 */
function hasTies(sorted: readonly Finding[]): boolean {
  for (let i = 1; i < sorted.length; i++) if (compareFindings(sorted[i - 1]!, sorted[i]!) === 0) return true;
  return false;
}

/**
 * The previous sorted result with `change` applied, or undefined when a finding that came
 * ties with one it meets (then only a whole sort gives the full check's order). A finding
 * that both went and came (a rule's memo handed back the same object) stays where it was.
 */
function merged(previous: Finding[], change: Change): Finding[] | undefined {
  const going = new Map<Finding, number>();
  for (const f of change.gone) going.set(f, (going.get(f) ?? 0) + 1);
  const came: Finding[] = [];
  for (const f of change.came) {
    const n = going.get(f);
    if (n) going.set(f, n - 1);
    else came.push(f);
  }
  let leaving = 0;
  for (const n of going.values()) leaving += n;
  if (leaving === 0 && came.length === 0) return previous;
  // Stable: findings that came in the same check keep their concatenation order on ties.
  came.sort(compareFindings);
  if (hasTies(came)) return undefined;
  const out: Finding[] = [];
  let j = 0;
  for (const f of previous) {
    const n = leaving > 0 ? going.get(f) : undefined;
    if (n) {
      going.set(f, n - 1);
      leaving--;
      continue;
    }
    while (j < came.length) {
      const order = compareFindings(came[j]!, f);
      if (order === 0) return undefined;
      if (order > 0) break;
      out.push(came[j++]!);
    }
    out.push(f);
  }
  while (j < came.length) out.push(came[j++]!);
  return out;
}

/**
 * An incremental checker over every rule (or the rules given). A check runs the rules
 * whose inputs changed, then applies what their findings gained and lost to the previous
 * sorted result (a merge, not a sort of every finding), so an edit costs what it touched.
 */
export function createChecker(only?: readonly Rule[]): Checker {
  return new IncrementalChecker(only ? ruleSet(only) : ALL_RULES);
}

class IncrementalChecker implements Checker {
  private previousIndex: PlanIndex | undefined;
  private readonly vpcCache = new Map<string, VpcEntry>();
  private readonly planCache = new Map<PlanRule, { deps: unknown[]; findings: Finding[] }>();
  private lastPlan: Plan | undefined;
  private lastReads: unknown[] = [];
  private lastResult: Finding[] = [];
  /** The last result has ties (see hasTies), or the cache does not match it: the next one is sorted whole. */
  private tied = true;

  constructor(private readonly rules: RuleSet) {}

  get index(): PlanIndex | undefined {
    return this.previousIndex;
  }

  check(plan: Plan): Finding[] {
    if (plan === this.lastPlan) return this.lastResult.slice();
    const index = indexPlan(plan, this.previousIndex);
    const change: Change = { gone: [], came: [] };
    const idsRepeat = index.vpcById.size !== plan.vpcs.length;
    if (!idsRepeat) this.checkVpcs(plan, index, change);
    this.checkPlanRules(plan, index, change);
    let result: Finding[] | undefined;
    if (idsRepeat) result = this.checkWhole(plan, index);
    else if (!this.tied) result = merged(this.lastResult, change);
    result ??= this.sortedWhole(plan);
    this.previousIndex = index;
    this.lastPlan = plan;
    this.lastResult = result;
    return result.slice();
  }

  /** Re-runs the per-VPC rules of each VPC whose inputs changed (the VPC ids are distinct). */
  private checkVpcs(plan: Plan, index: PlanIndex, change: Change): void {
    const reads = this.rules.vpcReads.map((section) => plan[section]);
    const readsKept = sameList(reads, this.lastReads);
    this.lastReads = reads;
    const previous = this.previousIndex;
    // Neither a VPC nor a VPC's subnet list changed: every entry stands.
    if (readsKept && previous && previous.plan.vpcs === plan.vpcs && previous.subnetsByVpc === index.subnetsByVpc) return;
    const cache = this.vpcCache;
    for (const vpc of plan.vpcs) {
      const subnets = index.subnetsByVpc.get(vpc.id) ?? NO_SUBNETS;
      const entry = cache.get(vpc.id);
      if (entry && entry.vpc === vpc && sameList(entry.subnets, subnets) && (readsKept || sameList(entry.reads, reads))) continue;
      const findings: Finding[] = [];
      runVpcRules(this.rules.vpcRules, vpc, index, findings);
      if (entry) for (const f of entry.findings) change.gone.push(f);
      for (const f of findings) change.came.push(f);
      cache.set(vpc.id, { vpc, subnets, reads, findings });
    }
    // A VPC deleted: its entry goes with its findings.
    if (cache.size > plan.vpcs.length) {
      for (const [id, entry] of cache) {
        if (index.vpcById.has(id)) continue;
        for (const f of entry.findings) change.gone.push(f);
        cache.delete(id);
      }
    }
  }

  private checkPlanRules(plan: Plan, index: PlanIndex, change: Change): void {
    for (const rule of this.rules.planRules) {
      const deps = rule.dependsOn.map((section) => plan[section]);
      const cached = this.planCache.get(rule);
      if (cached && sameList(cached.deps, deps)) continue;
      const findings = runPlanRule(rule, index);
      this.planCache.set(rule, { deps, findings });
      // A rule that handed back its previous findings changed nothing.
      if (cached?.findings === findings) continue;
      if (cached) for (const f of cached.findings) change.gone.push(f);
      for (const f of findings) change.came.push(f);
    }
  }

  /** Every cached finding in the full check's order of concatenation, sorted: the result when a merge cannot be. */
  private sortedWhole(plan: Plan): Finding[] {
    const out: Finding[] = [];
    for (const vpc of plan.vpcs) for (const f of this.vpcCache.get(vpc.id)?.findings ?? []) out.push(f);
    for (const rule of this.rules.planRules) for (const f of this.planCache.get(rule)?.findings ?? []) out.push(f);
    out.sort(compareFindings);
    this.tied = hasTies(out);
    return out;
  }

  /** For a plan whose VPC ids repeat: each VPC's entry is checked in plan order, as a full check concatenates, and everything sorted. */
  private checkWhole(plan: Plan, index: PlanIndex): Finding[] {
    const reads = this.rules.vpcReads.map((section) => plan[section]);
    const out: Finding[] = [];
    const seen = new Map<string, VpcEntry>();
    for (const vpc of plan.vpcs) {
      const subnets = index.subnetsByVpc.get(vpc.id) ?? NO_SUBNETS;
      let entry = seen.get(vpc.id) ?? this.vpcCache.get(vpc.id);
      if (!entry || entry.vpc !== vpc || !sameList(entry.subnets, subnets) || !sameList(entry.reads, reads)) {
        const findings: Finding[] = [];
        runVpcRules(this.rules.vpcRules, vpc, index, findings);
        entry = { vpc, subnets, reads, findings };
      }
      seen.set(vpc.id, entry);
      for (const f of entry.findings) out.push(f);
    }
    this.vpcCache.clear();
    for (const [id, entry] of seen) this.vpcCache.set(id, entry);
    this.lastReads = reads;
    for (const rule of this.rules.planRules) for (const f of this.planCache.get(rule)!.findings) out.push(f);
    // A repeated id keeps one entry, so the cache no longer matches the result: the next check sorts whole too.
    this.tied = true;
    return out.sort(compareFindings);
  }
}
