/**
 * What each entry of File > Export saves: its file name, bytes and MIME type, built from
 * the plan with the engine's exporters (shared/export). The review report draws its own
 * diagram from the dialog's choices (the selection, the legend), so a plan too large to page
 * prints its overview as the CLI's report does; the PNG and SVG are the dialog's (diagram-image.ts).
 *
 * Terraform is several files (versions.tf, providers.tf, variables.tf, one per resource family,
 * outputs.tf, README.md), so it is saved as one zip holding a folder of them: one save dialog,
 * one file that cannot be half-saved, unzipped where the module should live.
 */
import { strToU8, zipSync, type Zippable, type ZippableFile } from 'fflate';
import {
  buildReviewReport,
  MARKDOWN_DIAGRAM_FILE,
  planToDrawio,
  planToTerraform,
  subnetsToCsv,
  type ReportDiagramOptions,
  type ReviewReportOptions,
} from '../../shared/export';
import { serializePlan } from '../../shared/plan/load';
import type { Plan } from '../../shared/plan/schema';

/** A fixed time stamp in the zips: the same plan gives the same bytes. */
const TERRAFORM_ZIP_TIME = new Date('2000-01-01T00:00:00Z');

export type ExportFormat = 'png' | 'svg' | 'drawio' | 'pdf' | 'html' | 'markdown' | 'terraform' | 'csv' | 'json';

export interface ExportFormatInfo {
  format: ExportFormat;
  label: string;
  detail: string;
  /** Needs a picture of the canvas. */
  image: boolean;
}

export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  { format: 'png', label: 'PNG image', detail: 'The diagram, for slides and chat.', image: true },
  { format: 'svg', label: 'SVG image', detail: 'The diagram at any zoom, for documents.', image: true },
  {
    format: 'drawio',
    label: 'draw.io diagram',
    detail: 'The whole diagram for draw.io (diagrams.net): VPCs as containers holding their subnets, connections as edges.',
    image: false,
  },
  {
    format: 'pdf',
    label: 'Review report (PDF)',
    detail:
      'Title page, the diagram on landscape pages, accounts, VPCs and subnets, free space, routes, transit gateways, peerings, Lattice, VPN, NAT capacity, reachability and every finding, on A4 pages.',
    image: true,
  },
  { format: 'html', label: 'Review report (HTML)', detail: 'The same report as one self-contained web page.', image: true },
  {
    format: 'markdown',
    label: 'Review report (Markdown)',
    detail: 'The same report for a wiki or a pull request: a zipped folder of report.md and the diagram.svg it shows.',
    image: true,
  },
  {
    format: 'terraform',
    label: 'Terraform',
    detail: 'A zipped folder of .tf files for the AWS provider (one per family, variables, outputs) with a README of what to set.',
    image: false,
  },
  { format: 'csv', label: 'Subnets (CSV)', detail: 'One row per subnet, for a spreadsheet or an IPAM import.', image: false },
  { format: 'json', label: 'Plan (JSON)', detail: 'The plan document itself, as File > Save writes it.', image: false },
];

export interface ExportArtifact {
  fileName: string;
  data: string | Uint8Array;
  mimeType: string;
  /** For the PDF: the report HTML that the host prints. */
  printHtml?: string;
  warnings: string[];
}

/** A name safe for every save dialog: the plan's name without the characters a file name may not have. */
export function baseFileName(plan: Plan): string {
  const cleaned = plan.name
    .replace(/[/\\:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return (cleaned || 'plan').slice(0, 120);
}

export function buildExport(
  plan: Plan,
  format: Exclude<ExportFormat, 'png' | 'svg'>,
  options: { diagram?: ReportDiagramOptions; generatedAt?: string } = {},
): ExportArtifact {
  const base = baseFileName(plan);
  switch (format) {
    case 'pdf':
    case 'html':
    case 'markdown':
      return reportExport(plan, format, options);
    case 'terraform': {
      const { files, warnings } = planToTerraform(plan);
      const folder = `${base} terraform`;
      // A fixed time stamp: the same plan gives the same bytes.
      const entries: Zippable = Object.fromEntries(
        files.map((f): [string, ZippableFile] => [`${folder}/${f.name}`, [strToU8(f.text), { mtime: TERRAFORM_ZIP_TIME }]]),
      );
      return { fileName: `${folder}.zip`, data: zipSync(entries, { level: 6 }), mimeType: 'application/zip', warnings };
    }
    case 'drawio':
      return { fileName: `${base}.drawio`, data: planToDrawio(plan), mimeType: 'application/vnd.jgraph.mxfile', warnings: [] };
    case 'csv':
      return { fileName: `${base} subnets.csv`, data: subnetsToCsv(plan), mimeType: 'text/csv', warnings: [] };
    case 'json':
      return { fileName: `${base}.vpcplan.json`, data: serializePlan(plan), mimeType: 'application/json', warnings: [] };
  }
}

/**
 * The review report. A selection that cannot be drawn (nothing of it is on the diagram) does not
 * stop the export: the report shows the whole plan instead, and says so in the dialog.
 */
function reportExport(plan: Plan, format: 'pdf' | 'html' | 'markdown', options: ReviewReportOptions): ExportArtifact {
  const selection = options.diagram?.selection;
  if (!selection) return reportArtifact(plan, format, options);
  try {
    return reportArtifact(plan, format, options);
  } catch (error) {
    const { selection: _drawnWhole, ...whole } = options.diagram!;
    const artifact = reportArtifact(plan, format, { ...options, diagram: whole });
    const why = error instanceof Error ? error.message : String(error);
    return { ...artifact, warnings: [`The diagram of the selection could not be drawn (${why}), so the report shows the whole plan.`, ...artifact.warnings] };
  }
}

/** The report in one format; its forms are drawn lazily, so reading them here is where drawing fails. */
function reportArtifact(plan: Plan, format: 'pdf' | 'html' | 'markdown', options: ReviewReportOptions): ExportArtifact {
  const report = buildReviewReport(plan, options);
  const base = baseFileName(plan);
  if (format === 'markdown') {
    // The report links its diagram as a file beside it (git hosts show no data: image): one zip of the two.
    const folder = `${base} review`;
    const entries: Zippable = {
      [`${folder}/report.md`]: [strToU8(report.markdown), { mtime: TERRAFORM_ZIP_TIME }],
      [`${folder}/${MARKDOWN_DIAGRAM_FILE}`]: [strToU8(report.diagramSvg), { mtime: TERRAFORM_ZIP_TIME }],
    };
    return { fileName: `${folder}.zip`, data: zipSync(entries, { level: 6 }), mimeType: 'application/zip', warnings: [] };
  }
  if (format === 'html') return { fileName: `${base} review.html`, data: report.html, mimeType: 'text/html', warnings: [] };
  return { fileName: `${base} review.pdf`, data: report.html, mimeType: 'application/pdf', printHtml: report.html, warnings: [] };
}
