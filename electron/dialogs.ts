/**
 * The native dialogs the shell shows, behind one interface so that end-to-end tests can
 * answer them: with VPCPLANNER_E2E_DIALOGS naming a JSON file of canned answers, main uses
 * `cannedDialogs` instead of real dialogs (a native dialog cannot be clicked by Playwright).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Dialog, BrowserWindow } from 'electron';

export type UnsavedChangesAnswer = 'save' | 'discard' | 'cancel';
/** After the renderer crashed: reload the window (with the draft restored), or close it. */
export type CrashAnswer = 'reload' | 'close';
/** Closing a crashed window that left a draft: save the draft to a file, close and keep it for next start, or stay. */
export type UnsavedDraftAnswer = 'save' | 'keep' | 'cancel';

/** What is known about an autosaved draft without its text. */
export interface DraftSummary {
  displayName?: string;
  /** ISO time it was written. */
  savedAt: string;
}

export interface CrashReport {
  /** Electron's render-process-gone reason: 'crashed', 'oom', 'killed', ... */
  reason: string;
  draft?: DraftSummary;
  /** The window had reported unsaved changes before it stopped. */
  unsavedWork: boolean;
}

export interface NativeDialogs {
  /** An absolute path, or undefined when the user cancels. */
  chooseFileToOpen(): Promise<string | undefined>;
  chooseSaveLocation(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | undefined>;
  askAboutUnsavedChanges(displayName: string, reason: 'close' | 'replace'): Promise<UnsavedChangesAnswer>;
  showProblem(message: string, detail: string): Promise<void>;
  offerReloadAfterCrash(report: CrashReport): Promise<CrashAnswer>;
  askAboutUnsavedDraft(draft: DraftSummary): Promise<UnsavedDraftAnswer>;
}

/** "the plan" or "hub.vpcplan.json", for sentences. */
function draftName(draft: DraftSummary): string {
  return draft.displayName ? `"${draft.displayName}"` : 'your plan';
}

function timeOf(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString();
}

/** The crash dialog's words: what happened, what was kept, what Reload does. */
export function crashMessage(report: CrashReport): { message: string; detail: string } {
  const why = report.reason === 'oom' ? 'ran out of memory' : report.reason === 'killed' ? 'was stopped by the system' : 'stopped unexpectedly';
  const message = `The VPC Planner window ${why}.`;
  if (report.draft) {
    return {
      message,
      detail: `Your unsaved work on ${draftName(report.draft)} was autosaved at ${timeOf(report.draft.savedAt)} and is kept. Reload to carry on with it restored; changes made in the last few seconds before that may be missing.`,
    };
  }
  if (report.unsavedWork)
    return { message, detail: 'Your latest changes had not been autosaved yet and could not be kept. Reload to carry on from your last save.' };
  return { message, detail: 'No work was lost. Reload to carry on.' };
}

/** The close prompt of a crashed window: Save writes the draft through main, Don't Save keeps it for next start. */
export function unsavedDraftMessage(draft: DraftSummary): { message: string; detail: string } {
  return {
    message: `Do you want to save the autosaved copy of ${draftName(draft)}?`,
    detail: `The window stopped before your changes were saved; VPC Planner kept them as they were at ${timeOf(draft.savedAt)}. Save writes that copy to a file you choose. Don't Save closes the window and keeps the copy: it is offered again the next time you start VPC Planner.`,
  };
}

export const PLAN_FILE_FILTER = { name: 'VPC Planner plans', extensions: ['json'] };

/** The save dialog's choice with the plan extension added where it was left off (Linux dialogs do not add it). */
export function withPlanFileExtension(chosen: string): string {
  return /\.json$/i.test(chosen) ? chosen : `${chosen}.vpcplan.json`;
}

export function electronDialogs(dialog: Dialog, parent: () => BrowserWindow | undefined, defaultFolder: () => string): NativeDialogs {
  const withParent = async <T>(show: (window: BrowserWindow | undefined) => Promise<T>) => show(parent());
  return {
    chooseFileToOpen: () =>
      withParent(async (window) => {
        const options = {
          title: 'Open Plan',
          defaultPath: defaultFolder(),
          properties: ['openFile' as const],
          filters: [PLAN_FILE_FILTER, { name: 'All files', extensions: ['*'] }],
        };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? undefined : result.filePaths[0];
      }),
    chooseSaveLocation: (suggestedName, filter) =>
      withParent(async (window) => {
        const options = {
          title: 'Save',
          defaultPath: path.join(defaultFolder(), suggestedName),
          filters: [filter],
          properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
        };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? undefined : result.filePath;
      }),
    askAboutUnsavedChanges: (displayName, reason) =>
      withParent(async (window) => {
        const options = {
          type: 'warning' as const,
          message: `Do you want to save the changes you made to "${displayName}"?`,
          detail: reason === 'close' ? 'Your changes will be lost if you close without saving.' : 'Your changes will be lost if you continue without saving.',
          buttons: ['Save', "Don't Save", 'Cancel'],
          defaultId: 0,
          cancelId: 2,
          noLink: true,
        };
        const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
      }),
    showProblem: (message, detail) =>
      withParent(async (window) => {
        const options = { type: 'error' as const, message, detail, buttons: ['OK'] };
        if (window) await dialog.showMessageBox(window, options);
        else await dialog.showMessageBox(options);
      }),
    offerReloadAfterCrash: (report) =>
      withParent(async (window) => {
        const options = { type: 'error' as const, ...crashMessage(report), buttons: ['Reload', 'Close Window'], defaultId: 0, cancelId: 1, noLink: true };
        const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return response === 0 ? 'reload' : 'close';
      }),
    askAboutUnsavedDraft: (draft) =>
      withParent(async (window) => {
        const options = {
          type: 'warning' as const,
          ...unsavedDraftMessage(draft),
          buttons: ['Save…', "Don't Save", 'Cancel'],
          defaultId: 0,
          cancelId: 2,
          noLink: true,
        };
        const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return response === 0 ? 'save' : response === 1 ? 'keep' : 'cancel';
      }),
  };
}

const CannedAnswersSchema = z.strictObject({
  /** Paths to answer open dialogs with, in order; null = the user cancelled. */
  open: z.array(z.string().nullable()).default([]),
  save: z.array(z.string().nullable()).default([]),
  unsavedChanges: z.array(z.enum(['save', 'discard', 'cancel'])).default([]),
  afterCrash: z.array(z.enum(['reload', 'close'])).default([]),
  unsavedDraft: z.array(z.enum(['save', 'keep', 'cancel'])).default([]),
});
export type CannedAnswers = z.input<typeof CannedAnswersSchema>;

/** What a canned dialog was asked, in order; written next to the answers file for tests to read. */
export interface DialogRecord {
  dialog: keyof NativeDialogs;
  detail: string;
}

export function cannedDialogs(answers: CannedAnswers, record: (entry: DialogRecord) => void = () => undefined): NativeDialogs {
  const queues = CannedAnswersSchema.parse(answers);
  const next = <K extends keyof typeof queues>(kind: K): (typeof queues)[K][number] => {
    if (queues[kind].length === 0) throw new Error(`VPCPLANNER_E2E_DIALOGS has no more canned "${kind}" answers; add one to the answers file for this test`);
    return queues[kind].shift() as (typeof queues)[K][number];
  };
  return {
    chooseFileToOpen: async () => {
      record({ dialog: 'chooseFileToOpen', detail: '' });
      return next('open') ?? undefined;
    },
    chooseSaveLocation: async (suggestedName) => {
      record({ dialog: 'chooseSaveLocation', detail: suggestedName });
      return next('save') ?? undefined;
    },
    askAboutUnsavedChanges: async (displayName, reason) => {
      record({ dialog: 'askAboutUnsavedChanges', detail: `${reason}: ${displayName}` });
      return next('unsavedChanges');
    },
    showProblem: async (message, detail) => {
      record({ dialog: 'showProblem', detail: `${message} ${detail}`.trim() });
    },
    offerReloadAfterCrash: async (report) => {
      const { message, detail } = crashMessage(report);
      record({ dialog: 'offerReloadAfterCrash', detail: `${message} ${detail}` });
      return next('afterCrash');
    },
    askAboutUnsavedDraft: async (draft) => {
      record({ dialog: 'askAboutUnsavedDraft', detail: draft.displayName ?? '' });
      return next('unsavedDraft');
    },
  };
}

/** Reads the answers file named by VPCPLANNER_E2E_DIALOGS; each question asked is appended to `<file>.log` as a JSON line. */
export function loadCannedDialogs(answersFile: string, appendLog: (file: string, line: string) => void): NativeDialogs {
  let answers: unknown;
  try {
    answers = JSON.parse(readFileSync(answersFile, 'utf8'));
  } catch (error) {
    throw new Error(
      `VPCPLANNER_E2E_DIALOGS names "${answersFile}", which is not a readable JSON file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = CannedAnswersSchema.safeParse(answers);
  if (!parsed.success)
    throw new Error(
      `VPCPLANNER_E2E_DIALOGS file "${answersFile}" is not a set of canned answers: ${parsed.error.issues.map((i) => `${i.path.join('.') || '$'} ${i.message}`).join('; ')}`,
    );
  return cannedDialogs(parsed.data, (entry) => appendLog(`${answersFile}.log`, `${JSON.stringify(entry)}\n`));
}
