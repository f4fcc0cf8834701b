/**
 * Every `-o` write of the CLI under the faults a user meets: a full disk (the disk taking
 * part of the file, then an error or nothing), a folder that refuses new files, a read-only
 * file, a dangling link. Through runCli with a file system that fails on purpose (tests run
 * as root, so permissions alone deny nothing), and through the built bin for the faults a
 * real path can make. Each time: exit 2, one line on stderr, the old file as it was, no temp.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSystem } from '../node/atomic-write';
import { faultyFileSystem } from '../node/faulty-file-system';
import { parsePlanText } from '../shared/plan/load';
import { unexpectedFileErrorLine } from './file-output';
import { runCli, type CliIo } from './run';

const root = new URL('..', import.meta.url).pathname;
const example = `${root}examples/three-tier.vpcplan.json`;
const fixtures = `${root}shared/import/fixtures/coherent/`;
const awsFiles = readdirSync(fixtures).map((f) => join(fixtures, f));
const oldPlan = readFileSync(`${root}examples/hub-and-spoke.vpcplan.json`, 'utf8');

const folders: string[] = [];
function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcplan-out-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function cli(argv: string[], fs?: FileSystem) {
  const io: CliIo = { readFile: (path) => Promise.resolve(readFileSync(path, 'utf8')), readStdin: () => Promise.reject(new Error('no stdin here')), fs };
  return runCli(argv, io);
}

/** One line, naming the path, with no stack trace in it. */
function expectOneLine(stderr: string | undefined, pattern: RegExp): void {
  expect(stderr).toMatch(/^vpcplan: [^\n]+\n$/);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const diskFull = faultyFileSystem({ on: 'write', room: 512, code: 'ENOSPC' });
const diskFullQuietly = faultyFileSystem({ on: 'write', room: 512, silent: 'zero-bytes' });

describe('vpcplan import -o', () => {
  it.each([
    ['the disk fills up (ENOSPC)', diskFull, /the disk is full; free some space or write somewhere else/],
    ['the disk takes part of the plan and then nothing (a short write)', diskFullQuietly, /the disk took only part of the file/],
    [
      'the folder refuses new files',
      faultyFileSystem({ on: 'open', code: 'EACCES' }),
      /you do not have permission to write there; check the folder's permissions/,
    ],
    ['the plan file is read-only', faultyFileSystem({ on: 'access', code: 'EACCES' }), /the file is read-only; make it writable \(chmod u\+w\)/],
  ])('exits 2 with one line and keeps the old plan whole when %s', async (_case, fs, why) => {
    const dir = freshFolder();
    const target = join(dir, 'plan.json');
    writeFileSync(target, oldPlan);
    const out = await cli(['import', '--from', 'aws-cli', ...awsFiles, '-o', target], fs);
    expect(out.code).toBe(2);
    expectOneLine(out.stderr, why);
    expect(out.stderr).toContain(`cannot write ${target}: `);
    expect(out.stderr).toContain(`(${target} is unchanged)`);
    expect(readFileSync(target, 'utf8')).toBe(oldPlan);
    expect(parsePlanText(readFileSync(target, 'utf8')).ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });

  it('says nothing was written when there was no file before', async () => {
    const dir = freshFolder();
    const out = await cli(['import', '--from', 'aws-cli', ...awsFiles, '-o', join(dir, 'new.json')], diskFull);
    expectOneLine(out.stderr, /\(nothing was written\)\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes through a dangling link, keeps the link, and says where the plan went', async () => {
    const dir = freshFolder();
    const link = join(dir, 'plan.json');
    symlinkSync('imported/plan.json', link);
    mkdirSync(join(dir, 'imported'));
    const out = await cli(['import', '--from', 'aws-cli', ...awsFiles, '-o', link]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`wrote ${link} (through the link, to ${join(dir, 'imported', 'plan.json')}): 3 VPCs`);
    expect(readlinkSync(link)).toBe('imported/plan.json');
    expect(parsePlanText(readFileSync(join(dir, 'imported', 'plan.json'), 'utf8')).ok).toBe(true);
  });
});

describe('vpcplan export -o', () => {
  it.each(['csv', 'json', 'markdown', 'html', 'svg'])('--format %s: a full disk leaves the old file and no temp', async (format) => {
    const dir = freshFolder();
    const target = join(dir, `out.${format}`);
    writeFileSync(target, 'the old export');
    const out = await cli(['export', example, '--format', format, '-o', target], diskFull);
    expect(out.code).toBe(2);
    expectOneLine(out.stderr, /the disk is full/);
    expect(readFileSync(target, 'utf8')).toBe('the old export');
    expect(readdirSync(dir)).toEqual([`out.${format}`]);
  });

  it('--format terraform into a folder that cannot be made: one line, not a stack trace', async () => {
    const dir = freshFolder();
    const out = await cli(['export', example, '--format', 'terraform', '-o', join(dir, 'infra')], faultyFileSystem({ on: 'mkdir', code: 'EACCES' }));
    expect(out.code).toBe(2);
    expectOneLine(
      out.stderr,
      new RegExp(`cannot create the folder ${join(dir, 'infra')}: you do not have permission to write there.*\\(nothing was written\\)`),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--format terraform replaces no file when a later one cannot be written', async () => {
    const dir = freshFolder();
    writeFileSync(join(dir, 'versions.tf'), 'old versions');
    writeFileSync(join(dir, 'variables.tf'), 'old variables');
    const fs = faultyFileSystem({ on: 'write', room: 10, code: 'ENOSPC', when: (p) => p.includes('variables.tf') });
    const out = await cli(['export', example, '--format', 'terraform', '-o', dir], fs);
    expect(out.code).toBe(2);
    expectOneLine(
      out.stderr,
      new RegExp(
        `cannot write ${join(dir, 'variables.tf')}: the disk is full.*\\(${join(dir, 'versions.tf')}, ${join(dir, 'variables.tf')} are unchanged; no other file was written\\)`,
      ),
    );
    expect(readFileSync(join(dir, 'versions.tf'), 'utf8')).toBe('old versions');
    expect(readFileSync(join(dir, 'variables.tf'), 'utf8')).toBe('old variables');
    expect(readdirSync(dir).sort()).toEqual(['variables.tf', 'versions.tf']);
  });

  it('--format terraform into a new folder leaves no folder behind when the write fails', async () => {
    const dir = freshFolder();
    const out = await cli(['export', example, '--format', 'terraform', '-o', join(dir, 'infra')], faultyFileSystem({ on: 'open', code: 'EROFS' }));
    expectOneLine(out.stderr, /the disk is read-only; write somewhere else \(nothing was written\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a target that cannot even be looked at is one line too', async () => {
    const dir = freshFolder();
    const out = await cli(['export', example, '--format', 'csv', '-o', join(dir, 'x.csv')], faultyFileSystem({ on: 'stat', code: 'EACCES' }));
    expect(out.code).toBe(2);
    expectOneLine(out.stderr, new RegExp(`cannot use ${join(dir, 'x.csv')}: you do not have permission`));
  });
});

describe('a file-system error no command worded', () => {
  it('is one line naming the call, the path and the fix', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/x'"), { code: 'EACCES', syscall: 'mkdir', path: '/srv/x' });
    expect(unexpectedFileErrorLine(error)).toBe(
      "mkdir /srv/x failed: you do not have permission to write there; check the folder's permissions or give -o a path in another folder",
    );
    expect(unexpectedFileErrorLine(new TypeError('a bug'))).toBeUndefined();
  });
});

describe('the built bin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcplan-bin-out-'));
  folders.push(dir);
  const bin = join(dir, 'vpcplan.js');
  beforeAll(() => {
    execFileSync(process.execPath, [`${root}scripts/build-cli.mjs`, '--outfile', bin]);
  }, 60_000);
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });

  it('export --format terraform -o under a file: exit 2, one line, no stack trace', () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = run('export', example, '--format', 'terraform', '-o', join(dir, 'a-file', 'infra'));
    expect(out.status).toBe(2);
    expectOneLine(out.stderr, /part of the path is a file, not a folder; check the path/);
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('x');
  });

  it('import -o into a folder that does not exist: exit 2, one line', () => {
    const out = run('import', '--from', 'aws-cli', ...awsFiles, '-o', join(dir, 'missing', 'plan.json'));
    expect(out.status).toBe(2);
    expectOneLine(
      out.stderr,
      new RegExp(`cannot write ${join(dir, 'missing', 'plan.json')}: the folder does not exist; create it first or check the path \\(nothing was written\\)`),
    );
  });

  it('export -o a folder where a file goes, and a device: exit 2, one line', () => {
    const csv = run('export', example, '--format', 'csv', '-o', dir);
    expect(csv.status).toBe(2);
    expectOneLine(csv.stderr, /is a directory; give a file name/);
    symlinkSync('/dev/null', join(dir, 'null'));
    const device = run('export', example, '--format', 'csv', '-o', join(dir, 'null'));
    expect(device.status).toBe(2);
    expectOneLine(device.stderr, /it is a device or pipe, not a file; leave out -o to print to standard output/);
    expect(readlinkSync(join(dir, 'null'))).toBe('/dev/null');
  });
});
