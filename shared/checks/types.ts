/**
 * What the checks produce and how a rule is shaped. Each rule is a small module in
 * `shared/checks/rules/` that declares the finding codes it can raise (with the source
 * of the rule, which docs/findings.md is generated from) and a pure `check` function,
 * through `defineVpcRule` / `definePlanRule`, which hold `check` to the declared codes.
 */
import type { FixAction } from '../plan/edits/fix-actions';
import type { PlanIndex } from '../plan/plan-index';
import type { Plan, Subnet, Vpc } from '../plan/schema';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding<Code extends string = string> {
  /** Stable code, `area/what`, e.g. `vpc/block-size`. Never renamed once released. */
  code: Code;
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
  /**
   * The fix as data, applied by applyFix (shared/plan/edits): the UI's "Apply" and `check --fix`.
   * Blocks proposed together (the fixes of one VPC's subnets) come from one allocation, so
   * they never collide with each other or with existing blocks.
   */
  fixes?: FixAction[];
}

export interface FindingDefinition {
  severity: Severity;
  /** Short title for the catalogue. */
  title: string;
  /** Where the rule comes from: a docs/network-rules.md section (`docs/network-rules.md#<section>`) and the provider doc it cites. */
  source: string;
}

/** A rule's findings by code: every code it may raise, with the severity, title and source of each. */
export type FindingDefinitions<Code extends string = string> = { readonly [C in Code]: FindingDefinition };

/** The findings a rule with these definitions may raise: `FindingOf<typeof FINDINGS>`. */
export type FindingOf<Definitions> = Finding<Extract<keyof Definitions, string>>;

/** Checks one VPC and its subnets; the runner caches the result while neither changes. */
export interface VpcRule<Code extends string = string> {
  scope: 'vpc';
  name: string;
  findings: FindingDefinitions<Code>;
  /**
   * Plan sections the rule reads besides its VPC and that VPC's subnets (e.g. `settings`
   * for a quota). The runner keys its per-VPC cache on their identity too, so a rule that
   * reads a section without naming it here would show stale findings.
   */
  reads?: ReadonlyArray<keyof Plan>;
  /** Findings of the declared codes only (NoInfer: the codes come from `findings`, never from what check returns). */
  check(vpc: VpcView, plan: PlanIndex): Finding<NoInfer<Code>>[];
}

/** Checks across the plan; re-run only when one of the plan sections it names changes. */
export interface PlanRule<Code extends string = string> {
  scope: 'plan';
  name: string;
  findings: FindingDefinitions<Code>;
  dependsOn: ReadonlyArray<keyof Plan>;
  check(plan: PlanIndex): Finding<NoInfer<Code>>[];
}

declare const declared: unique symbol;

/** A rule made by defineVpcRule or definePlanRule: only those run (a rule object written by hand would escape the check on its codes). */
export type DefinedRule<R extends VpcRule | PlanRule> = R & { readonly [declared]: true };

export type Rule = DefinedRule<VpcRule> | DefinedRule<PlanRule>;

/**
 * Declares a per-VPC rule. Its codes are the keys of `findings`, and `check` may return
 * findings of those codes only: a finding with a code the rule did not declare does not
 * compile (the error points at the code), so the catalogue (docs/findings.md, generated
 * from the declarations) lists every code the engine can raise, with its source.
 */
export function defineVpcRule<const Code extends string>(rule: VpcRule<Code>): DefinedRule<VpcRule<Code>> {
  return rule as DefinedRule<VpcRule<Code>>;
}

/** Declares a rule over the whole plan, held to its declared codes like defineVpcRule. */
export function definePlanRule<const Code extends string>(rule: PlanRule<Code>): DefinedRule<PlanRule<Code>> {
  return rule as DefinedRule<PlanRule<Code>>;
}

/** A VPC with its subnets, as the per-VPC rules see it. */
export interface VpcView {
  vpc: Vpc;
  subnets: readonly Subnet[];
}

export type { PlanIndex };
