// Bundles the Electron main process and preload into dist/electron/*.cjs. The preload runs
// sandboxed, where require() only knows 'electron', so everything else must be inlined;
// main gets the same treatment so the packaged app needs no node_modules beyond Electron.
// The examples are read from app.getAppPath()/examples, so they are not copied.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
]);

// A sandboxed preload that requires anything but 'electron' fails at run time, silently
// leaving window.vpcHost undefined; catch that here instead.
const preload = readFileSync(path.join(root, 'dist/electron/preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]).filter((name) => name !== 'electron');
if (required.length > 0) {
  console.error(`dist/electron/preload.cjs requires ${[...new Set(required)].join(', ')}; a sandboxed preload may only require "electron".`);
  process.exit(1);
}
console.log('Built dist/electron/main.cjs and dist/electron/preload.cjs');
