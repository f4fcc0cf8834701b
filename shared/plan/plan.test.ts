import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planJsonSchemaText } from './json-schema';
import { MAX_PLAN_BYTES, parsePlanText, serializePlan, validatePlan } from './load';
import { migratePlan } from './migrate';
import { CURRENT_PLAN_VERSION, emptyPlan } from './schema';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const minimal = (extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'vpcplan', version: 1, ...extra });

function problemsOf(text: string) {
  const result = parsePlanText(text, 'plan.json');
  if (result.ok) throw new Error('expected the load to fail');
  return result;
}

describe('loading plans', () => {
  it.each(['three-tier', 'hub-and-spoke'])('loads the %s example', (name) => {
    const result = parsePlanText(read(`../../examples/${name}.vpcplan.json`), name);
    expect(result.ok, result.ok ? '' : result.summary).toBe(true);
  });

  it('fills defaults for what a file leaves out', () => {
    const result = parsePlanText(minimal({ vpcs: [{ id: 'v', name: 'a' }] }));
    expect(result.ok && result.plan.vpcs[0]).toMatchObject({ region: 'us-east-1', ipv4Cidrs: [], ipv6Source: 'amazon' });
    expect(result.ok && result.plan.settings.quotas.ipv4BlocksPerVpc).toBe(5);
  });

  it('round-trips through serializePlan', () => {
    const first = parsePlanText(read('../../examples/hub-and-spoke.vpcplan.json'));
    if (!first.ok) throw new Error(first.summary);
    const second = parsePlanText(serializePlan(first.plan));
    expect(second.ok && second.plan).toEqual(first.plan);
  });

  it('keeps invalid CIDR text for the checks to report', () => {
    const result = parsePlanText(minimal({ vpcs: [{ id: 'v', name: 'a', ipv4Cidrs: ['10.0.0.1/16'] }] }));
    expect(result.ok && result.plan.vpcs[0]?.ipv4Cidrs).toEqual(['10.0.0.1/16']);
  });
});

describe('bad plan files get a clear message and no exception', () => {
  it('points at the line and column of a JSON syntax error', () => {
    const result = problemsOf('{\n  "format": "vpcplan",\n  "version": 1,\n  "vpcs": [\n    {"id": "a" "name": "b"}\n  ]\n}');
    expect(result.problems[0]).toMatchObject({ line: 5, path: '$' });
    expect(result.summary).toMatch(/line 5, column \d+/);
    expect(result.summary).toMatch(/a comma is probably missing/);
  });

  it('refuses a file written by a newer version and says to update', () => {
    const result = problemsOf(JSON.stringify({ format: 'vpcplan', version: CURRENT_PLAN_VERSION + 1 }));
    expect(result.problems[0]?.path).toBe('$.version');
    expect(result.summary).toMatch(/newer VPC Planner.*update/);
  });

  it('recognises a file that is not a plan', () => {
    expect(problemsOf('{"Vpcs": []}').summary).toMatch(/no "format" field.*Import/);
    expect(problemsOf('[1, 2]').summary).toMatch(/JSON object/);
    expect(problemsOf('null').summary).toMatch(/not null/);
    expect(problemsOf('').summary).toMatch(/empty/);
    expect(problemsOf('   \n').summary).toMatch(/empty/);
  });

  it('names the JSON path of a wrong type', () => {
    const result = problemsOf(minimal({ vpcs: [{ id: 'v', name: 'a', ipv4Cidrs: '10.0.0.0/16' }] }));
    expect(result.problems[0]).toMatchObject({ path: '$.vpcs[0].ipv4Cidrs' });
    expect(result.problems[0]?.message).toMatch(/should be an array, not "10.0.0.0\/16"/);
  });

  it('names unknown fields so typos are found', () => {
    const result = problemsOf(minimal({ subnets: [{ id: 's', name: 'x', vpcId: 'v', availabilityZone: 'a', tier: 'private', ipv4cidr: '10.0.0.0/24' }] }));
    expect(result.problems[0]).toMatchObject({ path: '$.subnets[0]' });
    expect(result.problems[0]?.message).toMatch(/unknown field "ipv4cidr"/);
  });

  it('lists the allowed values of an enum', () => {
    const result = problemsOf(minimal({ subnets: [{ id: 's', name: 'x', vpcId: 'v', availabilityZone: 'a', tier: 'dmz' }] }));
    expect(result.problems[0]?.path).toBe('$.subnets[0].tier');
    expect(result.problems[0]?.message).toMatch(/"public", "private", "isolated"/);
  });

  it('refuses duplicate ids, naming both places', () => {
    const result = problemsOf(
      minimal({ vpcs: [{ id: 'v', name: 'a' }], subnets: [{ id: 'v', name: 'x', vpcId: 'v', availabilityZone: 'a', tier: 'public' }] }),
    );
    expect(result.problems[0]).toMatchObject({ path: '$.subnets[0].id' });
    expect(result.problems[0]?.message).toMatch(/already used at \$\.vpcs\[0\]/);
  });

  it('rejects huge numbers and out-of-range NAT addresses', () => {
    expect(problemsOf(minimal({ natGateways: [{ id: 'n', name: 'n', subnetId: 's', addresses: 9 }] })).summary).toMatch(/at most 8/);
    const huge = problemsOf(minimal({ subnets: [{ id: 's', name: 'x', vpcId: 'v', availabilityZone: 'a', tier: 'public', hostsNeeded: 1e300 }] }));
    expect(huge.problems[0]?.path).toBe('$.subnets[0].hostsNeeded');
  });

  it('refuses oversized files before parsing them', () => {
    const result = problemsOf(' '.repeat(MAX_PLAN_BYTES + 1));
    expect(result.summary).toMatch(/at most 64 MB/);
  });

  it('accepts a byte-order mark', () => {
    expect(parsePlanText(`\ufeff${minimal()}`).ok).toBe(true);
  });

  it('validates values that did not come from text', () => {
    expect(validatePlan(emptyPlan()).ok).toBe(true);
    expect(validatePlan(undefined).ok).toBe(false);
  });
});

describe('migrations', () => {
  it('walks an old document forward one version at a time', () => {
    const chain = {
      1: (doc: Record<string, unknown>) => ({ ...doc, renamed: doc.old }),
      2: (doc: Record<string, unknown>) => ({ ...doc, third: true }),
    };
    const result = migratePlan({ format: 'vpcplan', version: 1, old: 'x' }, chain, 3);
    expect(result).toEqual({ ok: true, from: 1, value: { format: 'vpcplan', version: 3, old: 'x', renamed: 'x', third: true } });
  });

  it('says when a step of the chain is missing', () => {
    const result = migratePlan({ format: 'vpcplan', version: 1 }, {}, 2);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/no migration from version 1/);
  });

  it('rejects versions that are not whole numbers', () => {
    for (const version of [0, -1, 1.5, '1', null]) {
      expect(migratePlan({ format: 'vpcplan', version }).ok).toBe(false);
    }
  });
});

describe('docs/plan.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema`)', () => {
    expect(read('../../docs/plan.schema.json')).toBe(planJsonSchemaText());
  });
});

describe('JSON syntax errors name the slip and its place', () => {
  it.each([
    ['{"a": 1,}', 1, 9, /trailing comma before "}"/],
    ['[1, 2,\n]', 2, 1, /trailing comma before "]"/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": 1 // note\n}', 1, 9, /comments are not allowed/],
    ['{"a": "x\n"}', 1, 9, /control character inside a string/],
    ['{"a": [1 2]}', 1, 10, /expected "," or "]"/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": 1}{', 1, 9, /after the end of the JSON document/],
    ['{"a": "unterminated', 1, 7, /never closed/],
    ['{"format": "vpcplan", "version": 1, "vpcs": [}', 1, 46, /expected a value/],
  ])('%j', (text, line, column, message) => {
    const result = problemsOf(text);
    expect(result.problems[0]).toMatchObject({ line, column });
    expect(result.problems[0]?.message).toMatch(message);
  });
});
