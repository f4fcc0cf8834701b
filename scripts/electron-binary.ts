/**
 * Where Electron's binary for this OS is, found the way the electron package itself does
 * (node_modules/electron/path.txt) but without requiring the package: since Electron 45 a
 * require() downloads a missing binary, which must never happen by surprise (not in a
 * test, not in a packaging step, not on a machine that cannot reach the download site).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { ok: true; executable: string; distFolder: string; version: string } | { ok: false; problem: string };

export const INSTALL_HINT =
  'npm install fetches it unless ELECTRON_SKIP_BINARY_DOWNLOAD is set; on a machine that can reach Electron\'s download site (with Node.js 22.12 or newer) run "npm run install:electron"';

export function findElectronBinary(root: string): ElectronBinary {
  const packageFolder = path.join(root, 'node_modules', 'electron');
  const packageFile = path.join(packageFolder, 'package.json');
  if (!existsSync(packageFile)) return { ok: false, problem: 'The electron package is not installed (node_modules/electron is missing); run "npm install".' };
  const version = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version;
  const distFolder = path.join(packageFolder, 'dist');
  const pathFile = path.join(packageFolder, 'path.txt');
  if (!existsSync(pathFile))
    return { ok: false, problem: `Electron ${version}'s binary is not installed (node_modules/electron/dist is empty): ${INSTALL_HINT}.` };
  const executable = path.join(distFolder, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable))
    return { ok: false, problem: `Electron ${version}'s binary is missing (${path.relative(root, executable)} does not exist): ${INSTALL_HINT}.` };
  const installed = readOptional(path.join(distFolder, 'version'))?.trim().replace(/^v/, '');
  if (installed !== undefined && installed !== version) {
    return {
      ok: false,
      problem: `node_modules/electron/dist holds Electron ${installed}, but package.json asks for ${version}; delete node_modules/electron/dist and run "npm run install:electron".`,
    };
  }
  return { ok: true, executable, distFolder, version };
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
