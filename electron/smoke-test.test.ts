import { describe, expect, it, vi } from 'vitest';
import { SmokeTest } from './smoke-test';

function smoke() {
  let onTimeout: (() => void) | undefined;
  const deps = {
    exit: vi.fn(),
    log: vi.fn(),
    startTimer: vi.fn((_ms: number, callback: () => void) => {
      onTimeout = callback;
      return { cancel: vi.fn() };
    }),
  };
  const test = new SmokeTest(deps, 30_000);
  return { test, deps, timeout: () => onTimeout?.() };
}

describe('SmokeTest', () => {
  it('passes once the page has reached main, and only once', () => {
    const { test, deps, timeout } = smoke();
    test.pageReady('app://vpc-planner/index.html');
    expect(deps.exit).toHaveBeenCalledWith(0);
    expect(deps.log).toHaveBeenCalledWith('Smoke test passed: the page at app://vpc-planner/index.html started and reached the main process.');
    timeout();
    test.fail('late');
    expect(deps.exit).toHaveBeenCalledOnce();
  });

  it('fails with the reason when the page does not load or dies', () => {
    const { test, deps } = smoke();
    test.fail('the page did not load (ERR_FILE_NOT_FOUND)');
    expect(deps.exit).toHaveBeenCalledWith(1);
    expect(deps.log).toHaveBeenCalledWith('Smoke test failed: the page did not load (ERR_FILE_NOT_FOUND).');
  });

  it('fails when nothing happens in time', () => {
    const { deps, timeout } = smoke();
    expect(deps.startTimer).toHaveBeenCalledWith(30_000, expect.any(Function));
    timeout();
    expect(deps.exit).toHaveBeenCalledWith(1);
    expect(deps.log).toHaveBeenCalledWith('Smoke test failed: the page did not start within 30 s.');
  });
});
