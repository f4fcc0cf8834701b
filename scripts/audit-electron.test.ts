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
  return auditElectron(sources, csp).findings.filter((f) => f.severity === 'high').map((f) => f.rule);
}

describe('audit of the real electron/ sources', () => {
  it('finds nothing, and says what it checked', () => {
    const report = auditElectron(realSources);
    expect(report.findings).toEqual([]);
    expect(realSources.map((s) => s.path)).toEqual(expect.arrayContaining(['electron/main.ts', 'electron/preload.ts', 'electron/window-options.ts', 'electron/ipc-contract.ts']));
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
    ['a window with its own webPreferences', 'electron/bad.ts', `import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { preload: 'x' } });`, 'browser-window-options'],
    ['a window whose spread overrides them', 'electron/bad.ts', `import { BrowserWindow } from 'electron';\nimport { appWindowOptions } from './window-options';\nnew BrowserWindow({ ...appWindowOptions('p'), ...{ webPreferences: {} } });`, 'browser-window-options'],
    ['a raw ipcMain.handle', 'electron/bad.ts', `import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);`, 'ipc-validation'],
    ['a raw ipcMain.on', 'electron/bad.ts', `import { ipcMain } from 'electron';\nipcMain.on('x', () => 1);`, 'ipc-validation'],
    ['an aliased ipcMain', 'electron/bad.ts', `import { ipcMain } from 'electron';\nconst { handle } = ipcMain;`, 'ipc-validation'],
    ['ipcMain handed to another function', 'electron/bad.ts', `import { ipcMain } from 'electron';\nfunction register(m: typeof ipcMain) {}\nregister(ipcMain);`, 'ipc-validation'],
    ['per-window ipc', 'electron/bad.ts', `declare const w: any;\nw.webContents.ipc.handle('x', () => 1);`, 'ipc-validation'],
    ['openExternal on a computed URL', 'electron/bad.ts', `import { shell } from 'electron';\nexport const go = (url: string) => shell.openExternal(url);`, 'open-external'],
    ['the remote module', 'electron/bad.ts', `import { enable } from '@electron/remote/main';\nenable;`, 'remote-module'],
    ['enableRemoteModule', 'electron/bad.ts', `export const p = { enableRemoteModule: true };`, 'web-preferences'],
    ['a generic invoke in the preload', 'electron/bad-preload.ts', `import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('api', { invoke: (channel: string, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args) });`, 'preload-passthrough'],
    ['ipcRenderer exposed whole', 'electron/bad-preload.ts', `import { contextBridge, ipcRenderer } from 'electron';\nconst api = { ipc: ipcRenderer };\ncontextBridge.exposeInMainWorld('api', api);`, 'preload-passthrough'],
    ['a passthrough through a local forwarder', 'electron/bad-preload.ts', `import { contextBridge, ipcRenderer } from 'electron';\nfunction call(ch: string) { return ipcRenderer.invoke(ch); }\ncontextBridge.exposeInMainWorld('api', { call: (name: string) => call(name) });`, 'preload-passthrough'],
    ['a will-navigate handler that allows navigation', 'electron/bad.ts', `declare const wc: any;\nwc.on('will-navigate', () => {});`, 'navigation'],
    ['a window open handler that allows windows', 'electron/bad.ts', `declare const wc: any;\nwc.setWindowOpenHandler(() => ({ action: 'allow' }));`, 'navigation'],
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
    const rules = highRules([{ path: 'electron/window-options.ts', text: 'export const w = { contextIsolation: true, sandbox: true, nodeIntegration: false };' }]);
    expect(rules.filter((r) => r === 'navigation')).toHaveLength(2);
  });
});

describe('CSP audit', () => {
  it('accepts the app CSP', () => {
    expect(auditContentSecurityPolicy(CONTENT_SECURITY_POLICY)).toEqual([]);
  });
  it.each([
    ["default-src 'self'; script-src 'self' 'unsafe-eval'", /unsafe-eval/],
    ["default-src 'self'; connect-src https://api.example.com", /api\.example\.com/],
    ["default-src *", /default-src must be/],
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
      await writeFile(path.join(folder, 'main.ts'), `import { BrowserWindow, ipcMain } from 'electron';\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\nipcMain.handle('read-file', (_e, p) => p);\n`);
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
