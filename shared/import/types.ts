/** What every importer returns: a whole plan with notes on what was inferred or skipped, or the problems and nothing else. */
import type { Plan } from '../plan/schema';

export interface ImportProblem {
  /** The file the problem is in, as the caller named it. */
  file: string;
  /** 1-based line in that file, where known. */
  line?: number;
  /** JSON path inside the document (`$.Subnets[2].CidrBlock`), or the CSV column. */
  path?: string;
  message: string;
}

export type ImportResult =
  /** `skipped`: inputs the importer did not understand and left out (the CLI's --strict refuses them). */
  { ok: true; plan: Plan; notes: string[]; skipped?: ImportProblem[] } | { ok: false; problems: ImportProblem[] };

export interface ImportFile {
  name: string;
  text: string;
}
