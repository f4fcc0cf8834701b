/**
 * Every load goes through here: JSON text -> migrate -> validate -> a Plan, or a list of
 * problems that say where (JSON path, and line for syntax errors) and what to do. Loading
 * never throws and never half-succeeds: the caller either gets a whole plan or keeps the
 * one it had.
 */
import type { z } from 'zod';
import { CURRENT_PLAN_VERSION, PLAN_FORMAT, PlanSchema, type Plan } from './schema';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax';
import { migratePlan } from './migrate';

export interface PlanProblem {
  /** JSON path into the file, e.g. `$.vpcs[2].ipv4Cidrs[0]`; `$` for the whole file. */
  path: string;
  message: string;
  /** 1-based line and column, where known (JSON syntax errors). */
  line?: number;
  column?: number;
}

export type PlanLoadResult = { ok: true; plan: Plan; migratedFrom?: number } | { ok: false; problems: PlanProblem[]; summary: string };

/** Larger than any real plan (the 5,000-VPC benchmark plan is ~20 MB); refuse before parsing. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

export function parsePlanText(text: string, sourceName = 'the file'): PlanLoadResult {
  if (text.length > MAX_PLAN_BYTES) {
    return fail(sourceName, [{ path: '$', message: `is ${(text.length / 1048576).toFixed(0)} MB; a plan file is at most ${MAX_PLAN_BYTES / 1048576} MB` }]);
  }
  if (text.trim() === '') {
    return fail(sourceName, [{ path: '$', message: 'is empty; a plan file is a JSON object starting with {"format": "vpcplan"' }]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    return fail(sourceName, [jsonSyntaxProblem(body, error)]);
  }
  return validatePlan(raw, sourceName);
}

/** Validate an already-parsed value (from IPC, the clipboard, a test). */
export function validatePlan(raw: unknown, sourceName = 'the plan'): PlanLoadResult {
  const migrated = migratePlan(raw);
  if (!migrated.ok) return fail(sourceName, [{ path: migrated.path, message: migrated.message }]);
  const parsed = PlanSchema.safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) return fail(sourceName, parsed.error.issues.slice(0, 50).map(issueToProblem));
  const duplicates = findDuplicateIds(parsed.data);
  if (duplicates.length > 0) return fail(sourceName, duplicates);
  return migrated.from === undefined ? { ok: true, plan: parsed.data } : { ok: true, plan: parsed.data, migratedFrom: migrated.from };
}

/** Stable, diff-friendly text: two-space indent and a final newline. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

function fail(sourceName: string, problems: PlanProblem[]): PlanLoadResult {
  const first = problems[0];
  const where = first ? (first.line !== undefined ? `line ${first.line}, column ${first.column}` : first.path) : '$';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return { ok: false, problems, summary: `${sourceName} is not a valid plan: at ${where}, ${first?.message ?? 'unknown problem'}${more}.` };
}

function jsonSyntaxProblem(text: string, error: unknown): PlanProblem {
  const found = findJsonSyntaxError(text);
  if (!found) return { path: '$', message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  const { line, column } = lineAndColumn(text, found.offset);
  return { path: '$', line, column, message: `is not valid JSON: ${found.message}` };
}

function issueToProblem(issue: z.core.$ZodIssue): PlanProblem {
  return { path: formatPath(issue.path), message: describeIssue(issue) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling (see docs/plan.schema.json)`;
    case 'invalid_type':
      return issue.input === undefined ? `is missing (expected ${issue.expected})` : `should be ${article(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `is ${describeValue(issue.input)}; expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Ids are how objects refer to each other, so two objects may not share one. */
function findDuplicateIds(plan: Plan): PlanProblem[] {
  const seen = new Map<string, string>();
  const problems: PlanProblem[] = [];
  const visit = (objectId: string, path: string) => {
    const earlier = seen.get(objectId);
    if (earlier !== undefined)
      problems.push({ path: `${path}.id`, message: `repeats the id "${objectId}" already used at ${earlier}; give each object its own id` });
    else seen.set(objectId, path);
  };
  const lists = [
    'vpcs',
    'subnets',
    'internetGateways',
    'egressOnlyGateways',
    'vpnGateways',
    'natGateways',
    'routeTables',
    'peerings',
    'serviceNetworks',
    'externalNetworks',
  ] as const;
  for (const list of lists)
    plan[list].forEach((item, i) => {
      visit(item.id, `$.${list}[${i}]`);
    });
  plan.transitGateways.forEach((tgw, i) => {
    visit(tgw.id, `$.transitGateways[${i}]`);
    tgw.routeTables.forEach((table, j) => {
      visit(table.id, `$.transitGateways[${i}].routeTables[${j}]`);
    });
    tgw.attachments.forEach((attachment, j) => {
      visit(attachment.id, `$.transitGateways[${i}].attachments[${j}]`);
    });
  });
  return problems.slice(0, 50);
}

export { CURRENT_PLAN_VERSION, PLAN_FORMAT };
