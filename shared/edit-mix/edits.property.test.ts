/**
 * Random sequences of the editor's edits, from the bundled examples and from an empty plan:
 * after every step no reference points at nothing, the plan still loads (it validates against
 * the plan schema and survives a save and load unchanged), the step left the plan it was
 * given untouched (so undo, which keeps that plan, restores it exactly), and an edit that
 * returns a new plan really changed something (no empty undo steps).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import hubAndSpoke from '../../examples/hub-and-spoke.vpcplan.json';
import threeTier from '../../examples/three-tier.vpcplan.json';
import { deepFreeze, referenceProblems, seededRandom } from '../plan/edits/edit-test-support';
import { serializePlan, validatePlan } from '../plan/load';
import { emptyPlan, type Plan } from '../plan/schema';
import { editFor, editStepArbitrary, type EditorModel } from './edit-test-support';

function loaded(raw: unknown): Plan {
  const result = validatePlan(raw);
  if (!result.ok) throw new Error(result.summary);
  return result.plan;
}

const STARTS: Record<string, Plan> = { empty: emptyPlan(), 'three-tier': loaded(threeTier), 'hub-and-spoke': loaded(hubAndSpoke) };

function expectLoadable(plan: Plan, context: string): void {
  const again = validatePlan(JSON.parse(serializePlan(plan)));
  expect(again.ok ? [] : again.problems, context).toEqual([]);
  if (again.ok) expect(again.plan, context).toEqual(plan);
}

describe('random edit sequences', () => {
  it('start from plans with no dangling reference', () => {
    for (const [name, plan] of Object.entries(STARTS)) expect(referenceProblems(plan), name).toEqual([]);
  });

  it('never leave a dangling reference or a plan that would not load, and never change the plan they are given', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(STARTS)),
        fc.integer(),
        fc.array(editStepArbitrary, { minLength: 1, maxLength: 40, size: 'max' }),
        (start, seed, steps) => {
          const random = seededRandom(seed);
          let model: EditorModel = { plan: STARTS[start] as Plan };
          steps.forEach((step, i) => {
            const before = model.plan;
            const snapshot = structuredClone(before);
            deepFreeze(before);
            if (model.clipboard) deepFreeze(model.clipboard);
            const { edit, clipboard } = editFor(model, step, random);
            const after = edit ? edit(before) : before;
            const context = `step ${i} (${step.operation}) from ${start}`;
            expect(before, `${context}: the edit changed the plan it was given`).toEqual(snapshot);
            if (after !== before) {
              expect(after, `${context}: a new plan that changes nothing`).not.toEqual(before);
              expect(referenceProblems(after), context).toEqual([]);
              expectLoadable(after, context);
            }
            model = { plan: after, ...(clipboard ? { clipboard } : {}) };
          });
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
