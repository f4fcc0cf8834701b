/**
 * What a test needs from the machine, said out loud, for the unit tests (vitest) and the
 * browser e2e tests (Playwright) alike.
 *
 * Under CI a missing prerequisite fails the run with the reason and the way to get it: a
 * suite that skips quietly passes on a machine where it tested nothing. On a developer's
 * machine the test skips instead, and the reason is printed, because neither runner's list
 * output shows why a test was skipped.
 *
 * The one exception is the Electron e2e suite (e2e/electron/shell.spec.ts): it skips even
 * under CI, because the Electron binary cannot be downloaded on the CI machine, and it says
 * so itself.
 */

/** CI=true as CI services set it; CI=1 too. CI=false or CI=0 turns it off. */
export function underCi(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * True when the prerequisite is present. Otherwise: under CI, throws with the reason (the
 * test file fails); elsewhere prints the reason and returns false, for the caller to skip.
 *
 * @param name what is needed and for which tests, e.g. "Chromium (for the PDF export tests)"
 * @param present whether it was found
 * @param howToGet how to install or configure it, e.g. "apt-get install chromium, or set CHROMIUM_PATH"
 */
export function requirePrerequisite(name: string, present: boolean, howToGet: string, env: Record<string, string | undefined> = process.env): boolean {
  if (present) return true;
  const reason = `${name} is missing: ${howToGet}`;
  if (underCi(env)) throw new Error(`${reason}. Under CI a missing test prerequisite fails the run instead of skipping the test.`);
  console.warn(`\n[skipped] ${reason}. (Under CI=true this fails instead.)\n`);
  return false;
}
