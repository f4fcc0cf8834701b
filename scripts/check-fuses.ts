/**
 * Reads the fuses back from a packaged app's Electron binary and compares them with what
 * electron-builder.config.cjs asked for, so a build whose fuses did not flip (an older
 * electron-builder, a config key it ignores) fails instead of shipping. `npm run dist` runs
 * it on what it built; `tsx scripts/check-fuses.ts <app>` checks any packaged app.
 */
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** electron-builder's camelCase fuse names, as in its electronFuses option, to the fuse wire's positions. */
export const FUSE_POSITIONS: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The fuse wire's byte values (FuseState in @electron/fuses): ASCII '0' and '1'. */
const DISABLED = 48;
const ENABLED = 49;

export interface BuilderConfig {
  productName: string;
  linux?: { executableName?: string };
  electronFuses?: Record<string, boolean | undefined> | null;
}

export function loadBuilderConfig(root: string): BuilderConfig {
  return createRequire(import.meta.url)(path.join(root, 'electron-builder.config.cjs')) as BuilderConfig;
}

/** Each wanted fuse that the binary does not have, in words. */
export async function fuseMismatches(binary: string, wanted: Record<string, boolean | undefined>): Promise<string[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  const problems: string[] = [];
  for (const [name, value] of Object.entries(wanted)) {
    if (value === undefined || name === 'resetAdHocDarwinSignature') continue;
    const position = FUSE_POSITIONS[name];
    if (position === undefined) {
      problems.push(`${name} is not a fuse this check knows; add it to FUSE_POSITIONS`);
      continue;
    }
    const state = wire[position];
    const actual = state === ENABLED ? true : state === DISABLED ? false : undefined;
    if (actual !== value)
      problems.push(
        `${name} should be ${value ? 'on' : 'off'} but is ${actual === undefined ? `unreadable (state ${String(state)}; fuse missing from this Electron?)` : actual ? 'on' : 'off'}`,
      );
  }
  return problems;
}

/** The Electron executables electron-builder left in its output folder (linux-unpacked/, mac-arm64/, win-unpacked/, ...). */
export function packagedExecutables(releaseFolder: string, config: BuilderConfig): string[] {
  if (!existsSync(releaseFolder)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(releaseFolder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(releaseFolder, entry.name);
    const candidates = entry.name.startsWith('linux')
      ? [path.join(folder, config.linux?.executableName ?? config.productName)]
      : entry.name.startsWith('mac')
        ? [path.join(folder, `${config.productName}.app`)]
        : entry.name.startsWith('win')
          ? [path.join(folder, `${config.productName}.exe`)]
          : [];
    found.push(...candidates.filter((candidate) => existsSync(candidate)));
  }
  return found;
}

export async function checkPackagedFuses(root: string, binaries?: string[]): Promise<boolean> {
  const config = loadBuilderConfig(root);
  const wanted = config.electronFuses ?? {};
  const targets = binaries ?? packagedExecutables(path.join(root, 'release'), config);
  if (targets.length === 0) {
    console.error('No packaged app found in release/; run "npm run dist" first.');
    return false;
  }
  let ok = true;
  for (const binary of targets) {
    const problems = await fuseMismatches(binary, wanted);
    if (problems.length === 0)
      console.log(
        `Fuses of ${path.relative(root, binary)}: as configured (${Object.keys(wanted)
          .filter((k) => k in FUSE_POSITIONS)
          .join(', ')}).`,
      );
    else {
      ok = false;
      console.error(`Fuses of ${path.relative(root, binary)} are not as electron-builder.config.cjs asks:\n  - ${problems.join('\n  - ')}`);
    }
  }
  return ok;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const given = process.argv.slice(2);
  process.exitCode = (await checkPackagedFuses(root, given.length > 0 ? given.map((p) => path.resolve(p)) : undefined)) ? 0 : 1;
}
