// Fetches Electron's binary for this OS into node_modules/electron/dist. Run by `npm
// install` (the "prepare" script) and by `npm run install:electron`. Since Electron 45 the
// package no longer downloads at install time but on first require(), which would hide the
// download inside `npm start` or a test run; this makes it part of installing, as before.
//
// Skipped, with a line saying so, when ELECTRON_SKIP_BINARY_DOWNLOAD is set (machines that
// cannot reach the download site: the web app, the CLI and the unit tests need no binary).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const installer = path.join(root, 'node_modules', 'electron', 'install.js');
const explicit = process.argv.includes('--explicit');

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !explicit) {
  console.log(
    'Electron binary: not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set); the desktop app and its tests need it: run "npm run install:electron" where Electron\'s download site can be reached.',
  );
  process.exit(0);
}
// A production install (npm ci --omit=dev) has no electron package: nothing to fetch.
if (!existsSync(installer)) process.exit(0);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const message = `Electron binary: not downloaded: Electron's installer needs Node.js 22.12 or newer, and this is ${process.versions.node}. The web app and the vpcplan CLI work as they are; for the desktop app, upgrade Node.js and run "npm run install:electron".`;
  console.warn(message);
  process.exit(explicit ? 1 : 0);
}

// install.js checks node_modules/electron/dist first and downloads only what is missing.
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    'Electron binary: the download failed (see above). Set ELECTRON_SKIP_BINARY_DOWNLOAD=1 to install without it (web app and CLI only), or retry with "npm run install:electron".',
  );
  process.exit(result.status ?? 1);
}
