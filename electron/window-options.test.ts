import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';
import { appWebPreferences, appWindowOptions, lockDownSession, lockDownWindow, reportPdfWindowOptions, withContentSecurityPolicy } from './window-options';

type Listener = (...args: unknown[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    },
  };
  const emit = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event;
  };
  return { contents: contents as unknown as WebContents, emit, listeners, openWindow: (url: string) => openHandler?.({ url }) };
}

describe('reportPdfWindowOptions', () => {
  it('is never shown, renders offscreen, runs no JavaScript and has no preload', () => {
    const options = reportPdfWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ javascript: false, offscreen: true });
    expect(options.webPreferences?.preload).toBeUndefined();
  });

  it('keeps every lock-down setting of the app window', () => {
    const { preload: _preload, spellcheck: _spellcheck, ...app } = appWebPreferences('/p.cjs');
    expect(reportPdfWindowOptions().webPreferences).toMatchObject(app);
  });
});

describe('appWebPreferences', () => {
  it('isolates and sandboxes the page and loads the preload', () => {
    expect(appWebPreferences('/app/dist/electron/preload.cjs')).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(appWindowOptions('/p.cjs').webPreferences).toEqual(appWebPreferences('/p.cjs'));
  });
});

describe('lockDownWindow', () => {
  it('blocks navigation, redirects, new windows and webviews', () => {
    const { contents, emit, openWindow } = fakeWebContents();
    const log = vi.fn();
    lockDownWindow(contents, log);
    expect(emit('will-navigate', 'https://evil.example/').preventDefault).toHaveBeenCalled();
    expect(emit('will-redirect', 'https://evil.example/').preventDefault).toHaveBeenCalled();
    expect(emit('will-attach-webview').preventDefault).toHaveBeenCalled();
    expect(openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(log).toHaveBeenCalledWith('Blocked navigation to https://evil.example/');
  });
});

describe('lockDownSession', () => {
  it('denies every permission and puts the CSP on every response', () => {
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      webRequest: { onHeadersReceived: (l: typeof headersListener) => (headersListener = l) },
    } as unknown as Session;
    lockDownSession(session);
    const granted = vi.fn();
    requestHandler?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(checkHandler?.()).toBe(false);
    const respond = vi.fn();
    headersListener?.({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, respond);
    expect(respond).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('adds the CSP when a response had no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
