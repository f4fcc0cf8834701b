/**
 * What each entry of File > Export saves: its file name, bytes and MIME type, built from
 * the plan with the engine's exporters (shared/export). The diagram is made by the dialog
 * (diagram-image.ts) and handed in, so this stays free of the DOM.
 *
 * Terraform is saved as one file, `<plan>.tf`, holding main.tf then variables.tf, each under
 * a comment naming it: Terraform reads every .tf file of a folder, so the split is only a
 * convention, and one file is one save dialog (there is no zip library in the app) that
 * cannot be half-saved. The comments say where to cut if a team wants the two files.
 */
import { buildReviewReport, planToTerraform, subnetsToCsv } from '../../shared/export';
import { serializePlan } from '../../shared/plan/load';
import type { Plan } from '../../shared/plan/schema';

export type ExportFormat = 'png' | 'svg' | 'pdf' | 'html' | 'markdown' | 'terraform' | 'csv' | 'json';

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
  { format: 'pdf', label: 'Review report (PDF)', detail: 'Diagram, VPCs and subnets, free space, NAT capacity, reachability and every finding, on A4 pages.', image: true },
  { format: 'html', label: 'Review report (HTML)', detail: 'The same report as one self-contained web page.', image: true },
  { format: 'markdown', label: 'Review report (Markdown)', detail: 'The same report for a wiki or a pull request.', image: true },
  { format: 'terraform', label: 'Terraform', detail: 'main.tf and variables.tf in one .tf file for the AWS provider.', image: false },
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
  const cleaned = plan.name.replace(/[/\\:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return (cleaned || 'plan').slice(0, 120);
}

export interface ReportDiagram {
  /** The diagram (of the whole plan or the selection) as SVG text; buildReviewReport embeds it as a data: image. */
  svg: string;
}

export function buildExport(plan: Plan, format: Exclude<ExportFormat, 'png' | 'svg'>, options: { diagram?: ReportDiagram; generatedAt?: string } = {}): ExportArtifact {
  const base = baseFileName(plan);
  switch (format) {
    case 'pdf':
    case 'html':
    case 'markdown': {
      const report = buildReviewReport(plan, {
        ...(options.diagram ? { diagramSvg: options.diagram.svg } : {}),
        ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
      });
      if (format === 'markdown') return { fileName: `${base} review.md`, data: report.markdown, mimeType: 'text/markdown', warnings: [] };
      if (format === 'html') return { fileName: `${base} review.html`, data: report.html, mimeType: 'text/html', warnings: [] };
      return { fileName: `${base} review.pdf`, data: report.html, mimeType: 'application/pdf', printHtml: report.html, warnings: [] };
    }
    case 'terraform': {
      const { files, warnings } = planToTerraform(plan);
      const text = files.map((f) => `# ==== ${f.name} ====\n\n${f.text.trimEnd()}\n`).join('\n');
      return { fileName: `${base}.tf`, data: text, mimeType: 'text/plain', warnings };
    }
    case 'csv':
      return { fileName: `${base} subnets.csv`, data: subnetsToCsv(plan), mimeType: 'text/csv', warnings: [] };
    case 'json':
      return { fileName: `${base}.vpcplan.json`, data: serializePlan(plan), mimeType: 'application/json', warnings: [] };
  }
}
