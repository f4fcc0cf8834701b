/**
 * main.ts wiring, with a stand-in for the `electron` module (no Electron binary here):
 * the handlers main registers are called as the preload would call them, with a sender
 * that is the app page, and the effects on disk, the title and the close prompt checked.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenedDocument } from '../shared/host';
import { CHANNELS } from './ipc-channels';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const handlers = new Map<string, Listener>();
  const sent: unknown[][] = [];
  const appListeners = new Map<string, Listener>();
  const paths: Record<string, string> = {};
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    title = '';
    closed = false;
    private listeners = new Map<string, Listener[]>();
    webContents = {
      send: (...args: unknown[]) => sent.push(args),
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      undo: () => undefined,
    };
    constructor(public options: unknown) {
      FakeBrowserWindow.all.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    setTitle(title: string) {
      this.title = title;
    }
    setDocumentEdited() {}
    loadURL() {
      return Promise.resolve();
    }
    loadFile() {
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    focus() {}
    close() {
      let prevented = false;
      for (const l of this.listeners.get('close') ?? []) l({ preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.closed = true;
      for (const l of this.listeners.get('closed') ?? []) l();
    }
  }
  const module = {
    app: {
      setPath: (name: string, value: string) => (paths[name] = value),
      getPath: (name: string) => paths[name] ?? paths.userData,
      setName: () => undefined,
      getAppPath: () => paths.appRoot,
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: (name: string, listener: Listener) => appListeners.set(name, listener),
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      addRecentDocument: () => undefined,
      quit: () => undefined,
    },
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (template: unknown) => template },
    dialog: { showErrorBox: () => undefined },
    ipcMain: { handle: (channel: string, listener: Listener) => handlers.set(channel, listener) },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined, webRequest: { onHeadersReceived: () => undefined } } },
  };
  return { module, handlers, sent, paths, FakeBrowserWindow };
});

vi.mock('electron', () => fake.module);

const root = path.resolve(import.meta.dirname, '..');
let folder: string;
let answersFile: string;
const savedAs = () => path.join(folder, 'my-hub.vpcplan.json');

function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`main registered nothing on ${channel}`);
  const event = { senderFrame: { url: 'http://localhost:5173/', parent: null }, sender: {} };
  return Promise.resolve(handler(event, ...args)) as Promise<T>;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-main-'));
  answersFile = path.join(folder, 'answers.json');
  await writeFile(answersFile, JSON.stringify({ save: [savedAs()], unsavedChanges: ['save'] }));
  fake.paths.appRoot = root;
  fake.paths.userData = path.join(folder, 'user-data');
  vi.stubEnv('VPCPLANNER_USER_DATA', path.join(folder, 'user-data'));
  vi.stubEnv('VPCPLANNER_E2E_DIALOGS', answersFile);
  vi.stubEnv('VPCPLANNER_DEV_SERVER_URL', 'http://localhost:5173');
  // As `electron .` would start it, with no plan on the command line.
  const argv = process.argv;
  process.argv = ['/usr/bin/electron', root];
  (process as { defaultApp?: boolean }).defaultApp = true;
  try {
    await import('./main');
  } finally {
    process.argv = argv;
    delete (process as { defaultApp?: boolean }).defaultApp;
  }
  await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(folder, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers a handler for every invoke channel, each checking its sender', async () => {
    for (const [operation, channel] of Object.entries(CHANNELS)) {
      if (operation !== 'onMenuCommand') expect(fake.handlers.has(channel), channel).toBe(true);
    }
    const handler = fake.handlers.get(CHANNELS.listRecent)!;
    await expect(Promise.resolve(handler({ senderFrame: { url: 'https://evil.example/', parent: null } }))).rejects.toThrow(/not the app's own page/);
  });

  it('on first start offers the bundled example; Save then asks where and keeps the example intact', async () => {
    const example = path.join(root, 'examples', 'hub-and-spoke.vpcplan.json');
    const before = await readFile(example, 'utf8');
    const first = await call<OpenedDocument | undefined>(CHANNELS.initialDocument);
    expect(first).toMatchObject({ displayName: 'hub-and-spoke.vpcplan.json', text: before });
    // Asked twice (React strict mode), it is the same document.
    expect(await call(CHANNELS.initialDocument)).toEqual(first);

    const saved = await call<{ ok: boolean; value?: { handle: string; displayName: string } }>(CHANNELS.savePlanFile, first!.text, first!.handle);
    expect(saved).toMatchObject({ ok: true, value: { displayName: 'my-hub.vpcplan.json' } });
    expect(saved.value?.handle).not.toBe(first!.handle);
    expect(await readFile(savedAs(), 'utf8')).toBe(before);
    expect(await readFile(example, 'utf8')).toBe(before);
    expect(existsSync(`${example}.bak`)).toBe(false);
    expect(await call(CHANNELS.listRecent)).toEqual([{ handle: saved.value!.handle, displayName: 'my-hub.vpcplan.json' }]);
  });

  it('puts the file name and unsaved state in the title', async () => {
    await call(CHANNELS.setDocumentState, { displayName: 'my-hub.vpcplan.json', dirty: true });
    expect(fake.FakeBrowserWindow.all[0]!.title).toBe('my-hub.vpcplan.json • — VPC Planner');
  });

  it('keeps a recovery draft until a save clears it', async () => {
    await call(CHANNELS.writeRecovery, '{"draft":true}', 'my-hub.vpcplan.json');
    expect(await call(CHANNELS.readRecovery)).toMatchObject({ text: '{"draft":true}', displayName: 'my-hub.vpcplan.json' });
    const handle = ((await call(CHANNELS.listRecent)) as Array<{ handle: string }>)[0]!.handle;
    const text = await readFile(savedAs(), 'utf8');
    expect(await call(CHANNELS.savePlanFile, text, handle)).toMatchObject({ ok: true });
    expect(await call(CHANNELS.readRecovery)).toBeUndefined();
    expect(existsSync(`${savedAs()}.bak`)).toBe(true);
  });

  it('closing with unsaved work asks; Save has the renderer save, then the window closes', async () => {
    const window = fake.FakeBrowserWindow.all[0]!;
    await call(CHANNELS.setDocumentState, { displayName: 'my-hub.vpcplan.json', dirty: true });
    fake.sent.length = 0;
    window.close();
    expect(window.closed).toBe(false);
    await vi.waitFor(() => expect(fake.sent).toContainEqual([CHANNELS.onMenuCommand, 'save']));
    expect(window.closed).toBe(false);
    const handle = ((await call(CHANNELS.listRecent)) as Array<{ handle: string }>)[0]!.handle;
    await call(CHANNELS.savePlanFile, await readFile(savedAs(), 'utf8'), handle);
    expect(window.closed).toBe(true);
    const log = (await readFile(`${answersFile}.log`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(log.map((entry: { dialog: string }) => entry.dialog)).toEqual(['chooseSaveLocation', 'askAboutUnsavedChanges']);
  });
});
