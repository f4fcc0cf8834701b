/** Import of existing networks: AWS CLI JSON output and CSV spreadsheets, into a plan. */
export type { ImportFile, ImportProblem, ImportResult } from './types';
export { importAwsCli } from './aws-cli';
export { importCsv, enclosingBlock, type CsvImportOptions } from './csv';
export { understoodCommands } from './aws-shapes';
export { importTerraformState } from './terraform-state';
export { describeImportedPlan } from './summary';
