/**
 * What to open at start: a plan named on the command line (`electron . plan.json`, or
 * `"VPC Planner" plan.json` when packaged), else the bundled example on the very first
 * start, else nothing (the renderer may then offer recovery or start empty).
 */
import path from 'node:path';
import { realFileSystem, writeFileAtomically, type FileSystem } from '../node/atomic-write';

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
  return fs.stat(path.join(userData, MARKER)).then(() => false, () => true);
}

export async function markStarted(userData: string, fs: FileSystem = realFileSystem): Promise<void> {
  await fs.mkdir(userData, { recursive: true });
  await writeFileAtomically(path.join(userData, MARKER), `${JSON.stringify({ firstStart: new Date().toISOString() })}\n`, { fs });
}
