/**
 * The comparison shown on the canvas: the other file stays loaded while the tray is open, the
 * comparison follows edits to this plan, each difference marks its nodes (a CSS class through
 * the derived canvas), and stepping to one frames it.
 */
import { useCallback, useMemo, useState, type RefObject } from 'react';
import { comparePlans, type Difference, type PlanComparison } from '../../shared/export';
import type { Plan } from '../../shared/plan/schema';
import type { CanvasApi } from '../canvas/Canvas';
import type { NodeMarks } from '../canvas/derive';

export interface ShownComparison {
  name: string;
  comparison: PlanComparison;
  /** The difference stepped to, an index into comparison.differences. */
  step: number;
}

/** The tray covers the canvas's left edge: framing keeps what it frames clear of it. */
function trayWidth(): number {
  return document.querySelector('[data-testid="compare-tray"]')?.getBoundingClientRect().width ?? 360;
}

/** What to frame for a difference: the node itself when it is one (close enough to read), else all that hold or join it. */
function framed(d: Difference): string[] {
  return d.marksItself ? [d.id] : d.canvasIds;
}

export function useComparison(plan: Plan, canvas: RefObject<CanvasApi | null>) {
  const [other, setOther] = useState<{ plan: Plan; name: string } | undefined>();
  const [step, setStep] = useState(0);
  const comparison = useMemo(() => (other ? comparePlans(plan, other.plan) : undefined), [plan, other]);
  const count = comparison?.differences.length ?? 0;
  const current = Math.min(step, Math.max(0, count - 1));

  const marks: NodeMarks | undefined = useMemo(() => {
    if (!comparison) return undefined;
    const out = new Map<string, string>();
    // A node that is itself a difference says which kind; a node that only holds or joins one says so.
    for (const d of comparison.differences) if (d.marksItself) out.set(d.id, `diff-mark diff-${d.where}`);
    for (const d of comparison.differences) {
      if (d.marksItself) continue;
      for (const id of d.canvasIds) if (!out.has(id)) out.set(id, 'diff-mark diff-holds');
    }
    for (const id of comparison.differences[current]?.canvasIds ?? []) out.set(id, `${out.get(id) ?? 'diff-mark'} diff-current`);
    return out;
  }, [comparison, current]);

  const go = useCallback(
    (index: number) => {
      if (!comparison || comparison.differences.length === 0) return;
      const n = comparison.differences.length;
      const next = ((index % n) + n) % n;
      setStep(next);
      const ids = framed(comparison.differences[next]!);
      if (ids.length > 0) requestAnimationFrame(() => canvas.current?.frame(ids, { coveredLeft: trayWidth() }));
    },
    [comparison, canvas],
  );

  const show = useCallback(
    (otherPlan: Plan, name: string) => {
      setOther({ plan: otherPlan, name });
      setStep(0);
      const first = comparePlans(plan, otherPlan).differences[0];
      if (first && first.canvasIds.length > 0) requestAnimationFrame(() => canvas.current?.frame(framed(first), { coveredLeft: trayWidth() }));
    },
    [plan, canvas],
  );

  const close = useCallback(() => setOther(undefined), []);

  const shown: ShownComparison | undefined = other && comparison ? { name: other.name, comparison, step: current } : undefined;
  return { shown, marks, show, close, go };
}
