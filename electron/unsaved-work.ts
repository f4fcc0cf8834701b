/**
 * The title bar and the close prompt: what the window shows about unsaved work, and the
 * decision when the user closes it (Save / Don't Save / Cancel). Save asks the renderer
 * to save (it holds the document) and closes only once that save has succeeded.
 */
import type { UnsavedChangesAnswer } from './dialogs';

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
  /** Don't Save is an explicit discard: the recovery draft goes too. */
  discardRecovery: () => Promise<void>;
  close: () => void;
  reportError?: (error: unknown) => void;
}

export class UnsavedWorkGuard {
  private displayName = 'Untitled';
  private dirty = false;
  private asking = false;
  private closeAfterSave = false;
  private closeAllowed = false;

  constructor(private readonly deps: UnsavedWorkGuardDeps) {}

  get hasUnsavedWork(): boolean {
    return this.dirty;
  }

  setState(state: { displayName: string; dirty: boolean }): void {
    this.displayName = state.displayName;
    this.dirty = state.dirty;
  }

  /** From the window's 'close' event: true = let it close now; false = prevent it (a prompt may follow). */
  closeRequested(): boolean {
    if (this.closeAllowed || !this.dirty) return true;
    if (!this.asking) {
      this.asking = true;
      void this.deps
        .ask(this.displayName)
        .then(async (answer) => {
          if (answer === 'save') {
            this.closeAfterSave = true;
            this.deps.requestSave();
          } else if (answer === 'discard') {
            await this.deps.discardRecovery();
            this.closeAllowed = true;
            this.deps.close();
          }
        })
        .catch((error: unknown) => this.deps.reportError?.(error))
        .finally(() => {
          this.asking = false;
        });
    }
    return false;
  }

  /** A save finished: close if the close prompt asked for it. */
  saveFinished(succeeded: boolean): void {
    if (!this.closeAfterSave) return;
    this.closeAfterSave = false;
    if (succeeded) {
      this.dirty = false;
      this.closeAllowed = true;
      this.deps.close();
    }
  }
}
