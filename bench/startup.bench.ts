/**
 * Cold start of the web build in Chromium: first contentful paint, the editor's first
 * render (the example's VPCs on the canvas), and its first findings (from the checker's
 * worker), each the median and p95 of fresh page loads (a new browser context each time: no
 * cache, no storage, as a first visit). Also the size of the main bundle.
 *
 *   npx tsx bench/startup.bench.ts [--no-build]       (npm run bench:startup)
 * Target: first contentful paint under 300 ms.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp } from './browser';
import { median, percentile } from './timing';

const PORT = 4184;
const LOADS = 15;
const TARGET_FCP_MS = 300;

export interface StartupFigures {
  fcp: number[];
  editor: number[];
  findings: number[];
  mainBundleBytes: number;
}

export async function runStartupBench(build: boolean): Promise<StartupFigures> {
  const app = await serveApp(PORT, build);
  const figures: StartupFigures = { fcp: [], editor: [], findings: [], mainBundleBytes: mainBundleBytes() };
  try {
    for (let load = 0; load < LOADS + 1; load++) {
      const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.waitForSelector('.react-flow__node-vpc');
      await page.waitForFunction(() => performance.getEntriesByName('first-findings').length > 0);
      const marks = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
        const editor = performance.getEntriesByName('editor-ready')[0]?.startTime ?? Number.NaN;
        const findings = performance.getEntriesByName('first-findings')[0]?.startTime ?? Number.NaN;
        return { fcp, editor, findings };
      });
      await context.close();
      if (load === 0) continue; // the server's first answer warms its own caches
      figures.fcp.push(marks.fcp);
      figures.editor.push(marks.editor);
      figures.findings.push(marks.findings);
    }
  } finally {
    await app.close();
  }
  return figures;
}

/** The largest script of the build that index.html loads (the editor's own bundle, not the lazy chunks). */
function mainBundleBytes(): number {
  const dir = 'dist/renderer/assets';
  const scripts = readdirSync(dir).filter((f) => /^index-.*\.js$/.test(f));
  return Math.max(0, ...scripts.map((f) => statSync(join(dir, f)).size));
}

export function printStartup(f: StartupFigures): void {
  const row = (label: string, values: number[]) =>
    `  ${label.padEnd(38)} ${median(values).toFixed(0).padStart(6)} ${percentile(values, 95).toFixed(0).padStart(6)}`;
  console.log(`Cold start of the web build in Chromium (${f.fcp.length} fresh loads, ms)        median    p95`);
  console.log(`${row('first contentful paint', f.fcp)}   ${median(f.fcp) < TARGET_FCP_MS ? 'ok' : 'SLOWER than'} (target < ${TARGET_FCP_MS} ms)`);
  console.log(row('editor on screen (example on canvas)', f.editor));
  console.log(row('first findings (from the worker)', f.findings));
  console.log(`  main bundle: ${(f.mainBundleBytes / 1024).toFixed(0)} KB (minified; the checks, dialogs and layout engine load apart)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printStartup(await runStartupBench(!process.argv.includes('--no-build')));
}
