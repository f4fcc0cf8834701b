/**
 * Writing a file so that a crash, a full disk or a killed process can never leave it half
 * written: write a temporary file in the same folder (rename is only atomic within one
 * file system), fsync it, rename it over the target, then fsync the folder so the rename
 * itself survives a power cut (the approach of write-file-atomic and drawio-desktop).
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The part of node:fs/promises we use; tests pass one with a failure injected. */
export type FileSystem = Pick<typeof nodeFs, 'open' | 'rename' | 'stat' | 'readFile' | 'copyFile' | 'unlink' | 'mkdir' | 'realpath'>;

export const realFileSystem: FileSystem = nodeFs;

export interface AtomicWriteOptions {
  fs?: FileSystem;
  /** Permission bits for a new file; an existing file keeps its own. */
  mode?: number;
}

export async function writeFileAtomically(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? realFileSystem;
  const folder = path.dirname(target);
  const temp = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const existingMode = await fs.stat(target).then((s) => s.mode & 0o777, () => undefined);
  try {
    const handle = await fs.open(temp, 'wx', existingMode ?? options.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(fs, folder);
}

/**
 * Makes a rename durable. Windows cannot open a folder for fsync, and some file systems
 * refuse it; the rename has still happened, so those errors are not failures of the save.
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

/** Node's error codes in words a user can act on. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full; free some space or save somewhere else';
    case 'EDQUOT':
      return 'your disk quota is used up; free some space or save somewhere else';
    case 'EACCES':
    case 'EPERM':
      return 'you do not have permission to write there; choose another folder with Save As';
    case 'EROFS':
      return 'the disk is read-only; save somewhere else with Save As';
    case 'ENOENT':
      return 'the folder no longer exists; choose another with Save As';
    case 'EISDIR':
      return 'a folder has that name; choose another file name';
    case 'EBUSY':
      return 'another program has the file locked; close it and try again';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; close some programs and try again';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
