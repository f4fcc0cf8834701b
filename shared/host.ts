/**
 * The host interface: everything the renderer asks of the machine it runs on. The
 * Electron preload implements it over IPC (one named function per operation, never a
 * generic send/invoke); the web build implements it with browser APIs. The renderer
 * only ever talks to the global `vpcHost`, typed by this interface.
 *
 * Paths never travel from the renderer to the host: the host remembers which file the
 * user picked in its own dialog and refers to it by an opaque handle.
 */
export interface OpenedDocument {
  /** Opaque to the renderer: the host maps it to the file the user picked. */
  handle: string;
  /** For the title bar and the recent list, e.g. "hub-and-spoke.vpcplan.json". */
  displayName: string;
  text: string;
}

export type HostResult<T> =
  | { ok: true; value: T }
  /**
   * `reason: 'changed-on-disk'`: another program changed the file since it was opened or
   * last saved; nothing was written. Ask the user, then either save again with
   * `{ overwriteChangesOnDisk: true }`, Save As, or reopen the file.
   */
  | { ok: false; error: string; reason?: 'changed-on-disk' };

export interface RecoveredWork {
  text: string;
  /** ISO time the autosave was written. */
  savedAt: string;
  /** The document it was a draft of, if it had been saved before. */
  displayName?: string;
}

export interface RecentFile {
  handle: string;
  displayName: string;
}

export type MenuCommand =
  | 'new'
  | 'open'
  | 'save'
  | 'save-as'
  | 'undo'
  | 'redo'
  | 'delete'
  | 'duplicate'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'select-all'
  | 'zoom-to-fit'
  | 'auto-layout'
  | 'export'
  /** Show or hide the selected subnet's or route table's route lines on the canvas. */
  | 'route-lines'
  /** Import AWS CLI output or CSV; compare the plan with another plan file; practise CIDR maths. Each opens the renderer's own dialog. */
  | 'import'
  | 'compare'
  | 'practice'
  /** Connect the two selected objects; the plan's settings; the list of keyboard shortcuts. */
  | 'connect-selected'
  | 'settings'
  | 'show-shortcuts'
  /** Open Recent, a bundled example, a file given to the running app: `detail.handle` says which; confirm discarding unsaved work, then `openRecent(detail.handle)`. */
  | 'open-document';

/** Every MenuCommand, for exhaustive checks on both sides of the bridge. */
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'save-as',
  'undo',
  'redo',
  'delete',
  'duplicate',
  'cut',
  'copy',
  'paste',
  'select-all',
  'zoom-to-fit',
  'auto-layout',
  'route-lines',
  'export',
  'import',
  'compare',
  'practice',
  'connect-selected',
  'settings',
  'show-shortcuts',
  'open-document',
] as const satisfies readonly MenuCommand[];

/** Sent with 'open-document'. */
export interface MenuCommandDetail {
  handle: string;
}

export interface VpcHost {
  /** 'electron' or 'web': the UI hides what a host cannot do. */
  readonly kind: 'electron' | 'web';
  /** Show an open dialog; `undefined` value when the user cancels. */
  openPlanFile(): Promise<HostResult<OpenedDocument | undefined>>;
  /** Open a recent file, or a document the host announced with the 'open-document' menu command. */
  openRecent(handle: string): Promise<HostResult<OpenedDocument>>;
  listRecent(): Promise<RecentFile[]>;
  /**
   * Save to the document's own file (atomically); no handle, or a read-only one such as a
   * bundled example, = ask where (Save As). Fails with `reason: 'changed-on-disk'` if the
   * file changed since it was opened or saved, unless `overwriteChangesOnDisk` is set.
   */
  savePlanFile(
    text: string,
    handle?: string,
    options?: { overwriteChangesOnDisk?: boolean },
  ): Promise<HostResult<{ handle: string; displayName: string } | undefined>>;
  savePlanFileAs(text: string, suggestedName: string): Promise<HostResult<{ handle: string; displayName: string } | undefined>>;
  /** Save an export (report, image, Terraform...) where the user chooses. */
  exportFile(suggestedName: string, data: string | Uint8Array, mimeType: string): Promise<HostResult<string | undefined>>;
  /**
   * The review report (self-contained HTML, shared/export/report.ts) as an A4 PDF. Electron:
   * printed in a hidden window with JavaScript off, then saved where the user chooses; the
   * value is the saved file's name. Web: the browser's print dialog opens on the report
   * (its "Save as PDF" destination); the value is undefined, as the page cannot know.
   */
  exportReportPdf(html: string, suggestedName: string): Promise<HostResult<string | undefined>>;
  /** Autosave of unsaved work, for crash recovery. `undefined` clears it. */
  writeRecovery(text: string | undefined, displayName?: string): Promise<void>;
  readRecovery(): Promise<RecoveredWork | undefined>;
  /** The file given on the command line, or the bundled example on first start. */
  initialDocument(): Promise<OpenedDocument | undefined>;
  /** Ask before unsaved work is replaced (New, Open, recovery): save it first, drop it, or stop. */
  confirmDiscardChanges(displayName: string): Promise<'save' | 'discard' | 'cancel'>;
  /** Tell the host whether there is unsaved work (title bar, close prompt). */
  setDocumentState(state: { displayName: string; dirty: boolean }): void;
  /** Native menu commands (Electron); the web build calls back from its own keyboard handling. */
  onMenuCommand(listener: (command: MenuCommand, detail?: MenuCommandDetail) => void): () => void;
}

declare global {
  // The renderer's only door to the host; set by the preload or by the web build.
  // eslint-disable-next-line no-var
  var vpcHost: VpcHost | undefined;
}
