import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyPlan } from '../shared/plan/schema';
import { serializePlan } from '../shared/plan/load';
import { tempPathFor } from '../node/atomic-write';
import { faultyFileSystem } from '../node/faulty-file-system';
import { backupPathOf, DocumentHandles, MAX_RECENT_FILES, openPlanFile, RecentFiles, savePlanFile } from './file-service';

const planText = (name: string) => serializePlan(emptyPlan(name));

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-files-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('openPlanFile', () => {
  it('reads a valid plan and records a snapshot of it', async () => {
    const file = path.join(folder, 'a.vpcplan.json');
    await writeFile(file, planText('A'));
    const opened = await openPlanFile(file);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.text).toBe(planText('A'));
    expect(opened.snapshot.size).toBe(Buffer.byteLength(planText('A')));
    expect(opened.snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects malformed JSON with the line, and says the open plan is untouched', async () => {
    const file = path.join(folder, 'broken.json');
    await writeFile(file, '{\n  "format": "vpcplan",\n  "version": 1\n  "name": "x"\n}');
    const opened = await openPlanFile(file);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problems[0]?.line).toBe(4);
    expect(opened.error).toContain('"broken.json"');
    expect(opened.error).toContain('The plan you have open was not changed');
  });

  it('rejects a file from a newer version with a hint to update', async () => {
    const file = path.join(folder, 'future.json');
    await writeFile(file, JSON.stringify({ format: 'vpcplan', version: 99, name: 'x' }));
    const opened = await openPlanFile(file);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problems[0]?.path).toBe('$.version');
    expect(opened.error).toMatch(/newer VPC Planner.*update/);
  });

  it('rejects a file that is not a plan at all, and a missing file', async () => {
    const file = path.join(folder, 'other.json');
    await writeFile(file, JSON.stringify({ Vpcs: [] }));
    const other = await openPlanFile(file);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.problems[0]?.path).toBe('$.format');
    const missing = await openPlanFile(path.join(folder, 'nope.json'));
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('moved or deleted') });
  });
});

describe('savePlanFile', () => {
  it('writes a new file, and no backup when there was nothing before', async () => {
    const file = path.join(folder, 'new.vpcplan.json');
    const saved = await savePlanFile(file, planText('New'));
    expect(saved).toMatchObject({ ok: true });
    expect(await readFile(file, 'utf8')).toBe(planText('New'));
    expect(await readdir(folder)).toEqual(['new.vpcplan.json']);
  });

  it('keeps the previous version as <name>.bak', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('Old'));
    const opened = await openPlanFile(file);
    if (!opened.ok) throw new Error(opened.error);
    const saved = await savePlanFile(file, planText('New'), { expected: opened.snapshot });
    expect(saved).toMatchObject({ ok: true, backupPath: backupPathOf(file) });
    expect(await readFile(file, 'utf8')).toBe(planText('New'));
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(planText('Old'));
    expect((await readdir(folder)).sort()).toEqual(['p.vpcplan.json', 'p.vpcplan.json.bak']);
  });

  it.each([
    ['the rename fails', faultyFileSystem({ on: 'rename', code: 'EACCES', when: (to) => to.endsWith('.vpcplan.json') }), /permission/],
    ['the temp file cannot be created', faultyFileSystem({ on: 'open', code: 'EROFS', when: (f) => !f.includes('.bak') }), /read-only/],
    ['the disk fills up mid-write', faultyFileSystem({ on: 'write', room: 100, code: 'ENOSPC', when: (f) => !f.includes('.bak') }), /disk is full/],
    [
      'the disk takes part of the file and then nothing',
      faultyFileSystem({ on: 'write', room: 100, silent: 'zero-bytes', when: (f) => !f.includes('.bak') }),
      /took only part of the file/,
    ],
    ['the file is read-only', faultyFileSystem({ on: 'access', code: 'EACCES', when: (f) => f.endsWith('p.vpcplan.json') }), /read-only; make it writable/],
  ])('leaves the old file intact and says why when %s', async (_case, fs, why) => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('Old'));
    const saved = await savePlanFile(file, planText('New'), { fs });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.reason).toBe('write-failed');
    expect(saved.error).toMatch(why);
    expect(saved.error).toContain('The file on disk is unchanged');
    expect(await readFile(file, 'utf8')).toBe(planText('Old'));
    // No temp files left behind.
    expect((await readdir(folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not replace the file when the backup cannot be written', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('Old'));
    const saved = await savePlanFile(file, planText('New'), { fs: faultyFileSystem({ on: 'rename', code: 'ENOSPC', when: (to) => to.endsWith('.bak') }) });
    expect(saved).toMatchObject({ ok: false, reason: 'write-failed', error: expect.stringContaining('backup') });
    expect(await readFile(file, 'utf8')).toBe(planText('Old'));
  });

  it('detects that another program changed the file, and overwrites only when told to', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('Mine'));
    const opened = await openPlanFile(file);
    if (!opened.ok) throw new Error(opened.error);
    await writeFile(file, planText('Theirs'));
    const refused = await savePlanFile(file, planText('Mine 2'), { expected: opened.snapshot });
    expect(refused).toMatchObject({ ok: false, reason: 'changed-on-disk', error: expect.stringContaining('changed by another program') });
    expect(await readFile(file, 'utf8')).toBe(planText('Theirs'));
    const forced = await savePlanFile(file, planText('Mine 2'), { expected: opened.snapshot, overwriteChangesOnDisk: true });
    expect(forced.ok).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(planText('Mine 2'));
    // Their version is not lost: it is the backup.
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(planText('Theirs'));
  });

  it('detects a same-size change, and ignores a touch that changed only the time', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('AAAA'));
    const opened = await openPlanFile(file);
    if (!opened.ok) throw new Error(opened.error);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    expect((await savePlanFile(file, planText('Next'), { expected: opened.snapshot })).ok).toBe(true);

    const reopened = await openPlanFile(file);
    if (!reopened.ok) throw new Error(reopened.error);
    await writeFile(file, planText('Nexu'));
    expect(await savePlanFile(file, planText('Mine'), { expected: reopened.snapshot })).toMatchObject({ reason: 'changed-on-disk' });
  });

  it('the snapshot after a save lets the next save go through', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    const first = await savePlanFile(file, planText('1'));
    if (!first.ok) throw new Error(first.error);
    const second = await savePlanFile(file, planText('2'), { expected: first.snapshot });
    expect(second.ok).toBe(true);
  });

  it('saves through a symbolic link: the file it names changes, the link stays, the backup sits beside the file', async () => {
    await mkdir(path.join(folder, 'plans'));
    const real = path.join(folder, 'plans', 'p.vpcplan.json');
    const link = path.join(folder, 'p.vpcplan.json');
    await writeFile(real, planText('Old'));
    await symlink('plans/p.vpcplan.json', link);
    const opened = await openPlanFile(link);
    if (!opened.ok) throw new Error(opened.error);
    const saved = await savePlanFile(link, planText('New'), { expected: opened.snapshot });
    expect(saved).toMatchObject({ ok: true, backupPath: `${real}.bak` });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe(planText('New'));
    expect(await readFile(`${real}.bak`, 'utf8')).toBe(planText('Old'));
  });

  it('saves through a dangling symbolic link by creating its file, and keeps the link', async () => {
    const link = path.join(folder, 'p.vpcplan.json');
    await symlink('moved.vpcplan.json', link);
    const saved = await savePlanFile(link, planText('New'));
    expect(saved).toMatchObject({ ok: true });
    expect(await readlink(link)).toBe('moved.vpcplan.json');
    expect(await readFile(path.join(folder, 'moved.vpcplan.json'), 'utf8')).toBe(planText('New'));
    expect((await readdir(folder)).sort()).toEqual(['moved.vpcplan.json', 'p.vpcplan.json']);
  });

  it('removes the temp file a crashed save left, on the next save', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('Old'));
    // The temp file of a save whose process is gone (it has exited).
    const crashed = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan = tempPathFor(file).replace(/-\d+-([0-9a-f]{8})\.tmp$/, `-${crashed}-$1.tmp`);
    await writeFile(orphan, planText('Half'));
    expect(await savePlanFile(file, planText('New'))).toMatchObject({ ok: true });
    expect((await readdir(folder)).sort()).toEqual(['p.vpcplan.json', 'p.vpcplan.json.bak']);
  });

  it('refuses to write text that is not a valid plan', async () => {
    const file = path.join(folder, 'p.vpcplan.json');
    await writeFile(file, planText('Old'));
    const saved = await savePlanFile(file, '{"format":"vpcplan","version":1,"vpcs":"nope"}');
    expect(saved).toMatchObject({ ok: false, reason: 'invalid-plan' });
    expect(await readFile(file, 'utf8')).toBe(planText('Old'));
  });
});

describe('RecentFiles', () => {
  it('keeps the newest first, without duplicates, at most 10, and persists', async () => {
    const store = path.join(folder, 'userData', 'recent-files.json');
    const recent = new RecentFiles(store);
    const files = Array.from({ length: 12 }, (_, i) => path.join(folder, `p${i}.json`));
    for (const file of files) await writeFile(file, planText('x'));
    for (const file of files) await recent.add(file);
    await recent.add(files[5]!);
    const listed = await new RecentFiles(store).list();
    expect(listed).toHaveLength(MAX_RECENT_FILES);
    expect(listed[0]).toBe(files[5]);
    expect(listed[1]).toBe(files[11]);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).not.toContain(files[0]);
  });

  it('drops files that have gone, and rewrites the store', async () => {
    const store = path.join(folder, 'recent-files.json');
    const recent = new RecentFiles(store);
    const kept = path.join(folder, 'kept.json');
    const gone = path.join(folder, 'gone.json');
    await writeFile(kept, planText('k'));
    await writeFile(gone, planText('g'));
    await recent.add(kept);
    await recent.add(gone);
    await rm(gone);
    expect(await recent.list()).toEqual([kept]);
    expect(JSON.parse(await readFile(store, 'utf8')).files).toEqual([kept]);
  });

  it('starts over from a damaged store instead of failing', async () => {
    const store = path.join(folder, 'recent-files.json');
    await writeFile(store, '{not json');
    const recent = new RecentFiles(store);
    expect(await recent.list()).toEqual([]);
    const file = path.join(folder, 'a.json');
    await writeFile(file, planText('a'));
    await recent.add(file);
    expect(await recent.list()).toEqual([file]);
  });

  it('does not lose entries added at the same moment', async () => {
    const recent = new RecentFiles(path.join(folder, 'recent-files.json'));
    const files = ['a', 'b', 'c'].map((n) => path.join(folder, `${n}.json`));
    for (const file of files) await writeFile(file, planText('x'));
    await Promise.all(files.map((file) => recent.add(file)));
    expect((await recent.list()).sort()).toEqual([...files].sort());
  });
});

describe('DocumentHandles', () => {
  it('gives opaque, stable handles and resolves only its own', () => {
    const handles = new DocumentHandles();
    const a = handles.register('/plans/a.json');
    expect(a).not.toContain('a.json');
    expect(handles.register('/plans/../plans/a.json')).toBe(a);
    expect(handles.resolve(a)).toMatchObject({ path: path.resolve('/plans/a.json'), readOnly: false });
    expect(handles.resolve('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    const example = handles.register('/app/examples/x.json', { readOnly: true });
    expect(handles.resolve(example)?.readOnly).toBe(true);
  });
});
