import { spawn, spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeStaleTemps,
  resolveWriteTarget,
  STALE_TEMP_AGE_MS,
  tempPathFor,
  writeFileAtomically,
  writeFilesAtomically,
  type FileSystem,
} from './atomic-write';
import { faultyFileSystem } from './faulty-file-system';
import { FileWriteError } from './file-errors';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vpcplan-atomic-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const isTemp = (name: string) => /\.vpcplan-[0-9a-f]{6}-\d+-[0-9a-f]{8}\.tmp$/.test(name);
const temps = async (dir = folder) => (await readdir(dir)).filter(isTemp);

/** The writer's failure, for matching on its code and path. */
async function failureOf(write: Promise<unknown>): Promise<FileWriteError> {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileWriteError);
  return error as FileWriteError;
}

/** A process id no process has: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

/** One of our temp names for `target`, as another process (pid) would have made it. */
function tempOf(target: string, pid: number): string {
  return tempPathFor(target).replace(/-\d+-([0-9a-f]{8})\.tmp$/, `-${pid}-$1.tmp`);
}

describe('writeFileAtomically', () => {
  it('writes a new file whole, in several chunks, and leaves nothing else', async () => {
    const file = path.join(folder, 'big.bin');
    const data = Buffer.alloc(3 * (1 << 20) + 17);
    for (let i = 0; i < data.length; i++) data[i] = i % 251;
    const written = await writeFileAtomically(file, data);
    expect(written.path).toBe(file);
    expect((await readFile(file)).equals(data)).toBe(true);
    expect(await readdir(folder)).toEqual(['big.bin']);
  });

  it('writes text as UTF-8', async () => {
    const file = path.join(folder, 'plan.json');
    await writeFileAtomically(file, '{"name":"Zürich ✓"}');
    expect(await readFile(file, 'utf8')).toBe('{"name":"Zürich ✓"}');
  });

  it('keeps the permission bits of the file it replaces, whatever the umask', async () => {
    const file = path.join(folder, 'shared.json');
    await writeFile(file, 'old');
    // 0o664 loses its group-write bit under the usual umask 022 unless the writer restores it.
    await chmod(file, 0o664);
    const umask = process.umask(0o022);
    try {
      await writeFileAtomically(file, 'new');
    } finally {
      process.umask(umask);
    }
    expect((await stat(file)).mode & 0o7777).toBe(0o664);
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it('gives a new file the mode asked for', async () => {
    const file = path.join(folder, 'draft.json');
    await writeFileAtomically(file, 'secret', { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('writeFileAtomically when the disk or the folder fails', () => {
  const cases: Array<[string, FileSystem, string]> = [
    ['the disk fills up part-way (a short write, then ENOSPC)', faultyFileSystem({ on: 'write', room: 1000, code: 'ENOSPC' }), 'ENOSPC'],
    ['the disk stops taking bytes without an error', faultyFileSystem({ on: 'write', room: 1000, silent: 'zero-bytes' }), 'ERR_SHORT_WRITE'],
    ['the disk claims bytes it never wrote', faultyFileSystem({ on: 'write', room: 1000, silent: 'claims-all' }), 'ERR_SHORT_WRITE'],
    ['the quota runs out', faultyFileSystem({ on: 'write', room: 0, code: 'EDQUOT' }), 'EDQUOT'],
    ['fsync reports an I/O error', faultyFileSystem({ on: 'sync', code: 'EIO' }), 'EIO'],
    ['close reports the full disk late (network file systems do)', faultyFileSystem({ on: 'close', code: 'ENOSPC' }), 'ENOSPC'],
    ['the folder refuses a new file', faultyFileSystem({ on: 'open', code: 'EACCES' }), 'EACCES'],
    ['the disk is read-only', faultyFileSystem({ on: 'open', code: 'EROFS' }), 'EROFS'],
    ['the rename fails', faultyFileSystem({ on: 'rename', code: 'EPERM' }), 'EPERM'],
    ['the file is read-only', faultyFileSystem({ on: 'access', code: 'EACCES' }), 'ERR_READ_ONLY_FILE'],
  ];

  it.each(cases)('leaves the old file as it was and no temp file when %s', async (_case, fs, code) => {
    const file = path.join(folder, 'plan.json');
    await writeFile(file, 'the old plan');
    const error = await failureOf(writeFileAtomically(file, 'x'.repeat(5000), { fs }));
    expect(error.code).toBe(code);
    expect(error.path).toBe(file);
    expect(await readFile(file, 'utf8')).toBe('the old plan');
    expect(await readdir(folder)).toEqual(['plan.json']);
  });

  it('creates no file at all when a new one cannot be written', async () => {
    const file = path.join(folder, 'new.json');
    const error = await failureOf(writeFileAtomically(file, 'x'.repeat(5000), { fs: faultyFileSystem({ on: 'write', room: 10, code: 'ENOSPC' }) }));
    expect(error.code).toBe('ENOSPC');
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a folder, a device, and a folder that is not there', async () => {
    await mkdir(path.join(folder, 'sub'));
    expect((await failureOf(writeFileAtomically(path.join(folder, 'sub'), 'x'))).code).toBe('EISDIR');
    // Through a link, so the test never writes near the real /dev/null.
    await symlink('/dev/null', path.join(folder, 'null-link'));
    expect((await failureOf(writeFileAtomically(path.join(folder, 'null-link'), 'x'))).code).toBe('ERR_NOT_A_FILE');
    expect((await lstat(path.join(folder, 'null-link'))).isSymbolicLink()).toBe(true);
    expect((await failureOf(writeFileAtomically(path.join(folder, 'missing', 'x.json'), 'x'))).code).toBe('ENOENT');
    const file = path.join(folder, 'file');
    await writeFile(file, 'f');
    expect((await failureOf(writeFileAtomically(path.join(file, 'x.json'), 'x'))).code).toBe('ENOTDIR');
    expect((await readdir(folder)).sort()).toEqual(['file', 'null-link', 'sub']);
  });
});

describe('writeFileAtomically through symbolic links', () => {
  it('writes the file a link points at, and the link stays a link', async () => {
    const real = path.join(folder, 'real.json');
    const link = path.join(folder, 'link.json');
    await writeFile(real, 'old');
    await chmod(real, 0o640);
    await symlink('real.json', link);
    const written = await writeFileAtomically(link, 'new');
    expect(written.path).toBe(real);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real.json');
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await stat(real)).mode & 0o777).toBe(0o640);
    expect((await readdir(folder)).sort()).toEqual(['link.json', 'real.json']);
  });

  it('follows a chain of links into another folder, and writes the temp file there', async () => {
    const other = path.join(folder, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'plan.json'), 'old');
    await symlink(path.join(other, 'plan.json'), path.join(folder, 'b'));
    await symlink('b', path.join(folder, 'a'));
    const fs: FileSystem = {
      ...nodeFs,
      rename: async (from, to) => {
        // The rename is within one folder, so it is atomic.
        expect(path.dirname(String(from))).toBe(other);
        return nodeFs.rename(from, to);
      },
    };
    await writeFileAtomically(path.join(folder, 'a'), 'new', { fs });
    expect(await readFile(path.join(other, 'plan.json'), 'utf8')).toBe('new');
    expect(await readlink(path.join(folder, 'a'))).toBe('b');
  });

  it('creates the missing file a dangling link points at, and keeps the link', async () => {
    const link = path.join(folder, 'plan.json');
    await mkdir(path.join(folder, 'plans'));
    await symlink('plans/current.json', link);
    const written = await writeFileAtomically(link, 'new');
    expect(written.path).toBe(path.join(folder, 'plans', 'current.json'));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(link, 'utf8')).toBe('new');
    expect(await readdir(path.join(folder, 'plans'))).toEqual(['current.json']);
  });

  it('leaves a dangling link into a missing folder as it was', async () => {
    const link = path.join(folder, 'plan.json');
    await symlink('gone/plan.json', link);
    expect((await failureOf(writeFileAtomically(link, 'new'))).code).toBe('ENOENT');
    expect(await readlink(link)).toBe('gone/plan.json');
    expect(await readdir(folder)).toEqual(['plan.json']);
  });

  it('stops at a loop of links', async () => {
    await symlink('b', path.join(folder, 'a'));
    await symlink('a', path.join(folder, 'b'));
    expect((await failureOf(writeFileAtomically(path.join(folder, 'a'), 'x'))).code).toBe('ELOOP');
    expect((await readdir(folder)).sort()).toEqual(['a', 'b']);
  });

  it('refuses a link another user made in a sticky shared folder, as Linux protected_symlinks does', async () => {
    const shared = path.join(folder, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    const link = path.join(shared, 'out.json');
    await symlink(path.join(folder, 'victim.json'), link);
    await writeFile(path.join(folder, 'victim.json'), 'precious');
    const otherUser = (process.getuid?.() ?? 0) + 4242;
    // Making a link owned by someone else needs root; the owner is what the writer reads from lstat.
    const fs: FileSystem = {
      ...nodeFs,
      lstat: (async (p: string) => {
        const real = await nodeFs.lstat(p);
        return p === link ? Object.assign(Object.create(real) as typeof real, { uid: otherUser }) : real;
      }) as FileSystem['lstat'],
    };
    const error = await failureOf(writeFileAtomically(link, 'attack', { fs }));
    expect(error.code).toBe('ERR_UNSAFE_LINK');
    expect(await readFile(path.join(folder, 'victim.json'), 'utf8')).toBe('precious');
    // The user's own link there is followed.
    await writeFileAtomically(link, 'mine');
    expect(await readFile(path.join(folder, 'victim.json'), 'utf8')).toBe('mine');
  });

  it('resolves a plain path to itself', async () => {
    expect(await resolveWriteTarget(path.join(folder, 'x.json'))).toEqual({ requested: path.join(folder, 'x.json'), path: path.join(folder, 'x.json') });
  });
});

describe('temp files left by a crash', () => {
  it('removes ours whose writer has exited, or that are old, and nothing else', async () => {
    const file = path.join(folder, 'plan.json');
    await writeFile(file, 'old');
    const dead = tempOf(file, deadPid());
    const aliveYoung = tempOf(file, process.ppid);
    const aliveOld = tempOf(file, 1);
    const otherFile = tempOf(path.join(folder, 'other.json'), deadPid());
    const legacyAppOld = path.join(folder, '.plan.json.0123456789ab.tmp');
    const legacyCliOld = path.join(folder, '.0123456789ab.vpcplan-tmp');
    const legacyAppYoung = path.join(folder, '.plan.json.ba9876543210.tmp');
    const notOurs = [path.join(folder, '.plan.json.swp'), path.join(folder, '.plan.json.12345.tmp'), path.join(folder, 'plan.json.tmp')];
    for (const temp of [dead, aliveYoung, aliveOld, otherFile, legacyAppOld, legacyCliOld, legacyAppYoung, ...notOurs]) await writeFile(temp, 'partial');
    const longAgo = new Date(Date.now() - STALE_TEMP_AGE_MS - 60_000);
    for (const temp of [aliveOld, legacyAppOld, legacyCliOld, notOurs[0]!, notOurs[1]!]) await utimes(temp, longAgo, longAgo);

    await writeFileAtomically(file, 'new');

    const left = new Set(await readdir(folder));
    for (const gone of [dead, aliveOld, legacyAppOld, legacyCliOld]) expect(left.has(path.basename(gone)), gone).toBe(false);
    for (const kept of [aliveYoung, otherFile, legacyAppYoung, ...notOurs]) expect(left.has(path.basename(kept)), kept).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it('keeps a young temp of a writer on another machine sharing the folder', async () => {
    const file = path.join(folder, 'plan.json');
    const foreign = tempOf(file, deadPid()).replace(/\.vpcplan-[0-9a-f]{6}-/, (m) => (m.includes('-000000-') ? '.vpcplan-ffffff-' : '.vpcplan-000000-'));
    await writeFile(foreign, 'partial');
    expect(await removeStaleTemps(file)).toEqual([]);
    const longAgo = new Date(Date.now() - STALE_TEMP_AGE_MS - 1000);
    await utimes(foreign, longAgo, longAgo);
    expect(await removeStaleTemps(file)).toEqual([foreign]);
  });

  it('shortens the temp name of a very long file name, and still finds its stale temps', async () => {
    const file = path.join(folder, `${'n'.repeat(240)}.json`);
    await writeFileAtomically(file, 'one');
    const stale = tempOf(file, deadPid());
    expect(Buffer.byteLength(path.basename(stale))).toBeLessThan(255);
    await writeFile(stale, 'partial');
    await writeFileAtomically(file, 'two');
    expect(await readdir(folder)).toEqual([path.basename(file)]);
  });

  it('a save killed mid-write leaves the old file whole, and the next save removes its temp', async () => {
    const file = path.join(folder, 'plan.json');
    await writeFile(file, 'the old plan');
    const fixture = fileURLToPath(new URL('./fixtures/write-then-hang.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const temp = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = /^mid-write (.+)$/m.exec(stdout);
        if (line) resolve(line[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before writing: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    expect(await exited).toBeNull();

    // Killed between two write calls: a partial temp beside an intact file.
    expect(path.dirname(temp)).toBe(folder);
    expect((await stat(temp)).size).toBe(1 << 20);
    expect(await readFile(file, 'utf8')).toBe('the old plan');
    expect(await temps()).toEqual([path.basename(temp)]);

    await writeFileAtomically(file, 'the next save');
    expect(await readFile(file, 'utf8')).toBe('the next save');
    expect(await readdir(folder)).toEqual(['plan.json']);
  }, 30_000);
});

describe('writeFilesAtomically', () => {
  const files = () => [
    { path: path.join(folder, 'main.tf'), data: 'new main' },
    { path: path.join(folder, 'variables.tf'), data: 'new variables' },
  ];

  it('writes them all', async () => {
    await writeFilesAtomically(files());
    expect(await readFile(path.join(folder, 'main.tf'), 'utf8')).toBe('new main');
    expect(await readFile(path.join(folder, 'variables.tf'), 'utf8')).toBe('new variables');
  });

  it('replaces none when one cannot be written', async () => {
    await writeFile(path.join(folder, 'main.tf'), 'old main');
    await writeFile(path.join(folder, 'variables.tf'), 'old variables');
    const fs = faultyFileSystem({ on: 'write', room: 3, code: 'ENOSPC', when: (p) => p.includes('variables.tf') });
    const error = await failureOf(writeFilesAtomically(files(), { fs }));
    expect(error).toMatchObject({ code: 'ENOSPC', path: path.join(folder, 'variables.tf'), replaced: [] });
    expect(await readFile(path.join(folder, 'main.tf'), 'utf8')).toBe('old main');
    expect(await readFile(path.join(folder, 'variables.tf'), 'utf8')).toBe('old variables');
    expect(await temps()).toEqual([]);
  });

  it('says which were replaced when a rename fails between two others', async () => {
    const fs = faultyFileSystem({ on: 'rename', code: 'EIO', when: (to) => to.endsWith('variables.tf') });
    const error = await failureOf(writeFilesAtomically(files(), { fs }));
    expect(error).toMatchObject({ code: 'EIO', replaced: [path.join(folder, 'main.tf')] });
    expect(await readdir(folder)).toEqual(['main.tf']);
  });
});
