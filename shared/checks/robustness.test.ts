/**
 * Whatever the user types into a plan, the checks answer with findings, never with an
 * exception: every CIDR field of the example plans is replaced by arbitrary text, and
 * every numeric field by extreme values the schema still allows.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from '../plan/load';
import type { Plan } from '../plan/schema';
import { reach } from '../routing';
import { checkPlan, findingCatalogue } from '.';

function example(name: string): Plan {
  const result = parsePlanText(readFileSync(new URL(`../../examples/${name}.vpcplan.json`, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(result.summary);
  return result.plan;
}

const base = example('hub-and-spoke');
const declared = new Set(findingCatalogue().map((entry) => entry.code));

/** Where CIDR text lives in a plan, as setters on a structured clone. */
const cidrFields: Array<(plan: Plan, text: string) => void> = [
  ...base.vpcs.map((_, i) => (plan: Plan, text: string) => {
    plan.vpcs[i]!.ipv4Cidrs[0] = text;
  }),
  ...base.subnets.map((_, i) => (plan: Plan, text: string) => {
    plan.subnets[i]!.ipv4Cidr = text;
  }),
  ...base.subnets.map((_, i) => (plan: Plan, text: string) => {
    plan.subnets[i]!.ipv6Cidr = text;
  }),
  ...base.routeTables.flatMap((table, i) =>
    table.routes.map((_, j) => (plan: Plan, text: string) => {
      plan.routeTables[i]!.routes[j]!.destination = text;
    }),
  ),
  (plan: Plan, text: string) => {
    plan.transitGateways[0]!.routeTables[0]!.routes[0]!.destination = text;
  },
  (plan: Plan, text: string) => {
    plan.externalNetworks[0]!.cidrs[0] = text;
  },
];

const cidrLike = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '/',
    '10.0.0.0',
    '10.0.0.1/16',
    '::/0',
    '0.0.0.0/0',
    '10.0.0.0/33',
    '2001:db8::/129',
    '256.0.0.0/8',
    '10.1.0.0/16',
    '10.1.0.0/24',
    'fe80::1%eth0/64',
    '١٠.0.0.0/8',
  ),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(40)).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
);

describe('the checks never throw', () => {
  it('on arbitrary text in CIDR fields', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(cidrFields.length - 1), cidrLike), { minLength: 1, maxLength: 8 }), (edits) => {
        const plan = structuredClone(base);
        for (const [field, text] of edits) cidrFields[field]!(plan, text);
        const findings = checkPlan(plan);
        for (const finding of findings) {
          expect(declared.has(finding.code), finding.code).toBe(true);
          expect(finding.code).not.toBe('engine/rule-failed');
          expect(finding.message.length).toBeGreaterThan(10);
        }
        expect(() => reach(plan, 'sn-dev-app-a', 'sn-prod-app-a')).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('on extreme numbers and empty names', () => {
    const plan = structuredClone(base);
    plan.subnets.forEach((s) => {
      s.hostsNeeded = 1e9;
      s.growthPercent = 10000;
      s.name = '';
    });
    plan.natGateways.forEach((n) => {
      n.demand = { instances: 1e9, peakConnectionsPerInstance: 1e9, destinations: [{ name: '', share: 100 }] };
    });
    plan.vpcs.forEach((v) => {
      v.growth = { subnets: 1e9, prefix: 28 };
    });
    const findings = checkPlan(plan);
    expect(findings.some((f) => f.code === 'engine/rule-failed')).toBe(false);
    expect(findings.some((f) => f.code === 'sizing/subnet-too-small')).toBe(true);
    expect(findings.some((f) => f.code === 'nat/capacity-exceeded')).toBe(true);
  });
});
