/**
 * Crash recovery: the renderer autosaves unsaved work here (in userData, atomically), and
 * on the next start asks `readRecovery()` whether there is a draft to offer. A clean save
 * or an explicit discard clears it, so a draft on disk means work was not saved.
 */
import path from 'node:path';
import type { RecoveredWork } from '../shared/host';
import { realFileSystem, writeFileAtomically, type FileSystem } from '../node/atomic-write';
import { PLAN_FILE_FILTER, withPlanFileExtension } from './dialogs';

const RECOVERY_FORMAT_VERSION = 1;
export const RECOVERY_FILE_NAME = 'unsaved-plan.recovery.json';

export class RecoveryStore {
  private readonly fs: FileSystem;
  private readonly file: string;
  private readonly now: () => Date;
  // Autosave, save and discard arrive as separate IPC calls: run them in arrival order so a
  // late autosave write cannot land after (and undo) the clear that a save made.
  private pending: Promise<unknown> = Promise.resolve();

  constructor(userDataFolder: string, options: { fs?: FileSystem; now?: () => Date } = {}) {
    this.fs = options.fs ?? realFileSystem;
    this.file = path.join(userDataFolder, RECOVERY_FILE_NAME);
    this.now = options.now ?? (() => new Date());
  }

  get filePath(): string {
    return this.file;
  }

  write(text: string, displayName?: string): Promise<void> {
    return this.serially(async () => {
      await this.fs.mkdir(path.dirname(this.file), { recursive: true });
      const draft = { version: RECOVERY_FORMAT_VERSION, savedAt: this.now().toISOString(), ...(displayName ? { displayName } : {}), text };
      await writeFileAtomically(this.file, JSON.stringify(draft), { fs: this.fs, mode: 0o600 });
    });
  }

  /** The draft, or undefined when there is none or it cannot be read (then it is left in place for a person to look at). */
  read(): Promise<RecoveredWork | undefined> {
    return this.serially(async () => {
      let raw: string;
      try {
        raw = await this.fs.readFile(this.file, 'utf8');
      } catch {
        return undefined;
      }
      try {
        const draft = JSON.parse(raw) as Partial<Record<keyof RecoveredWork | 'version', unknown>>;
        if (draft.version !== RECOVERY_FORMAT_VERSION || typeof draft.text !== 'string' || typeof draft.savedAt !== 'string') return undefined;
        const work: RecoveredWork = { text: draft.text, savedAt: draft.savedAt };
        if (typeof draft.displayName === 'string') work.displayName = draft.displayName;
        return work;
      } catch {
        return undefined;
      }
    });
  }

  clear(): Promise<void> {
    return this.serially(async () => {
      await this.fs.unlink(this.file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    });
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.pending.then(step, step);
    this.pending = next.catch(() => undefined);
    return next;
  }
}

export interface SaveDraftDeps {
  readDraft(): Promise<RecoveredWork | undefined>;
  chooseSaveLocation(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | undefined>;
  /** Writes the plan text (atomically, keeping a .bak) and remembers the file as recent. */
  writePlan(filePath: string, text: string): Promise<{ ok: true } | { ok: false; error: string }>;
  clearDraft(): Promise<void>;
  showProblem(message: string, detail: string): Promise<void>;
}

/**
 * Save for a window whose renderer has gone: main writes the autosaved draft itself, to a
 * file the user chooses (main cannot know the draft still belongs where the document was).
 * The draft is removed only once the file is written. True when it was saved.
 */
export async function saveDraftAs(deps: SaveDraftDeps): Promise<boolean> {
  const draft = await deps.readDraft();
  if (!draft) {
    await deps.showProblem('There is no autosaved copy to save.', 'The window stopped before your latest changes were autosaved, so they could not be kept.');
    return false;
  }
  const suggested = draft.displayName ? withPlanFileExtension(draft.displayName) : 'Recovered plan.vpcplan.json';
  const chosen = await deps.chooseSaveLocation(suggested, PLAN_FILE_FILTER);
  if (!chosen) return false;
  const filePath = withPlanFileExtension(chosen);
  const written = await deps.writePlan(filePath, draft.text);
  if (!written.ok) {
    await deps.showProblem(
      'The autosaved copy was not saved.',
      `${written.error} It is still kept and will be offered again the next time you start VPC Planner.`,
    );
    return false;
  }
  await deps.clearDraft();
  return true;
}
