/**
 * `vpcplan export` and `vpcplan diff`.
 *
 * export: one plan in a format. Without -o it prints to stdout (Terraform: main.tf then
 * variables.tf, which read as one module). With -o it writes atomically (temp file in the
 * same folder, fsync, rename), so a reader never sees half a file; Terraform writes two
 * files, so its -o must be a directory (created if missing). Terraform warnings go to stderr.
 * pdf (the review report printed by headless Chromium) and png (the diagram, screenshotted)
 * are binary, so they need -o; see browser-render.ts for where the browser comes from.
 *
 * diff: exit 0 when the plans are the same (layout aside), 1 when they differ, like diff(1).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildReviewReport, diagramDate, diffPlans, formatPlanDiff, planToSvg, planToTerraform, subnetsToCsv } from '../shared/export';
import { serializePlan } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';
import { playwrightRenderer, type BrowserRenderer } from './browser-render';
import { UsageError, type CommandOutput } from './output';

export const EXPORT_FORMATS = ['terraform', 'csv', 'json', 'markdown', 'html', 'svg', 'pdf', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
type TextFormat = Exclude<ExportFormat, 'terraform' | BinaryFormat>;
type BinaryFormat = 'pdf' | 'png';

const FILE_EXTENSIONS: Record<Exclude<ExportFormat, 'terraform'>, string> = { csv: 'csv', json: 'json', markdown: 'md', html: 'html', svg: 'svg', pdf: 'pdf', png: 'png' };

/** File access for export; tests pass a fake or a temp folder. */
export interface ExportIo {
  /** Writes the whole file or leaves the old one: never half a file. Text is written as UTF-8. */
  writeFileAtomic(path: string, data: string | Uint8Array): Promise<void>;
  /** 'directory', 'file', or undefined when nothing is there. */
  kindOf(path: string): Promise<'directory' | 'file' | undefined>;
  makeDirectory(path: string): Promise<void>;
  /** The report's time stamp. */
  now(): Date;
  /** Draws the pdf and png formats (headless Chromium in the real CLI). */
  browser: BrowserRenderer;
}

export const nodeExportIo: ExportIo = {
  async writeFileAtomic(path, data) {
    const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.vpcplan-tmp`);
    const handle = await open(temp, 'wx');
    try {
      await (typeof data === 'string' ? handle.writeFile(data, 'utf8') : handle.writeFile(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  },
  async kindOf(path) {
    try {
      return (await stat(path)).isDirectory() ? 'directory' : 'file';
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async makeDirectory(path) {
    await mkdir(path, { recursive: true });
  },
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
    case 'csv': return subnetsToCsv(plan);
    case 'json': return serializePlan(plan);
    case 'svg': return planToSvg(plan, { date: diagramDate(io.now()) });
    case 'markdown': return buildReviewReport(plan, { generatedAt: io.now().toISOString() }).markdown;
    case 'html': return buildReviewReport(plan, { generatedAt: io.now().toISOString() }).html;
  }
}

async function renderBinary(plan: Plan, format: BinaryFormat, io: ExportIo): Promise<Uint8Array> {
  switch (format) {
    case 'pdf': return io.browser.pdf(buildReviewReport(plan, { generatedAt: io.now().toISOString() }).html);
    case 'png': return io.browser.png(planToSvg(plan, { date: diagramDate(io.now()) }));
  }
}

function isBinary(format: ExportFormat): format is BinaryFormat {
  return format === 'pdf' || format === 'png';
}

async function write(io: ExportIo, path: string, data: string | Uint8Array): Promise<void> {
  try {
    await io.writeFileAtomic(path, data);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? `${String(error.code)}: ${error.message}` : String(error);
    throw new UsageError(`cannot write ${path} (${reason}); check that the folder exists and you may write there`);
  }
}

async function refuseDirectory(io: ExportIo, outPath: string, format: Exclude<ExportFormat, 'terraform'>): Promise<void> {
  if ((await io.kindOf(outPath)) === 'directory') {
    throw new UsageError(`-o ${outPath} is a directory; give a file name, e.g. ${join(outPath, `plan.${FILE_EXTENSIONS[format]}`)}`);
  }
}

export async function exportCommand(plan: Plan, format: ExportFormat, outPath: string | undefined, io: ExportIo = nodeExportIo): Promise<CommandOutput> {
  if (format === 'terraform') {
    const result = planToTerraform(plan);
    const stderr = result.warnings.map((w) => `warning: ${w}\n`).join('');
    if (outPath === undefined) {
      const stdout = result.files.map((f) => `# ---- ${f.name} ----\n${f.text}`).join('\n');
      return stderr ? { stdout, stderr, code: 0 } : { stdout, code: 0 };
    }
    const kind = await io.kindOf(outPath);
    if (kind === 'file' || (kind === undefined && /\.tf$/i.test(outPath))) {
      throw new UsageError(`terraform writes ${result.files.map((f) => f.name).join(' and ')}: give -o a directory, not the file ${outPath}`);
    }
    if (kind === undefined) await io.makeDirectory(outPath);
    for (const file of result.files) await write(io, join(outPath, file.name), file.text);
    const written = `wrote ${result.files.map((f) => join(outPath, f.name)).join(', ')}\n`;
    return { stdout: '', stderr: `${stderr}${written}`, code: 0 };
  }
  if (isBinary(format)) {
    if (outPath === undefined) throw new UsageError(`--format ${format} is binary and needs -o <file>, e.g. \`-o plan.${format}\`; it is not printed to the terminal`);
    await refuseDirectory(io, outPath, format);
    await write(io, outPath, await renderBinary(plan, format, io));
    return { stdout: '', stderr: `wrote ${outPath}\n`, code: 0 };
  }
  const text = render(plan, format, io);
  if (outPath === undefined) return { stdout: text, code: 0 };
  await refuseDirectory(io, outPath, format);
  await write(io, outPath, text);
  return { stdout: '', stderr: `wrote ${outPath}\n`, code: 0 };
}

export function diffCommand(before: Plan, after: Plan, json: boolean): CommandOutput {
  const diff = diffPlans(before, after);
  const code = diff.identical ? 0 : 1;
  return { stdout: json ? `${JSON.stringify(diff, null, 2)}\n` : formatPlanDiff(diff, 'text'), code };
}
