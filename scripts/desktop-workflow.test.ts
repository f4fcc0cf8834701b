/**
 * The desktop CI workflow (.github/workflows/desktop.yml) cannot run here, so what it must
 * do is checked from the file: valid against GitHub's workflow schema (the same check as
 * `npm run lint:workflows`), and on Linux, macOS and Windows it installs Electron's binary,
 * runs the Electron e2e suite (under Xvfb on Linux, refusing to skip), `npm run dist`, and
 * starts the packaged app.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflow } from './lint-workflows';

const root = path.resolve(import.meta.dirname, '..');
const text = readFileSync(path.join(root, '.github', 'workflows', 'desktop.yml'), 'utf8');

interface Step {
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; env: Record<string, string>; steps: Step[] }>;
}

const workflow = parse(text) as Workflow;
const job = Object.values(workflow.jobs)[0]!;
const runs = job.steps.filter((s) => s.run !== undefined);
/** The steps a runner of that OS takes, judged by the `if:` conditions this workflow uses. */
function stepsOn(os: 'Linux' | 'macOS' | 'Windows'): Step[] {
  return job.steps.filter((step) => !step.if || step.if === 'failure()' || (step.if === "runner.os == 'Linux'") === (os === 'Linux'));
}
const indexOf = (steps: Step[], pattern: RegExp) => steps.findIndex((s) => s.run !== undefined && pattern.test(s.run));

describe('.github/workflows/desktop.yml', () => {
  it("is valid against GitHub's workflow schema", () => {
    expect(lintWorkflow(text)).toEqual([]);
    // The lint is not a formality: a misspelt key is refused.
    expect(lintWorkflow(text.replace('runs-on:', 'run-on:'))).toEqual(
      expect.arrayContaining([expect.stringContaining("Additional property 'run-on' is not allowed")]),
    );
  });

  it('runs on pushes to main and on pull requests, with read-only access', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs on Linux, macOS and Windows runners', () => {
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
  });

  it("uses a Node.js that Electron's installer accepts, and installs the binary (no skip)", () => {
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(Number(setupNode?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    expect(runs.some((s) => /^npm ci\b/.test(s.run!))).toBe(true);
    expect(text).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(job.env.VPCPLANNER_REQUIRE_ELECTRON).toBe('1');
  });

  it.each(['Linux', 'macOS', 'Windows'] as const)('on %s: installs, runs the Electron e2e suite, packages, then starts the package', (os) => {
    const steps = stepsOn(os);
    const install = indexOf(steps, /^npm ci\b/);
    const e2e = indexOf(steps, /npx playwright test --project=electron\b/);
    const dist = indexOf(steps, /^npm run dist$/);
    const smoke = indexOf(steps, /npx tsx scripts\/smoke-test-package\.ts$/);
    expect([install, e2e, dist, smoke].every((i) => i >= 0)).toBe(true);
    expect(install).toBeLessThan(e2e);
    expect(e2e).toBeLessThan(dist);
    expect(dist).toBeLessThan(smoke);
    for (const step of [steps[e2e]!, steps[smoke]!]) {
      if (os === 'Linux') expect(step.run).toMatch(/^xvfb-run\b/);
      else expect(step.run).not.toMatch(/xvfb/);
    }
  });

  it('installs Xvfb on Linux and keeps the installers each OS built', () => {
    const linux = stepsOn('Linux');
    expect(linux.some((s) => /apt-get install -y xvfb/.test(s.run ?? ''))).toBe(true);
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && !s.if);
    expect(String(upload?.with?.path).split('\n').filter(Boolean)).toEqual(['release/*.AppImage', 'release/*.deb', 'release/*.dmg', 'release/*.exe']);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });
});
