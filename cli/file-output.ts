/**
 * Every file the CLI writes (`import -o`, `export -o`) goes through here, and through the
 * one atomic writer the app uses too (node/atomic-write.ts): the whole file or the old one,
 * never half. A failure becomes a UsageError of one line (what failed, which path, the
 * likely fix, and that the old file is as it was), which the CLI prints and exits 2 on.
 */
import { join, resolve } from 'node:path';
import { realFileSystem, writeFilesAtomically, type FileSystem } from '../node/atomic-write';
import { describeFileError, fileErrorCode, FileWriteError, isSystemError } from '../node/file-errors';
import { UsageError } from './output';

/** What is at a path: the CLI refuses a folder where a file goes, and the reverse. */
export async function kindOf(path: string, fs: FileSystem = realFileSystem): Promise<'directory' | 'file' | undefined> {
  try {
    return (await fs.stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    // ENOENT is also a dangling symbolic link: the write goes through it (see atomic-write.ts).
    if (fileErrorCode(error) === 'ENOENT') return undefined;
    throw new UsageError(`cannot use ${path}: ${describeFileError(error, 'command-line')}`);
  }
}

function whatBecameOf(paths: readonly string[], replaced: readonly string[], existed: ReadonlySet<string>): string {
  const untouched = paths.filter((p) => !replaced.includes(p));
  const kept = untouched.filter((p) => existed.has(p));
  const parts: string[] = [];
  if (replaced.length > 0) parts.push(`${replaced.join(', ')} ${replaced.length === 1 ? 'was' : 'were'} written`);
  if (kept.length > 0) parts.push(`${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} unchanged`);
  if (kept.length < untouched.length) parts.push(replaced.length === 0 && kept.length === 0 ? 'nothing was written' : 'no other file was written');
  return parts.join('; ');
}

/**
 * Writes the files as one (node/atomic-write.ts: all temps flushed before any file is
 * replaced). Returns where each went, which differs from the path given for a symbolic link.
 */
export async function writeOutputFiles(files: ReadonlyArray<{ path: string; data: string | Uint8Array }>, fs: FileSystem = realFileSystem): Promise<string[]> {
  const existed = new Set<string>();
  for (const file of files)
    if (
      await fs.lstat(file.path).then(
        () => true,
        () => false,
      )
    )
      existed.add(file.path);
  try {
    return (await writeFilesAtomically(files, { fs })).map((t) => t.path);
  } catch (error) {
    const failed = error instanceof FileWriteError ? error.path : (files[0]?.path ?? '');
    const replaced = error instanceof FileWriteError ? error.replaced : [];
    const outcome = whatBecameOf(
      files.map((f) => f.path),
      replaced,
      existed,
    );
    throw new UsageError(`cannot write ${failed}: ${describeFileError(error, 'command-line')} (${outcome})`);
  }
}

export async function writeOutputFile(path: string, data: string | Uint8Array, fs: FileSystem = realFileSystem): Promise<string> {
  const [written] = await writeOutputFiles([{ path, data }], fs);
  return written ?? path;
}

/**
 * Writes files into a folder, creating it when missing (and removing it again when the
 * write then fails, so a failed export leaves nothing behind).
 */
export async function writeOutputFolder(
  folder: string,
  files: ReadonlyArray<{ name: string; data: string | Uint8Array }>,
  fs: FileSystem = realFileSystem,
): Promise<string[]> {
  const kind = await kindOf(folder, fs);
  if (kind === 'file') throw new UsageError(`cannot write into ${folder}: it is a file, not a folder; give -o a folder`);
  let created = false;
  if (kind === undefined) {
    try {
      await fs.mkdir(folder, { recursive: true });
      created = true;
    } catch (error) {
      throw new UsageError(`cannot create the folder ${folder}: ${describeFileError(error, 'command-line')} (nothing was written)`);
    }
  }
  try {
    return await writeOutputFiles(
      files.map((f) => ({ path: join(folder, f.name), data: f.data })),
      fs,
    );
  } catch (error) {
    if (created) await fs.rmdir(folder).catch(() => undefined);
    throw error;
  }
}

/** "wrote x" for stderr, naming the real file when x was a symbolic link to it. */
export function wroteLine(requested: readonly string[], written: readonly string[]): string {
  const names = requested.map((path, i) => {
    const real = written[i];
    return real !== undefined && real !== resolve(path) ? `${path} (through the link, to ${real})` : path;
  });
  return `wrote ${names.join(', ')}\n`;
}

/**
 * The last net: a file-system failure that reached the top without a command wording it
 * (every -o write above does) is still one line for the user, not a stack trace.
 * Undefined for anything else, which is a bug and should show its stack.
 */
export function unexpectedFileErrorLine(error: unknown): string | undefined {
  if (!isSystemError(error)) return undefined;
  const where = error.path === undefined ? '' : ` ${error.path}`;
  return `${error.syscall ?? 'file access'}${where} failed: ${describeFileError(error, 'command-line')}`;
}
