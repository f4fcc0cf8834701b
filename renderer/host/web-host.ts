/**
 * VpcHost for a plain browser. Files go through the File System Access API where the
 * browser has it (Chromium), so Save writes back to the file that was opened; elsewhere
 * Open is an <input type=file> and Save is a download. Autosave lives in localStorage and
 * recent files (their FS Access handles) in IndexedDB.
 *
 * Like the Electron host, it never hands the renderer a path: a document's handle is an
 * opaque id that this module maps to the file handle the user picked.
 */
import type { HostResult, MenuCommand, MenuCommandDetail, OpenedDocument, RecentFile, RecoveredWork, VpcHost } from '../../shared/host';
import exampleText from '../../examples/hub-and-spoke.vpcplan.json?raw';
import { askForFileName, askToDiscardChanges } from './confirm-dialog';

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface PickerWindow {
  showOpenFilePicker?: (options: { types: PickerType[]; multiple?: boolean; id?: string }) => Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?: (options: { types: PickerType[]; suggestedName?: string; id?: string }) => Promise<FileSystemFileHandle>;
}
interface PermissionedHandle extends FileSystemFileHandle {
  queryPermission?: (options: { mode: 'read' | 'readwrite' }) => Promise<PermissionState>;
  requestPermission?: (options: { mode: 'read' | 'readwrite' }) => Promise<PermissionState>;
}

const PLAN_FILE_TYPES: PickerType[] = [{ description: 'VPC plan', accept: { 'application/json': ['.json'] } }];
const RECOVERY_KEY = 'vpc-planner:recovery';
const STARTED_KEY = 'vpc-planner:started';
const RECENT_LIMIT = 10;
const EXAMPLE_NAME = 'hub-and-spoke.vpcplan.json';

/** A document the user opened or saved: its FS Access handle, if the browser gave one. */
interface KnownFile {
  displayName: string;
  fileHandle?: FileSystemFileHandle /** The file's lastModified when it was opened or last saved. */;
  lastModified?: number;
}

export function createWebHost(): VpcHost {
  const files = new Map<string, KnownFile>();
  const listeners = new Set<(command: MenuCommand, detail?: MenuCommandDetail) => void>();
  const picker = window as unknown as PickerWindow;
  // Session-only recent entries for browsers without FS Access (nothing to reopen them with later).
  const sessionRecent: RecentFile[] = [];
  const sessionText = new Map<string, string>();

  const remember = (file: KnownFile): string => {
    const handle = `file-${crypto.randomUUID()}`;
    files.set(handle, file);
    return handle;
  };

  const addRecent = async (handle: string, file: KnownFile, text: string) => {
    if (file.fileHandle) {
      await recentStore.put({ handle, displayName: file.displayName, fileHandle: file.fileHandle }).catch(() => undefined);
    } else {
      sessionText.set(handle, text);
      const existing = sessionRecent.findIndex((entry) => entry.displayName === file.displayName);
      if (existing >= 0) sessionRecent.splice(existing, 1);
      sessionRecent.unshift({ handle, displayName: file.displayName });
      sessionRecent.length = Math.min(sessionRecent.length, RECENT_LIMIT);
    }
  };

  const writeTo = async (fileHandle: FileSystemFileHandle, text: string) => {
    const writable = await fileHandle.createWritable();
    await writable.write(text);
    await writable.close();
  };

  const host: VpcHost = {
    kind: 'web',

    async openPlanFile() {
      try {
        if (picker.showOpenFilePicker) {
          let handles: FileSystemFileHandle[];
          try {
            handles = await picker.showOpenFilePicker({ types: PLAN_FILE_TYPES, id: 'vpc-plans' });
          } catch (error) {
            if (isAbort(error)) return { ok: true, value: undefined };
            throw error;
          }
          const fileHandle = handles[0];
          if (!fileHandle) return { ok: true, value: undefined };
          const file = await fileHandle.getFile();
          const text = await file.text();
          const known = { displayName: file.name, fileHandle, lastModified: file.lastModified };
          const handle = remember(known);
          await addRecent(handle, known, text);
          return { ok: true, value: { handle, displayName: file.name, text } };
        }
        const file = await pickWithInput();
        if (!file) return { ok: true, value: undefined };
        const text = await file.text();
        const known = { displayName: file.name };
        const handle = remember(known);
        await addRecent(handle, known, text);
        return { ok: true, value: { handle, displayName: file.name, text } };
      } catch (error) {
        return { ok: false, error: `Could not open the file: ${describe(error)}` };
      }
    },

    async openRecent(handle) {
      try {
        const session = sessionText.get(handle);
        const sessionEntry = sessionRecent.find((entry) => entry.handle === handle);
        if (session !== undefined && sessionEntry) {
          files.set(handle, { displayName: sessionEntry.displayName });
          return { ok: true, value: { handle, displayName: sessionEntry.displayName, text: session } };
        }
        const entry = await recentStore.get(handle);
        if (!entry) return { ok: false, error: 'That file is no longer in the recent list.' };
        const fileHandle = entry.fileHandle as PermissionedHandle;
        if (fileHandle.requestPermission && (await fileHandle.queryPermission?.({ mode: 'read' })) !== 'granted') {
          const permission = await fileHandle.requestPermission({ mode: 'read' });
          if (permission !== 'granted') return { ok: false, error: `The browser did not allow reading ${entry.displayName}.` };
        }
        const file = await fileHandle.getFile();
        files.set(handle, { displayName: entry.displayName, fileHandle, lastModified: file.lastModified });
        return { ok: true, value: { handle, displayName: entry.displayName, text: await file.text() } };
      } catch (error) {
        return { ok: false, error: `Could not reopen the file: ${describe(error)}` };
      }
    },

    async listRecent() {
      const stored = await recentStore.list().catch(() => []);
      return [...sessionRecent, ...stored.map(({ handle, displayName }) => ({ handle, displayName }))].slice(0, RECENT_LIMIT);
    },

    async savePlanFile(text, handle, options) {
      const known = handle === undefined ? undefined : files.get(handle);
      if (!known || handle === undefined) return host.savePlanFileAs(text, 'plan.vpcplan.json');
      try {
        if (known.fileHandle) {
          // Like the desktop app: never silently write over changes another program made.
          const onDisk = await known.fileHandle.getFile();
          if (!options?.overwriteChangesOnDisk && known.lastModified !== undefined && onDisk.lastModified !== known.lastModified) {
            return { ok: false, reason: 'changed-on-disk', error: `${known.displayName} changed on disk since it was opened; it was not saved.` };
          }
          await writeTo(known.fileHandle, text);
          known.lastModified = (await known.fileHandle.getFile()).lastModified;
        } else {
          download(known.displayName, text, 'application/json');
        }
        return { ok: true, value: { handle, displayName: known.displayName } };
      } catch (error) {
        return { ok: false, error: `Could not save ${known.displayName}: ${describe(error)}` };
      }
    },

    async savePlanFileAs(text, suggestedName) {
      try {
        if (picker.showSaveFilePicker) {
          let fileHandle: FileSystemFileHandle;
          try {
            fileHandle = await picker.showSaveFilePicker({ types: PLAN_FILE_TYPES, suggestedName, id: 'vpc-plans' });
          } catch (error) {
            if (isAbort(error)) return { ok: true, value: undefined };
            throw error;
          }
          await writeTo(fileHandle, text);
          const known = { displayName: fileHandle.name, fileHandle, lastModified: (await fileHandle.getFile()).lastModified };
          const handle = remember(known);
          await addRecent(handle, known, text);
          return { ok: true, value: { handle, displayName: known.displayName } };
        }
        // No save picker: the user names the download here rather than find "Untitled plan" in the downloads.
        const name = await askForFileName(suggestedName);
        if (name === undefined) return { ok: true, value: undefined };
        download(name, text, 'application/json');
        const known = { displayName: name };
        const handle = remember(known);
        await addRecent(handle, known, text);
        return { ok: true, value: { handle, displayName: name } };
      } catch (error) {
        return { ok: false, error: `Could not save ${suggestedName}: ${describe(error)}` };
      }
    },

    async exportFile(suggestedName, data, mimeType): Promise<HostResult<string | undefined>> {
      try {
        download(suggestedName, data, mimeType);
        return { ok: true, value: suggestedName };
      } catch (error) {
        return { ok: false, error: `Could not export ${suggestedName}: ${describe(error)}` };
      }
    },

    async exportReportPdf(html, suggestedName): Promise<HostResult<string | undefined>> {
      try {
        await printInFrame(html, suggestedName);
        return { ok: true, value: undefined };
      } catch (error) {
        return { ok: false, error: `Could not print ${suggestedName}: ${describe(error)}` };
      }
    },

    async writeRecovery(text, displayName) {
      try {
        if (text === undefined) localStorage.removeItem(RECOVERY_KEY);
        else {
          const work: RecoveredWork = { text, savedAt: new Date().toISOString() };
          if (displayName !== undefined) work.displayName = displayName;
          localStorage.setItem(RECOVERY_KEY, JSON.stringify(work));
        }
      } catch {
        // Storage full or disabled: recovery is best effort and must never break editing.
      }
    },

    async readRecovery() {
      try {
        const raw = localStorage.getItem(RECOVERY_KEY);
        if (!raw) return undefined;
        const work = JSON.parse(raw) as Partial<RecoveredWork>;
        if (typeof work.text !== 'string' || typeof work.savedAt !== 'string') return undefined;
        const result: RecoveredWork = { text: work.text, savedAt: work.savedAt };
        if (typeof work.displayName === 'string') result.displayName = work.displayName;
        return result;
      } catch {
        return undefined;
      }
    },

    async initialDocument(): Promise<OpenedDocument | undefined> {
      let firstStart = true;
      try {
        firstStart = localStorage.getItem(STARTED_KEY) === null;
        localStorage.setItem(STARTED_KEY, new Date().toISOString());
      } catch {
        // No storage: every start is a first start.
      }
      if (!firstStart) return undefined;
      // The example is not a file the user owns: no handle, so Save asks where.
      return { handle: '', displayName: EXAMPLE_NAME, text: exampleText };
    },

    confirmDiscardChanges(displayName) {
      return askToDiscardChanges(displayName);
    },

    setDocumentState({ displayName, dirty }) {
      document.title = `${dirty ? '● ' : ''}${displayName} — VPC Planner`;
    },

    onMenuCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return host;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function download(name: string, data: string | Uint8Array, mimeType: string) {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The browser's print dialog on the report (its "Save as PDF" destination). The frame has
 * an A4-wide layout box, off screen (a zero-sized frame prints zero pages), and stays until
 * printing is over. Sandboxed without scripts: the report is inert HTML.
 */
function printInFrame(html: string, title: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.title = title;
    frame.dataset.testid = 'report-print-frame';
    frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    Object.assign(frame.style, { position: 'fixed', left: '-10000px', top: '0', width: '794px', height: '1123px', border: '0' });
    let removeTimer: ReturnType<typeof setTimeout> | undefined;
    const remove = () => {
      if (removeTimer) clearTimeout(removeTimer);
      frame.remove();
    };
    frame.addEventListener(
      'load',
      () => {
        const view = frame.contentWindow;
        if (!view) {
          remove();
          reject(new Error('the print frame did not open'));
          return;
        }
        view.addEventListener('afterprint', remove, { once: true });
        // Browsers whose print() does not wait for the dialog: give up the frame after a while.
        removeTimer = setTimeout(remove, 10 * 60_000);
        try {
          view.focus();
          view.print();
          resolve();
        } catch (error) {
          remove();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.append(frame);
  });
}

/** An <input type=file>; resolves undefined when the user cancels (the 'cancel' event). */
function pickWithInput(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.style.display = 'none';
    input.dataset.testid = 'open-file-input';
    const done = (file: File | undefined) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0]));
    input.addEventListener('cancel', () => done(undefined));
    document.body.append(input);
    input.click();
  });
}

/** Recent files with their FS Access handles (structured-clonable, so IndexedDB keeps them). */
interface StoredRecent {
  handle: string;
  displayName: string;
  fileHandle: FileSystemFileHandle;
  usedAt?: number;
}

const recentStore = {
  open(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
      const request = indexedDB.open('vpc-planner', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('recent', { keyPath: 'handle' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  },
  async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await recentStore.open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = work(db.transaction('recent', mode).objectStore('recent'));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  },
  async put(entry: StoredRecent) {
    const all = await recentStore.list();
    for (const old of all) {
      if (old.displayName === entry.displayName || all.indexOf(old) >= RECENT_LIMIT - 1) {
        await recentStore.run('readwrite', (store) => store.delete(old.handle));
      }
    }
    await recentStore.run('readwrite', (store) => store.put({ ...entry, usedAt: Date.now() }));
  },
  get(handle: string): Promise<StoredRecent | undefined> {
    return recentStore.run('readonly', (store) => store.get(handle) as IDBRequest<StoredRecent | undefined>);
  },
  async list(): Promise<StoredRecent[]> {
    const all = await recentStore.run('readonly', (store) => store.getAll() as IDBRequest<StoredRecent[]>);
    return all.sort((a, b) => (b.usedAt ?? 0) - (a.usedAt ?? 0));
  },
};
