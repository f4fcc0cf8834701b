import { describe, expect, it, vi } from 'vitest';
import type { CrashAnswer, DraftSummary, UnsavedChangesAnswer, UnsavedDraftAnswer } from './dialogs';
import { UnsavedWorkGuard, windowTitle } from './unsaved-work';

interface Answers {
  close?: UnsavedChangesAnswer;
  crash?: CrashAnswer;
  draft?: UnsavedDraftAnswer;
  /** The draft on disk; undefined = none. */
  onDisk?: DraftSummary;
  draftSaves?: boolean;
}

function guardWith(answers: Answers) {
  const deps = {
    ask: vi.fn(async () => answers.close ?? 'cancel'),
    requestSave: vi.fn(),
    discardRecovery: vi.fn(async () => undefined),
    close: vi.fn(),
    readDraft: vi.fn(async () => answers.onDisk),
    offerReload: vi.fn(async () => answers.crash ?? 'reload'),
    reload: vi.fn(),
    askAboutDraft: vi.fn(async () => answers.draft ?? 'cancel'),
    saveDraft: vi.fn(async () => answers.draftSaves ?? true),
  };
  return { guard: new UnsavedWorkGuard(deps), deps };
}

function guardAnswering(answer: UnsavedChangesAnswer) {
  return guardWith({ close: answer });
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

describe('UnsavedWorkGuard after a renderer crash', () => {
  const draft: DraftSummary = { displayName: 'hub.vpcplan.json', savedAt: '2026-01-02T03:04:05.000Z' };

  it('offers to reload with the draft restored, and does not touch the draft', async () => {
    const { guard, deps } = guardWith({ crash: 'reload', onDisk: draft });
    guard.setState({ displayName: 'hub.vpcplan.json', dirty: true });
    guard.rendererStopped('crashed');
    expect(guard.isRendererGone).toBe(true);
    await settle();
    expect(deps.offerReload).toHaveBeenCalledWith({ reason: 'crashed', unsavedWork: true, draft });
    expect(deps.reload).toHaveBeenCalledWith({ restoreDraft: true });
    expect(deps.discardRecovery).not.toHaveBeenCalled();
    expect(guard.isRendererGone).toBe(false);
  });

  it('reloads without restoring when there is no draft, and says the work was unsaved', async () => {
    const { guard, deps } = guardWith({ crash: 'reload' });
    guard.setState({ displayName: 'a', dirty: true });
    guard.rendererStopped('killed');
    await settle();
    expect(deps.offerReload).toHaveBeenCalledWith({ reason: 'killed', unsavedWork: true });
    expect(deps.reload).toHaveBeenCalledWith({ restoreDraft: false });
  });

  it('ignores a clean exit (the window closing)', async () => {
    const { guard, deps } = guardWith({});
    guard.rendererStopped('clean-exit');
    await settle();
    expect(deps.offerReload).not.toHaveBeenCalled();
    expect(guard.isRendererGone).toBe(false);
  });

  it("Close, then Don't Save: closes and keeps the draft (the only copy)", async () => {
    const { guard, deps } = guardWith({ crash: 'close', draft: 'keep', onDisk: draft });
    guard.setState({ displayName: 'hub.vpcplan.json', dirty: true });
    guard.rendererStopped('crashed');
    await settle();
    expect(deps.askAboutDraft).toHaveBeenCalledWith(draft);
    expect(deps.close).toHaveBeenCalledOnce();
    expect(deps.discardRecovery).not.toHaveBeenCalled();
    expect(deps.requestSave).not.toHaveBeenCalled();
    expect(guard.closeRequested()).toBe(true);
  });

  it('a close request while the crash dialog is open waits for it instead of stacking a prompt', async () => {
    const { guard, deps } = guardWith({ draft: 'save', onDisk: draft });
    guard.setState({ displayName: 'hub.vpcplan.json', dirty: true });
    deps.offerReload.mockImplementationOnce(() => new Promise(() => undefined));
    guard.rendererStopped('crashed');
    expect(guard.closeRequested()).toBe(false);
    await settle();
    expect(deps.askAboutDraft).not.toHaveBeenCalled();
    expect(deps.close).not.toHaveBeenCalled();
  });

  it('closing the window after a crash dialog that failed asks about the draft; Save goes through main', async () => {
    const { deps } = guardWith({ draft: 'save', onDisk: draft, draftSaves: true });
    const reportError = vi.fn();
    const withReport = new UnsavedWorkGuard({ ...deps, reportError });
    deps.offerReload.mockRejectedValueOnce(new Error('no display'));
    withReport.setState({ displayName: 'hub.vpcplan.json', dirty: true });
    withReport.rendererStopped('crashed');
    await settle();
    expect(reportError).toHaveBeenCalledOnce();
    expect(withReport.closeRequested()).toBe(false);
    await settle();
    expect(deps.askAboutDraft).toHaveBeenCalledWith(draft);
    expect(deps.saveDraft).toHaveBeenCalledOnce();
    expect(deps.requestSave).not.toHaveBeenCalled();
    expect(deps.close).toHaveBeenCalledOnce();
    expect(withReport.closeRequested()).toBe(true);
  });

  it('Save that is cancelled or fails keeps the window and the draft', async () => {
    const { guard, deps } = guardWith({ crash: 'close', draft: 'save', onDisk: draft, draftSaves: false });
    guard.setState({ displayName: 'a', dirty: true });
    guard.rendererStopped('crashed');
    await settle();
    expect(deps.saveDraft).toHaveBeenCalledOnce();
    expect(deps.close).not.toHaveBeenCalled();
    expect(deps.discardRecovery).not.toHaveBeenCalled();
    expect(guard.closeRequested()).toBe(false); // asks again
    await settle();
    expect(deps.askAboutDraft).toHaveBeenCalledTimes(2);
  });

  it('with no draft left, closing just closes: there is nothing to lose', async () => {
    const { guard, deps } = guardWith({ crash: 'close' });
    guard.setState({ displayName: 'a', dirty: true });
    guard.rendererStopped('crashed');
    await settle();
    expect(deps.askAboutDraft).not.toHaveBeenCalled();
    expect(deps.close).toHaveBeenCalledOnce();
  });

  it('a save asked of the renderer before it crashed no longer closes the window', async () => {
    const { guard, deps } = guardWith({ close: 'save', crash: 'reload' });
    guard.setState({ displayName: 'a', dirty: true });
    guard.closeRequested();
    await settle();
    expect(deps.requestSave).toHaveBeenCalledOnce();
    guard.rendererStopped('crashed');
    await settle();
    guard.saveFinished(true); // a save from the reloaded page
    expect(deps.close).not.toHaveBeenCalled();
  });

  it('reset() makes a new window ask again', async () => {
    const { guard, deps } = guardWith({ close: 'discard' });
    guard.setState({ displayName: 'a', dirty: true });
    guard.closeRequested();
    await settle();
    expect(guard.closeRequested()).toBe(true);
    guard.reset();
    guard.setState({ displayName: 'b', dirty: true });
    expect(guard.closeRequested()).toBe(false);
    await settle();
    expect(deps.ask).toHaveBeenCalledTimes(2);
  });
});
