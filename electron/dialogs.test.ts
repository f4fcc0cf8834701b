import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cannedDialogs, loadCannedDialogs } from './dialogs';

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
      const log = (await readFile(`${file}.log`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(log).toEqual([{ dialog: 'chooseSaveLocation', detail: 'Untitled.vpcplan.json' }]);

      await writeFile(file, JSON.stringify({ save: [1] }));
      expect(() => loadCannedDialogs(file, appendFileSync)).toThrow(/not a set of canned answers: save\.0/);
      expect(() => loadCannedDialogs(path.join(folder, 'missing.json'), appendFileSync)).toThrow(/not a readable JSON file/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
