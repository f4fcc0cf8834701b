import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';
import { auditContentSecurityPolicy, auditElectron, readElectronSources, type AuditSource } from './audit-electron';

const root = path.resolve(import.meta.dirname, '..');
const realSources = readElectronSources(path.join(root, 'electron'), root);

/** The real sources with one file added or replaced. */
function withFile(file: string, text: string): AuditSource[] {
  return [...realSources.filter((s) => s.path !== file), { path: file, text }];
}
function highRules(sources: AuditSource[], csp = CONTENT_SECURITY_POLICY): string[] {
  return auditElectron(sources, csp)
    .findings.filter((f) => f.severity === 'high')
    .map((f) => f.rule);
}

describe('audit of the real electron/ sources', () => {
  it('finds nothing, and says what it checked', () => {
    const report = auditElectron(realSources);
    expect(report.findings).toEqual([]);
    expect(realSources.map((s) => s.path)).toEqual(
      expect.arrayContaining(['electron/main.ts', 'electron/preload.ts', 'electron/window-options.ts', 'electron/ipc-contract.ts']),
    );
    // The app window and the hidden window that prints the review report to PDF.
    expect(report.checked.join('\n')).toMatch(/2 new BrowserWindow/);
  });
});

describe('audit catches', () => {
  it.each([
    ['nodeIntegration: true', 'electron/bad.ts', `export const p = { nodeIntegration: true };`, 'web-preferences'],
    ['sandbox: false', 'electron/bad.ts', `export const p = { sandbox: false, contextIsolation: true };`, 'web-preferences'],
    ['webSecurity: false', 'electron/bad.ts', `export const p = { webSecurity: false };`, 'web-preferences'],
    ['a computed contextIsolation', 'electron/bad.ts', `const dev = true; export const p = { contextIsolation: !dev };`, 'web-preferences'],
    [
      'a window with its own webPreferences',
      'electron/bad.ts',
      `import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { preload: 'x' } });`,
      'browser-window-options',
    ],
    [
      'a window whose spread overrides them',
      'electron/bad.ts',
      `import { BrowserWindow } from 'electron';\nimport { appWindowOptions } from './window-options';\nnew BrowserWindow({ ...appWindowOptions('p'), ...{ webPreferences: {} } });`,
      'browser-window-options',
    ],
    ['a raw ipcMain.handle', 'electron/bad.ts', `import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);`, 'ipc-validation'],
    ['a raw ipcMain.on', 'electron/bad.ts', `import { ipcMain } from 'electron';\nipcMain.on('x', () => 1);`, 'ipc-validation'],
    ['an aliased ipcMain', 'electron/bad.ts', `import { ipcMain } from 'electron';\nconst { handle } = ipcMain;`, 'ipc-validation'],
    [
      'ipcMain handed to another function',
      'electron/bad.ts',
      `import { ipcMain } from 'electron';\nfunction register(m: typeof ipcMain) {}\nregister(ipcMain);`,
      'ipc-validation',
    ],
    ['per-window ipc', 'electron/bad.ts', `declare const w: any;\nw.webContents.ipc.handle('x', () => 1);`, 'ipc-validation'],
    [
      'openExternal on a computed URL',
      'electron/bad.ts',
      `import { shell } from 'electron';\nexport const go = (url: string) => shell.openExternal(url);`,
      'open-external',
    ],
    ['the remote module', 'electron/bad.ts', `import { enable } from '@electron/remote/main';\nenable;`, 'remote-module'],
    ['enableRemoteModule', 'electron/bad.ts', `export const p = { enableRemoteModule: true };`, 'web-preferences'],
    [
      'a generic invoke in the preload',
      'electron/bad-preload.ts',
      `import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('api', { invoke: (channel: string, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args) });`,
      'preload-passthrough',
    ],
    [
      'ipcRenderer exposed whole',
      'electron/bad-preload.ts',
      `import { contextBridge, ipcRenderer } from 'electron';\nconst api = { ipc: ipcRenderer };\ncontextBridge.exposeInMainWorld('api', api);`,
      'preload-passthrough',
    ],
    [
      'a passthrough through a local forwarder',
      'electron/bad-preload.ts',
      `import { contextBridge, ipcRenderer } from 'electron';\nfunction call(ch: string) { return ipcRenderer.invoke(ch); }\ncontextBridge.exposeInMainWorld('api', { call: (name: string) => call(name) });`,
      'preload-passthrough',
    ],
    ['a will-navigate handler that allows navigation', 'electron/bad.ts', `declare const wc: any;\nwc.on('will-navigate', () => {});`, 'navigation'],
    [
      'a window open handler that allows windows',
      'electron/bad.ts',
      `declare const wc: any;\nwc.setWindowOpenHandler(() => ({ action: 'allow' }));`,
      'navigation',
    ],
  ])('%s', (_case, file, text, rule) => {
    expect(highRules(withFile(file, text))).toContain(rule);
  });

  it('window-options.ts that no longer isolates the page', () => {
    const weakened = realSources.find((s) => s.path === 'electron/window-options.ts')!.text.replaceAll('contextIsolation: true', 'contextIsolation: false');
    // The weakened shared lock-down literal, and no isolating one left.
    expect(highRules(withFile('electron/window-options.ts', weakened))).toEqual(['web-preferences', 'web-preferences']);
  });

  it('a window that spreads the lock-down and then turns part of it off', () => {
    const real = realSources.find((s) => s.path === 'electron/window-options.ts')!.text;
    const weakened = real.replace('javascript: false, offscreen: true', 'javascript: false, sandbox: false, offscreen: true');
    expect(weakened).not.toBe(real);
    expect(highRules(withFile('electron/window-options.ts', weakened))).toContain('web-preferences');
  });

  it('sources that never block navigation or window.open', () => {
    const rules = highRules([
      { path: 'electron/window-options.ts', text: 'export const w = { contextIsolation: true, sandbox: true, nodeIntegration: false };' },
    ]);
    expect(rules.filter((r) => r === 'navigation')).toHaveLength(2);
  });
});

/**
 * The eleven patterns the first, name-matching audit let through (each is a fixture the
 * previous version passed). Each must now raise the named rule.
 */
const PREVIOUSLY_MISSED: ReadonlyArray<readonly [string, string, string]> = [
  [
    'ipcMain imported under another name',
    `import { ipcMain as bus } from 'electron';\nbus.handle('read-file', (_e: unknown, p: string) => p);`,
    'ipc-validation',
  ],
  ['ipcMain destructured from require under another name', `const { ipcMain: bus } = require('electron');\nbus.on('read-file', () => 1);`, 'ipc-validation'],
  ['a computed key turning the sandbox off', `export const p = { ['sandbox']: false, contextIsolation: true };`, 'web-preferences'],
  ['enableBlinkFeatures', `export const p = { contextIsolation: true, enableBlinkFeatures: 'CSSVariables' };`, 'web-preferences'],
  ['the disable-web-security switch', `import { app } from 'electron';\napp.commandLine.appendSwitch('disable-web-security');`, 'command-line'],
  [
    'a permission handler that grants everything',
    `import { session } from 'electron';\nsession.defaultSession.setPermissionRequestHandler((_wc: unknown, _permission: string, callback: (ok: boolean) => void) => callback(true));`,
    'permissions',
  ],
  ["shell['openExternal'](u)", `import { shell } from 'electron';\nexport const go = (u: string) => shell['openExternal'](u);`, 'open-external'],
  [
    'a will-navigate handler that never prevents',
    `declare const wc: any;\nwc.on('will-navigate', (event: unknown, url: string) => { const log = { preventDefault() {} }; log.preventDefault(); console.log(event, url); });`,
    'navigation',
  ],
  [
    'executeJavaScript on data',
    `declare const wc: any;\nexport const rename = (name: string) => wc.executeJavaScript(\`document.title = "\${name}"\`);`,
    'execute-javascript',
  ],
  ["loadURL('http://…')", `declare const win: any;\nwin.loadURL('http://example.com/app/');`, 'remote-content'],
  [
    'a window-open handler that can return allow',
    `declare const wc: any;\nwc.setWindowOpenHandler(({ url }: { url: string }) => (url.startsWith('https://docs.aws.amazon.com/') ? { action: 'allow' } : { action: 'deny' }));`,
    'navigation',
  ],
];

describe('audit catches what a name match missed', () => {
  it.each(PREVIOUSLY_MISSED)('%s', (_case, text, rule) => {
    expect(highRules(withFile('electron/bad.ts', text))).toContain(rule);
  });
});

describe('audit catches variants', () => {
  it.each([
    ['ipcMain through a namespace import', `import * as electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);`, 'ipc-validation'],
    ['ipcMain through require, by element access', `require('electron')['ipcMain']['handle']('x', () => 1);`, 'ipc-validation'],
    [
      'a listener method destructured from ipcMain',
      `import { ipcMain } from 'electron';\nconst { handle } = ipcMain;\nhandle('x', () => 1);`,
      'ipc-validation',
    ],
    ['a computed key from a constant', `const key = 'node' + 'Integration';\nexport const p = { [key]: true };`, 'web-preferences'],
    ['a preference switched off by assignment', `declare const prefs: { sandbox: boolean };\nprefs['sandbox'] = false;`, 'web-preferences'],
    ['a shorthand preference', `const sandbox = false;\nexport const p = { sandbox };`, 'web-preferences'],
    ['a weakening switch in an argument list', `process.argv.push('--disable-web-security');`, 'command-line'],
    [
      'a weakening switch by append argument',
      `import { app } from 'electron';\napp.commandLine.appendArgument('--ignore-certificate-errors');`,
      'command-line',
    ],
    [
      'a permission check handler that says yes to everything',
      `import { session } from 'electron';\nsession.defaultSession.setPermissionCheckHandler(() => true);`,
      'permissions',
    ],
    [
      'a permission handler that grants by name reference',
      `import { session } from 'electron';\nfunction allowAll(_wc: unknown, permission: string, callback: (ok: boolean) => void) { console.log(permission); callback(true); }\nsession.defaultSession.setPermissionRequestHandler(allowAll);`,
      'permissions',
    ],
    [
      'openExternal destructured from shell',
      `import { shell } from 'electron';\nconst { openExternal } = shell;\nexport const go = (u: string) => openExternal(u);`,
      'open-external',
    ],
    ['a will-navigate listener added with once', `declare const wc: any;\nwc.once('will-navigate', () => {});`, 'navigation'],
    [
      'a will-navigate handler given by name',
      `declare const wc: any;\nconst allow = (event: { preventDefault(): void }) => { void event; };\nwc.on('will-navigate', allow);`,
      'navigation',
    ],
    [
      'a script built by concatenation',
      `declare const wc: any;\nexport const f = (id: string) => wc.executeJavaScript('select(' + id + ')');`,
      'execute-javascript',
    ],
    [
      'a script in an isolated world built from data',
      `declare const wc: any;\nexport const f = (code: string) => wc.executeJavaScriptInIsolatedWorld(1, [{ code }]);`,
      'execute-javascript',
    ],
    ['a remote page by template', `declare const win: any;\nconst host = 'example.com';\nwin.loadURL(\`https://\${host}/\`);`, 'remote-content'],
    ['a file:// page', `declare const win: any;\nwin.loadURL('file:///opt/app/index.html');`, 'local-content'],
    ['loadFile', `declare const win: any;\nwin.loadFile('dist/renderer/index.html');`, 'local-content'],
    [
      'a window-open handler whose action is computed',
      `declare const wc: any;\ndeclare const choice: 'allow' | 'deny';\nwc.setWindowOpenHandler(() => ({ action: choice }));`,
      'navigation',
    ],
    [
      'a window-open handler returning a variable',
      `declare const wc: any;\nconst answer = { action: 'allow' as const };\nwc.setWindowOpenHandler(() => answer);`,
      'navigation',
    ],
    [
      'a scheme that bypasses the CSP',
      `import { protocol } from 'electron';\nprotocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, bypassCSP: true } }]);`,
      'csp',
    ],
    [
      'a renamed BrowserWindow with its own preferences',
      `import { BrowserWindow as Win } from 'electron';\nnew Win({ webPreferences: { preload: 'x' } });`,
      'browser-window-options',
    ],
    ['the remote module destructured from require', `const { remote } = require('electron');\nvoid remote;`, 'remote-module'],
  ])('%s', (_case, text, rule) => {
    expect(highRules(withFile('electron/bad.ts', text))).toContain(rule);
  });
});

describe('audit does not cry wolf', () => {
  it.each([
    [
      'a permission handler that decides by permission',
      `import { session } from 'electron';\nsession.defaultSession.setPermissionRequestHandler((_wc: unknown, permission: string, callback: (ok: boolean) => void) => callback(permission === 'clipboard-sanitized-write'));`,
    ],
    [
      'a permission handler with an early refusal',
      `import { session } from 'electron';\nsession.defaultSession.setPermissionRequestHandler((_wc: unknown, permission: string, callback: (ok: boolean) => void) => { if (permission !== 'fullscreen') return callback(false); callback(true); });`,
    ],
    [
      'a will-navigate handler that prevents conditionally',
      `declare const wc: any;\nwc.on('will-navigate', (event: { preventDefault(): void }, url: string) => { if (!url.startsWith('app://')) event.preventDefault(); });`,
    ],
    ['a fixed script', `declare const wc: any;\nconst SCRIPT = 'document.title';\nwc.executeJavaScript(SCRIPT);`],
    [
      'the app page and a computed URL',
      `declare const win: any;\ndeclare const pageUrl: () => string;\nwin.loadURL('app://vpc-planner/index.html');\nwin.loadURL(pageUrl());`,
    ],
    ['a fixed https link', `import { shell } from 'electron';\nexport const help = () => shell['openExternal']('https://docs.aws.amazon.com/vpc/');`],
    ['a harmless switch', `import { app } from 'electron';\napp.commandLine.appendSwitch('lang', 'en-GB');`],
  ])('%s', (_case, text) => {
    expect(auditElectron(withFile('electron/ok.ts', text)).findings).toEqual([]);
  });
});

describe('CSP audit', () => {
  it('accepts the app CSP', () => {
    expect(auditContentSecurityPolicy(CONTENT_SECURITY_POLICY)).toEqual([]);
  });
  it.each([
    ["default-src 'self'; script-src 'self' 'unsafe-eval'", /unsafe-eval/],
    ["default-src 'self'; connect-src https://api.example.com", /api\.example\.com/],
    ['default-src *', /default-src must be/],
    ["script-src 'self'", /default-src must be 'none' or 'self', not \(missing\)/],
    ["default-src 'none'; script-src 'self' 'unsafe-inline'", /script-src allows 'unsafe-inline'/],
    ["default-src 'none'; img-src https:", /https:/],
  ])('refuses %s', (csp, message) => {
    const findings = auditContentSecurityPolicy(csp);
    expect(findings.map((f) => f.message).join('\n')).toMatch(message);
    expect(highRules(realSources, csp)).toContain('csp');
  });
});

describe('the audit script', () => {
  const run = promisify(execFile);
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

  it('exits 0 on the real sources and 1 on a bad fixture, printing what it checked', async () => {
    const good = await run(tsx, ['scripts/audit-electron.ts'], { cwd: root });
    expect(good.stdout).toContain('No findings.');
    expect(good.stdout).toContain('Checked:');

    const folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-audit-'));
    try {
      await writeFile(
        path.join(folder, 'main.ts'),
        `import { BrowserWindow, ipcMain } from 'electron';\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\nipcMain.handle('read-file', (_e, p) => p);\n`,
      );
      const bad = await run(tsx, ['scripts/audit-electron.ts', folder], { cwd: root }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/\[high\] web-preferences .*nodeIntegration must be the literal false/);
      expect(bad.stdout).toMatch(/\[high\] ipc-validation .*ipcMain\.handle/);
      expect(bad.stdout).toMatch(/\[high\] browser-window-options/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
