/**
 * Plan files on disk: open (validated before the renderer sees it), save (atomic, through
 * node/atomic-write.ts, which the CLI uses too, with a `.bak` of the previous version,
 * refusing to overwrite changes another program made),
 * the recent list, and the handles the renderer uses instead of paths. Plain Node: the
 * main process passes in where things live, so all of it runs under vitest.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { MAX_PLAN_BYTES, parsePlanText, type PlanProblem } from '../shared/plan/load';
import { realFileSystem, resolveWriteTarget, writeFileAtomically, type FileSystem } from '../node/atomic-write';
import { describeFileError } from '../node/file-errors';

/** What the file looked like when we last read or wrote it. */
export interface DiskSnapshot {
  mtimeMs: number;
  size: number;
  sha256: string;
}

export type OpenPlanResult = { ok: true; text: string; snapshot: DiskSnapshot; migratedFrom?: number } | { ok: false; error: string; problems: PlanProblem[] };

export type SavePlanResult =
  | { ok: true; snapshot: DiskSnapshot; backupPath?: string }
  | { ok: false; error: string; reason: 'changed-on-disk' | 'invalid-plan' | 'write-failed' };

export interface FileServiceOptions {
  fs?: FileSystem;
}

/** The plan file name as the user sees it: "hub-and-spoke.vpcplan.json". */
export function displayNameOf(filePath: string): string {
  return path.basename(filePath);
}

export function backupPathOf(filePath: string): string {
  return `${filePath}.bak`;
}

function hashOf(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads and validates a plan file. A bad file is reported, never half-loaded. */
export async function openPlanFile(filePath: string, options: FileServiceOptions = {}): Promise<OpenPlanResult> {
  const fs = options.fs ?? realFileSystem;
  const name = displayNameOf(filePath);
  const keep = 'The plan you have open was not changed.';
  let bytes: Buffer;
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) return { ok: false, error: `"${name}" is not a file. ${keep}`, problems: [] };
    if (stat.size > MAX_PLAN_BYTES) {
      return {
        ok: false,
        error: `"${name}" is ${(stat.size / 1048576).toFixed(0)} MB; a plan file is at most ${MAX_PLAN_BYTES / 1048576} MB. ${keep}`,
        problems: [],
      };
    }
    bytes = await fs.readFile(filePath);
    const text = bytes.toString('utf8');
    const loaded = parsePlanText(text, `"${name}"`);
    if (!loaded.ok) return { ok: false, error: `${loaded.summary} ${keep}`, problems: loaded.problems };
    const snapshot = { mtimeMs: stat.mtimeMs, size: bytes.length, sha256: hashOf(bytes) };
    return loaded.migratedFrom === undefined ? { ok: true, text, snapshot } : { ok: true, text, snapshot, migratedFrom: loaded.migratedFrom };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it was moved or deleted'
        : code === 'EACCES' || code === 'EPERM'
          ? 'you do not have permission to read it'
          : describeFileError(error);
    return { ok: false, error: `Could not open "${name}": ${why}. ${keep}`, problems: [] };
  }
}

export interface SavePlanOptions extends FileServiceOptions {
  /** The snapshot from when the document was opened or last saved here; absent for Save As. */
  expected?: DiskSnapshot;
  /** The user saw the 'changed-on-disk' prompt and chose to overwrite. */
  overwriteChangesOnDisk?: boolean;
}

/**
 * Saves atomically. The order matters: check for outside changes, write the backup, then
 * replace the file; if any step fails the file on disk is the one that was there before.
 */
export async function savePlanFile(filePath: string, text: string, options: SavePlanOptions = {}): Promise<SavePlanResult> {
  const fs = options.fs ?? realFileSystem;
  const name = displayNameOf(filePath);
  const loaded = parsePlanText(text, 'the plan');
  if (!loaded.ok) {
    // Writing it would produce a file that cannot be opened again; the work stays in the app (and in the recovery draft).
    return { ok: false, reason: 'invalid-plan', error: `Did not save "${name}": ${loaded.summary} Your work is still open; please report this as a bug.` };
  }
  // Through a symbolic link to the file it names (kept a link; a dangling one gets its
  // file created), so the backup and the changed-on-disk check are about the real file.
  let target: string;
  try {
    target = (await resolveWriteTarget(filePath, fs)).path;
  } catch (error) {
    return { ok: false, reason: 'write-failed', error: `Could not save "${name}": ${describeFileError(error)}. The file on disk is unchanged.` };
  }
  const previous = await fs.readFile(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
  if (previous instanceof Error) {
    return {
      ok: false,
      reason: 'write-failed',
      error: `Could not save "${name}": could not read the current file (${describeFileError(previous)}). The file on disk is unchanged.`,
    };
  }
  if (previous && options.expected && !options.overwriteChangesOnDisk) {
    const sameContent = previous.length === options.expected.size && hashOf(previous) === options.expected.sha256;
    if (!sameContent) {
      const when = await fs.stat(target).then(
        (s) => ` at ${new Date(s.mtimeMs).toLocaleString()}`,
        () => '',
      );
      return {
        ok: false,
        reason: 'changed-on-disk',
        error: `"${name}" was changed by another program${when} since you opened or last saved it. Nothing was saved. Overwrite it with your version, save yours under another name, or reopen the file to see the other version.`,
      };
    }
  }
  const backupPath = previous ? backupPathOf(target) : undefined;
  try {
    if (previous && backupPath) await writeFileAtomically(backupPath, previous, { fs });
  } catch (error) {
    return {
      ok: false,
      reason: 'write-failed',
      error: `Could not save "${name}": writing the backup "${displayNameOf(backupPath ?? '')}" failed because ${describeFileError(error)}. The file on disk is unchanged.`,
    };
  }
  try {
    await writeFileAtomically(target, text, { fs });
  } catch (error) {
    return { ok: false, reason: 'write-failed', error: `Could not save "${name}": ${describeFileError(error)}. The file on disk is unchanged.` };
  }
  const written = Buffer.from(text, 'utf8');
  const mtimeMs = await fs.stat(target).then(
    (s) => s.mtimeMs,
    () => Date.now(),
  );
  const snapshot = { mtimeMs, size: written.length, sha256: hashOf(written) };
  return backupPath ? { ok: true, snapshot, backupPath } : { ok: true, snapshot };
}

/** Writes an export (report, image, Terraform) atomically; exports are not plans, so no validation or backup. */
export async function writeExportFile(
  filePath: string,
  data: string | Uint8Array,
  options: FileServiceOptions = {},
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await writeFileAtomically(filePath, data, options.fs ? { fs: options.fs } : {});
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `Could not export "${displayNameOf(filePath)}": ${describeFileError(error)}.` };
  }
}

const RECENT_FORMAT_VERSION = 1;
export const MAX_RECENT_FILES = 10;

/**
 * The recent list, newest first, persisted as JSON in userData. Files that have gone are
 * dropped when the list is read. A damaged list is not the user's work: it starts over.
 */
export class RecentFiles {
  private readonly fs: FileSystem;
  private readonly max: number;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storePath: string,
    options: FileServiceOptions & { max?: number } = {},
  ) {
    this.fs = options.fs ?? realFileSystem;
    this.max = options.max ?? MAX_RECENT_FILES;
  }

  /** The files that still exist; rewrites the store if any were dropped. */
  list(): Promise<string[]> {
    return this.serially(async () => {
      const stored = await this.read();
      const alive: string[] = [];
      for (const file of stored) {
        if (
          await this.fs.stat(file).then(
            (s) => s.isFile(),
            () => false,
          )
        )
          alive.push(file);
      }
      if (alive.length !== stored.length) await this.write(alive);
      return alive;
    });
  }

  add(filePath: string): Promise<void> {
    return this.serially(async () => {
      const absolute = path.resolve(filePath);
      const stored = await this.read();
      await this.write([absolute, ...stored.filter((f) => f !== absolute)].slice(0, this.max));
    });
  }

  remove(filePath: string): Promise<void> {
    return this.serially(async () => {
      const stored = await this.read();
      await this.write(stored.filter((f) => f !== filePath));
    });
  }

  clear(): Promise<void> {
    return this.serially(() => this.write([]));
  }

  /** One change at a time, so two quick opens cannot lose each other's entry. */
  private serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.pending.then(step, step);
    this.pending = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await this.fs.readFile(this.storePath, 'utf8'));
      const files = (parsed as { files?: unknown } | null)?.files;
      if (!Array.isArray(files)) return [];
      return files.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)).slice(0, this.max);
    } catch {
      return [];
    }
  }

  private async write(files: string[]): Promise<void> {
    await this.fs.mkdir(path.dirname(this.storePath), { recursive: true });
    await writeFileAtomically(this.storePath, `${JSON.stringify({ version: RECENT_FORMAT_VERSION, files }, null, 2)}\n`, { fs: this.fs });
  }
}

export interface OpenFileRecord {
  path: string;
  /** Bundled examples: Save goes to Save As rather than into the app's own folder. */
  readOnly: boolean;
  /** Set when opened or saved here, for the changed-on-disk check. */
  snapshot?: DiskSnapshot;
}

/**
 * The renderer names files by opaque handles; only the main process knows paths, so a
 * compromised renderer cannot ask to write anywhere the user did not pick in a dialog.
 */
export class DocumentHandles {
  private readonly byHandle = new Map<string, OpenFileRecord>();
  private readonly handleByPath = new Map<string, string>();

  /** The same file always gets the same handle within a session. */
  register(filePath: string, options: { readOnly?: boolean } = {}): string {
    const absolute = path.resolve(filePath);
    const existing = this.handleByPath.get(absolute);
    if (existing) return existing;
    const handle = randomUUID();
    this.byHandle.set(handle, { path: absolute, readOnly: options.readOnly ?? false });
    this.handleByPath.set(absolute, handle);
    return handle;
  }

  resolve(handle: string): OpenFileRecord | undefined {
    return this.byHandle.get(handle);
  }

  handleOf(filePath: string): string | undefined {
    return this.handleByPath.get(path.resolve(filePath));
  }

  setSnapshot(handle: string, snapshot: DiskSnapshot): void {
    const record = this.byHandle.get(handle);
    if (record) record.snapshot = snapshot;
  }
}
