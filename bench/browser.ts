/**
 * The built web app in Chromium, for the browser benchmarks: build (unless told not to),
 * serve with `vite preview` on a port of its own, launch Chromium, and clean up after.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the preview server did not answer at ${url} within ${timeoutMs} ms`);
}

export interface ServedApp {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds (unless `build` is false) and serves the web app, and launches Chromium. */
export async function serveApp(port: number, build = true): Promise<ServedApp> {
  if (build) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url, 30_000);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      stop();
    },
  };
}
