import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryStore, saveDraftAs, type SaveDraftDeps } from './recovery';

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

describe('saveDraftAs (Save for a window whose renderer crashed)', () => {
  const draft = { text: '{"format":"vpcplan"}', savedAt: '2026-01-02T03:04:05.000Z', displayName: 'hub' };

  function deps(overrides: Partial<SaveDraftDeps> = {}) {
    const log: string[] = [];
    const all: SaveDraftDeps = {
      readDraft: async () => draft,
      chooseSaveLocation: async (name) => {
        log.push(`ask ${name}`);
        return '/home/me/hub-recovered';
      },
      writePlan: async (filePath, text) => {
        log.push(`write ${filePath} ${text}`);
        return { ok: true };
      },
      clearDraft: async () => void log.push('clear'),
      showProblem: async (message, detail) => void log.push(`problem ${message} ${detail}`),
      ...overrides,
    };
    return { all, log };
  }

  it('asks where, writes the draft text there with the plan extension, then removes the draft', async () => {
    const { all, log } = deps();
    expect(await saveDraftAs(all)).toBe(true);
    expect(log).toEqual(['ask hub.vpcplan.json', 'write /home/me/hub-recovered.vpcplan.json {"format":"vpcplan"}', 'clear']);
  });

  it('keeps the draft when the user cancels', async () => {
    const { all, log } = deps({ chooseSaveLocation: async () => undefined });
    expect(await saveDraftAs(all)).toBe(false);
    expect(log).toEqual([]);
  });

  it('keeps the draft and says so when the write fails', async () => {
    const { all, log } = deps({ writePlan: async () => ({ ok: false, error: 'Could not save "hub.vpcplan.json": disk full.' }) });
    expect(await saveDraftAs(all)).toBe(false);
    expect(log).toEqual([
      'ask hub.vpcplan.json',
      'problem The autosaved copy was not saved. Could not save "hub.vpcplan.json": disk full. It is still kept and will be offered again the next time you start VPC Planner.',
    ]);
  });

  it('says clearly that there is nothing to save when no draft was written', async () => {
    const { all, log } = deps({ readDraft: async () => undefined });
    expect(await saveDraftAs(all)).toBe(false);
    expect(log).toEqual([expect.stringMatching(/^problem There is no autosaved copy to save\. .*could not be kept/)]);
  });

  it('suggests a name for a draft of a never-saved plan', async () => {
    const { all, log } = deps({ readDraft: async () => ({ text: '{}', savedAt: draft.savedAt }) });
    await saveDraftAs(all);
    expect(log[0]).toBe('ask Recovered plan.vpcplan.json');
  });
});
