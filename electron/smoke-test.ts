/**
 * VPCPLANNER_SMOKE_TEST=1: the app starts, and quits with exit code 0 as soon as its page
 * is up and has talked to main over IPC, or with 1 (and the reason) if the page failed to
 * load, its renderer died, or nothing happened within the time allowed. CI starts each
 * packaged app this way (scripts/smoke-test-package.ts), which proves that what the
 * installers hold really starts: the asar archive, its integrity, the fuses, the app://
 * protocol and the preload all together, none of which the unpackaged e2e run exercises.
 */
export const SMOKE_TEST_VARIABLE = 'VPCPLANNER_SMOKE_TEST';

export interface SmokeTestDeps {
  exit(code: number): void;
  log(message: string): void;
  startTimer(ms: number, onTimeout: () => void): { cancel(): void };
}

export class SmokeTest {
  private finished = false;
  private readonly timer: { cancel(): void };

  constructor(
    private readonly deps: SmokeTestDeps,
    timeoutMs = 60_000,
  ) {
    this.timer = deps.startTimer(timeoutMs, () => this.fail(`the page did not start within ${timeoutMs / 1000} s`));
  }

  /** The page called main (it reports its document state as soon as it has mounted). */
  pageReady(url: string): void {
    this.finish(0, `Smoke test passed: the page at ${url} started and reached the main process.`);
  }

  fail(reason: string): void {
    this.finish(1, `Smoke test failed: ${reason}.`);
  }

  private finish(code: number, message: string): void {
    if (this.finished) return;
    this.finished = true;
    this.timer.cancel();
    this.deps.log(message);
    this.deps.exit(code);
  }
}
