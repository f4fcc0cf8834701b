/**
 * File > Export > Review report (PDF) in the desktop app: the report's self-contained HTML
 * is written to a private temporary folder, loaded into a hidden, locked-down window
 * (window-options.ts: no preload, JavaScript off) and printed with Chromium's own PDF
 * printer, then saved where the user chose. Plain module: main.ts hands it the Electron
 * pieces, so the order of things (ask first, always close the window, always remove the
 * temporary file) is tested without an Electron binary.
 *
 * The HTML goes through a file rather than a data: URL because the diagram is embedded in
 * it as an image and Chromium refuses URLs over 2 MB.
 */
import type { HostResult } from '../shared/host';

/** What Electron's webContents.printToPDF is given: A4, with the report's table shading. */
export const REPORT_PDF_OPTIONS = { pageSize: 'A4', printBackground: true } as const;

export interface HiddenReportWindow {
  /** Resolves when the page has loaded (BrowserWindow.loadFile). */
  loadFile(filePath: string): Promise<void>;
  printToPDF(options: typeof REPORT_PDF_OPTIONS): Promise<Uint8Array>;
  /** Closes the window; called whatever happened. */
  destroy(): void;
}

export interface ReportPdfDeps {
  chooseSaveLocation(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | undefined>;
  openHiddenWindow(): HiddenReportWindow;
  /** Writes the HTML to a new private temporary file; `remove` deletes it and its folder. */
  writeTemporaryHtml(html: string): Promise<{ filePath: string; remove(): Promise<void> }>;
  writeExportFile(filePath: string, data: Uint8Array): Promise<{ ok: true } | { ok: false; error: string }>;
  displayNameOf(filePath: string): string;
}

export const PDF_FILTER = { name: 'PDF document', extensions: ['pdf'] };

/** The user's choice of where to save, with .pdf added when the dialog left it off (Linux). */
export function withPdfExtension(filePath: string): string {
  return /\.pdf$/i.test(filePath) ? filePath : `${filePath}.pdf`;
}

export async function printReportPdf(html: string, deps: Pick<ReportPdfDeps, 'openHiddenWindow' | 'writeTemporaryHtml'>): Promise<Uint8Array> {
  const temporary = await deps.writeTemporaryHtml(html);
  let window: HiddenReportWindow | undefined;
  try {
    window = deps.openHiddenWindow();
    await window.loadFile(temporary.filePath);
    const pdf = await window.printToPDF(REPORT_PDF_OPTIONS);
    if (pdf.byteLength < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') throw new Error('the printer did not return a PDF');
    return pdf;
  } finally {
    window?.destroy();
    await temporary.remove().catch(() => undefined);
  }
}

export async function exportReportPdf(html: string, suggestedName: string, deps: ReportPdfDeps): Promise<HostResult<string | undefined>> {
  // Ask first: a cancelled dialog costs no printing.
  const chosen = await deps.chooseSaveLocation(suggestedName, PDF_FILTER);
  if (!chosen) return { ok: true, value: undefined };
  const target = withPdfExtension(chosen);
  let pdf: Uint8Array;
  try {
    pdf = await printReportPdf(html, deps);
  } catch (error) {
    return { ok: false, error: `Could not print the report to PDF: ${error instanceof Error ? error.message : String(error)}.` };
  }
  const written = await deps.writeExportFile(target, pdf);
  return written.ok ? { ok: true, value: deps.displayNameOf(target) } : written;
}
