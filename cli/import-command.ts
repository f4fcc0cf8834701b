/**
 * `vpcplan import`: AWS CLI JSON, Terraform state or a CSV of CIDRs -> a plan. The plan JSON
 * goes to stdout (or to --output, through the one atomic writer, file-output.ts: a reader never
 * sees half a plan, and a failed write leaves the old file); notes and a summary that counts
 * every kind go to stderr. Bad input: exit 2 with the problems, and nothing is written. AWS CLI
 * documents of a kind the importer does not read are reported and skipped; with --strict they
 * are refused (exit 2, nothing written).
 */
import type { FileSystem } from '../node/atomic-write';
import { describeImportedPlan, importAwsCli, importCsv, importTerraformState, type ImportProblem, type ImportResult } from '../shared/import';
import { serializePlan } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';
import { writeOutputFile, wroteLine } from './file-output';
import { UsageError, type CommandOutput } from './output';
import { loadPlanOrFail } from './plan-commands';

export interface ImportCommandOptions {
  /** Write the plan here instead of stdout. */
  output?: string;
  /** CSV only: what the rows become. */
  into?: 'external-networks' | 'subnets' | 'auto';
  /** CSV only: a plan to add the rows to. */
  base?: { name: string; text: string };
  /** Where --output is written; tests inject faults. */
  fs?: FileSystem;
  /** Refuse (exit 2) when any input was skipped as not understood. */
  strict?: boolean;
}

export const IMPORT_SOURCES = ['aws-cli', 'csv', 'terraform-state'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
const INTO = ['external-networks', 'subnets', 'auto'] as const;

export function parseImportSource(text: string | undefined): ImportSource {
  if (text === undefined) throw new UsageError(`import needs --from ${IMPORT_SOURCES.join('|')}`);
  if ((IMPORT_SOURCES as readonly string[]).includes(text)) return text as ImportSource;
  throw new UsageError(`--from ${text} is not one of ${IMPORT_SOURCES.join(', ')}`);
}

export function parseInto(text: string | undefined): ImportCommandOptions['into'] {
  if (text === undefined) return undefined;
  if ((INTO as readonly string[]).includes(text)) return text as ImportCommandOptions['into'];
  throw new UsageError(`--into ${text} is not one of ${INTO.join(', ')}`);
}

export async function importCommand(
  files: ReadonlyArray<{ name: string; text: string }>,
  from: ImportSource,
  options: ImportCommandOptions = {},
): Promise<CommandOutput> {
  if (files.length === 0)
    return { stdout: '', stderr: 'vpcplan: import takes one or more files, e.g. `vpcplan import --from aws-cli vpcs.json subnets.json`\n', code: 2 };
  if (from !== 'csv' && (options.into !== undefined || options.base !== undefined))
    return { stdout: '', stderr: 'vpcplan: --into and --base go with --from csv\n', code: 2 };
  let result: ImportResult;
  if (from === 'aws-cli') {
    result = importAwsCli(files);
  } else if (from === 'terraform-state') {
    result = importTerraformState(files);
  } else {
    let plan: Plan | undefined;
    if (options.base) {
      try {
        plan = loadPlanOrFail(options.base.text, options.base.name);
      } catch (error) {
        if (error instanceof UsageError) return { stdout: '', stderr: `vpcplan: ${error.message}\n`, code: 2 };
        throw error;
      }
    }
    const notes: string[] = [];
    result = { ok: false, problems: [] };
    for (const file of files) {
      result = importCsv(file.text, { name: file.name, into: options.into ?? 'auto' }, plan);
      if (!result.ok) break;
      plan = result.plan;
      notes.push(...result.notes.map((n) => `${file.name}: ${n}`));
    }
    if (result.ok) result = { ...result, notes };
  }
  if (!result.ok) {
    const lines = result.problems.map(formatProblem);
    return {
      stdout: '',
      stderr: `vpcplan: nothing imported; ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}\n`,
      code: 2,
    };
  }
  if (options.strict && result.skipped && result.skipped.length > 0) {
    const lines = result.skipped.map(formatProblem);
    return {
      stdout: '',
      stderr: `vpcplan: nothing imported (--strict); ${result.skipped.length} input${result.skipped.length === 1 ? ' was' : 's were'} not understood:\n${lines.join('\n')}\n`,
      code: 2,
    };
  }
  const noteText = result.notes.map((n) => `note: ${n}\n`).join('');
  const text = serializePlan(result.plan);
  const counted = describeImportedPlan(result.plan);
  if (options.output === undefined) return { stdout: text, stderr: `${noteText}imported ${counted}\n`, code: 0 };
  let written: string;
  try {
    written = await writeOutputFile(options.output, text, options.fs);
  } catch (error) {
    // Only the failure: the notes come again with the run that writes.
    if (error instanceof UsageError) return { stdout: '', stderr: `vpcplan: ${error.message}\n`, code: 2 };
    throw error;
  }
  const summary = `${wroteLine([options.output], [written]).trimEnd()}: ${counted}\n`;
  return { stdout: '', stderr: noteText + summary, code: 0 };
}

export function formatProblem(p: ImportProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : undefined, p.path].filter((x) => x !== undefined).join(', ');
  return `  ${where}: ${p.message}`;
}
