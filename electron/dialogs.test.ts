import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cannedDialogs, crashMessage, loadCannedDialogs, unsavedDraftMessage, withPlanFileExtension } from './dialogs';

describe('canned dialogs (for e2e)', () => {
  it('answers in order, treats null as cancel, and says when it runs out', async () => {
    const dialogs = cannedDialogs({ open: ['/a.json', null], unsavedChanges: ['cancel'] });
    expect(await dialogs.chooseFileToOpen()).toBe('/a.json');
    expect(await dialogs.chooseFileToOpen()).toBeUndefined();
    await expect(dialogs.chooseFileToOpen()).rejects.toThrow('no more canned "open" answers');
    expect(await dialogs.askAboutUnsavedChanges('a', 'close')).toBe('cancel');
    await expect(dialogs.chooseSaveLocation('x.json', { name: 'x', extensions: ['json'] })).rejects.toThrow('"save"');
  });

  it('reads the answers file and logs each question next to it', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-dialogs-'));
    try {
      const file = path.join(folder, 'answers.json');
      await writeFile(file, JSON.stringify({ save: ['/out.json'] }));
      const dialogs = loadCannedDialogs(file, appendFileSync);
      expect(await dialogs.chooseSaveLocation('Untitled.vpcplan.json', { name: 'x', extensions: ['json'] })).toBe('/out.json');
      const log = (await readFile(`${file}.log`, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(log).toEqual([{ dialog: 'chooseSaveLocation', detail: 'Untitled.vpcplan.json' }]);

      await writeFile(file, JSON.stringify({ save: [1] }));
      expect(() => loadCannedDialogs(file, appendFileSync)).toThrow(/not a set of canned answers: save\.0/);
      expect(() => loadCannedDialogs(path.join(folder, 'missing.json'), appendFileSync)).toThrow(/not a readable JSON file/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('after a renderer crash', () => {
  const draft = { displayName: 'hub.vpcplan.json', savedAt: '2026-01-02T03:04:05.000Z' };

  it('the crash dialog says what happened and what was kept', () => {
    expect(crashMessage({ reason: 'crashed', unsavedWork: true, draft })).toEqual({
      message: 'The VPC Planner window stopped unexpectedly.',
      detail: expect.stringMatching(/^Your unsaved work on "hub\.vpcplan\.json" was autosaved at .+ and is kept\. Reload to carry on with it restored/),
    });
    expect(crashMessage({ reason: 'oom', unsavedWork: true }).message).toBe('The VPC Planner window ran out of memory.');
    expect(crashMessage({ reason: 'oom', unsavedWork: true }).detail).toMatch(/had not been autosaved yet and could not be kept/);
    expect(crashMessage({ reason: 'killed', unsavedWork: false })).toEqual({
      message: 'The VPC Planner window was stopped by the system.',
      detail: 'No work was lost. Reload to carry on.',
    });
  });

  it("the close prompt says Save writes the copy and Don't Save keeps it", () => {
    const { message, detail } = unsavedDraftMessage({ savedAt: draft.savedAt });
    expect(message).toBe('Do you want to save the autosaved copy of your plan?');
    expect(detail).toMatch(/Save writes that copy to a file you choose\. Don't Save closes the window and keeps the copy/);
  });

  it('canned answers cover both dialogs, in order, and log what was asked', async () => {
    const asked: string[] = [];
    const dialogs = cannedDialogs({ afterCrash: ['reload', 'close'], unsavedDraft: ['keep'] }, (entry) => asked.push(`${entry.dialog}: ${entry.detail}`));
    expect(await dialogs.offerReloadAfterCrash({ reason: 'crashed', unsavedWork: false })).toBe('reload');
    expect(await dialogs.offerReloadAfterCrash({ reason: 'crashed', unsavedWork: false })).toBe('close');
    await expect(dialogs.offerReloadAfterCrash({ reason: 'crashed', unsavedWork: false })).rejects.toThrow('no more canned "afterCrash" answers');
    expect(await dialogs.askAboutUnsavedDraft(draft)).toBe('keep');
    expect(asked.at(-1)).toBe('askAboutUnsavedDraft: hub.vpcplan.json');
    expect(asked[0]).toBe('offerReloadAfterCrash: The VPC Planner window stopped unexpectedly. No work was lost. Reload to carry on.');
  });

  it('adds the plan extension a Linux save dialog leaves off', () => {
    expect(withPlanFileExtension('/home/me/hub')).toBe('/home/me/hub.vpcplan.json');
    expect(withPlanFileExtension('/home/me/hub.JSON')).toBe('/home/me/hub.JSON');
  });
});
