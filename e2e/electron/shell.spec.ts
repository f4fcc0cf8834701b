/**
 * The desktop shell end to end: the real Electron main process, preload and renderer.
 * Native dialogs cannot be clicked by Playwright, so main answers them from a JSON file
 * named by VPCPLANNER_E2E_DIALOGS (see electron/dialogs.ts) and logs each question to
 * `<file>.log`; each test gets its own userData folder through VPCPLANNER_USER_DATA.
 *
 * Needs Electron's binary (npm install fetches it). Where there is none these tests are
 * skipped with a printed reason; with VPCPLANNER_REQUIRE_ELECTRON=1 (CI, see
 * .github/workflows/desktop.yml) a missing binary is a failure instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { CannedAnswers } from '../../electron/dialogs';
import { findElectronBinary } from '../../scripts/electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const examples = path.join(root, 'examples');
const APP_PAGE = 'app://vpc-planner/index.html';

const binary = findElectronBinary(root);
const executablePath = binary.ok ? binary.executable : undefined;
if (!binary.ok && process.env.VPCPLANNER_REQUIRE_ELECTRON === '1') {
  throw new Error(`VPCPLANNER_REQUIRE_ELECTRON=1 but the Electron e2e suite cannot run: ${binary.problem}`);
}
// The one exception to "under CI a missing prerequisite fails" (e2e/prerequisites.ts): this machine
// cannot download the Electron binary, so these tests skip here too, and say so; they run in
// .github/workflows/desktop.yml, where VPCPLANNER_REQUIRE_ELECTRON=1 makes a missing binary fail.
const SKIP_REASON = binary.ok ? '' : `${binary.problem}. They are the only tests that skip under CI=true here; they run in .github/workflows/desktop.yml`;
// The list reporter does not print skip reasons, so say it where CI logs show it.
if (!binary.ok) console.log(`\n[electron e2e] SKIPPED: ${SKIP_REASON}\n`);
test.skip(!binary.ok, SKIP_REASON);

interface Session {
  app: ElectronApplication;
  page: Page;
  folder: string;
  userData: string;
  answersFile: string;
}

let folder: string;
/** Apps a test launched; closed after it even if it failed half-way. */
let launched: ElectronApplication[] = [];

test.beforeAll(() => {
  test.setTimeout(300_000);
  // npm is npm.cmd on Windows, which only a shell runs.
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html')))
    execFileSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
});

test.beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-e2e-'));
});

test.afterEach(async () => {
  for (const app of launched) await app.close().catch(() => undefined);
  launched = [];
  await rm(folder, { recursive: true, force: true });
});

async function launch(options: { answers?: CannedAnswers; planFile?: string; userData?: string } = {}): Promise<Session> {
  const userData = options.userData ?? path.join(folder, 'user-data');
  const answersFile = path.join(folder, `answers-${Date.now()}.json`);
  await writeFile(answersFile, JSON.stringify(options.answers ?? {}));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env.VPCPLANNER_USER_DATA = userData;
  env.VPCPLANNER_E2E_DIALOGS = answersFile;
  // Chromium refuses its sandbox as root (CI containers); the page sandbox (sandbox: true) still applies.
  const switches = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: executablePath!,
    args: [...switches, root, ...(options.planFile ? [options.planFile] : [])],
    env,
    cwd: folder,
    timeout: 60_000,
  });
  launched.push(app);
  const page = await app.firstWindow();
  await page.waitForFunction(() => window.vpcHost?.kind === 'electron');
  return { app, page, folder, userData, answersFile };
}

function windowTitle(app: ElectronApplication): Promise<string | undefined> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
}

function windowCount(app: ElectronApplication): Promise<number> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
}

/**
 * Resolves once the app's window has gone: the app quits when its last window closes,
 * except on macOS, where it stays running with no window (main.ts, 'window-all-closed').
 */
async function windowGone(app: ElectronApplication): Promise<void> {
  let quit = false;
  app.once('close', () => (quit = true));
  await expect.poll(async () => quit || (await windowCount(app).catch(() => 0)) === 0, { timeout: 30_000 }).toBe(true);
}

function windowUrls(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
}

function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  return app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`no menu item with id ${itemId}`);
    item.click();
  }, id);
}

async function dialogLog(session: Session): Promise<Array<{ dialog: string; detail: string }>> {
  const file = `${session.answersFile}.log`;
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { dialog: string; detail: string });
}

async function copyExample(name: string): Promise<string> {
  const target = path.join(folder, name);
  await copyFile(path.join(examples, name), target);
  return target;
}

test.describe('open', () => {
  test('the first start opens the bundled example, read-only', async () => {
    const session = await launch({ answers: { save: [null] } });
    try {
      await expect.poll(() => windowTitle(session.app)).toBe('hub-and-spoke.vpcplan.json — VPC Planner');
      const first = await session.page.evaluate(() => window.vpcHost!.initialDocument());
      expect(first?.displayName).toBe('hub-and-spoke.vpcplan.json');
      // Saving the example asks where (here: the user cancels), instead of writing into the app.
      const saved = await session.page.evaluate(([text, handle]) => window.vpcHost!.savePlanFile(text, handle), [first!.text, first!.handle] as const);
      expect(saved).toEqual({ ok: true, value: undefined });
      expect(await dialogLog(session)).toEqual([{ dialog: 'chooseSaveLocation', detail: 'hub-and-spoke.vpcplan.json' }]);
    } finally {
      await session.app.close();
    }
  });

  test('File > Open loads the chosen plan; a malformed one is refused and the open plan stays', async () => {
    const good = await copyExample('three-tier.vpcplan.json');
    const broken = path.join(folder, 'broken.vpcplan.json');
    await writeFile(broken, '{ "format": "vpcplan", "version": 1, ');
    const session = await launch({ answers: { open: [good, broken] }, planFile: await copyExample('hub-and-spoke.vpcplan.json') });
    try {
      await expect.poll(() => windowTitle(session.app)).toBe('hub-and-spoke.vpcplan.json — VPC Planner');
      await clickMenu(session.app, 'open');
      await expect.poll(() => windowTitle(session.app)).toBe('three-tier.vpcplan.json — VPC Planner');

      const refused = await session.page.evaluate(() => window.vpcHost!.openPlanFile());
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toContain('"broken.vpcplan.json" is not a valid plan');
      expect(await windowTitle(session.app)).toBe('three-tier.vpcplan.json — VPC Planner');
      expect((await dialogLog(session)).filter((d) => d.dialog === 'chooseFileToOpen')).toHaveLength(2);

      const recent = await session.page.evaluate(() => window.vpcHost!.listRecent());
      expect(recent.map((r) => r.displayName)).toEqual(['three-tier.vpcplan.json', 'hub-and-spoke.vpcplan.json']);
    } finally {
      await session.app.close();
    }
  });
});

test.describe('save', () => {
  test('saves atomically with a .bak, and refuses to overwrite a change made on disk', async () => {
    const planFile = await copyExample('three-tier.vpcplan.json');
    const original = await readFile(planFile, 'utf8');
    const session = await launch({ planFile });
    try {
      const opened = await session.page.evaluate(() => window.vpcHost!.initialDocument());
      expect(opened?.displayName).toBe('three-tier.vpcplan.json');
      const edited = JSON.stringify({ ...JSON.parse(original), name: 'Edited in e2e' }, null, 2);
      const saved = await session.page.evaluate(([text, handle]) => window.vpcHost!.savePlanFile(text, handle), [edited, opened!.handle] as const);
      expect(saved).toEqual({ ok: true, value: { handle: opened!.handle, displayName: 'three-tier.vpcplan.json' } });
      expect(await readFile(planFile, 'utf8')).toBe(edited);
      expect(await readFile(`${planFile}.bak`, 'utf8')).toBe(original);

      await writeFile(planFile, original); // another program
      const refused = await session.page.evaluate(([text, handle]) => window.vpcHost!.savePlanFile(text, handle), [edited, opened!.handle] as const);
      expect(refused).toMatchObject({ ok: false, reason: 'changed-on-disk' });
      expect(await readFile(planFile, 'utf8')).toBe(original);
      const forced = await session.page.evaluate(([text, handle]) => window.vpcHost!.savePlanFile(text, handle, { overwriteChangesOnDisk: true }), [
        edited,
        opened!.handle,
      ] as const);
      expect(forced.ok).toBe(true);
      expect(await readFile(planFile, 'utf8')).toBe(edited);
    } finally {
      await session.app.close();
    }
  });

  test('the page cannot name a path or forge a handle', async () => {
    const session = await launch({ planFile: await copyExample('three-tier.vpcplan.json') });
    try {
      const error = await session.page.evaluate(() =>
        window.vpcHost!.savePlanFile('{}', '/etc/passwd').then(
          () => 'resolved',
          (e: unknown) => String(e),
        ),
      );
      expect(error).toContain('handle is not a document handle issued by this app');
    } finally {
      await session.app.close();
    }
  });
});

test.describe('unsaved changes', () => {
  test("closing asks first: Cancel keeps the window, Don't Save closes it", async () => {
    const session = await launch({ answers: { unsavedChanges: ['cancel', 'discard'] }, planFile: await copyExample('three-tier.vpcplan.json') });
    await expect.poll(() => windowTitle(session.app)).toBe('three-tier.vpcplan.json — VPC Planner');
    await session.page.evaluate(() => window.vpcHost!.setDocumentState({ displayName: 'three-tier.vpcplan.json', dirty: true }));
    await expect.poll(() => windowTitle(session.app)).toBe('three-tier.vpcplan.json • — VPC Planner');

    await session.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(async () => (await dialogLog(session)).map((d) => d.dialog)).toEqual(['askAboutUnsavedChanges']);
    expect(await windowCount(session.app)).toBe(1);

    const closed = windowGone(session.app);
    await session.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await closed;
    expect((await dialogLog(session)).map((d) => d.detail)).toEqual(['close: three-tier.vpcplan.json', 'close: three-tier.vpcplan.json']);
  });

  test('Save in the close prompt saves through the renderer, then closes', async () => {
    const planFile = await copyExample('three-tier.vpcplan.json');
    const session = await launch({ answers: { unsavedChanges: ['save'] }, planFile });
    await expect.poll(() => windowTitle(session.app)).toBe('three-tier.vpcplan.json — VPC Planner');
    await session.page.evaluate(() => window.vpcHost!.setDocumentState({ displayName: 'three-tier.vpcplan.json', dirty: true }));
    const closed = windowGone(session.app);
    await session.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await closed;
    expect(existsSync(`${planFile}.bak`)).toBe(true);
    expect(JSON.parse(await readFile(planFile, 'utf8')).format).toBe('vpcplan');
  });
});

test.describe('recovery', () => {
  test('a draft written before a crash is offered on the next start, and a save clears it', async () => {
    const userData = path.join(folder, 'shared-user-data');
    const planFile = await copyExample('three-tier.vpcplan.json');
    const draft = (await readFile(planFile, 'utf8')).replace('"name"', '"description": "unsaved draft",\n  "name"');

    const first = await launch({ userData, planFile });
    await first.page.evaluate((text) => window.vpcHost!.writeRecovery(text, 'three-tier.vpcplan.json'), draft);
    const exited = new Promise<void>((resolve) => first.app.process().once('exit', () => resolve()));
    first.app.process().kill('SIGKILL'); // a crash: no clean shutdown, no prompt
    await exited;

    const second = await launch({ userData });
    try {
      const recovered = await second.page.evaluate(() => window.vpcHost!.readRecovery());
      expect(recovered).toMatchObject({ text: draft, displayName: 'three-tier.vpcplan.json' });
      expect(Date.parse(recovered!.savedAt)).not.toBeNaN();

      const recent = await second.page.evaluate(() => window.vpcHost!.listRecent());
      const handle = recent.find((r) => r.displayName === 'three-tier.vpcplan.json')?.handle;
      expect(handle).toBeDefined();
      const saved = await second.page.evaluate(([text, h]) => window.vpcHost!.savePlanFile(text, h, { overwriteChangesOnDisk: true }), [
        draft,
        handle!,
      ] as const);
      expect(saved.ok).toBe(true);
      expect(await second.page.evaluate(() => window.vpcHost!.readRecovery())).toBeUndefined();
    } finally {
      await second.app.close();
    }
  });
});

test.describe('the shell as installed', () => {
  test('serves the app from app:// with the CSP header, never from file://', async () => {
    const session = await launch({ planFile: await copyExample('three-tier.vpcplan.json') });
    try {
      expect(session.page.url()).toBe(APP_PAGE);
      expect(await windowUrls(session.app)).toEqual([APP_PAGE]);
      const page = await session.page.evaluate(async () => {
        const response = await fetch(location.href);
        return { status: response.status, csp: response.headers.get('content-security-policy') };
      });
      expect(page.status).toBe(200);
      expect(page.csp).toMatch(/^default-src 'none'; script-src 'self'/);
      // The page cannot read files next to the built renderer, nor any local file.
      const traversal = await session.page.evaluate(async () => (await fetch('app://vpc-planner/..%2f..%2fpackage.json')).status);
      expect(traversal).toBe(403);
      const local = await session.page.evaluate(() =>
        fetch('file:///etc/hosts').then(
          () => 'read',
          () => 'refused',
        ),
      );
      expect(local).toBe('refused');
    } finally {
      await session.app.close();
    }
  });

  test('has no DevTools in a normal run', async () => {
    const session = await launch({ planFile: await copyExample('three-tier.vpcplan.json') });
    try {
      const opened = await session.app.evaluate(async ({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        contents.openDevTools();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return contents.isDevToolsOpened();
      });
      expect(opened).toBe(false);
    } finally {
      await session.app.close();
    }
  });

  test('prints the review report to PDF in a window that loads nothing else', async () => {
    const target = path.join(folder, 'review.pdf');
    const session = await launch({ answers: { save: [target] }, planFile: await copyExample('three-tier.vpcplan.json') });
    try {
      const html =
        '<!doctype html><html><head><meta charset="utf-8"><title>Review</title></head><body><h1>Review</h1><img src="https://example.com/track.png" alt=""><img src="file:///etc/hosts" alt=""></body></html>';
      const result = await session.page.evaluate((text) => window.vpcHost!.exportReportPdf(text, 'review.pdf'), html);
      expect(result).toEqual({ ok: true, value: 'review.pdf' });
      expect((await readFile(target)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The hidden report window is gone again.
      expect(await windowCount(session.app)).toBe(1);
    } finally {
      await session.app.close();
    }
  });
});

test.describe('renderer crash', () => {
  async function crashWithDraft(answers: CannedAnswers) {
    const planFile = await copyExample('three-tier.vpcplan.json');
    const session = await launch({ answers, planFile });
    await expect.poll(() => windowTitle(session.app)).toBe('three-tier.vpcplan.json — VPC Planner');
    const draft = (await readFile(planFile, 'utf8')).replace('"name"', '"description": "unsaved before the crash",\n  "name"');
    await session.page.evaluate((text) => window.vpcHost!.writeRecovery(text, 'three-tier.vpcplan.json'), draft);
    await session.page.evaluate(() => window.vpcHost!.setDocumentState({ displayName: 'three-tier.vpcplan.json', dirty: true }));
    await session.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    return { session, draft, planFile };
  }

  test('Reload brings the window back with the unsaved draft restored', async () => {
    const { session, draft } = await crashWithDraft({ afterCrash: ['reload'] });
    try {
      await expect.poll(() => windowUrls(session.app)).toEqual([`${APP_PAGE}?restore=draft`]);
      const page = session.app.windows().find((w) => w.url().startsWith(APP_PAGE)) ?? (await session.app.firstWindow());
      await page.waitForFunction(() => window.__vpcPlanner !== undefined);
      await expect.poll(() => page.evaluate(() => window.__vpcPlanner!.getPlan().description)).toBe('unsaved before the crash');
      // Restored as unsaved work, and the draft stays until it is saved.
      await expect.poll(() => windowTitle(session.app)).toMatch(/ • — VPC Planner$/);
      expect(await page.evaluate(() => window.vpcHost!.readRecovery())).toMatchObject({ text: draft });
      expect((await dialogLog(session)).map((d) => d.dialog)).toEqual(['offerReloadAfterCrash']);
    } finally {
      await session.app.close();
    }
  });

  test("Close, then Don't Save, keeps the draft for the next start", async () => {
    const userData = path.join(folder, 'user-data');
    const { session, draft } = await crashWithDraft({ afterCrash: ['close'], unsavedDraft: ['keep'] });
    await windowGone(session.app);
    await session.app.close().catch(() => undefined);
    expect((await dialogLog(session)).map((d) => d.dialog)).toEqual(['offerReloadAfterCrash', 'askAboutUnsavedDraft']);
    const next = await launch({ userData });
    try {
      expect(await next.page.evaluate(() => window.vpcHost!.readRecovery())).toMatchObject({ text: draft, displayName: 'three-tier.vpcplan.json' });
    } finally {
      await next.app.close();
    }
  });

  test('Close, then Save, writes the draft where the user chooses', async () => {
    const target = path.join(folder, 'recovered.vpcplan.json');
    const { session, draft } = await crashWithDraft({ afterCrash: ['close'], unsavedDraft: ['save'], save: [target] });
    await windowGone(session.app);
    await session.app.close().catch(() => undefined);
    expect(await readFile(target, 'utf8')).toBe(draft);
    expect(existsSync(path.join(folder, 'user-data', 'unsaved-plan.recovery.json'))).toBe(false);
  });
});
