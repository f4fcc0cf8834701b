/**
 * What the checks produce and how a rule is shaped. Each rule is a small module in
 * `shared/checks/rules/` that declares the finding codes it can raise (with the source
 * of the rule, which docs/findings.md is generated from) and a pure `check` function.
 */
import type { PlanIndex } from '../plan/plan-index';
import type { Plan, Subnet, Vpc } from '../plan/schema';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable code, `area/what`, e.g. `vpc/block-size`. Never renamed once released. */
  code: string;
  severity: Severity;
  /** One or two sentences in a network engineer's words, naming the objects and numbers. */
  message: string;
  /** Ids of the plan objects the finding is about (first = the main one). */
  subjects: string[];
  /** What to do about it, concretely ("use 10.1.4.0/23", "add a second address"). */
  fix?: string;
  /** The field of the first subject at fault, e.g. `ipv4Cidrs[1]` or `ipv4Cidr`. */
  field?: string;
  /** The CIDR blocks involved, so the UI can explain the bits ("Why?"). */
  cidrs?: string[];
}

export interface FindingDefinition {
  severity: Severity;
  /** Short title for the catalogue. */
  title: string;
  /** Where the rule comes from: a NETWORK-RULES.md section and the provider doc it cites. */
  source: string;
}

/** Checks one VPC and its subnets; the runner caches the result while neither changes. */
export interface VpcRule {
  scope: 'vpc';
  name: string;
  findings: Record<string, FindingDefinition>;
  /**
   * Plan sections the rule reads besides its VPC and that VPC's subnets (e.g. `settings`
   * for a quota). The runner keys its per-VPC cache on their identity too, so a rule that
   * reads a section without naming it here would show stale findings.
   */
  reads?: ReadonlyArray<keyof Plan>;
  check(vpc: VpcView, plan: PlanIndex): Finding[];
}

/** Checks across the plan; re-run only when one of the plan sections it names changes. */
export interface PlanRule {
  scope: 'plan';
  name: string;
  findings: Record<string, FindingDefinition>;
  dependsOn: ReadonlyArray<keyof Plan>;
  check(plan: PlanIndex): Finding[];
}

export type Rule = VpcRule | PlanRule;

/** A VPC with its subnets, as the per-VPC rules see it. */
export interface VpcView {
  vpc: Vpc;
  subnets: readonly Subnet[];
}

export type { PlanIndex };
