/** Exports for review and for other tools: Terraform, CSV, the review report, plan diffs and an SVG diagram. */
export { planToTerraform, type TerraformExport, type TerraformFile } from './terraform';
export { RESOURCE_ARGUMENTS, META_ARGUMENTS, isAllowedArgument, type ResourceType } from './terraform-arguments';
export { subnetsToCsv, SUBNET_CSV_COLUMNS, type SubnetCsvColumn } from './csv';
export { buildReviewReport, type ReviewReportOptions } from './report';
export { diffPlans, formatPlanDiff, classifyCidrChange, type PlanDiff, type ObjectChange, type ObjectRef, type FieldChange, type CidrChange, type CidrChangeKind, type ObjectKind } from './diff';
export { diagramDate, planToSvg, type DiagramSvgOptions } from './svg';
