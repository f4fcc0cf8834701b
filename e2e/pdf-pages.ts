/**
 * A PDF as a reader sees it: every page drawn to a PNG by PDF.js inside Chromium, with the
 * page's text items (their sizes in points) and how much of the page has ink on it.
 *
 * PDF.js (pdfjs-dist, a dependency) is served to the page from node_modules through a
 * Playwright route on a made-up origin, with the PDF itself: nothing is fetched from the
 * network, and no system tool (poppler) is needed. The text is read from the same items the
 * drawing uses, through ../pdf-text.ts (pageFromItems), so the sizes are those the Node
 * reader gives.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import type { Browser } from '@playwright/test';
import { pageFromItems, type PdfPage, type PdfTextItem } from './pdf-text';

const ORIGIN = 'http://pdfjs.localhost';
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.icc': 'application/octet-stream',
};

export interface PageDrawing {
  /** The page drawn by PDF.js, at `scale` pixels per point. */
  png: Buffer;
  pixelWidth: number;
  pixelHeight: number;
  /** Share of the page's pixels that are not white (paper). */
  ink: number;
  /** How many pixel rows have any ink: a page with one line of text has a few dozen. */
  inkRows: number;
}

export interface RenderedPage extends PdfPage {
  /** 1-based. */
  number: number;
  /** Absent for a page `draw` left out. */
  drawing?: PageDrawing;
}

export interface RenderOptions {
  /** Pixels per PDF point (1 = 72 dpi, the default). */
  scale?: number;
  /** Which pages to draw (1-based; every page when absent). Every page's text is read. */
  draw?: (page: number, pages: number) => boolean;
}

/** Each page, read and (as `draw` says) drawn, in order. */
export async function renderPdfPages(browser: Browser, pdf: Uint8Array, options: RenderOptions = {}): Promise<RenderedPage[]> {
  const scale = options.scale ?? 1;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><html><body></body></html>' });
      if (path === '/document.pdf') return route.fulfill({ contentType: 'application/pdf', body: Buffer.from(pdf) });
      const file = normalize(join(PDFJS_ROOT, path));
      if (!file.startsWith(PDFJS_ROOT)) return route.fulfill({ status: 404, body: '' });
      try {
        return await route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) });
      } catch {
        return route.fulfill({ status: 404, body: `${path} is not in pdfjs-dist` });
      }
    });
    await page.goto(`${ORIGIN}/`);
    const count = await page.evaluate(async () => {
      const pdfjs = await import(`${location.origin}/build/pdf.mjs`);
      pdfjs.GlobalWorkerOptions.workerSrc = `${location.origin}/build/pdf.worker.mjs`;
      const task = pdfjs.getDocument({
        url: '/document.pdf',
        cMapUrl: '/cmaps/',
        cMapPacked: true,
        standardFontDataUrl: '/standard_fonts/',
        wasmUrl: '/wasm/',
        iccUrl: '/iccs/',
        isEvalSupported: false,
      });
      const document = await task.promise;
      (window as unknown as { pdfDocument: unknown }).pdfDocument = document;
      return document.numPages as number;
    });
    const pages: RenderedPage[] = [];
    for (let number = 1; number <= count; number++) {
      // One page per call: a page's PNG crosses to Node as base64, and a long PDF's pages together would be large.
      const draw = options.draw?.(number, count) ?? true;
      const drawn = await page.evaluate(
        async ({ number, scale, draw }) => {
          type PdfJsPage = {
            getViewport(o: { scale: number }): { width: number; height: number };
            getTextContent(): Promise<{ items: Array<Record<string, unknown>> }>;
            render(o: { canvas: HTMLCanvasElement; canvasContext: CanvasRenderingContext2D; viewport: unknown }): { promise: Promise<void> };
            cleanup(): void;
          };
          const document = (window as unknown as { pdfDocument: { getPage(n: number): Promise<PdfJsPage> } }).pdfDocument;
          const pdfPage = await document.getPage(number);
          const size = pdfPage.getViewport({ scale: 1 });
          const text = await pdfPage.getTextContent();
          const items = text.items
            .filter((item) => typeof item.str === 'string')
            .map((item) => ({
              str: item.str as string,
              transform: item.transform as number[],
              width: item.width as number,
              height: item.height as number,
              hasEOL: item.hasEOL as boolean,
            }));
          if (!draw) {
            pdfPage.cleanup();
            return { width: size.width, height: size.height, items };
          }
          const viewport = pdfPage.getViewport({ scale });
          const canvas = window.document.createElement('canvas');
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          const context = canvas.getContext('2d', { willReadFrequently: true })!;
          // Paper: PDF.js draws onto a transparent canvas.
          context.fillStyle = '#ffffff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          await pdfPage.render({ canvas, canvasContext: context, viewport }).promise;
          // Ink: a pixel darker than 245 in any channel (anti-aliasing leaves near-white specks on paper).
          const pixels = new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
          let ink = 0;
          let inkRows = 0;
          for (let y = 0; y < canvas.height; y++) {
            let row = 0;
            for (let i = y * canvas.width, end = i + canvas.width; i < end; i++) {
              const v = pixels[i]!;
              if (v !== 0xffffffff && ((v & 0xff) < 245 || ((v >>> 8) & 0xff) < 245 || ((v >>> 16) & 0xff) < 245)) row++;
            }
            ink += row;
            if (row > 0) inkRows++;
          }
          pdfPage.cleanup();
          return {
            width: size.width,
            height: size.height,
            items,
            drawing: {
              pixelWidth: canvas.width,
              pixelHeight: canvas.height,
              ink: ink / (canvas.width * canvas.height),
              inkRows,
              png: canvas.toDataURL('image/png').slice('data:image/png;base64,'.length),
            },
          };
        },
        { number, scale, draw },
      );
      const rendered: RenderedPage = { ...pageFromItems(drawn.width, drawn.height, drawn.items as PdfTextItem[]), number };
      if ('drawing' in drawn && drawn.drawing) rendered.drawing = { ...drawn.drawing, png: Buffer.from(drawn.drawing.png, 'base64') };
      pages.push(rendered);
    }
    if (errors.length > 0) throw new Error(`PDF.js failed in the page: ${errors.join('; ')}`);
    return pages;
  } finally {
    await context.close();
  }
}
