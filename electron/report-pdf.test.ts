import { describe, expect, it, vi } from 'vitest';
import { exportReportPdf, printReportPdf, REPORT_PDF_OPTIONS, withPdfExtension, type HiddenReportWindow, type ReportPdfDeps } from './report-pdf';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]); // "%PDF-1.7"

function fakeDeps(overrides: { chosen?: string | undefined; pdf?: Uint8Array; loadFails?: boolean; writeFails?: boolean } = {}) {
  const log: string[] = [];
  const window: HiddenReportWindow = {
    loadFile: vi.fn(async (filePath: string) => {
      log.push(`load ${filePath}`);
      if (overrides.loadFails) throw new Error('ERR_FILE_NOT_FOUND');
    }),
    printToPDF: vi.fn(async () => {
      log.push('print');
      return overrides.pdf ?? PDF;
    }),
    destroy: vi.fn(() => log.push('destroy')),
  };
  const written = new Map<string, Uint8Array>();
  const deps: ReportPdfDeps = {
    chooseSaveLocation: vi.fn(async (name: string) => {
      log.push(`ask ${name}`);
      return 'chosen' in overrides ? overrides.chosen : '/home/me/review.pdf';
    }),
    openHiddenWindow: vi.fn(() => {
      log.push('open');
      return window;
    }),
    writeTemporaryHtml: vi.fn(async (html: string) => {
      log.push(`temp ${html.length}`);
      return { filePath: '/tmp/x/report.html', remove: async () => void log.push('remove temp') };
    }),
    writeExportFile: vi.fn(async (filePath: string, data: Uint8Array) => {
      if (overrides.writeFails) return { ok: false as const, error: `Could not export "${filePath}": disk full.` };
      written.set(filePath, data);
      log.push(`write ${filePath}`);
      return { ok: true as const };
    }),
    displayNameOf: (filePath: string) => filePath.split('/').pop() ?? filePath,
  };
  return { deps, window, log, written };
}

describe('exportReportPdf', () => {
  it('asks where, prints the HTML in the hidden window as A4 with backgrounds, saves the PDF and cleans up', async () => {
    const { deps, window, log, written } = fakeDeps();
    const result = await exportReportPdf('<html>report</html>', 'plan review.pdf', deps);
    expect(result).toEqual({ ok: true, value: 'review.pdf' });
    expect(window.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
    expect(REPORT_PDF_OPTIONS).toEqual({ pageSize: 'A4', printBackground: true });
    expect(written.get('/home/me/review.pdf')).toEqual(PDF);
    expect(log).toEqual(['ask plan review.pdf', 'temp 19', 'open', 'load /tmp/x/report.html', 'print', 'destroy', 'remove temp', 'write /home/me/review.pdf']);
  });

  it('prints nothing when the user cancels the save dialog', async () => {
    const { deps, log } = fakeDeps({ chosen: undefined });
    expect(await exportReportPdf('<html></html>', 'r.pdf', deps)).toEqual({ ok: true, value: undefined });
    expect(log).toEqual(['ask r.pdf']);
    expect(deps.openHiddenWindow).not.toHaveBeenCalled();
  });

  it('adds .pdf when the dialog returned a name without it', async () => {
    const { deps, written } = fakeDeps({ chosen: '/home/me/review' });
    expect(await exportReportPdf('<html></html>', 'r.pdf', deps)).toEqual({ ok: true, value: 'review.pdf' });
    expect([...written.keys()]).toEqual(['/home/me/review.pdf']);
    expect(withPdfExtension('/a/B.PDF')).toBe('/a/B.PDF');
  });

  it('closes the window and removes the temporary file when loading fails, and says so', async () => {
    const { deps, log, written } = fakeDeps({ loadFails: true });
    const result = await exportReportPdf('<html></html>', 'r.pdf', deps);
    expect(result).toEqual({ ok: false, error: 'Could not print the report to PDF: ERR_FILE_NOT_FOUND.' });
    expect(log.slice(-2)).toEqual(['destroy', 'remove temp']);
    expect(written.size).toBe(0);
  });

  it('refuses output that is not a PDF rather than saving it', async () => {
    const { deps, written } = fakeDeps({ pdf: new Uint8Array([1, 2, 3, 4, 5, 6]) });
    const result = await exportReportPdf('<html></html>', 'r.pdf', deps);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('did not return a PDF') });
    expect(written.size).toBe(0);
  });

  it('passes on a write error', async () => {
    const { deps } = fakeDeps({ writeFails: true });
    expect(await exportReportPdf('<html></html>', 'r.pdf', deps)).toEqual({ ok: false, error: 'Could not export "/home/me/review.pdf": disk full.' });
  });

  it('printReportPdf returns the printed bytes', async () => {
    const { deps } = fakeDeps();
    expect(await printReportPdf('<p>x</p>', deps)).toEqual(PDF);
  });
});
