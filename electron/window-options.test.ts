import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';
import {
  appWebPreferences,
  appWindowOptions,
  lockDownReportSession,
  lockDownSession,
  lockDownWindow,
  reportPdfWindowOptions,
  withContentSecurityPolicy,
} from './window-options';

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

  it('runs in its own session, with no DevTools', () => {
    expect(reportPdfWindowOptions().webPreferences).toMatchObject({ partition: 'vpc-planner-report', devTools: false });
    expect(reportPdfWindowOptions().webPreferences?.partition).not.toMatch(/^persist:/);
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

  it('has DevTools only when a development run asks for them', () => {
    expect(appWebPreferences('/p.cjs').devTools).toBe(false);
    expect(appWindowOptions('/p.cjs', { devTools: false }).webPreferences?.devTools).toBe(false);
    expect(appWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
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
    headersListener?.({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, respond);
    expect(respond).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it("in a development run, leaves the Vite server's responses alone and still covers every other", () => {
    let headersListener: ((details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: { onHeadersReceived: (l: typeof headersListener) => (headersListener = l) },
    } as unknown as Session;
    lockDownSession(session, { devServerOrigin: 'http://localhost:5173' });
    const respond = vi.fn();
    headersListener?.({ url: 'http://localhost:5173/@vite/client', responseHeaders: {} }, respond);
    expect(respond).toHaveBeenLastCalledWith({});
    headersListener?.({ url: 'http://localhost:5174/', responseHeaders: {} }, respond);
    expect(respond).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('adds the CSP when a response had no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('lockDownReportSession', () => {
  it('lets the report page load and cancels every other request, and denies permissions', () => {
    let beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: () => undefined,
      webRequest: { onBeforeRequest: (l: typeof beforeRequest) => (beforeRequest = l) },
    } as unknown as Session;
    const log = vi.fn();
    lockDownReportSession(session, (url) => url === 'app://report/1.html', log);
    const decide = (url: string) => {
      const callback = vi.fn();
      beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('app://report/1.html')).toEqual({ cancel: false });
    expect(decide('data:image/png;base64,AAAA')).toEqual({ cancel: false });
    expect(decide('https://tracker.example/pixel.png')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://vpc-planner/index.html')).toEqual({ cancel: true });
    expect(log).toHaveBeenCalledWith('Blocked a request from the report window for https://tracker.example/pixel.png');
    const granted = vi.fn();
    requestHandler?.({}, 'geolocation', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });
});
