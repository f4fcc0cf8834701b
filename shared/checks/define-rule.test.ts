/**
 * definePlanRule and defineVpcRule hold a rule to the finding codes it declares. The proof is the type checker
 * (`npm run typecheck` compiles this file): each `@ts-expect-error` below marks a line that
 * must not compile, and tsc fails if one of them does.
 */
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../plan/plan-index';
import { planWith } from './fixture';
import { definePlanRule, defineVpcRule, type Finding, type PlanRule, type Rule } from './types';

const FINDINGS = {
  'example/declared': { severity: 'info', title: 'A finding the rule declares', source: 'this test' },
} as const;

describe('declaring a rule', () => {
  it('lets a rule raise the codes it declares', () => {
    const rule = definePlanRule({
      scope: 'plan',
      name: 'example',
      dependsOn: [],
      findings: FINDINGS,
      check: () => [{ code: 'example/declared', severity: 'info', message: 'Declared.', subjects: [] }],
    });
    expect(rule.check(indexPlan(planWith({}))).map((f) => f.code)).toEqual(['example/declared']);
  });

  it('refuses, at compile time, a code the rule did not declare', () => {
    const rule = definePlanRule({
      scope: 'plan',
      name: 'example',
      dependsOn: [],
      findings: FINDINGS,
      check: () => [
        // @ts-expect-error 'example/undeclared' is not among the rule's findings.
        { code: 'example/undeclared', severity: 'info', message: 'Not declared.', subjects: [] },
      ],
    });
    // At run time nothing stops it: the type checker is the guard.
    expect(rule.check(indexPlan(planWith({})))[0]!.code).toBe('example/undeclared');
  });

  it('refuses findings built as plain Finding (any code) in a per-VPC rule', () => {
    const rule = defineVpcRule({
      scope: 'vpc',
      name: 'example',
      findings: FINDINGS,
      // @ts-expect-error Finding<string> is wider than the declared codes.
      check(): Finding[] {
        return [];
      },
    });
    expect(rule.scope).toBe('vpc');
  });

  it('runs only rules made by definePlanRule or defineVpcRule', () => {
    const byHand: PlanRule = { scope: 'plan', name: 'by-hand', dependsOn: [], findings: FINDINGS, check: () => [] };
    // @ts-expect-error a rule object written by hand is not a Rule: its codes were never checked.
    const rules: Rule[] = [byHand];
    expect(rules).toHaveLength(1);
  });
});
