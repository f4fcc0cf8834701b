/**
 * Packaging, checked statically: the electron-builder configuration (targets, asar, fuses,
 * what goes in the archive) against electron-builder's own schema and against what main.ts
 * reads at run time; the fuse check on a made-up binary; and how a missing Electron binary
 * is reported. `npm run dist` itself needs the binary and runs in CI (.github/workflows).
 */
import { FuseV1Options } from '@electron/fuses';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FILES } from '../electron/launch';
import { FUSE_POSITIONS, fuseMismatches, loadBuilderConfig, packagedExecutables } from './check-fuses';
import { findElectronBinary } from './electron-binary';
import { launcherOf, smokeTest } from './smoke-test-package';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const config = loadBuilderConfig(root) as ReturnType<typeof loadBuilderConfig> & Record<string, unknown>;
const packageJson = require(path.join(root, 'package.json')) as { main: string; scripts: Record<string, string>; devDependencies: Record<string, string> };

/** electron-builder's glob patterns, as far as this config uses them (`**`, `*`, leading `!`). */
function included(file: string, patterns: readonly string[]): boolean {
  let result = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    const regex = new RegExp(
      `^${glob
        .split('**/')
        .map((part) =>
          part
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*'),
        )
        .join('(?:.*/)?')}$`,
    );
    if (regex.test(file)) result = !negated;
  }
  return result;
}

describe('electron-builder.config.cjs', () => {
  it("is valid against electron-builder's own schema", async () => {
    // electron-builder validates the same way before every build; here without building.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  }, 60_000);

  it('builds an AppImage and a deb on Linux, a dmg on macOS and an NSIS installer on Windows', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.publish).toBeNull();
  });

  it('packs the app into one asar archive, with integrity checking left on', () => {
    expect(config.asar).toBe(true);
    expect(config).not.toHaveProperty('asarUnpack');
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or inspect, cookies encrypted, asar integrity, app only from asar, no file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('names every fuse the way @electron/fuses numbers it', () => {
    const enumNames = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(FUSE_POSITIONS).sort()).toEqual(enumNames.map((name) => name[0]!.toLowerCase() + name.slice(1)).sort());
    for (const name of enumNames) expect(FUSE_POSITIONS[name[0]!.toLowerCase() + name.slice(1)]).toBe(FuseV1Options[name as keyof typeof FuseV1Options]);
  });

  it('puts in the archive what main.ts loads, and no node_modules', () => {
    const files = config.files as string[];
    for (const file of [
      packageJson.main,
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc.js',
      'package.json',
      ...EXAMPLE_FILES.map((name) => `examples/${name}`),
    ]) {
      expect(included(file, files), file).toBe(true);
    }
    for (const file of [
      'node_modules/react/index.js',
      'node_modules/electron/dist/electron',
      'electron/main.ts',
      'shared/plan/schema.ts',
      'dist/electron/main.cjs.map',
      'README.md',
      'examples/notes.txt',
    ]) {
      expect(included(file, files), file).toBe(false);
    }
  });

  it('packs the Electron binary npm install fetched, and never rebuilds native modules', () => {
    expect(config.electronDist).toBe('node_modules/electron/dist');
    expect(config.npmRebuild).toBe(false);
  });

  it("has an app icon electron-builder can turn into every platform's format (at least 512 px square)", async () => {
    const png = await readFile(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
    expect((config.directories as { buildResources: string }).buildResources).toBe('build');
  });

  it('is what npm run dist uses, with the fuse check after it', () => {
    expect(packageJson.scripts.dist).toBe('tsx scripts/dist.ts');
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\^?26\./);
  });
});

describe('the fuse check', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-fuses-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** A stand-in binary: junk, the fuse sentinel, wire version 1, its length, then one byte per fuse ('0' off, '1' on). */
  async function binaryWith(states: string): Promise<string> {
    const file = path.join(folder, `electron-${states}`);
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('\x7fELF...junk...'),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, states.length]),
        Buffer.from(states),
        Buffer.from('...more'),
      ]),
    );
    return file;
  }

  it('passes a binary whose fuses are as configured', async () => {
    // RunAsNode off, cookies on, NODE_OPTIONS off, inspect off, asar integrity on, only asar on, V8 snapshot (unset: on), file:// privileges off.
    expect(await fuseMismatches(await binaryWith('01001110'), config.electronFuses!)).toEqual([]);
  });

  it('names each fuse that did not flip', async () => {
    // An unflipped Electron: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on, the rest off.
    expect(await fuseMismatches(await binaryWith('10110001'), config.electronFuses!)).toEqual([
      'runAsNode should be off but is on',
      'enableCookieEncryption should be on but is off',
      'enableNodeOptionsEnvironmentVariable should be off but is on',
      'enableNodeCliInspectArguments should be off but is on',
      'enableEmbeddedAsarIntegrityValidation should be on but is off',
      'onlyLoadAppFromAsar should be on but is off',
      'grantFileProtocolExtraPrivileges should be off but is on',
    ]);
  });

  it('finds the packaged executables electron-builder leaves in release/', async () => {
    const release = path.join(folder, 'release');
    await mkdir(path.join(release, 'linux-unpacked'), { recursive: true });
    await writeFile(path.join(release, 'linux-unpacked', 'vpc-planner'), '');
    await mkdir(path.join(release, 'win-unpacked'), { recursive: true });
    await writeFile(path.join(release, 'win-unpacked', 'VPC Planner.exe'), '');
    await mkdir(path.join(release, 'mac-arm64', 'VPC Planner.app'), { recursive: true });
    await mkdir(path.join(release, '.icon-ico'), { recursive: true });
    expect(
      packagedExecutables(release, config)
        .map((p) => path.relative(release, p))
        .sort(),
    ).toEqual([path.join('linux-unpacked', 'vpc-planner'), path.join('mac-arm64', 'VPC Planner.app'), path.join('win-unpacked', 'VPC Planner.exe')]);
  });
});

describe('finding the Electron binary', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-binary-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('says how to get it when the package or its binary is missing', async () => {
    expect(findElectronBinary(folder)).toEqual({ ok: false, problem: expect.stringContaining('run "npm install"') });
    const electron = path.join(folder, 'node_modules', 'electron');
    await mkdir(electron, { recursive: true });
    await writeFile(path.join(electron, 'package.json'), JSON.stringify({ version: '45.5.0' }));
    const missing = findElectronBinary(folder);
    expect(missing).toEqual({
      ok: false,
      problem: expect.stringMatching(/^Electron 45\.5\.0's binary is not installed .*ELECTRON_SKIP_BINARY_DOWNLOAD.*npm run install:electron/),
    });
  });

  it('finds it where path.txt says, and refuses a binary of another version', async () => {
    const electron = path.join(folder, 'node_modules', 'electron');
    await mkdir(path.join(electron, 'dist'), { recursive: true });
    await writeFile(path.join(electron, 'path.txt'), 'electron');
    await writeFile(path.join(electron, 'dist', 'electron'), '');
    await writeFile(path.join(electron, 'dist', 'version'), 'v45.5.0');
    expect(findElectronBinary(folder)).toMatchObject({ ok: true, executable: path.join(electron, 'dist', 'electron'), version: '45.5.0' });
    await writeFile(path.join(electron, 'dist', 'version'), '39.8.10');
    expect(findElectronBinary(folder)).toEqual({ ok: false, problem: expect.stringContaining('holds Electron 39.8.10, but package.json asks for 45.5.0') });
  });
});

describe('the packaged-app smoke test', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-smoke-run-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** A stand-in for a packaged app: a Node script that answers as main.ts does in smoke-test mode. */
  async function fakeApp(name: string, body: string): Promise<string> {
    const file = path.join(folder, name);
    await writeFile(file, `#!${process.execPath}\n${body}\n`, { mode: 0o755 });
    return file;
  }

  it.skipIf(process.platform === 'win32')('passes an app that reports its page started, with a fresh user-data folder', async () => {
    const app = await fakeApp(
      'good',
      `
      const fs = require('node:fs');
      if (process.env.VPCPLANNER_SMOKE_TEST !== '1' || !fs.existsSync(process.env.VPCPLANNER_USER_DATA)) process.exit(3);
      console.log('Smoke test passed: the page at app://vpc-planner/index.html started and reached the main process.');`,
    );
    expect(await smokeTest(app)).toMatchObject({ ok: true });
  });

  it.skipIf(process.platform === 'win32')('fails an app that exits with an error, or that hangs', async () => {
    const crashing = await fakeApp('crashing', `console.error('Smoke test failed: the renderer stopped (crashed).'); process.exit(1);`);
    expect(await smokeTest(crashing)).toEqual({ ok: false, output: expect.stringContaining('renderer stopped') });
    const silent = await fakeApp('silent', 'process.exit(0);');
    expect((await smokeTest(silent)).ok).toBe(false);
    const hanging = await fakeApp('hanging', 'setInterval(() => {}, 1000);');
    expect(await smokeTest(hanging, 500)).toEqual({ ok: false, output: expect.stringContaining('no answer within 0.5 s') });
    expect(await smokeTest(path.join(folder, 'missing'))).toEqual({ ok: false, output: expect.stringContaining('could not start') });
  });

  it("runs a macOS app bundle's own executable", () => {
    expect(launcherOf('/r/mac-arm64/VPC Planner.app', config)).toBe(path.join('/r/mac-arm64/VPC Planner.app', 'Contents', 'MacOS', 'VPC Planner'));
    expect(launcherOf('/r/linux-unpacked/vpc-planner', config)).toBe('/r/linux-unpacked/vpc-planner');
  });
});
