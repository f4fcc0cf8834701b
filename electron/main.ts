/**
 * The Electron main process: the thin edge that touches Electron at runtime. It wires the
 * plain modules (file service, recovery, menu, IPC contract, window options, the app://
 * protocol) to the app; anything with logic lives in those modules, where vitest can reach it.
 *
 * Command line: `--dev` (what `npm run start:dev` passes; ignored when installed) turns on
 * DevTools and the development menu items; see launch.ts.
 * Environment (all optional):
 *   VPCPLANNER_USER_DATA       use this folder for userData (e2e tests give each test its own)
 *   VPCPLANNER_E2E_DIALOGS     JSON file of canned dialog answers (see dialogs.ts); read only when set
 *   VPCPLANNER_DEV_SERVER_URL  with --dev only: load the renderer from a localhost Vite server
 *   VPCPLANNER_SMOKE_TEST      1: quit with 0 once the page is up, 1 if it is not (smoke-test.ts)
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { appendFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HostResult, MenuCommand, MenuCommandDetail, OpenedDocument, RecentFile } from '../shared/host';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { electronDialogs, loadCannedDialogs, PLAN_FILE_FILTER, withPlanFileExtension, type NativeDialogs } from './dialogs';
import { displayNameOf, DocumentHandles, openPlanFile, RecentFiles, savePlanFile, writeExportFile, type DiskSnapshot } from './file-service';
import { CHANNELS, handleValidated, type SenderPolicy, type TextFieldCommand } from './ipc-contract';
import { chooseRunMode, EXAMPLE_FILES, FIRST_START_EXAMPLE, isFirstStart, markStarted, planPathFromArgs } from './launch';
import { buildMenuTemplate } from './menu-template';
import { RecoveryStore, saveDraftAs } from './recovery';
import { exportReportPdf, REPORT_PARTITION, ReportPages } from './report-pdf';
import { SMOKE_TEST_VARIABLE, SmokeTest } from './smoke-test';
import { APP_NAME, UnsavedWorkGuard, windowTitle } from './unsaved-work';
import { appWindowOptions, lockDownReportSession, lockDownSession, lockDownWindow, reportPdfWindowOptions } from './window-options';

// Before 'ready', or the scheme gets no origin of its own (Electron's protocol docs).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (process.env.VPCPLANNER_USER_DATA) app.setPath('userData', path.resolve(process.env.VPCPLANNER_USER_DATA));
app.setName(APP_NAME);

const runMode = chooseRunMode({ argv: process.argv, env: process.env, isPackaged: app.isPackaged });
for (const note of runMode.notes) console.warn(note);
const devServerUrl = runMode.devServerUrl;

const appRoot = app.getAppPath();
const rendererFolder = path.join(appRoot, 'dist', 'renderer');
const rendererIndex = path.join(rendererFolder, 'index.html');
const preloadPath = path.join(__dirname, 'preload.cjs');
const senderPolicy: SenderPolicy = devServerUrl
  ? { appIndexUrl: APP_INDEX_URL, devServerOrigin: new URL(devServerUrl).origin }
  : { appIndexUrl: APP_INDEX_URL };
const reportPages = new ReportPages();
const smokeTest =
  process.env[SMOKE_TEST_VARIABLE] === '1'
    ? new SmokeTest({
        exit: (code) => app.exit(code),
        log: (message) => console.log(message),
        startTimer: (ms, onTimeout) => {
          const timer = setTimeout(onTimeout, ms);
          return { cancel: () => clearTimeout(timer) };
        },
      })
    : undefined;

/** The app's page; after a crash, with ?restore=draft so it opens the autosaved draft at once. */
function pageUrl(options: { restoreDraft: boolean }): string {
  const url = new URL(devServerUrl ?? APP_INDEX_URL);
  if (options.restoreDraft) url.searchParams.set('restore', 'draft');
  return url.href;
}

let mainWindow: BrowserWindow | undefined;
let lastFolder = '';
/** A plan to open that arrived before the renderer asked for its first document. */
let pendingPlanPath = planPathFromArgs({ argv: process.argv, defaultApp: Boolean(process.defaultApp), cwd: process.cwd() });
let firstDocument: Promise<OpenedDocument | undefined> | undefined;
/** The file the window last opened or saved, so a reload after a crash can open it again. */
let currentFile: { path: string; readOnly: boolean } | undefined;

const handles = new DocumentHandles();
const userData = () => app.getPath('userData');
let recent: RecentFiles;
let recovery: RecoveryStore;
const dialogs: NativeDialogs = process.env.VPCPLANNER_E2E_DIALOGS
  ? loadCannedDialogs(process.env.VPCPLANNER_E2E_DIALOGS, (file, line) => appendFileSync(file, line))
  : electronDialogs(
      dialog,
      () => mainWindow,
      () => lastFolder || app.getPath('documents'),
    );

const guard = new UnsavedWorkGuard({
  ask: (displayName) => dialogs.askAboutUnsavedChanges(displayName, 'close'),
  requestSave: () => sendMenuCommand('save'),
  discardRecovery: () => recovery.clear(),
  close: () => mainWindow?.close(),
  reportError: (error) => console.error('Close prompt failed:', error),
  readDraft: async () => {
    const draft = await recovery.read();
    return draft && { savedAt: draft.savedAt, ...(draft.displayName ? { displayName: draft.displayName } : {}) };
  },
  offerReload: (report) => dialogs.offerReloadAfterCrash(report),
  reload: (options) => {
    firstDocument = reopenAfterCrash();
    void mainWindow?.webContents.loadURL(pageUrl(options));
  },
  askAboutDraft: (draft) => dialogs.askAboutUnsavedDraft(draft),
  saveDraft: () =>
    saveDraftAs({
      readDraft: () => recovery.read(),
      chooseSaveLocation: (name, filter) => dialogs.chooseSaveLocation(name, filter),
      writePlan: async (filePath, text) => {
        const saved = await savePlanFile(filePath, text);
        if (!saved.ok) return { ok: false, error: saved.error };
        await rememberSaved(filePath);
        return { ok: true };
      },
      clearDraft: () => recovery.clear(),
      showProblem: (message, detail) => dialogs.showProblem(message, detail),
    }),
});

function sendMenuCommand(command: MenuCommand, detail?: MenuCommandDetail): void {
  if (!mainWindow) return;
  if (detail) mainWindow.webContents.send(CHANNELS.onMenuCommand, command, detail);
  else mainWindow.webContents.send(CHANNELS.onMenuCommand, command);
}

function exampleFiles(): RecentFile[] {
  return EXAMPLE_FILES.map((name) => path.join(appRoot, 'examples', name))
    .filter((file) => existsSync(file))
    .map((file) => ({ handle: handles.register(file, { readOnly: true }), displayName: displayNameOf(file) }));
}

async function recentFiles(): Promise<RecentFile[]> {
  const files = await recent.list();
  return files.map((file) => ({ handle: handles.register(file), displayName: displayNameOf(file) }));
}

async function refreshMenu(): Promise<void> {
  const template = buildMenuTemplate({
    platform: process.platform,
    recent: await recentFiles(),
    examples: exampleFiles(),
    send: sendMenuCommand,
    clearRecent: () => void recent.clear().then(refreshMenu),
    isDev: runMode.dev,
    appName: APP_NAME,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function openDocumentAt(filePath: string, options: { readOnly?: boolean } = {}): Promise<HostResult<OpenedDocument>> {
  const opened = await openPlanFile(filePath);
  if (!opened.ok) {
    void refreshMenu(); // drops it from Open Recent if it has gone
    return { ok: false, error: opened.error };
  }
  const handle = handles.register(filePath, options);
  handles.setSnapshot(handle, opened.snapshot);
  currentFile = { path: filePath, readOnly: Boolean(options.readOnly) };
  if (!options.readOnly) {
    lastFolder = path.dirname(filePath);
    await recent.add(filePath);
    app.addRecentDocument(filePath);
    void refreshMenu();
  }
  return { ok: true, value: { handle, displayName: displayNameOf(filePath), text: opened.text } };
}

type SaveOutcome = HostResult<{ handle: string; displayName: string } | undefined>;

async function saveTo(filePath: string, text: string, expected?: DiskSnapshot, overwriteChangesOnDisk?: boolean): Promise<SaveOutcome> {
  const saved = await savePlanFile(filePath, text, { ...(expected ? { expected } : {}), ...(overwriteChangesOnDisk ? { overwriteChangesOnDisk } : {}) });
  if (!saved.ok) {
    guard.saveFinished(false);
    return saved.reason === 'changed-on-disk' ? { ok: false, error: saved.error, reason: 'changed-on-disk' } : { ok: false, error: saved.error };
  }
  const handle = handles.register(filePath);
  handles.setSnapshot(handle, saved.snapshot);
  currentFile = { path: filePath, readOnly: false };
  await recovery.clear();
  await rememberSaved(filePath);
  guard.saveFinished(true);
  return { ok: true, value: { handle, displayName: displayNameOf(filePath) } };
}

async function rememberSaved(filePath: string): Promise<void> {
  lastFolder = path.dirname(filePath);
  await recent.add(filePath);
  app.addRecentDocument(filePath);
  void refreshMenu();
}

async function saveAs(text: string, suggestedName: string): Promise<SaveOutcome> {
  const chosen = await dialogs.chooseSaveLocation(suggestedName, PLAN_FILE_FILTER);
  if (!chosen) {
    guard.saveFinished(false);
    return { ok: true, value: undefined };
  }
  return saveTo(withPlanFileExtension(chosen), text);
}

function applyToTextField(contents: WebContents, command: TextFieldCommand): void {
  const edits: Record<TextFieldCommand, () => void> = {
    undo: () => contents.undo(),
    redo: () => contents.redo(),
    cut: () => contents.cut(),
    copy: () => contents.copy(),
    paste: () => contents.paste(),
    'select-all': () => contents.selectAll(),
    delete: () => contents.delete(),
  };
  edits[command]();
}

function registerHostHandlers(): void {
  handleValidated(ipcMain, senderPolicy, 'openPlanFile', async () => {
    const chosen = await dialogs.chooseFileToOpen();
    if (!chosen) return { ok: true, value: undefined };
    return openDocumentAt(chosen);
  });
  handleValidated(ipcMain, senderPolicy, 'openRecent', async ([handle]) => {
    const record = handles.resolve(handle);
    if (!record) return { ok: false, error: 'That file is not known to this window any more; open it again with File > Open.' };
    return openDocumentAt(record.path, { readOnly: record.readOnly });
  });
  handleValidated(ipcMain, senderPolicy, 'listRecent', () => recentFiles());
  handleValidated(ipcMain, senderPolicy, 'savePlanFile', async ([text, handle, options]) => {
    if (!handle) return saveAs(text, 'Untitled.vpcplan.json');
    const record = handles.resolve(handle);
    if (!record) {
      guard.saveFinished(false);
      return { ok: false, error: "This plan's file is not known to this window any more, so it was not saved; use File > Save As." };
    }
    if (record.readOnly) return saveAs(text, displayNameOf(record.path));
    return saveTo(record.path, text, record.snapshot, options?.overwriteChangesOnDisk);
  });
  handleValidated(ipcMain, senderPolicy, 'savePlanFileAs', ([text, suggestedName]) => saveAs(text, suggestedName));
  handleValidated(ipcMain, senderPolicy, 'exportFile', async ([suggestedName, data]) => {
    const extension = path.extname(suggestedName).slice(1).toLowerCase();
    const filter = extension ? { name: `${extension.toUpperCase()} file`, extensions: [extension] } : { name: 'All files', extensions: ['*'] };
    const chosen = await dialogs.chooseSaveLocation(suggestedName, filter);
    if (!chosen) return { ok: true, value: undefined };
    const written = await writeExportFile(chosen, data);
    return written.ok ? { ok: true, value: displayNameOf(chosen) } : written;
  });
  handleValidated(ipcMain, senderPolicy, 'exportReportPdf', ([html, suggestedName]) =>
    exportReportPdf(html, suggestedName, {
      chooseSaveLocation: (name, filter) => dialogs.chooseSaveLocation(name, filter),
      openHiddenWindow: () => {
        const window = new BrowserWindow(reportPdfWindowOptions());
        lockDownWindow(window.webContents);
        return {
          loadURL: (url) => window.loadURL(url),
          printToPDF: (options) => window.webContents.printToPDF(options),
          destroy: () => window.destroy(),
        };
      },
      publishReport: (html) => reportPages.publish(html),
      writeExportFile: (filePath, data) => writeExportFile(filePath, data),
      displayNameOf,
    }),
  );
  handleValidated(ipcMain, senderPolicy, 'writeRecovery', ([text, displayName]) => (text === undefined ? recovery.clear() : recovery.write(text, displayName)));
  handleValidated(ipcMain, senderPolicy, 'readRecovery', () => recovery.read());
  handleValidated(ipcMain, senderPolicy, 'initialDocument', () => {
    // Memoised: React's strict mode runs start-up effects twice in development.
    firstDocument ??= chooseFirstDocument();
    return firstDocument;
  });
  handleValidated(ipcMain, senderPolicy, 'confirmDiscardChanges', ([displayName]) => dialogs.askAboutUnsavedChanges(displayName, 'replace'));
  handleValidated(ipcMain, senderPolicy, 'setDocumentState', ([state], event) => {
    smokeTest?.pageReady(event.senderFrame?.url ?? APP_INDEX_URL);
    guard.setState(state);
    mainWindow?.setTitle(windowTitle(state.displayName, state.dirty));
    if (process.platform === 'darwin') mainWindow?.setDocumentEdited(state.dirty);
  });
  handleValidated(ipcMain, senderPolicy, 'editFocusedField', ([command], event) => applyToTextField(event.sender, command));
}

async function chooseFirstDocument(): Promise<OpenedDocument | undefined> {
  const firstStart = await isFirstStart(userData());
  if (firstStart) await markStarted(userData());
  if (pendingPlanPath) {
    const filePath = pendingPlanPath;
    pendingPlanPath = undefined;
    const opened = await openDocumentAt(filePath);
    if (opened.ok) return opened.value;
    await dialogs.showProblem(`Could not open "${displayNameOf(filePath)}"`, opened.error);
    return undefined;
  }
  if (!firstStart) return undefined;
  const example = path.join(appRoot, 'examples', FIRST_START_EXAMPLE);
  const opened = await openDocumentAt(example, { readOnly: true });
  return opened.ok ? opened.value : undefined;
}

/**
 * What the reloaded page starts from: the file the window showed when it crashed, read
 * again from disk (its last save), if the window's title still named it; otherwise an
 * empty start. A restored draft then goes on top (?restore=draft).
 */
async function reopenAfterCrash(): Promise<OpenedDocument | undefined> {
  const file = currentFile;
  if (!file || displayNameOf(file.path) !== guard.documentName) return undefined;
  const opened = await openDocumentAt(file.path, { readOnly: file.readOnly });
  return opened.ok ? opened.value : undefined;
}

/** A plan handed to the running app (macOS open-file, a second launch with a path). */
function openFromOutside(filePath: string): void {
  if (!mainWindow || !firstDocument) {
    pendingPlanPath = filePath;
    return;
  }
  const handle = handles.register(filePath);
  sendMenuCommand('open-document', { handle });
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function createWindow(): void {
  if (!devServerUrl && !existsSync(rendererIndex)) {
    dialog.showErrorBox(`${APP_NAME} cannot start`, `The user interface is missing: ${rendererIndex} does not exist. Run "npm run build:renderer" first.`);
    app.quit();
    return;
  }
  const window = new BrowserWindow(appWindowOptions(preloadPath, { devTools: runMode.dev }));
  mainWindow = window;
  lockDownWindow(window.webContents);
  // The page died (a crash, out of memory, killed): keep the draft, offer to reload with it.
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') console.error(`The window's renderer stopped: ${details.reason} (exit code ${details.exitCode})`);
    if (smokeTest) smokeTest.fail(`the renderer stopped (${details.reason})`);
    else guard.rendererStopped(details.reason);
  });
  window.webContents.on('did-fail-load', (_event, errorCode, description, url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a load replaced by another, such as the reload after a crash.
    if (!isMainFrame || errorCode === -3) return;
    console.error(`The window could not load ${url}: ${description} (${errorCode})`);
    smokeTest?.fail(`the page ${url} did not load (${description})`);
  });
  // The title says which file and whether it is saved; the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!guard.closeRequested()) event.preventDefault();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
    firstDocument = undefined;
    guard.reset();
  });
  void window.loadURL(pageUrl({ restoreDraft: false }));
}

app.on('open-file', (event, filePath) => {
  event.preventDefault();
  openFromOutside(filePath);
});

if (!app.requestSingleInstanceLock()) {
  // Another window already runs with this userData; 'second-instance' there opens the file.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const filePath = planPathFromArgs({ argv, defaultApp: Boolean(process.defaultApp), cwd: workingDirectory });
    if (filePath) openFromOutside(filePath);
    else if (mainWindow) mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady()) createWindow();
  });
  void app.whenReady().then(async () => {
    recent = new RecentFiles(path.join(userData(), 'recent-files.json'));
    recovery = new RecoveryStore(userData());
    protocol.handle(APP_SCHEME, (request) =>
      serveAppRequest(request, { rendererFolder, readFile: (file) => readFile(file), log: (message) => console.warn(message) }),
    );
    lockDownSession(session.defaultSession, devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {});
    const reportSession = session.fromPartition(REPORT_PARTITION);
    reportSession.protocol.handle(APP_SCHEME, (request) => reportPages.serve(request));
    lockDownReportSession(reportSession, (url) => reportPages.has(url));
    registerHostHandlers();
    await refreshMenu();
    createWindow();
  });
}
