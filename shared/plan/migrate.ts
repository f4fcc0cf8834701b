/**
 * Migrations: every load passes through `migratePlan`, which walks a file forward one
 * version at a time until it is current. A file from a newer app is refused with a
 * message to update, never guessed at. Version 1 is the first released format, so the
 * chain is empty today; the next format change adds `1: (v1) => v2` here and a fixture
 * of a version-1 file to the tests, so that an old file always opens.
 */
import { CURRENT_PLAN_VERSION, PLAN_FORMAT } from './schema';

type Migration = (plan: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] turns a version-n document into a version-(n+1) one. */
export const migrations: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; value: Record<string, unknown>; from?: number } | { ok: false; path: string; message: string };

export function migratePlan(raw: unknown, chain: Readonly<Record<number, Migration>> = migrations, current = CURRENT_PLAN_VERSION): MigrationResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      path: '$',
      message: `should be a JSON object with "format": "${PLAN_FORMAT}", not ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`,
    };
  }
  const doc = raw as Record<string, unknown>;
  if (doc.format !== PLAN_FORMAT) {
    const found = doc.format === undefined ? 'has no "format" field' : `has "format": ${JSON.stringify(doc.format)}`;
    return {
      ok: false,
      path: '$.format',
      message: `${found}; a VPC Planner file has "format": "${PLAN_FORMAT}" (to bring in AWS CLI output or a CSV, use Import instead)`,
    };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, path: '$.version', message: `should be a whole number from 1 to ${current}, not ${JSON.stringify(version)}` };
  }
  if (version > current) {
    return {
      ok: false,
      path: '$.version',
      message: `is ${version}: the file was written by a newer VPC Planner (this one reads versions up to ${current}); update VPC Planner to open it`,
    };
  }
  let value = doc;
  for (let v = version; v < current; v += 1) {
    const step = chain[v];
    if (!step) return { ok: false, path: '$.version', message: `is ${version}, and there is no migration from version ${v}; this file cannot be upgraded` };
    value = { ...step(value), version: v + 1 };
  }
  return version === current ? { ok: true, value } : { ok: true, value, from: version };
}
