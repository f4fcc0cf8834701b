import { describe, expect, it, vi } from 'vitest';
import type { UnsavedChangesAnswer } from './dialogs';
import { UnsavedWorkGuard, windowTitle } from './unsaved-work';

function guardAnswering(answer: UnsavedChangesAnswer) {
  const deps = { ask: vi.fn(async () => answer), requestSave: vi.fn(), discardRecovery: vi.fn(async () => undefined), close: vi.fn() };
  return { guard: new UnsavedWorkGuard(deps), deps };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('windowTitle', () => {
  it('names the file and marks unsaved work', () => {
    expect(windowTitle('hub.vpcplan.json', false)).toBe('hub.vpcplan.json — VPC Planner');
    expect(windowTitle('hub.vpcplan.json', true)).toBe('hub.vpcplan.json • — VPC Planner');
    expect(windowTitle(undefined, false)).toBe('VPC Planner');
  });
});

describe('UnsavedWorkGuard', () => {
  it('lets a saved document close without asking', () => {
    const { guard, deps } = guardAnswering('cancel');
    guard.setState({ displayName: 'a', dirty: false });
    expect(guard.closeRequested()).toBe(true);
    expect(deps.ask).not.toHaveBeenCalled();
  });

  it('Cancel keeps the window open', async () => {
    const { guard, deps } = guardAnswering('cancel');
    guard.setState({ displayName: 'a.json', dirty: true });
    expect(guard.closeRequested()).toBe(false);
    await settle();
    expect(deps.ask).toHaveBeenCalledWith('a.json');
    expect(deps.close).not.toHaveBeenCalled();
    expect(guard.closeRequested()).toBe(false); // asks again next time
    await settle();
    expect(deps.ask).toHaveBeenCalledTimes(2);
  });

  it("Don't Save drops the recovery draft and closes", async () => {
    const { guard, deps } = guardAnswering('discard');
    guard.setState({ displayName: 'a', dirty: true });
    expect(guard.closeRequested()).toBe(false);
    await settle();
    expect(deps.discardRecovery).toHaveBeenCalledOnce();
    expect(deps.close).toHaveBeenCalledOnce();
    expect(guard.closeRequested()).toBe(true); // the close() it triggered goes through
  });

  it('Save asks the renderer to save and closes only after the save succeeded', async () => {
    const { guard, deps } = guardAnswering('save');
    guard.setState({ displayName: 'a', dirty: true });
    guard.closeRequested();
    await settle();
    expect(deps.requestSave).toHaveBeenCalledOnce();
    expect(deps.close).not.toHaveBeenCalled();
    guard.saveFinished(false); // cancelled Save As, or a failed write: stay open
    expect(deps.close).not.toHaveBeenCalled();
    guard.saveFinished(true); // a later unrelated save must not close the window
    expect(deps.close).not.toHaveBeenCalled();

    guard.closeRequested();
    await settle();
    guard.saveFinished(true);
    expect(deps.close).toHaveBeenCalledOnce();
    expect(guard.closeRequested()).toBe(true);
  });

  it('asks once even if close is requested again while the prompt is open', async () => {
    const { guard, deps } = guardAnswering('cancel');
    guard.setState({ displayName: 'a', dirty: true });
    guard.closeRequested();
    guard.closeRequested();
    await settle();
    expect(deps.ask).toHaveBeenCalledOnce();
  });
});
