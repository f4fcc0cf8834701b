/**
 * IPC channel names, one per VpcHost operation. Kept apart from the schemas (ipc-contract.ts)
 * so the sandboxed preload can use the names without bundling zod.
 */
import type { MenuCommand, VpcHost } from '../shared/host';

/** Every VpcHost member except the constant `kind`. */
export type HostOperation = Exclude<keyof VpcHost, 'kind'>;

/** Preload-only: a native Edit command aimed at a focused text field (see preload.ts). */
export type PreloadOperation = 'editFocusedField';

export type Operation = HostOperation | PreloadOperation;

export const CHANNELS = {
  openPlanFile: 'vpc-host:open-plan-file',
  openRecent: 'vpc-host:open-recent',
  listRecent: 'vpc-host:list-recent',
  savePlanFile: 'vpc-host:save-plan-file',
  savePlanFileAs: 'vpc-host:save-plan-file-as',
  exportFile: 'vpc-host:export-file',
  exportReportPdf: 'vpc-host:export-report-pdf',
  writeRecovery: 'vpc-host:write-recovery',
  readRecovery: 'vpc-host:read-recovery',
  initialDocument: 'vpc-host:initial-document',
  confirmDiscardChanges: 'vpc-host:confirm-discard-changes',
  setDocumentState: 'vpc-host:set-document-state',
  // The one channel that runs main -> renderer.
  onMenuCommand: 'vpc-host:menu-command',
  editFocusedField: 'vpc-preload:edit-focused-field',
} as const satisfies Record<Operation, string>;

/** Edit commands that, when a text field has focus, mean the field's own undo/copy/... */
export const TEXT_FIELD_COMMANDS = ['undo', 'redo', 'cut', 'copy', 'paste', 'select-all', 'delete'] as const satisfies readonly MenuCommand[];
export type TextFieldCommand = (typeof TEXT_FIELD_COMMANDS)[number];
