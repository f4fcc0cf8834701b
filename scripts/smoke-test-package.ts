/**
 * Starts each packaged app `npm run dist` left in release/ with VPCPLANNER_SMOKE_TEST=1
 * (electron/smoke-test.ts) and a fresh user-data folder, and fails unless it reports that
 * its page started: the installers' contents (asar, integrity, fuses, app://, preload)
 * really run. CI runs it after `npm run dist` (under Xvfb on Linux).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadBuilderConfig, packagedExecutables, type BuilderConfig } from './check-fuses';

/** What to run: a macOS .app bundle's executable is inside it. */
export function launcherOf(packaged: string, config: BuilderConfig): string {
  return packaged.endsWith('.app') ? path.join(packaged, 'Contents', 'MacOS', config.productName) : packaged;
}

export async function smokeTest(executable: string, timeoutMs = 120_000): Promise<{ ok: boolean; output: string }> {
  const userData = await mkdtemp(path.join(tmpdir(), 'vpcplanner-smoke-'));
  // Chromium refuses its sandbox as root (containers); a normal user keeps it.
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  try {
    return await new Promise((resolve) => {
      let output = '';
      const child = spawn(executable, args, {
        env: { ...process.env, VPCPLANNER_SMOKE_TEST: '1', VPCPLANNER_USER_DATA: userData },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => {
        output += `\n(no answer within ${timeoutMs / 1000} s; stopped)`;
        child.kill();
      }, timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ ok: false, output: `${output}\ncould not start ${executable}: ${error.message}` });
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ ok: code === 0 && output.includes('Smoke test passed'), output });
      });
    });
  } finally {
    await rm(userData, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const config = loadBuilderConfig(root);
  const packaged = packagedExecutables(path.join(root, 'release'), config);
  if (packaged.length === 0) {
    console.error('No packaged app found in release/; run "npm run dist" first.');
    process.exit(1);
  }
  let failed = false;
  for (const app of packaged) {
    const result = await smokeTest(launcherOf(app, config));
    const relative = path.relative(root, app);
    if (result.ok)
      console.log(
        `${relative}: started. ${result.output
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('Smoke test'))
          .join(' ')}`,
      );
    else {
      failed = true;
      console.error(`${relative} did not start as it should. Its output:\n${result.output.trim()}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
