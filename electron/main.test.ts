/**
 * main.ts wiring, with a stand-in for the `electron` module (no Electron binary here):
 * the handlers main registers are called as the preload would call them, with a sender
 * that is the app page, and the effects on disk, the title, the close prompt, the app://
 * protocol and a renderer crash checked. Started as `npm start` starts it: no --dev.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenedDocument } from '../shared/host';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';
import { APP_INDEX_URL } from './app-protocol';
import { CHANNELS } from './ipc-channels';
import { RECOVERY_FILE_NAME } from './recovery';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const handlers = new Map<string, Listener>();
  const sent: unknown[][] = [];
  const appListeners = new Map<string, Listener>();
  const paths: Record<string, string> = {};
  const protocols = { privileged: [] as unknown[], handlers: new Map<string, Listener>(), reportHandlers: new Map<string, Listener>() };
  const partitions: string[] = [];
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    title = '';
    closed = false;
    loaded: string[] = [];
    private listeners = new Map<string, Listener[]>();
    private contentsListeners = new Map<string, Listener[]>();
    webContents = {
      send: (...args: unknown[]) => sent.push(args),
      on: (name: string, listener: Listener) => this.contentsListeners.set(name, [...(this.contentsListeners.get(name) ?? []), listener]),
      setWindowOpenHandler: () => undefined,
      undo: () => undefined,
      loadURL: (url: string) => {
        this.loaded.push(url);
        return Promise.resolve();
      },
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
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.loaded.push(`loadFile ${file}`);
      return Promise.resolve();
    }
    /** As Chromium reports a dead renderer. */
    rendererGone(reason: string) {
      for (const l of this.contentsListeners.get('render-process-gone') ?? []) l({}, { reason, exitCode: 139 });
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
    dialog: {
      showErrorBox: (title: string, content: string) => {
        throw new Error(`${title}: ${content}`);
      },
    },
    ipcMain: { handle: (channel: string, listener: Listener) => handlers.set(channel, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => protocols.privileged.push(...schemes),
      handle: (scheme: string, handler: Listener) => protocols.handlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
      fromPartition: (partition: string) => {
        partitions.push(partition);
        return {
          setPermissionRequestHandler: () => undefined,
          setPermissionCheckHandler: () => undefined,
          webRequest: { onBeforeRequest: () => undefined },
          protocol: { handle: (scheme: string, handler: Listener) => protocols.reportHandlers.set(scheme, handler) },
        };
      },
    },
  };
  return { module, handlers, sent, paths, appListeners, protocols, partitions, FakeBrowserWindow };
});

vi.mock('electron', () => fake.module);

const root = path.resolve(import.meta.dirname, '..');
let folder: string;
let answersFile: string;
const savedAs = () => path.join(folder, 'my-hub.vpcplan.json');

function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`main registered nothing on ${channel}`);
  const event = { senderFrame: { url: APP_INDEX_URL, parent: null }, sender: {} };
  return Promise.resolve(handler(event, ...args)) as Promise<T>;
}

/** The installed app's folder: the built renderer and the examples, as electron-builder packs them. */
let appRoot: string;
const draftSavedAs = () => path.join(folder, 'recovered.vpcplan.json');
const draftFile = () => path.join(folder, 'user-data', RECOVERY_FILE_NAME);

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-main-'));
  appRoot = path.join(folder, 'app');
  await mkdir(path.join(appRoot, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>VPC Planner</title>');
  await writeFile(path.join(folder, 'app', 'dist', 'secret.txt'), 'outside the renderer folder');
  await mkdir(path.join(appRoot, 'examples'));
  for (const name of ['hub-and-spoke.vpcplan.json', 'three-tier.vpcplan.json'])
    await copyFile(path.join(root, 'examples', name), path.join(appRoot, 'examples', name));
  answersFile = path.join(folder, 'answers.json');
  await writeFile(
    answersFile,
    JSON.stringify({ save: [savedAs(), draftSavedAs()], unsavedChanges: ['save'], afterCrash: ['reload', 'close', 'close'], unsavedDraft: ['keep', 'save'] }),
  );
  fake.paths.appRoot = appRoot;
  fake.paths.userData = path.join(folder, 'user-data');
  vi.stubEnv('VPCPLANNER_USER_DATA', path.join(folder, 'user-data'));
  vi.stubEnv('VPCPLANNER_E2E_DIALOGS', answersFile);
  // Set, but without --dev it must be ignored.
  vi.stubEnv('VPCPLANNER_DEV_SERVER_URL', 'http://localhost:5173');
  // As `npm start` (`electron .`) would start it, with no plan on the command line.
  const argv = process.argv;
  process.argv = ['/usr/bin/electron', appRoot];
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
    const example = path.join(appRoot, 'examples', 'hub-and-spoke.vpcplan.json');
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
    const log = (await readFile(`${answersFile}.log`, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log.map((entry: { dialog: string }) => entry.dialog)).toEqual(['chooseSaveLocation', 'askAboutUnsavedChanges']);
  });
});

describe('the app protocol and the run mode', () => {
  it('registers app:// as a privileged scheme and loads the window from it, never from file://', () => {
    expect(fake.protocols.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const window = fake.FakeBrowserWindow.all[0]!;
    expect(window.loaded).toEqual([APP_INDEX_URL]);
  });

  it('has no DevTools and ignores the dev server without --dev', async () => {
    const window = fake.FakeBrowserWindow.all[0]!;
    expect((window.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(false);
    const handler = fake.handlers.get(CHANNELS.listRecent)!;
    await expect(Promise.resolve(handler({ senderFrame: { url: 'http://localhost:5173/', parent: null } }))).rejects.toThrow(
      /localhost:5173, which is not the app's own page/,
    );
  });

  it('serves the built renderer with the CSP and refuses paths outside it', async () => {
    const serve = fake.protocols.handlers.get('app')!;
    const page = (await serve({ url: APP_INDEX_URL, method: 'GET' })) as Response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>VPC Planner</title>');
    const traversal = (await serve({ url: 'app://vpc-planner/..%2fsecret.txt', method: 'GET' })) as Response;
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('outside the renderer folder');
  });

  it('prints the PDF report in its own session, which serves only the report', async () => {
    expect(fake.partitions).toEqual(['vpc-planner-report']);
    const serve = fake.protocols.reportHandlers.get('app')!;
    expect(((await serve({ url: APP_INDEX_URL, method: 'GET' })) as Response).status).toBe(404);
  });
});

describe('when the renderer crashes', () => {
  const draftText = () => readFile(path.join(appRoot, 'examples', 'three-tier.vpcplan.json'), 'utf8');
  const dialogLog = async () =>
    (await readFile(`${answersFile}.log`, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { dialog: string; detail: string });

  /** macOS re-activation: a new window for the same app. */
  async function newWindow() {
    const count = fake.FakeBrowserWindow.all.length;
    fake.appListeners.get('activate')!();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(count + 1));
    return fake.FakeBrowserWindow.all[count]!;
  }

  it('keeps the draft and reloads the page with it restored, over the file it was a draft of', async () => {
    const window = await newWindow();
    // The window shows my-hub.vpcplan.json (saved earlier), with unsaved changes.
    await call(CHANNELS.setDocumentState, { displayName: 'my-hub.vpcplan.json', dirty: true });
    await call(CHANNELS.writeRecovery, await draftText(), 'my-hub.vpcplan.json');
    window.rendererGone('crashed');
    await vi.waitFor(() => expect(window.loaded).toContain(`${APP_INDEX_URL}?restore=draft`));
    expect(existsSync(draftFile())).toBe(true);
    const offer = (await dialogLog()).at(-1)!;
    expect(offer.dialog).toBe('offerReloadAfterCrash');
    expect(offer.detail).toMatch(
      /stopped unexpectedly\. Your unsaved work on "my-hub\.vpcplan\.json" was autosaved at .* and is kept\. Reload to carry on with it restored/,
    );
    // The reloaded page starts from that file as last saved; the draft then goes on top.
    expect(await call(CHANNELS.initialDocument)).toMatchObject({ displayName: 'my-hub.vpcplan.json', text: await readFile(savedAs(), 'utf8') });
    await call(CHANNELS.writeRecovery, await draftText(), 'three-tier.vpcplan.json');

    // A window closing normally also ends its renderer: that is no crash.
    const dialogs = (await dialogLog()).length;
    window.rendererGone('clean-exit');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await dialogLog()).toHaveLength(dialogs);
  });

  it("closing instead asks about the draft; Don't Save closes and keeps it for the next start", async () => {
    const window = fake.FakeBrowserWindow.all.at(-1)!;
    await call(CHANNELS.setDocumentState, { displayName: 'three-tier.vpcplan.json', dirty: true });
    fake.sent.length = 0;
    window.rendererGone('oom');
    await vi.waitFor(() => expect(window.closed).toBe(true));
    expect((await dialogLog()).slice(-2).map((d) => d.dialog)).toEqual(['offerReloadAfterCrash', 'askAboutUnsavedDraft']);
    expect((await dialogLog()).at(-2)!.detail).toMatch(/ran out of memory/);
    expect(existsSync(draftFile())).toBe(true);
    // Nothing was asked of the dead renderer.
    expect(fake.sent).toEqual([]);
    expect(await call(CHANNELS.readRecovery)).toMatchObject({ text: await draftText(), displayName: 'three-tier.vpcplan.json' });
  });

  it('Save in that prompt writes the draft through main, then removes the draft and closes', async () => {
    const window = await newWindow();
    await call(CHANNELS.setDocumentState, { displayName: 'three-tier.vpcplan.json', dirty: true });
    window.rendererGone('crashed');
    await vi.waitFor(() => expect(window.closed).toBe(true));
    expect((await dialogLog()).slice(-3).map((d) => d.dialog)).toEqual(['offerReloadAfterCrash', 'askAboutUnsavedDraft', 'chooseSaveLocation']);
    expect((await dialogLog()).at(-1)!.detail).toBe('three-tier.vpcplan.json');
    expect(await readFile(draftSavedAs(), 'utf8')).toBe(await draftText());
    expect(existsSync(draftFile())).toBe(false);
    const recent = (await call(CHANNELS.listRecent)) as Array<{ displayName: string }>;
    expect(recent[0]?.displayName).toBe('recovered.vpcplan.json');
  });
});
