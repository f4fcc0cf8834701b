import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from './app-protocol';
import { CHANNELS, handleValidated, isLocalDevOrigin, parsePayload, PAYLOAD_SCHEMAS, untrustedSenderReason, type SenderPolicy } from './ipc-contract';

const root = path.resolve(import.meta.dirname, '..');
const appIndex = path.join(root, 'dist', 'renderer', 'index.html');
const policy: SenderPolicy = { appIndexUrl: APP_INDEX_URL };
const goodHandle = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** The members of `interface VpcHost` in shared/host.ts, read from the source itself. */
function vpcHostMembers(): string[] {
  const file = path.join(root, 'shared', 'host.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'VpcHost') {
      for (const member of node.members) if (member.name && ts.isIdentifier(member.name)) names.push(member.name.text);
    }
  });
  return names;
}

/** A fake ipcMain that keeps the registered listener so the test can call it as Electron would. */
function fakeIpcMain() {
  const listeners = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipcMain = { handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => listeners.set(channel, listener) };
  const call = (channel: string, url: string | null, args: unknown[], parent: unknown = null) => {
    const event = { senderFrame: url === null ? null : { url, parent }, sender: {} } as unknown as IpcMainInvokeEvent;
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`nothing registered on ${channel}`);
    return Promise.resolve(listener(event, ...args));
  };
  return { ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle'>, call, listeners };
}

describe('the IPC contract', () => {
  it('has a channel and a schema for every VpcHost operation, and nothing else but the preload edit channel', () => {
    const operations = vpcHostMembers().filter((name) => name !== 'kind');
    expect(operations.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(CHANNELS).sort()).toEqual([...operations, 'editFocusedField'].sort());
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...operations, 'editFocusedField'].sort());
    const channelNames = Object.values(CHANNELS);
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });

  it('accepts well-formed payloads, with or without trailing optional arguments', () => {
    expect(parsePayload('savePlanFile', ['{}'])).toMatchObject({ ok: true });
    expect(parsePayload('savePlanFile', ['{}', goodHandle, { overwriteChangesOnDisk: true }])).toMatchObject({ ok: true });
    expect(parsePayload('savePlanFile', ['{}', undefined, undefined])).toMatchObject({ ok: true });
    expect(parsePayload('writeRecovery', [undefined])).toMatchObject({ ok: true });
    expect(parsePayload('exportFile', ['plan.png', new Uint8Array([1, 2]), 'image/png'])).toMatchObject({ ok: true });
    expect(parsePayload('exportReportPdf', ['<!DOCTYPE html><p>x</p>', 'hub review.pdf'])).toMatchObject({ ok: true });
    expect(parsePayload('setDocumentState', [{ displayName: 'a.json', dirty: true }])).toMatchObject({ ok: true });
  });

  it.each([
    ['openRecent', ['/etc/passwd'], /handle is not a document handle/],
    ['openRecent', [], /handle/],
    ['savePlanFile', [42], /text/],
    ['savePlanFile', ['{}', goodHandle, { path: '/tmp/x' }]],
    ['savePlanFileAs', ['{}', '../../etc/cron.d/x'], /suggestedName must be a file name without folders/],
    ['exportFile', ['a.png', { length: 3 }, 'image/png'], /data/],
    ['exportFile', ['a.png', 'x', 'not a mime'], /mimeType/],
    ['exportReportPdf', ['<html></html>', 'report.html'], /suggestedName must end in \.pdf/],
    ['exportReportPdf', ['', 'report.pdf'], /html is empty/],
    ['exportReportPdf', [{ html: 1 }, 'report.pdf'], /html/],
    ['setDocumentState', [{ displayName: 'a', dirty: 'yes' }], /state\.dirty/],
    ['openPlanFile', ['/some/path'], /expected no arguments/],
    ['editFocusedField', ['rm -rf'], /command/],
  ] as const)('refuses %s with %j, saying what is wrong', (operation, args, message?: RegExp) => {
    const parsed = parsePayload(operation, [...args]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain(`${CHANNELS[operation]} refused:`);
    if (message) expect(parsed.error).toMatch(message);
  });
});

describe('handleValidated', () => {
  const appUrl = APP_INDEX_URL;

  it('runs the handler for the app page with a good payload', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handler = vi.fn(([handle]: [string]) => ({ ok: false as const, error: `asked for ${handle}` }));
    handleValidated(ipcMain, policy, 'openRecent', handler, () => undefined);
    await expect(call(CHANNELS.openRecent, `${appUrl}#/plan`, [goodHandle])).resolves.toEqual({ ok: false, error: `asked for ${goodHandle}` });
    // Reloaded after a crash, the page carries ?restore=draft: still the app's page.
    await expect(call(CHANNELS.openRecent, `${appUrl}?restore=draft`, [goodHandle])).resolves.toMatchObject({ ok: false });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['a web page', 'https://evil.example/index.html', /https:\/\/evil\.example/],
    ['another page of the app', 'app://vpc-planner/other.html', /app:\/\/vpc-planner\/other\.html, which is not the app's own page/],
    ['another app:// host', 'app://evil/index.html', /app:\/\/evil\/index\.html/],
    // The built page itself, opened as a file: no host access (the app is only ever served from app://).
    ['the built page as a file', pathToFileURL(appIndex).href, /file:\/\/.*index\.html, which is not the app's own page/],
    ['a destroyed frame', null, /frame has gone/],
    ['a dev server that was not configured', 'http://localhost:5173/', /localhost:5173/],
  ])('refuses %s and never calls the handler', async (_case, url, message) => {
    const { ipcMain, call } = fakeIpcMain();
    const handler = vi.fn();
    const log = vi.fn();
    handleValidated(ipcMain, policy, 'listRecent', handler, log);
    await expect(call(CHANNELS.listRecent, url, [])).rejects.toThrow(message);
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses a subframe of the app page', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handler = vi.fn();
    handleValidated(ipcMain, policy, 'listRecent', handler, () => undefined);
    await expect(call(CHANNELS.listRecent, appUrl, [], { url: appUrl })).rejects.toThrow(/subframe/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a bad payload from the app page, and never calls the handler', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const handler = vi.fn();
    handleValidated(ipcMain, policy, 'savePlanFile', handler, () => undefined);
    await expect(call(CHANNELS.savePlanFile, appUrl, ['{}', 'not-a-handle'])).rejects.toThrow(
      /vpc-host:save-plan-file refused: handle is not a document handle/,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts the configured localhost dev server, and only a localhost one', async () => {
    const dev: SenderPolicy = { ...policy, devServerOrigin: 'http://localhost:5173' };
    expect(untrustedSenderReason({ url: 'http://localhost:5173/index.html', parent: null }, dev)).toBeUndefined();
    expect(untrustedSenderReason({ url: 'http://localhost:5174/', parent: null }, dev)).toBeDefined();
    const remote: SenderPolicy = { ...policy, devServerOrigin: 'https://example.com' };
    expect(untrustedSenderReason({ url: 'https://example.com/', parent: null }, remote)).toBeDefined();
    expect(isLocalDevOrigin('http://127.0.0.1:5173')).toBe(true);
    expect(isLocalDevOrigin('http://localhost.evil.com')).toBe(false);
  });
});
