/**
 * The end-to-end tests' window into the editor, so they can assert on the plan rather than on
 * pixels (the way xyflow's own specs do):
 *
 *   window.__vpcPlanner.getPlan()            the plan document (a structured clone)
 *   window.__vpcPlanner.getPlanText()        the plan as it would be saved
 *   window.__vpcPlanner.loadPlanText(text)   open a plan from text, like Open; false (and the
 *                                            problems dialog) when it is not a valid plan
 *   window.__vpcPlanner.getFindings()        the engine's findings for the current plan (a promise:
 *                                            the checks run in a worker)
 *   window.__vpcPlanner.getSelection()       selected object ids
 *   window.__vpcPlanner.select(ids)          select objects
 *   window.__vpcPlanner.isDirty()            unsaved changes?
 *   window.__vpcPlanner.history()            { undo, redo }: steps available
 *   window.__vpcPlanner.run(command)         run a toolbar/menu command ('undo', 'auto-layout'...)
 *   window.__vpcPlanner.frame(ids)           frame objects on the canvas
 *
 * It reads and drives the editor through the same store and commands the UI uses.
 */
import type { Finding } from '../shared/checks/types';
import { serializePlan } from '../shared/plan/load';
import type { Plan } from '../shared/plan/schema';
import type { CommandId } from '../shared/commands';
import { isDirty, type EditorStore } from './store/editor-store';

export interface TestHandle {
  getPlan(): Plan;
  getPlanText(): string;
  loadPlanText(text: string, name?: string): boolean;
  getFindings(): Promise<Finding[]>;
  getSelection(): string[];
  select(ids: string[]): void;
  isDirty(): boolean;
  history(): { undo: number; redo: number };
  run(command: CommandId): Promise<void>;
  frame(ids: string[]): void;
}

declare global {
  interface Window {
    __vpcPlanner?: TestHandle;
  }
}

export function installTestHandle(parts: {
  store: EditorStore;
  getFindings(): Promise<readonly Finding[]>;
  loadPlanText(text: string, name?: string): boolean;
  run(command: CommandId): Promise<void>;
  frame(ids: readonly string[]): void;
}): () => void {
  const { store } = parts;
  window.__vpcPlanner = {
    getPlan: () => structuredClone(store.getState().plan),
    getPlanText: () => serializePlan(store.getState().plan),
    loadPlanText: parts.loadPlanText,
    getFindings: async () => structuredClone([...(await parts.getFindings())]),
    getSelection: () => [...store.getState().selection],
    select: (ids) => store.select(ids),
    isDirty: () => isDirty(store.getState()),
    history: () => ({ undo: store.getState().past.length, redo: store.getState().future.length }),
    run: parts.run,
    frame: (ids) => parts.frame(ids),
  };
  return () => {
    delete window.__vpcPlanner;
  };
}
