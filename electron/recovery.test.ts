import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryStore } from './recovery';

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'vpcplanner-recovery-'));
});
afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('RecoveryStore', () => {
  it('round-trips a draft across a restart (a new store on the same folder)', async () => {
    const now = new Date('2025-01-02T03:04:05.000Z');
    await new RecoveryStore(userData, { now: () => now }).write('{"draft":1}', 'hub.vpcplan.json');
    const recovered = await new RecoveryStore(userData).read();
    expect(recovered).toEqual({ text: '{"draft":1}', savedAt: now.toISOString(), displayName: 'hub.vpcplan.json' });
  });

  it('has nothing to offer before any autosave, and after a clear', async () => {
    const store = new RecoveryStore(userData);
    expect(await store.read()).toBeUndefined();
    await store.write('x');
    expect(await store.read()).toMatchObject({ text: 'x' });
    expect((await store.read())?.displayName).toBeUndefined();
    await store.clear();
    expect(await store.read()).toBeUndefined();
    await store.clear(); // clearing twice is fine
  });

  it('keeps call order, so a clear after an autosave always wins', async () => {
    const store = new RecoveryStore(userData);
    const writes = [store.write('1'), store.write('2'), store.clear()];
    await Promise.all(writes);
    expect(await store.read()).toBeUndefined();
    await Promise.all([store.clear(), store.write('3')]);
    expect(await store.read()).toMatchObject({ text: '3' });
  });

  it('offers nothing for a damaged draft, and leaves it in place', async () => {
    const store = new RecoveryStore(userData);
    await writeFile(store.filePath, '{"version":1,"text":');
    expect(await store.read()).toBeUndefined();
    expect(await readFile(store.filePath, 'utf8')).toBe('{"version":1,"text":');
  });

  it('keeps the previous draft when an autosave fails part-way', async () => {
    const store = new RecoveryStore(userData);
    await store.write('good');
    const failingRename = { ...nodeFs, rename: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) };
    await expect(new RecoveryStore(userData, { fs: failingRename }).write('half')).rejects.toThrow('ENOSPC');
    expect(await store.read()).toMatchObject({ text: 'good' });
  });
});
