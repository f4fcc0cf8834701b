import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parsePlanText } from '../plan/load';
import * as schema from '../plan/schema';
import type { Plan } from '../plan/schema';
import { comparePlans, comparisonMarkdown, comparisonSummary } from './compare';
import { FIELD_WORDS, diffPlans, formatPlanDiff } from './diff';

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

/** Every object field name of a zod schema, nested objects and arrays of objects included. */
function fieldNames(type: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (type as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType } }).def;
  if (def.shape)
    for (const [key, value] of Object.entries(def.shape)) {
      out.add(key);
      fieldNames(value, out);
    }
  for (const inner of [def.innerType, def.element, def.in]) if (inner) fieldNames(inner, out);
  return out;
}

describe('field names in words', () => {
  it('has words for every field of the plan format (the layout aside, which is not compared)', () => {
    // The plan's own fields that a comparison shows, and every field of the objects in its lists.
    const fields = new Set(['name', 'description', 'settings']);
    for (const [key, value] of Object.entries(schema.PlanSchema.shape)) if (key !== 'layout') fieldNames(value as z.ZodType, fields);
    expect(fields.size).toBeGreaterThan(60);
    expect([...fields].filter((f) => FIELD_WORDS[f] === undefined)).toEqual([]);
    // Words, not identifiers: no camelCase survives.
    for (const [field, words] of Object.entries(FIELD_WORDS)) expect(words, field).not.toMatch(/[a-z][A-Z]/);
  });
});

describe('comparePlans: this plan against the other file', () => {
  const here = example('hub-and-spoke.vpcplan.json');

  it('a subnet the other file removed is only in this plan, and marked on this canvas', () => {
    const there = structuredClone(here);
    there.subnets = there.subnets.filter((s) => s.id !== 'sn-legacy-b');
    const legacyB = here.subnets.find((s) => s.id === 'sn-legacy-b')!;
    const legacyVpc = here.vpcs.find((v) => v.id === legacyB.vpcId)!;
    const c = comparePlans(here, there);
    expect(c.differences).toEqual([
      expect.objectContaining({
        key: 'subnet:sn-legacy-b',
        where: 'only-here',
        title: 'Subnet legacy-erp-b',
        details: [`IPv4 block: ${legacyB.ipv4Cidr}`, `VPC: ${legacyVpc.name} (${legacyVpc.id})`],
        canvasIds: ['sn-legacy-b', here.subnets.find((s) => s.id === 'sn-legacy-b')!.vpcId],
        marksItself: true,
      }),
    ]);
    // And the other way round: only in the other file, shown where it would be (its VPC).
    const back = comparePlans(there, here);
    expect(back.differences[0]).toMatchObject({
      where: 'only-there',
      canvasIds: [here.subnets.find((s) => s.id === 'sn-legacy-b')!.vpcId],
      marksItself: false,
    });
    expect(comparisonSummary(c)).toMatch(/^1 only in this plan, 0 only in the other file, 0 different/);
  });

  it('says each changed value with its side, in words, references by name', () => {
    const there = structuredClone(here);
    there.subnets.find((s) => s.id === 'sn-egress-pub-a')!.ipv4Cidr = '10.0.0.0/23';
    there.vpcs.find((v) => v.id === 'vpc-dev')!.ipv4Cidrs.push('100.64.0.0/16');
    const moved = there.subnets.find((s) => s.id === 'sn-dev-app-a')!;
    moved.availabilityZone = 'us-east-1c';
    moved.hostsNeeded = 900;
    there.settings.quotas.subnetsPerVpc = 300;
    there.peerings[0]!.accepterVpcId = 'vpc-dev';
    const c = comparePlans(here, there);
    const details = (id: string) => c.differences.find((d) => d.id === id)!.details;
    expect(details('sn-egress-pub-a')).toEqual([
      'IPv4 block: 10.0.0.0/24 in this plan, 10.0.0.0/23 in the other file (a different size, one inside the other)',
    ]);
    expect(details('vpc-dev')).toEqual(['IPv4 blocks: 100.64.0.0/16 only in the other file']);
    expect(details('sn-dev-app-a')).toEqual([
      'availability zone: us-east-1a in this plan, us-east-1c in the other file',
      `hosts needed: ${here.subnets.find((s) => s.id === 'sn-dev-app-a')!.hostsNeeded?.toLocaleString('en-US') ?? 'not set'} in this plan, 900 in the other file`,
    ]);
    const peering = here.peerings[0]!;
    const accepter = here.vpcs.find((v) => v.id === peering.accepterVpcId)!;
    expect(details(peering.id)).toEqual([`accepter VPC: ${accepter.name} (${accepter.id}) in this plan, dev-app (vpc-dev) in the other file`]);
    expect(c.differences.find((d) => d.id === peering.id)!.canvasIds).toEqual([peering.requesterVpcId, peering.accepterVpcId]);
    expect(c.planDetails).toEqual(['settings › quotas › subnets per VPC: 200 in this plan, 300 in the other file']);
    for (const d of c.differences)
      for (const line of d.details) expect(line, 'no raw field names').not.toMatch(/ipv4Cidr|availabilityZone|accepterVpcId|hostsNeeded/);
  });

  it('routes only one side has, in words, their targets by name on their own side', () => {
    const there = structuredClone(here);
    const table = there.routeTables.find((t) => t.id === 'rt-dev-private')!;
    table.routes.push({ destination: '192.168.0.0/16', target: 'transit-gateway', targetId: 'tgw-hub' });
    const nat = here.natGateways[0]!;
    const egress = here.routeTables.find((t) => t.routes.some((r) => r.target === 'nat-gateway'))!;
    const natRoute = egress.routes.find((r) => r.target === 'nat-gateway')!;
    there.routeTables.find((t) => t.id === egress.id)!.routes = egress.routes.filter((r) => r !== natRoute);
    const c = comparePlans(here, there);
    const details = (id: string) => c.differences.find((d) => d.id === id)!.details;
    const tgw = here.transitGateways[0]!;
    expect(details('rt-dev-private')).toEqual([
      `routes: 192.168.0.0/16 → transit gateway ${tgw.name === tgw.id ? tgw.id : `${tgw.name} (${tgw.id})`} only in the other file`,
    ]);
    expect(details(egress.id)).toEqual([
      `routes: ${natRoute.destination} → NAT gateway ${nat.name === nat.id ? nat.id : `${nat.name} (${nat.id})`} only in this plan`,
    ]);
  });

  it('findings only in one side, Markdown naming both files', () => {
    const there = structuredClone(here);
    there.subnets.find((s) => s.id === 'sn-egress-pub-a')!.ipv4Cidr = '10.0.0.0/23';
    const c = comparePlans(here, there);
    expect(c.findings.onlyThere.some((f) => f.code === 'subnet/overlap')).toBe(true);
    expect(c.findings.onlyHere.some((f) => f.code === 'subnet/overlap')).toBe(false);
    const text = comparisonMarkdown(c, { here: 'hub.json', there: 'hub v2.json' });
    expect(text).toMatch(/^# hub\.json compared with hub v2\.json\n/);
    expect(text).toContain('## In both, but different');
    expect(text).toContain('## Problems only in the other file');
    expect(comparisonMarkdown(comparePlans(here, structuredClone(here)), { here: 'a', there: 'b' })).toMatch(/No differences\.\n$/);
  });

  it('is diffPlans read from the other file to this plan', () => {
    const there = structuredClone(here);
    there.externalNetworks.push({ id: 'ext-new', name: 'new dc', kind: 'on-premises', cidrs: ['192.0.2.0/24'] });
    const diff = diffPlans(there, here);
    const c = comparePlans(here, there);
    expect(c.differences.filter((d) => d.where === 'only-there').map((d) => d.id)).toEqual(diff.removed.map((r) => r.id));
    expect(c.differences.filter((d) => d.where === 'only-here').map((d) => d.id)).toEqual(diff.added.map((r) => r.id));
    // The CLI's text names kinds and fields in words too.
    expect(formatPlanDiff(diffPlans(here, there), 'text')).toContain('external network new dc (ext-new)');
  });
});
