/**
 * How the app window is locked down, following Electron's security checklist: the page
 * runs sandboxed and isolated from the preload, cannot navigate away, open windows, embed
 * webviews or get permissions, and every response carries the app's CSP.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';

/** Electron's security checklist, the same for every window the app opens. */
const LOCKED_DOWN: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
};

export function appWebPreferences(preloadPath: string): WebPreferences {
  return { ...LOCKED_DOWN, preload: preloadPath, spellcheck: true };
}

export function appWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'VPC Planner',
    // Shown once the first paint is ready, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f7f8fa',
    webPreferences: appWebPreferences(preloadPath),
  };
}

/**
 * The hidden window that prints the review report to PDF: the app window's lock-down
 * without the preload (no host access), and with JavaScript off, since the report is
 * inert HTML and plan strings in it must never run. Offscreen: it is never shown.
 */
export function reportPdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    // A4 at 96 dpi, so the page lays out as it prints.
    width: 794,
    height: 1123,
    webPreferences: { ...LOCKED_DOWN, javascript: false, offscreen: true, spellcheck: false },
  };
}

/** The app is a single page: any navigation is either a bug or an attack. */
export function lockDownWindow(webContents: WebContents, log: (message: string) => void = (m) => console.warn(m)): void {
  webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log(`Blocked navigation to ${url}`);
  });
  webContents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`Blocked redirect to ${url}`);
  });
  webContents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
  webContents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
}

/** Permissions (camera, notifications, ...) are never needed; deny them all, and send the CSP as a header too. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/** Replaces any CSP the response had (header names are case-insensitive) with ours. */
export function withContentSecurityPolicy(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
