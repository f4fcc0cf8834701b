/** The plan's settings (shared/plan/settings.ts names them for the user), changed as one edit. */
import type { Plan, PlanSettings } from '../schema';

/** The plan with these settings changed; the same plan when none differs (no undo step). */
export function updateSettings(plan: Plan, patch: Partial<PlanSettings>): Plan {
  const changed = (Object.keys(patch) as Array<keyof PlanSettings>).some((key) => JSON.stringify(patch[key]) !== JSON.stringify(plan.settings[key]));
  return changed ? { ...plan, settings: { ...plan.settings, ...patch } } : plan;
}
