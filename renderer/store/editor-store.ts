/**
 * The editor's state: the plan document (the one source of truth), its undo history, which
 * file it belongs to, and the selection. Plans are immutable: an edit returns a new plan
 * that shares every unchanged object, so the engine's identity-memoized checker only
 * re-checks what changed, and undo is just keeping the old plan.
 *
 * React reads it through useSyncExternalStore (see useEditor); nothing here touches the DOM.
 */
import { useSyncExternalStore } from 'react';
import { allIds } from '../../shared/plan/edits';
import type { Plan } from '../../shared/plan/schema';

export interface DocumentInfo {
  /** The host's opaque handle; undefined until the plan has a file (Save then asks where). */
  handle?: string;
  displayName: string;
}

export interface EditorState {
  plan: Plan;
  past: readonly Plan[];
  future: readonly Plan[];
  /** The plan as last saved or opened; dirty = the plan is not that object. */
  savedPlan: Plan;
  document: DocumentInfo;
  selection: readonly string[];
}

const HISTORY_LIMIT = 300;

export interface EditorStore {
  getState(): EditorState;
  subscribe(listener: () => void): () => void;
  /**
   * Apply an edit as one undo step. An edit that returns the same plan records nothing.
   * `burst`: edits with the same burst key, one right after the other, make one undo step
   * together (the arrow key held down moves a VPC many times; undo puts it back at once).
   */
  edit(change: (plan: Plan) => Plan, options?: { burst?: string }): boolean;
  undo(): void;
  redo(): void;
  /** A different document (open, new, recovery): history starts over. */
  replaceDocument(plan: Plan, document: DocumentInfo, options?: { dirty?: boolean }): void;
  markSaved(document: DocumentInfo): void;
  select(ids: readonly string[]): void;
}

export function isDirty(state: EditorState): boolean {
  return state.plan !== state.savedPlan;
}

export function createEditorStore(plan: Plan, document: DocumentInfo): EditorStore {
  let state: EditorState = { plan, past: [], future: [], savedPlan: plan, document, selection: [] };
  /** The last edit's burst key and the plan it made: the next edit of the burst replaces that plan. */
  let burst: { key: string; plan: Plan } | undefined;
  const listeners = new Set<() => void>();
  const set = (next: EditorState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const existing = (plan: Plan, ids: readonly string[]) => {
    const all = allIds(plan);
    const kept = ids.filter((id) => all.has(id));
    return kept.length === ids.length ? ids : kept;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    edit(change, options = {}) {
      const next = change(state.plan);
      if (next === state.plan) return false;
      const continues = options.burst !== undefined && burst?.key === options.burst && burst.plan === state.plan && state.past.length > 0;
      burst = options.burst === undefined ? undefined : { key: options.burst, plan: next };
      if (continues) {
        // The plan before the burst stays the undo step; the burst's latest plan replaces its earlier ones.
        set({ ...state, plan: next, future: [], selection: existing(next, state.selection) });
        return true;
      }
      const past = [...state.past, state.plan];
      if (past.length > HISTORY_LIMIT) past.shift();
      set({ ...state, plan: next, past, future: [], selection: existing(next, state.selection) });
      return true;
    },
    undo() {
      const previous = state.past[state.past.length - 1];
      if (!previous) return;
      set({ ...state, plan: previous, past: state.past.slice(0, -1), future: [state.plan, ...state.future], selection: existing(previous, state.selection) });
    },
    redo() {
      const next = state.future[0];
      if (!next) return;
      set({ ...state, plan: next, past: [...state.past, state.plan], future: state.future.slice(1), selection: existing(next, state.selection) });
    },
    replaceDocument(plan, document, options = {}) {
      // A draft recovered from autosave is unsaved work: keep it dirty by having no saved twin.
      const savedPlan = options.dirty ? { ...plan } : plan;
      set({ plan, past: [], future: [], savedPlan, document, selection: [] });
    },
    markSaved(document) {
      set({ ...state, savedPlan: state.plan, document });
    },
    select(ids) {
      if (ids.length === state.selection.length && ids.every((id, i) => id === state.selection[i])) return;
      set({ ...state, selection: ids });
    },
  };
}

export function useEditor<T>(store: EditorStore, select: (state: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
