/**
 * `npm run dist`: builds the renderer and the shell, then packages the desktop app for
 * this OS with electron-builder (electron-builder.config.cjs: AppImage + deb on Linux,
 * dmg on macOS, NSIS on Windows) into release/, and checks the fuses of what it built.
 *
 * It packs the Electron binary that `npm install` put in node_modules/electron/dist, so
 * where that binary could not be had (ELECTRON_SKIP_BINARY_DOWNLOAD, no network) it stops
 * at once and says so, before building anything.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackagedFuses, loadBuilderConfig } from './check-fuses';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const binary = findElectronBinary(root);
if (!binary.ok) {
  console.error(`npm run dist cannot package the desktop app: ${binary.problem}`);
  process.exit(1);
}
console.log(`Packaging with Electron ${binary.version} from ${path.relative(root, binary.distFolder)} for ${process.platform}-${process.arch}.`);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['run', 'build:renderer'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });

const { build } = createRequire(import.meta.url)('electron-builder') as typeof import('electron-builder');
const artifacts = await build({ projectDir: root, config: loadBuilderConfig(root) as import('electron-builder').Configuration, publish: 'never' });
console.log(`Built:\n  ${artifacts.map((file) => path.relative(root, file)).join('\n  ')}`);

if (!(await checkPackagedFuses(root))) process.exit(1);
