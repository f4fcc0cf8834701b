/**
 * The one way the app and the CLI write a file, so that a full disk, a crash, a killed
 * process or a power cut can never leave it half written (after write-file-atomic and
 * drawio-desktop):
 *
 * 1. Find the real file: a symbolic link is written through, to the file it points at, and
 *    stays a link (as editors do). A dangling link gets its target created. A link another
 *    user made in a shared sticky folder such as /tmp is refused, as Linux's
 *    protected_symlinks would refuse to follow it.
 * 2. Refuse what is not a regular writable file (a folder, a device, a read-only file).
 * 3. Remove temp files of ours for this file that a crashed or killed writer left behind.
 * 4. Write a temp file in the same folder (rename is only atomic within one file system),
 *    checking that every byte went to disk: a short write is a failure, never ignored.
 * 5. Give it the old file's permissions, fsync it, close it (close can report an error
 *    on network file systems), rename it over the file, then fsync the folder so the
 *    rename itself survives a power cut.
 *
 * Any failure removes the temp file and throws a FileWriteError; the old file is untouched.
 */
import * as nodeFs from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileErrorCode, FileWriteError } from './file-errors';

/** The part of node:fs/promises the writer and its callers use; tests pass one with faults injected. */
export type FileSystem = Pick<
  typeof nodeFs,
  'open' | 'rename' | 'stat' | 'lstat' | 'readlink' | 'readdir' | 'readFile' | 'copyFile' | 'unlink' | 'mkdir' | 'rmdir' | 'realpath' | 'access'
>;

export const realFileSystem: FileSystem = nodeFs;

export interface AtomicWriteOptions {
  fs?: FileSystem;
  /** Permission bits for a new file (the umask applies); an existing file keeps its own. */
  mode?: number;
}

/** One file of a multi-file write. */
export interface FileToWrite {
  path: string;
  data: string | Uint8Array;
}

/** A temp file of ours this old belongs to no running save (none takes minutes); see isStaleTemp. */
export const STALE_TEMP_AGE_MS = 15 * 60 * 1000;

/** Linux's own limit on symbolic links followed in one lookup (MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;

/** Bytes per write call: a short write shows up within one chunk, and a kill leaves a partial temp, never a partial target. */
const CHUNK_BYTES = 1 << 20;

/** This machine, short: a temp's process id only means something on the machine that made it. */
const THIS_HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

/**
 * Our temp files: `.<name>.vpcplan-<host>-<pid>-<random>.tmp`, hidden, beside the file.
 * A name too long to take the suffix (file names stop at 255 bytes) is replaced by its hash,
 * which is still the same for the same file, so its stale temps are still found.
 */
function tempStemOf(fileName: string): string {
  return Buffer.byteLength(fileName) > 200 ? createHash('sha256').update(fileName).digest('hex').slice(0, 32) : fileName;
}

export function tempPathFor(target: string): string {
  const stem = tempStemOf(path.basename(target));
  return path.join(path.dirname(target), `.${stem}.vpcplan-${THIS_HOST}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches our temps for one file name; captures the host and the process id. */
function tempPatternFor(fileName: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(tempStemOf(fileName))}\\.vpcplan-([0-9a-f]{6})-(\\d+)-[0-9a-f]{8}\\.tmp$`);
}

/**
 * Temps of earlier versions, which had no process id in the name: the app's
 * `.<name>.<12 hex>.tmp` and the CLI's `.<12 hex>.vpcplan-tmp`. Removed only by age.
 */
function legacyTempPatternFor(fileName: string): RegExp {
  return new RegExp(`^(?:\\.${escapeRegExp(fileName)}\\.[0-9a-f]{12}\\.tmp|\\.[0-9a-f]{12}\\.vpcplan-tmp)$`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return fileErrorCode(error) === 'EPERM';
  }
}

/**
 * A temp nobody will rename any more: its writer on this machine has exited, or it is old
 * enough that no save can still be writing it (its writer was on another machine sharing
 * the folder, or the process id has been reused). A young temp of a running writer is kept:
 * another window or another vpcplan may be saving the same file this moment.
 */
function isStaleTemp(match: RegExpExecArray, mtimeMs: number, now: number): boolean {
  if (now - mtimeMs >= STALE_TEMP_AGE_MS) return true;
  const [, host, pid] = match;
  return host === THIS_HOST && Number(pid) !== process.pid && !isRunning(Number(pid));
}

/** Best effort: a temp we cannot list or remove does not stop the save. */
export async function removeStaleTemps(target: string, fs: FileSystem = realFileSystem, now = Date.now()): Promise<string[]> {
  const folder = path.dirname(target);
  const name = path.basename(target);
  const ours = tempPatternFor(name);
  const legacy = legacyTempPatternFor(name);
  let entries: string[];
  try {
    entries = await fs.readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = ours.exec(entry);
    if (!match && !legacy.test(entry)) continue;
    const temp = path.join(folder, entry);
    const stat = await fs.lstat(temp).catch(() => undefined);
    if (!stat?.isFile()) continue;
    const stale = match ? isStaleTemp(match, stat.mtimeMs, now) : now - stat.mtimeMs >= STALE_TEMP_AGE_MS;
    if (
      stale &&
      (await fs.unlink(temp).then(
        () => true,
        () => false,
      ))
    )
      removed.push(temp);
  }
  return removed;
}

/** Where a write to `requested` really goes, and what is there now. */
export interface WriteTarget {
  /** The path as the caller gave it. */
  requested: string;
  /** The file written: `requested` itself, or the end of its chain of symbolic links. */
  path: string;
  /** What is at `path` now; undefined when nothing is (a new file, or a dangling link's target). */
  stat?: Stats;
}

/**
 * Follows symbolic links to the file they name, without needing it to exist: a dangling
 * link resolves to the path it points at. Only the last part of the path is followed;
 * links among the folders are left to the kernel (the temp file sits beside the real file).
 */
export async function resolveWriteTarget(requested: string, fs: FileSystem = realFileSystem): Promise<WriteTarget> {
  let current = path.resolve(requested);
  for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
    let stat: Stats;
    try {
      stat = await fs.lstat(current);
    } catch (error) {
      if (fileErrorCode(error) === 'ENOENT') return { requested, path: current };
      throw new FileWriteError(requested, fileErrorCode(error) ?? 'EIO', messageOf(error), { cause: error });
    }
    if (!stat.isSymbolicLink()) return { requested, path: current, stat };
    await refuseUnsafeLink(requested, current, stat, fs);
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw new FileWriteError(requested, 'ELOOP', `more than ${MAX_LINK_HOPS} symbolic links in a row`);
}

/**
 * Linux's fs.protected_symlinks: in a sticky world-writable folder (/tmp), a link is only
 * followed when its owner is the follower or the folder's owner. We follow links ourselves
 * (readlink, then rename), which the kernel's check never sees, so we make it here.
 */
async function refuseUnsafeLink(requested: string, link: string, linkStat: Stats, fs: FileSystem): Promise<void> {
  const uid = process.getuid?.();
  if (uid === undefined || linkStat.uid === uid) return;
  const folder = await fs.stat(path.dirname(link)).catch(() => undefined);
  const stickyAndWorldWritable = folder !== undefined && (folder.mode & 0o1002) === 0o1002;
  if (stickyAndWorldWritable && linkStat.uid !== folder.uid) {
    throw new FileWriteError(requested, 'ERR_UNSAFE_LINK', `${link} is a symbolic link owned by user ${linkStat.uid} in a shared folder`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

/** Every failure leaves as a FileWriteError naming the file the caller asked for. */
function asWriteError(requested: string, error: unknown): FileWriteError {
  if (error instanceof FileWriteError) return error;
  return new FileWriteError(requested, fileErrorCode(error) ?? 'EIO', messageOf(error), { cause: error });
}

/** A temp file written in full and flushed, waiting to be renamed over its target. */
interface PreparedWrite {
  target: WriteTarget;
  temp: string;
}

async function refuseUnwritable(target: WriteTarget, fs: FileSystem): Promise<void> {
  const { stat } = target;
  if (!stat) return;
  if (stat.isDirectory()) throw new FileWriteError(target.requested, 'EISDIR', `${target.path} is a folder`);
  if (!stat.isFile()) throw new FileWriteError(target.requested, 'ERR_NOT_A_FILE', `${target.path} is not a regular file`);
  try {
    await fs.access(target.path, nodeFs.constants.W_OK);
  } catch (error) {
    const code = fileErrorCode(error);
    // The rename would replace a read-only file without complaint; the user made it read-only for a reason.
    if (code === 'EACCES' || code === 'EPERM')
      throw new FileWriteError(target.requested, 'ERR_READ_ONLY_FILE', `${target.path} is read-only`, { cause: error });
    throw asWriteError(target.requested, error);
  }
}

/** Writes every byte or throws: a write that makes no progress is a full disk that did not say so. */
async function writeAll(handle: nodeFs.FileHandle, bytes: Uint8Array, requested: string): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const length = Math.min(CHUNK_BYTES, bytes.length - offset);
    const { bytesWritten } = await handle.write(bytes, offset, length, offset);
    if (bytesWritten <= 0) {
      throw new FileWriteError(requested, 'ERR_SHORT_WRITE', `the disk took ${offset} of ${bytes.length} bytes and then no more`);
    }
    offset += bytesWritten;
  }
  // What the file system says it holds, not what the calls returned.
  const { size } = await handle.stat();
  if (size !== bytes.length) throw new FileWriteError(requested, 'ERR_SHORT_WRITE', `the file holds ${size} of ${bytes.length} bytes after writing`);
}

async function prepare(file: FileToWrite, options: AtomicWriteOptions, fs: FileSystem): Promise<PreparedWrite> {
  let target: WriteTarget;
  try {
    target = await resolveWriteTarget(file.path, fs);
    await refuseUnwritable(target, fs);
  } catch (error) {
    throw asWriteError(file.path, error);
  }
  await removeStaleTemps(target.path, fs);
  const temp = tempPathFor(target.path);
  const existingMode = target.stat ? target.stat.mode & 0o7777 : undefined;
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', existingMode ?? options.mode ?? 0o666);
    if (target.stat && existingMode !== undefined) {
      // Root writing someone else's file (sudo vpcplan ...) must not leave it owned by root.
      // Before chmod: chown clears set-id bits.
      if (process.getuid?.() === 0 && (target.stat.uid !== 0 || target.stat.gid !== 0))
        await handle.chown(target.stat.uid, target.stat.gid).catch(() => undefined);
      // open() applies the umask; the old file's bits are kept exactly. A file system
      // without Unix permissions (FAT, some SMB shares) refuses chmod and has no bits to keep.
      await handle.chmod(existingMode).catch(() => undefined);
    }
    await writeAll(handle, typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data, file.path);
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    return { target, temp };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw asWriteError(file.path, error);
  }
}

/**
 * Makes renames durable. Windows cannot open a folder for fsync, and some file systems
 * refuse it; the renames have happened by then, so those errors do not fail the write.
 */
async function syncFolder(fs: FileSystem, folder: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported here; see above.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes several files as one: every temp is written and flushed before any file is
 * replaced, so a full disk or a refused file leaves all of them as they were. Only a
 * rename failing between two others (rare: the temps are already beside their files)
 * can leave some replaced; the error lists those in `replaced`.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[], options: AtomicWriteOptions = {}): Promise<WriteTarget[]> {
  const fs = options.fs ?? realFileSystem;
  const prepared: PreparedWrite[] = [];
  try {
    for (const file of files) prepared.push(await prepare(file, options, fs));
  } catch (error) {
    await Promise.all(prepared.map((p) => fs.unlink(p.temp).catch(() => undefined)));
    throw error;
  }
  const replaced: string[] = [];
  for (const [index, p] of prepared.entries()) {
    try {
      await fs.rename(p.temp, p.target.path);
      replaced.push(p.target.requested);
    } catch (error) {
      await Promise.all(prepared.slice(index).map((q) => fs.unlink(q.temp).catch(() => undefined)));
      throw new FileWriteError(p.target.requested, fileErrorCode(error) ?? 'EIO', messageOf(error), { cause: error, replaced });
    }
  }
  for (const folder of new Set(prepared.map((p) => path.dirname(p.target.path)))) await syncFolder(fs, folder);
  return prepared.map((p) => p.target);
}

/** Writes one file whole or not at all; returns where it went (the link's target, for a link). */
export async function writeFileAtomically(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<WriteTarget> {
  const [written] = await writeFilesAtomically([{ path: target, data }], options);
  return written!;
}
