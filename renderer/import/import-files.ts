/**
 * File > Import: what the user picked (AWS CLI JSON, one or many describe-* outputs per file,
 * Terraform state, and CSV spreadsheets) becomes one new plan, or every problem in every file
 * and nothing else. AWS CLI files are read together (a subnet file needs its VPC file), as are
 * Terraform state files; each CSV is then read into the plan so far, so a CSV of subnets can
 * name VPCs the CLI output described. AWS CLI documents the importer does not read are
 * skipped and listed in the notes.
 *
 * The new plan is laid out with the canvas's own sizes and the app's ELK layout, so it
 * opens as the user would have arranged it with Shift+L.
 */
import { importAwsCli, importCsv, importTerraformState, type ImportProblem } from '../../shared/import';
import type { Plan } from '../../shared/plan/schema';
import { autoLayout } from '../canvas/auto-layout';
import { createCanvasDeriver } from '../canvas/derive';
import { createEngineViews } from '../canvas/engine-views';
import { moveNodes } from '../../shared/plan/edits';

export interface PickedFile {
  name: string;
  text: string;
}
export type CsvTarget = 'external-networks' | 'subnets';

export type FilesImport = { ok: true; plan: Plan; notes: string[] } | { ok: false; problems: ImportProblem[] };

/** A spreadsheet by its name, or (no telling extension) by not starting like JSON. */
export function isCsvFile(file: PickedFile): boolean {
  if (/\.(csv|tsv|txt)$/i.test(file.name)) return true;
  if (/\.json$/i.test(file.name)) return false;
  return !/^\s*[[{]/.test(file.text.replace(/^\uFEFF/, ''));
}

/** `terraform show -json` and terraform.tfstate both name the Terraform version near their start. */
export function isTerraformState(file: PickedFile): boolean {
  return !isCsvFile(file) && /"terraform_version"\s*:/.test(file.text.slice(0, 4000));
}

export function importFiles(files: readonly PickedFile[], csvInto: CsvTarget): FilesImport {
  if (files.length === 0)
    return {
      ok: false,
      problems: [{ file: '(none)', message: 'Choose at least one file: AWS CLI JSON output, Terraform state (terraform show -json) or a CSV of CIDR blocks.' }],
    };
  const state = files.filter(isTerraformState);
  const json = files.filter((f) => !isCsvFile(f) && !isTerraformState(f));
  const csv = files.filter(isCsvFile);
  const problems: ImportProblem[] = [];
  const notes: string[] = [];
  let plan: Plan | undefined;
  if (state.length > 0 && json.length > 0) {
    return {
      ok: false,
      problems: [
        {
          file: state[0]!.name,
          message: `is Terraform state and ${json[0]!.name} is AWS CLI output; import them one kind at a time (each makes its own plan)`,
        },
      ],
    };
  }
  if (json.length > 0 || state.length > 0) {
    const result = state.length > 0 ? importTerraformState(state) : importAwsCli(json);
    if (result.ok) {
      plan = result.plan;
      notes.push(...result.notes);
    } else problems.push(...result.problems);
  }
  for (const file of csv) {
    // Read even after a problem elsewhere, so the user sees every file's problems at once.
    const result = importCsv(file.text, { name: file.name, into: csvInto }, plan);
    if (result.ok) {
      plan = result.plan;
      notes.push(...result.notes.map((n) => `${file.name}: ${n}`));
    } else problems.push(...result.problems);
  }
  if (problems.length > 0 || !plan) return { ok: false, problems };
  return { ok: true, plan, notes };
}

/** The plan with every top-level box placed by ELK, at the sizes the canvas will draw them. */
export async function layOutForCanvas(plan: Plan): Promise<Plan> {
  // Box sizes do not depend on findings (only badges do), so none are needed here.
  const derived = createCanvasDeriver()(plan, createEngineViews().views([], plan), new Set(), undefined);
  const boxes = [...derived.sizes].map(([id, size]) => ({ id, ...size }));
  const links = derived.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return moveNodes(plan, (await autoLayout(boxes, links)).positions);
}

/** "file, line 3, $.Subnets[0].CidrBlock: message" parts, for the problems list. */
export function problemWhere(problem: ImportProblem): string {
  return [problem.file, problem.line !== undefined ? `line ${problem.line}` : '', problem.path ?? ''].filter(Boolean).join(', ');
}
