import { describe, expect, it, vi } from 'vitest';
import {
  exportReportPdf,
  printReportPdf,
  REPORT_CONTENT_SECURITY_POLICY,
  REPORT_PDF_OPTIONS,
  ReportPages,
  withPdfExtension,
  type HiddenReportWindow,
  type ReportPdfDeps,
} from './report-pdf';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]); // "%PDF-1.7"

function fakeDeps(overrides: { chosen?: string | undefined; pdf?: Uint8Array; loadFails?: boolean; writeFails?: boolean } = {}) {
  const log: string[] = [];
  const window: HiddenReportWindow = {
    loadURL: vi.fn(async (url: string) => {
      log.push(`load ${url}`);
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
    publishReport: vi.fn((html: string) => {
      log.push(`publish ${html.length}`);
      return { url: 'app://report/1.html', withdraw: () => void log.push('withdraw') };
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
    expect(log).toEqual(['ask plan review.pdf', 'publish 19', 'open', 'load app://report/1.html', 'print', 'destroy', 'withdraw', 'write /home/me/review.pdf']);
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

  it('closes the window and withdraws the page when loading fails, and says so', async () => {
    const { deps, log, written } = fakeDeps({ loadFails: true });
    const result = await exportReportPdf('<html></html>', 'r.pdf', deps);
    expect(result).toEqual({ ok: false, error: 'Could not print the report to PDF: ERR_FILE_NOT_FOUND.' });
    expect(log.slice(-2)).toEqual(['destroy', 'withdraw']);
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

describe('ReportPages', () => {
  it('serves a published report at its own address with the report CSP, and nothing once withdrawn', async () => {
    let next = 0;
    const pages = new ReportPages(() => `id-${++next}`);
    const first = pages.publish('<html><body>one</body></html>');
    const second = pages.publish('<html><body>two</body></html>');
    expect(first.url).toBe('app://report/id-1.html');
    expect(second.url).toBe('app://report/id-2.html');

    const response = pages.serve({ url: first.url, method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(REPORT_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('one');
    expect(pages.has(`${first.url}?x=1#top`)).toBe(true);

    first.withdraw();
    expect(pages.has(first.url)).toBe(false);
    const gone = pages.serve({ url: first.url, method: 'GET' });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-security-policy')).toBe(REPORT_CONTENT_SECURITY_POLICY);
    expect(await pages.serve({ url: second.url, method: 'GET' }).text()).toContain('two');
  });

  it('answers nothing but GET of a published page', () => {
    const pages = new ReportPages(() => 'a');
    const page = pages.publish('<p>x</p>');
    expect(pages.serve({ url: page.url, method: 'POST' }).status).toBe(404);
    expect(pages.serve({ url: 'app://report/b.html', method: 'GET' }).status).toBe(404);
    expect(pages.serve({ url: 'app://vpc-planner/index.html', method: 'GET' }).status).toBe(404);
    expect(pages.has('https://example.com/tracker.png')).toBe(false);
  });

  it('lets the report load nothing but its inline styles and data: images', () => {
    expect(REPORT_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; /);
    expect(REPORT_CONTENT_SECURITY_POLICY).not.toMatch(/script-src|'self'|https?:/);
  });

  it('prints a real published page end to end with a fake printer', async () => {
    const pages = new ReportPages();
    const window: HiddenReportWindow = {
      loadURL: async (url) => {
        expect(await pages.serve({ url, method: 'GET' }).text()).toBe('<p>report</p>');
      },
      printToPDF: async () => PDF,
      destroy: () => undefined,
    };
    let published = '';
    const pdf = await printReportPdf('<p>report</p>', {
      openHiddenWindow: () => window,
      publishReport: (html) => {
        const page = pages.publish(html);
        published = page.url;
        return page;
      },
    });
    expect(pdf).toEqual(PDF);
    expect(pages.has(published)).toBe(false);
  });
});
