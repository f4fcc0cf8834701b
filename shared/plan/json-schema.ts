/** The plan format as JSON Schema (docs/plan.schema.json), generated from the zod schema. */
import { z } from 'zod';
import { PlanSchema } from './schema';

export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'plan.schema.json',
    title: 'VPC Planner plan',
    description:
      'A network plan: VPCs, subnets, gateways, route tables, peering, transit gateways, Lattice service networks and external networks, with canvas positions kept apart in `layout`.',
    ...schema,
  };
}

export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
