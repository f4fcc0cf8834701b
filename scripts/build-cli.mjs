// Bundles the vpcplan CLI into one file, dist/cli/vpcplan.js, so `npx vpcplan` works right
// after `npm ci` (this runs as the package's `prepare` script) without a TypeScript loader.
// Playwright stays outside the bundle: only `export --format pdf|png` loads it, with a dynamic
// import, so the bin runs without it. `--outfile <path>` builds somewhere else (tests).
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const outfileFlag = process.argv.indexOf('--outfile');
const outfile = outfileFlag >= 0 && process.argv[outfileFlag + 1] ? process.argv[outfileFlag + 1] : new URL('../dist/cli/vpcplan.js', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: [new URL('../cli/vpcplan.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { VPCPLAN_VERSION: JSON.stringify(version) },
  external: ['playwright', 'playwright-core'],
  // ESM builds first: jsonc-parser's UMD main uses a dynamic require that an ESM bundle cannot run.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
// npx runs the bin directly, so it must be executable.
chmodSync(outfile, 0o755);
