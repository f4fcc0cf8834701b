/**
 * For tests: the real file system with one failure made to happen on purpose. Tests run as
 * root, where chmod stops nothing, and a full disk cannot be made on every machine, so the
 * faults are injected at the call the writer makes: the disk filling up part-way through a
 * write, a folder that refuses a new file, a rename that fails, a read-only file.
 */
import * as nodeFs from 'node:fs/promises';
import type { MakeDirectoryOptions } from 'node:fs';
import type { FileSystem } from './atomic-write';

export type Fault =
  | {
      /** A call that fails outright with `code` (open: only creating a file, not reading one). */
      on: 'open' | 'rename' | 'sync' | 'close' | 'mkdir' | 'access' | 'stat';
      code: string;
      /** Only for matching paths (the rename's destination; the temp file's path for sync and close). */
      when?: (path: string) => boolean;
    }
  | {
      /**
       * The disk has `room` bytes left for the file: a write that does not fit writes what
       * fits and returns the short count, as write(2) does; the next then fails with `code`,
       * or, with `silent`, returns 0 bytes or claims to have written everything.
       */
      on: 'write';
      room: number;
      code?: string;
      silent?: 'zero-bytes' | 'claims-all';
      when?: (path: string) => boolean;
    };

function injected(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${syscall} '${path}'`), { code, syscall, path });
}

/** A FileHandle whose write, sync or close misbehave; everything else is the real handle. */
function faultyHandle(handle: nodeFs.FileHandle, path: string, faults: readonly Fault[]): nodeFs.FileHandle {
  const applies = (fault: Fault) => fault.when?.(path) ?? true;
  let room = Math.min(...faults.filter((f) => f.on === 'write' && applies(f)).map((f) => (f.on === 'write' ? f.room : Infinity)));
  const writeFault = faults.find((f) => f.on === 'write' && applies(f));
  const overrides: Partial<nodeFs.FileHandle> = {
    write: (async (buffer: Uint8Array, offset = 0, length = buffer.length - offset, position?: number | null) => {
      if (!writeFault || writeFault.on !== 'write') return handle.write(buffer, offset, length, position);
      if (room <= 0) {
        if (writeFault.silent === 'zero-bytes') return { bytesWritten: 0, buffer };
        if (writeFault.silent === 'claims-all') return { bytesWritten: length, buffer };
        throw injected(writeFault.code ?? 'ENOSPC', 'write', path);
      }
      const fits = Math.min(length, room);
      const { bytesWritten } = await handle.write(buffer, offset, fits, position);
      room -= bytesWritten;
      return { bytesWritten, buffer };
    }) as nodeFs.FileHandle['write'],
  };
  for (const fault of faults) {
    if ((fault.on === 'sync' || fault.on === 'close') && applies(fault)) {
      const call = fault.on;
      overrides[call] = async () => {
        // The real call first, so no descriptor leaks; then the failure the caller sees.
        await handle[call]();
        throw injected(fault.code, call === 'sync' ? 'fsync' : 'close', path);
      };
    }
  }
  return new Proxy(handle, {
    get(target, property) {
      if (property in overrides) return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function faultyFileSystem(...faults: Fault[]): FileSystem {
  /** The code the call on this path fails with, if a fault says it should. */
  const failing = (on: Fault['on'], path: string): string | undefined => {
    const fault = faults.find((f) => f.on === on && (f.when?.(path) ?? true));
    return fault?.code;
  };
  return {
    ...nodeFs,
    open: (async (file: nodeFs.FileHandle | string | Buffer | URL, flags?: string | number, mode?: number) => {
      const path = String(file);
      const creating = typeof flags === 'string' && /[wax]/.test(flags);
      const refuse = creating ? failing('open', path) : undefined;
      if (refuse) throw injected(refuse, 'open', path);
      const handle = await nodeFs.open(path, flags, mode);
      return creating ? faultyHandle(handle, path, faults) : handle;
    }) as FileSystem['open'],
    rename: async (from, to) => {
      const refuse = failing('rename', String(to));
      if (refuse) throw injected(refuse, 'rename', String(to));
      return nodeFs.rename(from, to);
    },
    mkdir: (async (path: string, options?: MakeDirectoryOptions) => {
      const refuse = failing('mkdir', String(path));
      if (refuse) throw injected(refuse, 'mkdir', String(path));
      return nodeFs.mkdir(path, options);
    }) as FileSystem['mkdir'],
    access: async (path, mode) => {
      const refuse = failing('access', String(path));
      if (refuse) throw injected(refuse, 'access', String(path));
      return nodeFs.access(path, mode);
    },
    stat: (async (path: string, options?: { bigint?: boolean }) => {
      const refuse = failing('stat', String(path));
      if (refuse) throw injected(refuse, 'stat', String(path));
      return nodeFs.stat(path, options);
    }) as FileSystem['stat'],
  };
}
