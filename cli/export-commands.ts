/**
 * `vpcplan export` and `vpcplan diff`.
 *
 * export: one plan in a format. Without -o it prints to stdout (Terraform: its .tf files one
 * after another, which read as one module, and its README as comment lines). With -o it writes
 * through the one atomic writer (file-output.ts): a reader never sees half a file, and a failure
 * leaves the old one. Terraform writes several files (versions.tf, providers.tf, variables.tf,
 * one per resource family, outputs.tf, README.md), so its -o must be a directory (created if
 * missing), and they are written as one: none is replaced unless all could be written.
 * Terraform warnings go to stderr.
 * pdf (the review report printed by headless Chromium) and png (the diagram, screenshotted)
 * are binary, so they need -o; see node/browser-render.ts for where the browser comes from.
 *
 * diff: exit 0 when the plans are the same (layout aside), 1 when they differ, like diff(1).
 */
import { dirname, join } from 'node:path';
import {
  buildReviewReport,
  MARKDOWN_DIAGRAM_FILE,
  diagramDate,
  diffPlans,
  formatPlanDiff,
  planToDrawio,
  planToSvg,
  planToTerraform,
  subnetsToCsv,
} from '../shared/export';
import { serializePlan } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';
import { realFileSystem, type FileSystem } from '../node/atomic-write';
import { BrowserUnavailableError, playwrightRenderer, type BrowserRenderer } from '../node/browser-render';
import { kindOf, writeOutputFile, writeOutputFiles, writeOutputFolder, wroteLine } from './file-output';
import { UsageError, type CommandOutput } from './output';

export const EXPORT_FORMATS = ['terraform', 'csv', 'json', 'markdown', 'html', 'svg', 'drawio', 'pdf', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
type TextFormat = Exclude<ExportFormat, 'terraform' | BinaryFormat>;
type BinaryFormat = 'pdf' | 'png';

const FILE_EXTENSIONS: Record<Exclude<ExportFormat, 'terraform'>, string> = {
  csv: 'csv',
  json: 'json',
  markdown: 'md',
  html: 'html',
  svg: 'svg',
  drawio: 'drawio',
  pdf: 'pdf',
  png: 'png',
};

/** What export reaches outside the plan; tests pass a fixed clock, a file system with faults, another browser. */
export interface ExportIo {
  /** Where -o files are written (through node/atomic-write.ts). */
  fs: FileSystem;
  /** The report's time stamp. */
  now(): Date;
  /** Draws the pdf and png formats (headless Chromium in the real CLI). */
  browser: BrowserRenderer;
}

export const nodeExportIo: ExportIo = {
  fs: realFileSystem,
  now: () => new Date(),
  browser: playwrightRenderer(),
};

export function parseExportFormat(text: string | undefined): ExportFormat {
  if (text === undefined) throw new UsageError(`export needs --format, one of ${EXPORT_FORMATS.join(', ')}`);
  if ((EXPORT_FORMATS as readonly string[]).includes(text)) return text as ExportFormat;
  throw new UsageError(`--format ${text} is not one of ${EXPORT_FORMATS.join(', ')}`);
}

function render(plan: Plan, format: TextFormat, io: ExportIo): string {
  switch (format) {
    case 'csv':
      return subnetsToCsv(plan);
    case 'json':
      return serializePlan(plan);
    case 'svg':
      return planToSvg(plan, { date: diagramDate(io.now()) });
    case 'drawio':
      return planToDrawio(plan);
    case 'markdown':
      return buildReviewReport(plan, { generatedAt: io.now().toISOString() }).markdown;
    case 'html':
      return buildReviewReport(plan, { generatedAt: io.now().toISOString() }).html;
  }
}

async function renderBinary(plan: Plan, format: BinaryFormat, io: ExportIo): Promise<Uint8Array> {
  try {
    switch (format) {
      case 'pdf':
        return await io.browser.pdf(buildReviewReport(plan, { generatedAt: io.now().toISOString() }).html);
      case 'png':
        return await io.browser.png(planToSvg(plan, { date: diagramDate(io.now()) }));
    }
  } catch (error) {
    // A missing Chromium or playwright is the user's to fix: exit 2 with the message.
    if (error instanceof BrowserUnavailableError) throw new UsageError(error.message);
    throw error;
  }
}

function isBinary(format: ExportFormat): format is BinaryFormat {
  return format === 'pdf' || format === 'png';
}

async function refuseDirectory(io: ExportIo, outPath: string, format: Exclude<ExportFormat, 'terraform'>): Promise<void> {
  if ((await kindOf(outPath, io.fs)) === 'directory') {
    throw new UsageError(`-o ${outPath} is a directory; give a file name, e.g. ${join(outPath, `plan.${FILE_EXTENSIONS[format]}`)}`);
  }
}

export async function exportCommand(plan: Plan, format: ExportFormat, outPath: string | undefined, io: ExportIo = nodeExportIo): Promise<CommandOutput> {
  if (format === 'terraform') {
    const result = planToTerraform(plan);
    const stderr = result.warnings.map((w) => `warning: ${w}\n`).join('');
    if (outPath === undefined) {
      // One stream that still parses as one module: the README goes in as comment lines.
      const stdout = result.files.map((f) => `# ---- ${f.name} ----\n${f.name.endsWith('.tf') ? f.text : commentOut(f.text)}`).join('\n');
      return stderr ? { stdout, stderr, code: 0 } : { stdout, code: 0 };
    }
    const kind = await kindOf(outPath, io.fs);
    if (kind === 'file' || (kind === undefined && /\.tf$/i.test(outPath))) {
      throw new UsageError(
        `terraform writes ${result.files.length} files (${result.files.map((f) => f.name).join(', ')}): give -o a directory, not the file ${outPath}`,
      );
    }
    const written = await writeOutputFolder(
      outPath,
      result.files.map((f) => ({ name: f.name, data: f.text })),
      io.fs,
    );
    return {
      stdout: '',
      stderr: `${stderr}${wroteLine(
        result.files.map((f) => join(outPath, f.name)),
        written,
      )}`,
      code: 0,
    };
  }
  if (isBinary(format)) {
    if (outPath === undefined)
      throw new UsageError(`--format ${format} is binary and needs -o <file>, e.g. \`-o plan.${format}\`; it is not printed to the terminal`);
    await refuseDirectory(io, outPath, format);
    const written = await writeOutputFile(outPath, await renderBinary(plan, format, io), io.fs);
    return { stdout: '', stderr: wroteLine([outPath], [written]), code: 0 };
  }
  if (format === 'markdown' && outPath !== undefined) return exportMarkdown(plan, outPath, io);
  const text = render(plan, format, io);
  if (outPath === undefined) return { stdout: text, code: 0 };
  await refuseDirectory(io, outPath, format);
  const written = await writeOutputFile(outPath, text, io.fs);
  return { stdout: '', stderr: wroteLine([outPath], [written]), code: 0 };
}

/**
 * The Markdown report links its diagram as a file (git hosts show no data: image), so -o writes
 * two: to a directory (existing, or a new path not ending in .md) report.md and diagram.svg; to a
 * .md file that file and diagram.svg beside it. Written as one: neither is replaced unless both can be.
 */
async function exportMarkdown(plan: Plan, outPath: string, io: ExportIo): Promise<CommandOutput> {
  const report = buildReviewReport(plan, { generatedAt: io.now().toISOString() });
  const kind = await kindOf(outPath, io.fs);
  const folder = kind === 'directory' || (kind === undefined && !/\.(md|markdown)$/i.test(outPath));
  const files = folder
    ? [
        { path: join(outPath, 'report.md'), data: report.markdown },
        { path: join(outPath, MARKDOWN_DIAGRAM_FILE), data: report.diagramSvg },
      ]
    : [
        { path: outPath, data: report.markdown },
        { path: join(dirname(outPath), MARKDOWN_DIAGRAM_FILE), data: report.diagramSvg },
      ];
  const written = folder
    ? await writeOutputFolder(
        outPath,
        files.map((f) => ({ name: f.path.slice(outPath.length).replace(/^[\\/]+/, ''), data: f.data })),
        io.fs,
      )
    : await writeOutputFiles(files, io.fs);
  return {
    stdout: '',
    stderr: wroteLine(
      files.map((f) => f.path),
      written,
    ),
    code: 0,
  };
}

function commentOut(text: string): string {
  return `${text
    .trimEnd()
    .split(/\r?\n/)
    .map((line) => `# ${line}`.trimEnd())
    .join('\n')}\n`;
}

export function diffCommand(before: Plan, after: Plan, json: boolean): CommandOutput {
  const diff = diffPlans(before, after);
  const code = diff.identical ? 0 : 1;
  return { stdout: json ? `${JSON.stringify(diff, null, 2)}\n` : formatPlanDiff(diff, 'text'), code };
}
