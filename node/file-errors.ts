/**
 * File-system failures in words a user can act on: what went wrong and the likely fix, in
 * one clause that a caller puts after "Could not save "x": " (the app) or
 * "vpcplan: cannot write x: " (the command line). Node's own messages ("ENOSPC: no space
 * left on device, write") name a system call, not a fix.
 */

/** Who reads the message: the fix is worded for the app's dialogs or for a shell. */
export type FileErrorAudience = 'app' | 'command-line';

/**
 * A failed write, with the path as the caller named it (the user's words, not the temp
 * file's). `code` is Node's errno code, or one of ours for failures Node has no code for:
 * - ERR_SHORT_WRITE: the disk accepted only part of the file (a full disk, usually)
 * - ERR_READ_ONLY_FILE: the file exists and may not be written
 * - ERR_NOT_A_FILE: the path is a device, pipe or socket, not a regular file
 * - ERR_UNSAFE_LINK: a symbolic link in a shared folder (such as /tmp) owned by someone else
 */
export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';
  readonly code: string;
  readonly path: string;
  /** Files of a multi-file write already replaced when this one failed (rare: a rename failed). */
  readonly replaced: readonly string[];

  constructor(path: string, code: string, detail: string, options: { cause?: unknown; replaced?: readonly string[] } = {}) {
    super(`${path}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = path;
    this.replaced = options.replaced ?? [];
  }
}

/** The errno code of a Node system error (or of a FileWriteError), if it has one. */
export function fileErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A Node system error (it names a system call), as opposed to a bug in our code. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' && fileErrorCode(error)?.startsWith('E') === true;
}

/** The fixes that differ between the app (dialogs) and the command line (-o). */
const ELSEWHERE: Record<FileErrorAudience, { save: string; folder: string; name: string }> = {
  app: { save: 'save somewhere else', folder: 'choose another folder with Save As', name: 'choose another file name with Save As' },
  'command-line': {
    save: 'write somewhere else',
    folder: "check the folder's permissions or give -o a path in another folder",
    name: 'give -o another file name',
  },
};

/** Node's error codes in words a user can act on. */
export function describeFileError(error: unknown, audience: FileErrorAudience = 'app'): string {
  const fix = ELSEWHERE[audience];
  switch (fileErrorCode(error)) {
    case 'ENOSPC':
      return `the disk is full; free some space or ${fix.save}`;
    case 'ERR_SHORT_WRITE':
      return `the disk took only part of the file, which usually means it is full; free some space or ${fix.save}`;
    case 'EDQUOT':
      return `your disk quota is used up; free some space or ${fix.save}`;
    case 'EFBIG':
      return `the file is larger than this disk or your limits allow; ${fix.save}`;
    case 'EACCES':
    case 'EPERM':
      return `you do not have permission to write there; ${fix.folder}`;
    case 'ERR_READ_ONLY_FILE':
      return audience === 'app'
        ? 'the file is read-only; make it writable, or save under another name with Save As'
        : 'the file is read-only; make it writable (chmod u+w) or give -o another file';
    case 'EROFS':
      return audience === 'app' ? 'the disk is read-only; save somewhere else with Save As' : 'the disk is read-only; write somewhere else';
    case 'ENOENT':
      return audience === 'app' ? 'the folder no longer exists; choose another with Save As' : 'the folder does not exist; create it first or check the path';
    case 'ENOTDIR':
      return audience === 'app'
        ? 'part of the path is a file, not a folder; choose another folder with Save As'
        : 'part of the path is a file, not a folder; check the path';
    case 'EISDIR':
      return `a folder has that name; ${fix.name}`;
    case 'ERR_NOT_A_FILE':
      return audience === 'app'
        ? 'it is a device or pipe, not a file; choose a file with Save As'
        : 'it is a device or pipe, not a file; leave out -o to print to standard output';
    case 'ELOOP':
      return 'the path goes round a loop of symbolic links; fix or remove the links';
    case 'ERR_UNSAFE_LINK':
      return `it is a symbolic link another user made in a shared folder, which could point anywhere; remove the link or ${fix.save}`;
    case 'ENAMETOOLONG':
      return `the file name is too long; ${fix.name}`;
    case 'EIO':
      return `the disk reported an input/output error; check the disk, or ${fix.save}`;
    case 'EBUSY':
      return 'another program has the file locked; close it and try again';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; close some programs and try again';
    default:
      // Not a code we know: the first line of Node's message still says what happened.
      return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  }
}
