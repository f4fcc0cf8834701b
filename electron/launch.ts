/**
 * What to open at start: a plan named on the command line (`electron . plan.json`, or
 * `"VPC Planner" plan.json` when packaged), else the bundled example on the very first
 * start, else nothing (the renderer may then offer recovery or start empty).
 */
import path from 'node:path';
import { realFileSystem, writeFileAtomically, type FileSystem } from '../node/atomic-write';
import { isLocalDevOrigin } from './ipc-contract';

export interface LaunchArgs {
  argv: readonly string[];
  /** process.defaultApp: true when run as `electron <app folder>`, so argv also holds the folder. */
  defaultApp: boolean;
  cwd: string;
}

/** The first argument that is not a switch (Chromium and Playwright add several), resolved against the working folder. */
export function planPathFromArgs({ argv, defaultApp, cwd }: LaunchArgs): string | undefined {
  const positional = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  if (defaultApp) positional.shift();
  const candidate = positional[0];
  return candidate ? path.resolve(cwd, candidate) : undefined;
}

export const EXAMPLE_FILES = ['hub-and-spoke.vpcplan.json', 'three-tier.vpcplan.json'] as const;
export const FIRST_START_EXAMPLE = EXAMPLE_FILES[0];

const MARKER = 'started-before.json';

export async function isFirstStart(userData: string, fs: FileSystem = realFileSystem): Promise<boolean> {
  return fs.stat(path.join(userData, MARKER)).then(
    () => false,
    () => true,
  );
}

export async function markStarted(userData: string, fs: FileSystem = realFileSystem): Promise<void> {
  await fs.mkdir(userData, { recursive: true });
  await writeFileAtomically(path.join(userData, MARKER), `${JSON.stringify({ firstStart: new Date().toISOString() })}\n`, { fs });
}

/** `electron . --dev` (what `npm run start:dev` runs): DevTools, the reload menu items and, if named, a Vite dev server. */
export const DEV_FLAG = '--dev';
export const DEV_SERVER_VARIABLE = 'VPCPLANNER_DEV_SERVER_URL';

export interface RunMode {
  /** DevTools and the development menu items. Never in an installed app. */
  dev: boolean;
  /** Load the renderer from this localhost Vite server instead of app://. Dev runs only. */
  devServerUrl?: string;
  /** Why a request for development was not honoured, for the console. */
  notes: string[];
}

/**
 * A development run is chosen explicitly, never inferred: `npm start` (and an installed
 * app) runs the built renderer from app:// with no DevTools, whatever the environment says.
 */
export function chooseRunMode({
  argv,
  env,
  isPackaged,
}: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  isPackaged: boolean;
}): RunMode {
  const notes: string[] = [];
  const asked = argv.includes(DEV_FLAG);
  const serverUrl = env[DEV_SERVER_VARIABLE];
  if (isPackaged) {
    if (asked) notes.push(`${DEV_FLAG} is ignored: an installed app never runs in development mode.`);
    if (serverUrl) notes.push(`${DEV_SERVER_VARIABLE} is ignored: an installed app only loads its own pages.`);
    return { dev: false, notes };
  }
  if (!asked) {
    if (serverUrl) notes.push(`${DEV_SERVER_VARIABLE} is ignored without ${DEV_FLAG} (use npm run start:dev).`);
    return { dev: false, notes };
  }
  if (!serverUrl) return { dev: true, notes };
  if (!isLocalDevOrigin(serverUrl)) {
    notes.push(`${DEV_SERVER_VARIABLE}="${serverUrl}" is ignored: only a localhost http(s) server may serve the app in development.`);
    return { dev: true, notes };
  }
  return { dev: true, devServerUrl: serverUrl, notes };
}
