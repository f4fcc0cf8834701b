/** The last step of every import: the plan must pass validatePlan, then it gets a first layout. */
import { validatePlan } from '../plan/load';
import type { Plan, PlanInput } from '../plan/schema';
import { layOutPlan } from '../layout';
import type { ImportResult } from './types';
import { checkPlan } from '../checks';
import { subnetsRule } from '../checks/rules/subnets';
import { transitGatewayAttachmentsRule } from '../checks/rules/transit-gateway-attachments';

/**
 * Things an import carries over as found but AWS could not build as drawn; the import keeps
 * them (the plan is what the files say) and says so, and `vpcplan check` reports them as errors.
 */
const FLAGGED_ON_IMPORT = new Set(['tgw/attachment-other-region', 'tgw/route-to-attachment-without-subnets', 'subnet/no-availability-zone']);

function importWarnings(plan: Plan): string[] {
  return checkPlan(plan, [transitGatewayAttachmentsRule, subnetsRule])
    .filter((f) => FLAGGED_ON_IMPORT.has(f.code))
    .map((f) => `${f.message} (${f.code}; vpcplan check reports it as an error)`);
}

export function finish(raw: PlanInput, notes: string[]): ImportResult {
  const first = validatePlan(raw, 'the imported plan');
  if (!first.ok) return { ok: false, problems: first.problems.map((p) => ({ file: '(imported plan)', path: p.path, message: p.message })) };
  const plan: Plan = { ...first.plan, layout: layOutPlan({ ...first.plan, layout: { nodes: {} } }) };
  return { ok: true, plan, notes: [...new Set([...notes, ...importWarnings(plan)])] };
}
