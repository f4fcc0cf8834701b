/** Runs one rule over a plan, as the runner would, for the rule tests. */
import type { Plan } from '../../plan/schema';
import { indexPlan } from '../../plan/plan-index';
import type { Finding, Rule } from '../types';

export function run(rule: Rule, plan: Plan): Finding[] {
  const index = indexPlan(plan);
  if (rule.scope === 'plan') return rule.check(index);
  return plan.vpcs.flatMap((vpc) => rule.check({ vpc, subnets: index.subnetsByVpc.get(vpc.id) ?? [] }, index));
}

export function codes(rule: Rule, plan: Plan): string[] {
  return run(rule, plan).map((f) => f.code);
}
