/**
 * PDF and PNG exports, drawn by a headless Chromium through Playwright: the review report's
 * HTML printed to an A4 PDF, and the SVG diagram screenshotted at its natural size.
 *
 * Playwright is loaded with a dynamic import, only when one of these two formats is asked
 * for, so every other command runs (and the bundled bin starts) without it; the bundle marks
 * it external (scripts/build-cli.mjs). Playwright's own browser download is not used: the
 * Chromium comes from CHROMIUM_PATH, else the first of chromium, chromium-browser,
 * google-chrome on PATH. Either one missing is the user's to fix: a BrowserUnavailableError
 * that says what to install (the CLI prints it and exits 2).
 *
 * Node only (here, not in cli/, so the desktop app can draw with the same code).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright';

/** The part of the page's HTMLImageElement that the PNG check reads. */
interface PageImage {
  decode(): Promise<void>;
  naturalWidth: number;
}

/** No Chromium, or no playwright to drive it: the user's to fix, and the message says how. */
export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
}

/** Turns the report and the diagram into binary files. */
export interface BrowserRenderer {
  /** The HTML printed to PDF (A4, backgrounds printed). */
  pdf(html: string): Promise<Uint8Array>;
  /** The SVG as a PNG at its width x height attributes, two device pixels per CSS pixel. */
  png(svg: string): Promise<Uint8Array>;
}

export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/** Chromium flags for a headless run with no network side traffic (no updates, sync or first-run work). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** PNG screenshots at two device pixels per CSS pixel: sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;

const FALLBACK = 'or export --format html and print it from a browser';

type Environment = Readonly<Record<string, string | undefined>>;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to drive: CHROMIUM_PATH if set (it must exist), else the first known name on PATH. */
export function findChromium(env: Environment): string {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (isExecutableFile(configured)) return configured;
    let reason = 'is not an executable file';
    try {
      statSync(configured);
    } catch {
      reason = 'does not exist';
    }
    throw new BrowserUnavailableError(
      `CHROMIUM_PATH=${configured} ${reason}: point CHROMIUM_PATH at a Chromium or Chrome binary (e.g. /usr/bin/chromium), or unset it to search PATH for ${CHROMIUM_NAMES.join(', ')}; ${FALLBACK}`,
    );
  }
  const folders = (env.PATH ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const name of CHROMIUM_NAMES) {
    for (const folder of folders) {
      const candidate = join(folder, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new BrowserUnavailableError(
    `PDF and PNG export need Chromium, and none of ${CHROMIUM_NAMES.join(', ')} is on PATH: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary; ${FALLBACK}`,
  );
}

type Playwright = typeof import('playwright');

async function loadPlaywright(): Promise<Playwright> {
  try {
    // A variable specifier keeps bundlers from inlining it; scripts/build-cli.mjs also marks it external.
    const specifier = 'playwright';
    return (await import(specifier)) as Playwright;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BrowserUnavailableError(
      `PDF and PNG export need the playwright package, which could not be loaded (${detail}): install it next to vpcplan (npm install playwright; its browser download is not needed, Chromium comes from CHROMIUM_PATH or PATH); ${FALLBACK}`,
    );
  }
}

/** The width and height attributes of an SVG's root element, in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const width = root ? /\swidth="(\d+(?:\.\d+)?)"/.exec(root)?.[1] : undefined;
  const height = root ? /\sheight="(\d+(?:\.\d+)?)"/.exec(root)?.[1] : undefined;
  if (!width || !height) throw new Error('the diagram SVG has no numeric width and height on its root element');
  return { width: Math.ceil(Number(width)), height: Math.ceil(Number(height)) };
}

/**
 * How the review report is printed: A4, with the tables' shading, and the report's own @page
 * rules (portrait text pages, landscape diagram pages, their margins) winning over the format's
 * defaults. The e2e suite prints with the same options.
 */
export const REPORT_PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** Nothing in the page may load anything but the inline styles and the data: image. */
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

export function playwrightRenderer(env: Environment = process.env): BrowserRenderer {
  async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
    // Chromium first: a missing browser is reported the same way whether or not playwright is there.
    const executablePath = findChromium(env);
    const { chromium } = await loadPlaywright();
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new BrowserUnavailableError(
        `could not start Chromium at ${executablePath} (${detail}): check that it runs (\`${executablePath} --version\`) or set CHROMIUM_PATH to another one; ${FALLBACK}`,
      );
    }
    try {
      return await use(browser);
    } finally {
      await browser.close();
    }
  }

  return {
    pdf: (html) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage();
        // A 100-VPC report (2.5 MB of HTML, a hundred diagram pages) lays out in about 2 s; room for a busy machine and a bigger plan.
        await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
        return page.pdf(REPORT_PDF_OPTIONS);
      }),
    png: (svg) =>
      withBrowser(async (browser) => {
        const { width, height } = svgSize(svg);
        const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: PNG_SCALE });
        // As an <img>, never inline: an SVG with a script in it cannot run.
        const source = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await page.setContent(
          `<!DOCTYPE html><html><head>${CSP}<style>html,body{margin:0;padding:0;background:#fff}img{display:block}</style></head>` +
            `<body><img alt="" width="${width}" height="${height}" src="${source}"></body></html>`,
          { waitUntil: 'load' },
        );
        // This callback runs in the page, not in Node: its element is typed by hand, since node/ compiles without the DOM.
        const decoded = await page.locator('img').evaluate((element) => {
          const img = element as unknown as PageImage;
          return img.decode().then(
            () => img.naturalWidth > 0,
            () => false,
          );
        });
        if (!decoded) throw new Error('Chromium could not draw the diagram SVG');
        return page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
      }),
  };
}
