// Bundles the vpcplan CLI into one file, dist/cli/vpcplan.js, so `npx vpcplan` works right
// after `npm ci` (this runs as the package's `prepare` script) without a TypeScript loader.
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const outfile = new URL('../dist/cli/vpcplan.js', import.meta.url).pathname;
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
  logLevel: 'warning',
});
// npx runs the bin directly, so it must be executable.
chmodSync(outfile, 0o755);
