/**
 * The renderer's only door to the main process: one named function per VpcHost
 * operation, each invoking its own channel. No generic send/invoke is exposed, so page
 * script can do exactly what VpcHost allows and nothing else. Runs sandboxed: it may only
 * require 'electron', so scripts/build-electron.mjs bundles it.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { MENU_COMMANDS, type MenuCommand, type MenuCommandDetail, type VpcHost } from '../shared/host';
import { CHANNELS, TEXT_FIELD_COMMANDS, type TextFieldCommand } from './ipc-channels';

/** Drops trailing undefined arguments so the main side sees the call as written. */
function invoke(channel: string, ...args: unknown[]): Promise<never> {
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  return ipcRenderer.invoke(channel, ...args) as Promise<never>;
}

const menuListeners = new Set<(command: MenuCommand, detail?: MenuCommandDetail) => void>();

function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  if (element instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

// One subscription for the whole page. Edit commands chosen from the menu while a text
// field has focus are the field's own (undo typing, paste text), not the plan's, so they
// go back to main as native edits instead of reaching the renderer's plan commands.
ipcRenderer.on(CHANNELS.onMenuCommand, (_event: IpcRendererEvent, command: unknown, detail: unknown) => {
  if (typeof command !== 'string' || !(MENU_COMMANDS as readonly string[]).includes(command)) return;
  if ((TEXT_FIELD_COMMANDS as readonly string[]).includes(command) && isTextField(document.activeElement)) {
    void invoke(CHANNELS.editFocusedField, command as TextFieldCommand);
    return;
  }
  const handle = (detail as { handle?: unknown } | undefined)?.handle;
  const cleanDetail = typeof handle === 'string' ? { handle } : undefined;
  for (const listener of [...menuListeners]) listener(command as MenuCommand, cleanDetail);
});

const host: VpcHost = {
  kind: 'electron',
  openPlanFile: () => invoke(CHANNELS.openPlanFile),
  openRecent: (handle) => invoke(CHANNELS.openRecent, handle),
  listRecent: () => invoke(CHANNELS.listRecent),
  savePlanFile: (text, handle, options) => invoke(CHANNELS.savePlanFile, text, handle, options),
  savePlanFileAs: (text, suggestedName) => invoke(CHANNELS.savePlanFileAs, text, suggestedName),
  exportFile: (suggestedName, data, mimeType) => invoke(CHANNELS.exportFile, suggestedName, data, mimeType),
  exportReportPdf: (html, suggestedName) => invoke(CHANNELS.exportReportPdf, html, suggestedName),
  writeRecovery: (text, displayName) => invoke(CHANNELS.writeRecovery, text, displayName),
  readRecovery: () => invoke(CHANNELS.readRecovery),
  initialDocument: () => invoke(CHANNELS.initialDocument),
  confirmDiscardChanges: (displayName) => invoke(CHANNELS.confirmDiscardChanges, displayName),
  setDocumentState: (state) => {
    // Fire and forget by contract; a refusal is already logged in main.
    invoke(CHANNELS.setDocumentState, { displayName: state.displayName, dirty: state.dirty }).catch(() => undefined);
  },
  onMenuCommand: (listener) => {
    // Each subscription is its own entry, so unsubscribing one never removes another.
    const entry = (command: MenuCommand, detail?: MenuCommandDetail) => listener(command, detail);
    menuListeners.add(entry);
    return () => {
      menuListeners.delete(entry);
    };
  },
};

contextBridge.exposeInMainWorld('vpcHost', host);
