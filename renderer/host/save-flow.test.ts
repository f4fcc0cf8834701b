import { describe, expect, it, vi } from 'vitest';
import type { VpcHost } from '../../shared/host';
import { CHANGED_ON_DISK_MESSAGE, fileNameProblem, saveDocument, suggestedFileName, withPlanSuffix } from './save-flow';

type Save = VpcHost['savePlanFile'];

function fakeHost(changedOnDisk: boolean) {
  const savePlanFile = vi.fn<Save>(async (_text, handle, options) => {
    if (changedOnDisk && !options?.overwriteChangesOnDisk) return { ok: false, error: 'changed', reason: 'changed-on-disk' };
    return { ok: true, value: { handle: handle!, displayName: 'plan.json' } };
  });
  const savePlanFileAs = vi.fn<VpcHost['savePlanFileAs']>(async () => ({ ok: true, value: { handle: 'new', displayName: 'copy.json' } }));
  return { savePlanFile, savePlanFileAs };
}

const request = { text: '{}', handle: 'h1', suggestedName: 'plan.json', as: false };

describe('saveDocument', () => {
  it("saves to the document's file without asking when nothing changed on disk", async () => {
    const host = fakeHost(false);
    const ask = vi.fn(async () => true);
    expect(await saveDocument(host, request, ask)).toEqual({ kind: 'saved', handle: 'h1', displayName: 'plan.json' });
    expect(ask).not.toHaveBeenCalled();
    expect(host.savePlanFile).toHaveBeenCalledTimes(1);
  });

  it('asks when the file changed on disk; Overwrite saves again with overwriteChangesOnDisk', async () => {
    const host = fakeHost(true);
    const ask = vi.fn(async () => true);
    expect(await saveDocument(host, request, ask)).toEqual({ kind: 'saved', handle: 'h1', displayName: 'plan.json' });
    expect(ask).toHaveBeenCalledWith(CHANGED_ON_DISK_MESSAGE);
    expect(host.savePlanFile.mock.calls[1]).toEqual(['{}', 'h1', { overwriteChangesOnDisk: true }]);
  });

  it('Cancel writes nothing more', async () => {
    const host = fakeHost(true);
    expect(await saveDocument(host, request, async () => false)).toEqual({ kind: 'cancelled' });
    expect(host.savePlanFile).toHaveBeenCalledTimes(1);
  });

  it('Save As and a document without a file go to the save dialog', async () => {
    const host = fakeHost(true);
    expect(await saveDocument(host, { ...request, as: true }, async () => true)).toEqual({ kind: 'saved', handle: 'new', displayName: 'copy.json' });
    expect(await saveDocument(host, { ...request, handle: undefined }, async () => true)).toMatchObject({ kind: 'saved', handle: 'new' });
    expect(host.savePlanFile).not.toHaveBeenCalled();
  });

  it('reports a failure and a cancelled dialog', async () => {
    const failing = {
      savePlanFile: vi.fn<Save>(async () => ({ ok: false, error: 'disk full' })),
      savePlanFileAs: vi.fn<VpcHost['savePlanFileAs']>(async () => ({ ok: true, value: undefined })),
    };
    expect(await saveDocument(failing, request, async () => true)).toEqual({ kind: 'failed', error: 'disk full' });
    expect(await saveDocument(failing, { ...request, as: true }, async () => true)).toEqual({ kind: 'cancelled' });
  });
});

describe('the file name Save proposes and accepts', () => {
  it("keeps a file's own name, else makes one from the plan's name", () => {
    expect(suggestedFileName('hub-and-spoke.vpcplan.json', 'Hub')).toBe('hub-and-spoke.vpcplan.json');
    expect(suggestedFileName('Untitled plan', 'Prod: web / API')).toBe('Prod- web - API.vpcplan.json');
    expect(suggestedFileName('Untitled plan', '  ')).toBe('Untitled plan.vpcplan.json');
  });

  it('adds the plan suffix once, whatever the user typed', () => {
    expect(withPlanSuffix('prod')).toBe('prod.vpcplan.json');
    expect(withPlanSuffix(' prod.json ')).toBe('prod.vpcplan.json');
    expect(withPlanSuffix('prod.vpcplan.json')).toBe('prod.vpcplan.json');
  });

  it('says what is wrong with a name that cannot be a file name', () => {
    expect(fileNameProblem('')).toBe('Enter a name for the file.');
    expect(fileNameProblem('.vpcplan.json')).toBe('Enter a name for the file.');
    expect(fileNameProblem('a/b:c')).toBe('A file name cannot contain “/” or “:”.');
    expect(fileNameProblem('prod network')).toBeUndefined();
  });
});
