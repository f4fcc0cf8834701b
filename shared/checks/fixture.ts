/**
 * Small plans for tests and examples: write only what matters, the schema fills in the
 * defaults (so a fixture is always a valid plan).
 */
import { PlanSchema, type Plan, type PlanInput } from '../plan/schema';

export function planWith(parts: Omit<Partial<PlanInput>, 'format' | 'version'>): Plan {
  return PlanSchema.parse({ format: 'vpcplan', version: 1, ...parts });
}

/** A VPC input with defaults for the fields a test does not care about. */
export function vpc(id: string, ipv4Cidrs: string[], extra: Record<string, unknown> = {}) {
  return { id, name: id, ipv4Cidrs, ...extra };
}

export function subnet(id: string, vpcId: string, ipv4Cidr: string | undefined, extra: Record<string, unknown> = {}) {
  return { id, name: id, vpcId, availabilityZone: 'us-east-1a', tier: 'private' as const, ...(ipv4Cidr === undefined ? {} : { ipv4Cidr }), ...extra };
}
