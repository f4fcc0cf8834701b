// `npm run lint:workflows`: every workflow in .github/workflows checked against GitHub's
// workflow schema (action-validator, which validates with the SchemaStore schema and
// checks that path globs match files). Runs in `npm test`; it needs no network.
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** action-validator's errors as lines: where in the file, and what is wrong. */
export function describeErrors(errors: readonly ValidationError[], indent = '  '): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const where = 'path' in error ? error.path : error.location ? `line ${error.location.line}, column ${error.location.column}` : 'the file';
    // A "one of" error holds one set of errors per alternative; the first is the job kind meant.
    const first = 'states' in error ? error.states?.[0] : undefined;
    if (first && first.errors.length > 0) lines.push(...describeErrors(first.errors, indent));
    else lines.push(`${indent}${where}: ${error.detail ?? error.title}`);
  }
  return lines;
}

export function lintWorkflow(text: string): string[] {
  const state = validateWorkflow(text);
  return describeErrors(state.errors);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const folder = path.join(root, '.github', 'workflows');
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  let failed = 0;
  for (const name of files) {
    const problems = lintWorkflow(readFileSync(path.join(folder, name), 'utf8'));
    if (problems.length === 0) continue;
    failed += 1;
    console.error(`.github/workflows/${name} is not a valid GitHub Actions workflow:\n${problems.join('\n')}`);
  }
  if (files.length === 0) {
    console.error('No workflow found in .github/workflows.');
    process.exitCode = 1;
  } else {
    console.log(`${files.length - failed} of ${files.length} workflow(s) valid: ${files.join(', ')}`);
    process.exitCode = failed > 0 ? 1 : 0;
  }
}
