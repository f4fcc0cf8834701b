/**
 * The title bar and the close prompt: what the window shows about unsaved work, and the
 * decision when the user closes it (Save / Don't Save / Cancel). Save asks the renderer
 * to save (it holds the document) and closes only once that save has succeeded.
 *
 * When the renderer has crashed it holds nothing any more: the only copy of unsaved work
 * is the autosaved draft in userData (recovery.ts). Then the window offers to reload with
 * that draft restored; closing it asks about the draft instead, Save writes the draft
 * through main, and Don't Save keeps it for the next start rather than deleting it.
 */
import type { CrashAnswer, CrashReport, DraftSummary, UnsavedChangesAnswer, UnsavedDraftAnswer } from './dialogs';

export const APP_NAME = 'VPC Planner';

/** "hub-and-spoke.vpcplan.json • — VPC Planner" while there are unsaved changes. */
export function windowTitle(displayName: string | undefined, dirty: boolean): string {
  if (!displayName) return APP_NAME;
  return `${displayName}${dirty ? ' •' : ''} — ${APP_NAME}`;
}

export interface UnsavedWorkGuardDeps {
  ask: (displayName: string) => Promise<UnsavedChangesAnswer>;
  /** Sends the renderer the 'save' command. */
  requestSave: () => void;
  /** Don't Save (with a live renderer) is an explicit discard: the recovery draft goes too. */
  discardRecovery: () => Promise<void>;
  close: () => void;
  reportError?: (error: unknown) => void;

  /** The autosaved draft on disk, if any. */
  readDraft: () => Promise<DraftSummary | undefined>;
  offerReload: (report: CrashReport) => Promise<CrashAnswer>;
  /** Loads the app page again; with restoreDraft, the page opens the draft at once. */
  reload: (options: { restoreDraft: boolean }) => void;
  askAboutDraft: (draft: DraftSummary) => Promise<UnsavedDraftAnswer>;
  /** Main writes the draft to a file the user chooses; true once it is saved. */
  saveDraft: () => Promise<boolean>;
}

export class UnsavedWorkGuard {
  private displayName = 'Untitled';
  private dirty = false;
  /** A dialog of ours is open: never stack a second one. */
  private asking = false;
  private closeAfterSave = false;
  private closeAllowed = false;
  private rendererGone = false;

  constructor(private readonly deps: UnsavedWorkGuardDeps) {}

  get hasUnsavedWork(): boolean {
    return this.dirty;
  }

  /** The document the window last reported (its title). */
  get documentName(): string {
    return this.displayName;
  }

  get isRendererGone(): boolean {
    return this.rendererGone;
  }

  /** The window has closed: a new one (macOS re-activation) starts with nothing unsaved and asks again on close. */
  reset(): void {
    this.displayName = 'Untitled';
    this.dirty = false;
    this.closeAfterSave = false;
    this.closeAllowed = false;
    this.rendererGone = false;
  }

  setState(state: { displayName: string; dirty: boolean }): void {
    this.displayName = state.displayName;
    this.dirty = state.dirty;
  }

  /** From the window's 'close' event: true = let it close now; false = prevent it (a prompt may follow). */
  closeRequested(): boolean {
    if (this.closeAllowed) return true;
    if (this.rendererGone) {
      this.whileAsking(() => this.closeAfterCrash());
      return false;
    }
    if (!this.dirty) return true;
    this.whileAsking(async () => {
      const answer = await this.deps.ask(this.displayName);
      if (answer === 'save') {
        this.closeAfterSave = true;
        this.deps.requestSave();
      } else if (answer === 'discard') {
        await this.deps.discardRecovery();
        this.allowClose();
      }
    });
    return false;
  }

  /** A save finished: close if the close prompt asked for it. */
  saveFinished(succeeded: boolean): void {
    if (!this.closeAfterSave) return;
    this.closeAfterSave = false;
    if (succeeded) {
      this.dirty = false;
      this.allowClose();
    }
  }

  /**
   * From webContents 'render-process-gone'. A clean exit is the window closing normally;
   * anything else lost the page, and with it any changes not yet autosaved.
   */
  rendererStopped(reason: string): void {
    if (reason === 'clean-exit') return;
    this.rendererGone = true;
    // A save asked of the dead renderer will never report back.
    this.closeAfterSave = false;
    this.whileAsking(async () => {
      const draft = await this.deps.readDraft();
      const answer = await this.deps.offerReload({ reason, unsavedWork: this.dirty, ...(draft ? { draft } : {}) });
      if (answer === 'reload') {
        this.rendererGone = false;
        this.dirty = false; // the new page reports its own state, restored draft included
        this.deps.reload({ restoreDraft: draft !== undefined });
      } else {
        await this.closeAfterCrash();
      }
    });
  }

  private async closeAfterCrash(): Promise<void> {
    const draft = await this.deps.readDraft();
    // No draft: nothing is left to lose (the crash dialog said what could not be kept).
    if (!draft) return this.allowClose();
    const answer = await this.deps.askAboutDraft(draft);
    if (answer === 'keep') return this.allowClose();
    if (answer === 'save' && (await this.deps.saveDraft())) this.allowClose();
  }

  private allowClose(): void {
    this.closeAllowed = true;
    this.deps.close();
  }

  private whileAsking(step: () => Promise<void>): void {
    if (this.asking) return;
    this.asking = true;
    void step()
      .catch((error: unknown) => this.deps.reportError?.(error))
      .finally(() => {
        this.asking = false;
      });
  }
}
