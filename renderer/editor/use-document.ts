/**
 * The document the editor holds: the window title and dirty mark, the autosaved draft, and
 * the file commands (save, open, load), which never drop unsaved work without asking.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { VpcHost } from '../../shared/host';
import { parsePlanText, serializePlan, type PlanProblem } from '../../shared/plan/load';
import { askToOverwrite } from '../host/confirm-dialog';
import { saveDocument, suggestedFileName } from '../host/save-flow';
import { isDirty, useEditor, type EditorStore } from '../store/editor-store';
import type { Say } from './notices';

const AUTOSAVE_MS = 3000;

export interface DocumentCommands {
  save(as: boolean): Promise<boolean>;
  /** True when there is no unsaved work, or the user saved it or chose to drop it. */
  mayDiscard(): Promise<boolean>;
  /** Open plan text as the document; false (and the problems shown) when it is not a plan. */
  loadText(text: string, displayName: string, handle?: string): boolean;
  /** Open a file: the one picked in the host's dialog, or a recent one by handle. */
  open(handle?: string): Promise<void>;
}

export function useDocument({
  store,
  host,
  say,
  onLoaded,
  onLoadProblems,
}: {
  store: EditorStore;
  host: VpcHost;
  say: Say;
  /** After another document was opened (the canvas frames it, panels reset). */
  onLoaded(): void;
  onLoadProblems(problems: { summary: string; problems: PlanProblem[] }): void;
}): DocumentCommands {
  const plan = useEditor(store, (s) => s.plan);
  const displayName = useEditor(store, (s) => s.document.displayName);
  const dirty = useEditor(store, isDirty);

  useEffect(() => {
    host.setDocumentState({ displayName, dirty });
  }, [host, displayName, dirty]);
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      void host.writeRecovery(serializePlan(store.getState().plan), displayName);
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [host, store, plan, dirty, displayName]);

  const save = useCallback(
    async (as: boolean): Promise<boolean> => {
      const state = store.getState();
      const text = serializePlan(state.plan);
      const suggested = suggestedFileName(state.document.displayName, state.plan.name);
      const request = { text, suggestedName: suggested, as, ...(state.document.handle ? { handle: state.document.handle } : {}) };
      const outcome = await saveDocument(host, request, askToOverwrite);
      if (outcome.kind === 'failed') {
        say(outcome.error, 'error');
        return false;
      }
      if (outcome.kind === 'cancelled') return false;
      // Saved what was serialized: if the user edited during the save, those edits stay dirty.
      if (store.getState().plan === state.plan) store.markSaved({ handle: outcome.handle, displayName: outcome.displayName });
      else store.replaceDocument(store.getState().plan, { handle: outcome.handle, displayName: outcome.displayName }, { dirty: true });
      await host.writeRecovery(undefined);
      say(`Saved ${outcome.displayName}.`);
      return true;
    },
    [host, store, say],
  );

  const mayDiscard = useCallback(async (): Promise<boolean> => {
    if (!isDirty(store.getState())) return true;
    const answer = await host.confirmDiscardChanges(store.getState().document.displayName);
    if (answer === 'cancel') return false;
    if (answer === 'save') return save(false);
    return true;
  }, [host, store, save]);

  const loadText = useCallback(
    (text: string, name: string, handle?: string): boolean => {
      const result = parsePlanText(text, name);
      if (!result.ok) {
        onLoadProblems({ summary: result.summary, problems: result.problems });
        return false;
      }
      store.replaceDocument(result.plan, handle ? { handle, displayName: name } : { displayName: name });
      onLoaded();
      if (result.migratedFrom !== undefined) say(`${name} was written by an older version (format ${result.migratedFrom}); it is upgraded when you save.`);
      return true;
    },
    [store, say, onLoaded, onLoadProblems],
  );

  const open = useCallback(
    async (handle?: string) => {
      if (!(await mayDiscard())) return;
      const result = handle ? await host.openRecent(handle) : await host.openPlanFile();
      if (!result.ok) {
        say(result.error, 'error');
        return;
      }
      if (!result.value) return;
      if (loadText(result.value.text, result.value.displayName, result.value.handle)) await host.writeRecovery(undefined);
    },
    [host, mayDiscard, loadText, say],
  );

  return useMemo(() => ({ save, mayDiscard, loadText, open }), [save, mayDiscard, loadText, open]);
}
