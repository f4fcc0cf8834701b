import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import threeTier from '../../examples/three-tier.vpcplan.json';
import { editFor, editStepArbitrary, type EditorModel } from '../../shared/edit-mix/edit-test-support';
import { seededRandom } from '../../shared/plan/edits/edit-test-support';
import { validatePlan } from '../../shared/plan/load';
import { emptyPlan, type Plan } from '../../shared/plan/schema';
import { createEditorStore, isDirty } from './editor-store';

function loaded(raw: unknown): Plan {
  const result = validatePlan(raw);
  if (!result.ok) throw new Error(result.summary);
  return result.plan;
}

describe('the editor store', () => {
  it('undo of any edit restores the plan exactly, and redo the edited one', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer(), fc.array(editStepArbitrary, { minLength: 1, maxLength: 30, size: 'max' }), (example, seed, steps) => {
        const random = seededRandom(seed);
        const store = createEditorStore(example ? loaded(threeTier) : emptyPlan(), { displayName: 'test' });
        let clipboard: EditorModel['clipboard'];
        for (const step of steps) {
          const before = store.getState().plan;
          const snapshot = structuredClone(before);
          const { edit, clipboard: next } = editFor({ plan: before, ...(clipboard ? { clipboard } : {}) }, step, random);
          clipboard = next;
          if (!edit) continue;
          const recorded = store.edit(edit);
          const after = store.getState().plan;
          expect(recorded).toBe(after !== before);
          if (!recorded) continue;
          const edited = structuredClone(after);
          store.undo();
          expect(store.getState().plan).toEqual(snapshot);
          store.redo();
          expect(store.getState().plan).toEqual(edited);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('keeps the selection to objects that still exist', () => {
    const store = createEditorStore(loaded(threeTier), { displayName: 'test' });
    const vpcId = store.getState().plan.vpcs[0]!.id;
    const subnetId = store.getState().plan.subnets[0]!.id;
    store.select([vpcId, subnetId]);
    store.edit((p) => ({ ...p, subnets: p.subnets.filter((s) => s.id !== subnetId) }));
    expect(store.getState().selection).toEqual([vpcId]);
  });

  it('edits of one burst (an arrow key held down) are one undo step; another burst, or an undo between, starts a new one', () => {
    const store = createEditorStore(loaded(threeTier), { displayName: 'test' });
    const start = store.getState().plan;
    const vpcId = start.vpcs[0]!.id;
    const nudge = (dx: number) => (p: Plan) => ({
      ...p,
      layout: { ...p.layout, nodes: { ...p.layout.nodes, [vpcId]: { ...p.layout.nodes[vpcId]!, x: p.layout.nodes[vpcId]!.x + dx } } },
    });
    for (let i = 0; i < 5; i++) store.edit(nudge(10), { burst: 'move-1' });
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().plan.layout.nodes[vpcId]!.x).toBe(start.layout.nodes[vpcId]!.x + 50);
    store.edit(nudge(10), { burst: 'move-2' });
    expect(store.getState().past).toHaveLength(2);
    store.undo();
    store.undo();
    expect(store.getState().plan).toBe(start);
    // After an undo, the same key does not reach back into the undone burst.
    store.redo();
    store.edit(nudge(1), { burst: 'move-1' });
    expect(store.getState().past).toHaveLength(2);
    // A plain edit ends any burst.
    store.edit(nudge(1));
    store.edit(nudge(1), { burst: 'move-1' });
    expect(store.getState().past).toHaveLength(4);
  });

  it('an edit that changes nothing is no undo step and leaves the document clean', () => {
    const store = createEditorStore(emptyPlan(), { displayName: 'test' });
    expect(store.edit((p) => p)).toBe(false);
    expect(store.getState().past).toHaveLength(0);
    expect(isDirty(store.getState())).toBe(false);
  });
});
