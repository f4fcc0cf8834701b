/**
 * `vpcplan export --format pdf|png`: real files from the real headless Chromium (no browser
 * e2e harness), read back with PDF.js (e2e/pdf-text.ts) and by the PNG header; and the
 * errors when Chromium or playwright is missing, through the function and the built bin.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, type PdfText } from '../e2e/pdf-text';
import { requirePrerequisite } from '../e2e/prerequisites';
import { checkPlan, natCapacity } from '../shared/checks';
import { planToSvg } from '../shared/export';
import { parsePlanText } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';
import { findChromium, playwrightRenderer, svgSize } from '../node/browser-render';
import { exportCommand, nodeExportIo, type ExportIo } from './export-commands';
import { UsageError } from './output';
import { runCli } from './run';

/** The Chromium the exports print with, found as `vpcplan` finds it (CHROMIUM_PATH, else PATH). */
const chromiumLookup = (() => {
  try {
    return { path: findChromium(process.env) };
  } catch (error) {
    return { path: '', why: error instanceof Error ? error.message : String(error) };
  }
})();
const CHROMIUM = chromiumLookup.path;
const HAS_CHROMIUM = requirePrerequisite('Chromium, for the PDF and PNG export tests in cli/export-binary.test.ts', CHROMIUM !== '', chromiumLookup.why ?? '');

const root = new URL('..', import.meta.url).pathname;

function example(name: string): Plan {
  const r = parsePlanText(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.summary);
  return r.plan;
}

function ioWith(env: Record<string, string | undefined>): ExportIo {
  return { ...nodeExportIo, now: () => new Date('2026-03-04T05:06:07Z'), browser: playwrightRenderer(env) };
}

const withChromium = ioWith({ CHROMIUM_PATH: CHROMIUM });

/** A count as the report prints it (en-US grouping). */
function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

describe.skipIf(!HAS_CHROMIUM)('export --format pdf (needs Chromium)', () => {
  const plan = example('hub-and-spoke.vpcplan.json');
  let dir = '';
  let pdf: PdfText;
  let text = '';
  let pages = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpcplan-pdf-'));
    const out = await exportCommand(plan, 'pdf', join(dir, 'review.pdf'), withChromium);
    expect(out).toEqual({ stdout: '', stderr: `wrote ${join(dir, 'review.pdf')}\n`, code: 0 });
    pdf = await readPdf(readFileSync(join(dir, 'review.pdf')));
    pages = pdf.pages.length;
    text = pdf.text;
  }, 120_000);

  it('is a PDF of several pages, written atomically (no temp file left)', () => {
    expect(readFileSync(join(dir, 'review.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(readdirSync(dir)).toEqual(['review.pdf']);
  });

  it("holds every VPC name, every finding code whole, and each NAT gateway's capacity line", () => {
    for (const vpc of plan.vpcs) expect(text).toContain(vpc.name);
    const codes = new Set(checkPlan(plan).map((f) => f.code));
    expect(codes.size).toBeGreaterThan(0);
    // Whole codes: the findings table must not break a code across lines ("sizing/s" / "ubnet-...").
    for (const code of codes) expect(text, code).toContain(code);
    expect(plan.natGateways.length).toBeGreaterThan(0);
    for (const nat of plan.natGateways) {
      const c = natCapacity(nat);
      expect(c, nat.id).toBeDefined();
      const line = new RegExp(
        `^\\s*${nat.name}\\s+${nat.addresses}\\s+${grouped(c!.perDestination)}\\s+${grouped(c!.busiestDemand)}\\s+${(c!.utilisation * 100).toFixed(1)} %`,
        'm',
      );
      expect(text).toMatch(line);
    }
  });

  it('prints a portrait title page, the diagram on landscape pages, then the tables on portrait A4', () => {
    // A4 is 595 x 842 pt.
    const landscape = (p: { width: number; height: number }) => Math.round(p.width) === 842 && Math.round(p.height) === 595;
    const portrait = (p: { width: number; height: number }) => Math.round(p.width) === 595 && Math.round(p.height) === 842;
    expect(portrait(pdf.pages[0]!)).toBe(true);
    const title = pdf.pages[0]!.lines.join('\n');
    expect(title).toContain(`Network review: ${plan.name}`);
    expect(title).toMatch(/Findings\s+\d+ \(\d+ errors?, \d+ warnings?, \d+ info\)/);
    expect(title).toContain('2026-03-04T05:06:07');
    const diagramPages = pdf.pages.filter(landscape);
    expect(diagramPages.length).toBeGreaterThanOrEqual(1);
    expect(pdf.pages.slice(1, 1 + diagramPages.length).every(landscape)).toBe(true);
    expect(pdf.pages.slice(1 + diagramPages.length).every(portrait)).toBe(true);
    // The diagram's own words are text in the PDF (it is drawn as shapes and text, not a bitmap).
    const diagramText = diagramPages.map((p) => p.lines.join('\n')).join('\n');
    for (const vpc of plan.vpcs) expect(diagramText).toContain(vpc.name);
    // Sections flow: the tables take fewer pages than the thirteen sections.
    expect(pdf.pages.length - 1 - diagramPages.length).toBeLessThan(8);
  });

  it('has no text under 7 pt and none cut short with an ellipsis, on any page', () => {
    for (const [i, page] of pdf.pages.entries()) {
      for (const t of page.texts) {
        expect(t.size, `page ${i + 1}: "${t.text}"`).toBeGreaterThanOrEqual(7);
        expect(t.text.trimEnd().endsWith('…'), `page ${i + 1}: "${t.text}"`).toBe(false);
      }
    }
  });
});

describe.skipIf(!HAS_CHROMIUM)('export --format png (needs Chromium)', () => {
  it.each(['hub-and-spoke.vpcplan.json', 'three-tier.vpcplan.json'])(
    "draws the %s diagram at twice the SVG's width and height",
    async (name) => {
      const plan = example(name);
      const dir = mkdtempSync(join(tmpdir(), 'vpcplan-png-'));
      const target = join(dir, 'diagram.png');
      writeFileSync(target, 'old');
      const out = await exportCommand(plan, 'png', target, withChromium);
      expect(out.code).toBe(0);
      const png = readFileSync(target);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      const svg = planToSvg(plan);
      const width = Number(/<svg\b[^>]*\swidth="(\d+)"/.exec(svg)![1]);
      const height = Number(/<svg\b[^>]*\sheight="(\d+)"/.exec(svg)![1]);
      expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: width * 2, height: height * 2 });
      expect(readdirSync(dir)).toEqual(['diagram.png']);
    },
    120_000,
  );
});

describe('pdf and png errors', () => {
  const plan = example('three-tier.vpcplan.json');

  it('exits 2 naming the missing file when CHROMIUM_PATH points nowhere, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcplan-nochrome-'));
    const missing = join(dir, 'no-such-chromium');
    for (const format of ['pdf', 'png'] as const) {
      const attempt = exportCommand(plan, format, join(dir, `out.${format}`), ioWith({ CHROMIUM_PATH: missing, PATH: process.env.PATH }));
      await expect(attempt).rejects.toThrow(UsageError);
      await expect(attempt).rejects.toThrow(`CHROMIUM_PATH=${missing} does not exist`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says to install chromium or set CHROMIUM_PATH when none is on PATH', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vpcplan-emptypath-'));
    expect(() => findChromium({ PATH: empty })).toThrow(/apt-get install chromium.*CHROMIUM_PATH.*--format html/);
    expect(() => findChromium({ CHROMIUM_PATH: empty })).toThrow(`CHROMIUM_PATH=${empty} is not an executable file`);
  });

  it('finds chromium on PATH by name', () => {
    const folder = mkdtempSync(join(tmpdir(), 'vpcplan-path-'));
    const fake = join(folder, 'chromium-browser');
    writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    expect(findChromium({ PATH: `${join(folder, 'missing')}:${folder}` })).toBe(fake);
  });

  it('needs -o for the binary formats and refuses a directory', async () => {
    await expect(exportCommand(plan, 'pdf', undefined, withChromium)).rejects.toThrow(/--format pdf is binary and needs -o <file>/);
    const dir = mkdtempSync(join(tmpdir(), 'vpcplan-dir-'));
    await expect(exportCommand(plan, 'png', dir, withChromium)).rejects.toThrow(`-o ${dir} is a directory; give a file name, e.g. ${join(dir, 'plan.png')}`);
  });

  it('reads the width and height off the SVG root', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="760" height="120.5"><rect width="9" height="9"/></svg>')).toEqual({
      width: 760,
      height: 121,
    });
    expect(() => svgSize('<svg viewBox="0 0 1 1"></svg>')).toThrow(/no numeric width and height/);
  });

  it('exits 2 through runCli with the message on stderr', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const io = { readFile: (path: string) => Promise.resolve(readFileSync(path, 'utf8')), readStdin: () => Promise.reject(new Error('no stdin')) };
      const out = await runCli(['export', `${root}examples/three-tier.vpcplan.json`, '--format', 'pdf', '-o', join(tmpdir(), 'never.pdf')], io);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^vpcplan: CHROMIUM_PATH=\/nonexistent\/chromium does not exist/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe('the built bin without playwright next to it', () => {
  // Built outside the repository, so `import('playwright')` finds no node_modules: the bin
  // must still run every other command, and say what to install for pdf.
  const dir = mkdtempSync(join(tmpdir(), 'vpcplan-bin-'));
  const bin = join(dir, 'vpcplan.js');

  beforeAll(() => {
    execFileSync(process.execPath, [`${root}scripts/build-cli.mjs`, '--outfile', bin]);
  }, 60_000);

  it('keeps playwright out of the bundle and runs without it', () => {
    const bundle = readFileSync(bin, 'utf8');
    // esbuild heads every bundled module with its path; zod is bundled, playwright must not be.
    expect(bundle).toMatch(/^\/\/ node_modules\/zod\//m);
    expect(bundle).not.toMatch(/^\/\/ node_modules\/playwright/m);
    const ok = spawnSync(process.execPath, [bin, 'cidr', 'overlaps', '10.0.0.0/8', '10.1.0.0/16', '--json'], { encoding: 'utf8', cwd: dir });
    expect(ok.status).toBe(0);
    // The JSON of h-scale's cidr overlaps: the pair count and the groups of identical blocks beside the pairs.
    expect(JSON.parse(ok.stdout)).toEqual({ count: 1, identical: [], pairs: [[0, 1]] });
  });

  it.skipIf(!HAS_CHROMIUM)('exits 2 telling to install playwright when it cannot be loaded', () => {
    const out = spawnSync(process.execPath, [bin, 'export', `${root}examples/three-tier.vpcplan.json`, '--format', 'pdf', '-o', join(dir, 'x.pdf')], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, CHROMIUM_PATH: CHROMIUM, NODE_PATH: '' },
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/playwright package, which could not be loaded .*npm install playwright/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('exits 2 when CHROMIUM_PATH points at a missing file', () => {
    const out = spawnSync(process.execPath, [bin, 'export', `${root}examples/three-tier.vpcplan.json`, '--format', 'png', '-o', join(dir, 'x.png')], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, CHROMIUM_PATH: join(dir, 'missing-chromium') },
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`CHROMIUM_PATH=${join(dir, 'missing-chromium')} does not exist`);
  });
});
