/** The last step of every import: the plan must pass validatePlan, then it gets a first layout. */
import { validatePlan } from '../plan/load';
import type { Plan, PlanInput } from '../plan/schema';
import { layOutPlan } from '../layout';
import type { ImportResult } from './types';

export function finish(raw: PlanInput, notes: string[]): ImportResult {
  const first = validatePlan(raw, 'the imported plan');
  if (!first.ok) return { ok: false, problems: first.problems.map((p) => ({ file: '(imported plan)', path: p.path, message: p.message })) };
  const plan: Plan = { ...first.plan, layout: layOutPlan({ ...first.plan, layout: { nodes: {} } }) };
  return { ok: true, plan, notes: [...new Set(notes)] };
}

