/** Exports for review and for other tools: Terraform, CSV, the review report, plan diffs and an SVG diagram. */
export { planToTerraform, type TerraformExport, type TerraformFile } from './terraform';
export { RESOURCE_ARGUMENTS, META_ARGUMENTS, isAllowedArgument, type ResourceType } from './terraform-arguments';
export { subnetsToCsv, SUBNET_CSV_COLUMNS, type SubnetCsvColumn } from './csv';
export {
  buildReviewReport,
  diagramPieces,
  diagramTiles,
  DIAGRAM_MIN_TEXT_PT,
  MARKDOWN_DIAGRAM_FILE,
  type ReportDiagramOptions,
  type ReviewReport,
  type ReviewReportOptions,
} from './report';
export {
  diffPlans,
  formatPlanDiff,
  classifyCidrChange,
  fieldLabel,
  FIELD_WORDS,
  KIND_WORDS,
  type PlanDiff,
  type ObjectChange,
  type ObjectRef,
  type FieldChange,
  type CidrChange,
  type CidrChangeKind,
  type ObjectKind,
} from './diff';
export { diagramDate, planToSvg, type DiagramSvgOptions } from './svg';
export { comparePlans, comparisonMarkdown, comparisonSummary, SIDES, WHERE_WORDS, type Difference, type PlanComparison, type Where } from './compare';
export { planToDrawio } from './drawio';
