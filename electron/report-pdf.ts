/**
 * File > Export > Review report (PDF) in the desktop app: the report's self-contained HTML
 * is served from memory at a one-off app://report/<id>.html address, loaded into a hidden,
 * locked-down window (window-options.ts: no preload, JavaScript off, its own in-memory
 * session that lets nothing but that page load) and printed with Chromium's own PDF
 * printer, then saved where the user chose. Plain module: main.ts hands it the Electron
 * pieces, so the order of things (ask first, always close the window, always withdraw the
 * page) is tested without an Electron binary.
 *
 * Served rather than loaded as a data: URL because the diagram is embedded in the HTML as
 * an image and Chromium refuses URLs over 2 MB; never written to a file:// page, which
 * could read the user's other files.
 */
import { randomUUID } from 'node:crypto';
import type { HostResult } from '../shared/host';

/** What Electron's webContents.printToPDF is given: A4, with the report's table shading. */
export const REPORT_PDF_OPTIONS = { pageSize: 'A4', printBackground: true } as const;

/** The report window's session: in memory (no "persist:"), shared with no other window. */
export const REPORT_PARTITION = 'vpc-planner-report';
export const REPORT_ORIGIN = 'app://report';
/**
 * What the report may load: its inline styles and data: images. The same as the meta tag
 * shared/export/report.ts writes, sent as a header so it holds even if the HTML had none.
 */
export const REPORT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export interface HiddenReportWindow {
  /** Resolves when the page has loaded (BrowserWindow.loadURL). */
  loadURL(url: string): Promise<void>;
  printToPDF(options: typeof REPORT_PDF_OPTIONS): Promise<Uint8Array>;
  /** Closes the window; called whatever happened. */
  destroy(): void;
}

export interface PublishedReport {
  url: string;
  withdraw(): void;
}

export interface ReportPdfDeps {
  chooseSaveLocation(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | undefined>;
  openHiddenWindow(): HiddenReportWindow;
  /** Makes the HTML loadable at a new app://report/ address until withdrawn (ReportPages.publish). */
  publishReport(html: string): PublishedReport;
  writeExportFile(filePath: string, data: Uint8Array): Promise<{ ok: true } | { ok: false; error: string }>;
  displayNameOf(filePath: string): string;
}

/**
 * The report pages being printed, each at an unguessable address, served by the report
 * session's protocol handler. Only GET of a page still published gets an answer.
 */
export class ReportPages {
  private readonly pages = new Map<string, string>();

  constructor(private readonly newId: () => string = randomUUID) {}

  publish(html: string): PublishedReport {
    const url = `${REPORT_ORIGIN}/${this.newId()}.html`;
    this.pages.set(url, html);
    return { url, withdraw: () => void this.pages.delete(url) };
  }

  has(url: string): boolean {
    return this.pages.has(normalise(url));
  }

  serve(request: { url: string; method: string }): Response {
    const headers = { 'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    const html = request.method === 'GET' ? this.pages.get(normalise(request.url)) : undefined;
    if (html === undefined) return new Response('Not a report page.', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(html, { status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
  }
}

/** The page address without query or fragment, which could otherwise make one page many. */
function normalise(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

export const PDF_FILTER = { name: 'PDF document', extensions: ['pdf'] };

/** The user's choice of where to save, with .pdf added when the dialog left it off (Linux). */
export function withPdfExtension(filePath: string): string {
  return /\.pdf$/i.test(filePath) ? filePath : `${filePath}.pdf`;
}

export async function printReportPdf(html: string, deps: Pick<ReportPdfDeps, 'openHiddenWindow' | 'publishReport'>): Promise<Uint8Array> {
  const page = deps.publishReport(html);
  let window: HiddenReportWindow | undefined;
  try {
    window = deps.openHiddenWindow();
    await window.loadURL(page.url);
    const pdf = await window.printToPDF(REPORT_PDF_OPTIONS);
    if (pdf.byteLength < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') throw new Error('the printer did not return a PDF');
    return pdf;
  } finally {
    window?.destroy();
    page.withdraw();
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
