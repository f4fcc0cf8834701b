/**
 * How the app window is locked down, following Electron's security checklist: the page
 * runs sandboxed and isolated from the preload, cannot navigate away, open windows, embed
 * webviews or get permissions, and every response carries the app's CSP. DevTools exist
 * only in a development run (`npm run start:dev`, launch.ts).
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';
import { REPORT_PARTITION } from './report-pdf';

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

export interface AppWindowChoices {
  /** True only in a development run chosen with --dev; an installed app never has DevTools. */
  devTools: boolean;
}

export function appWebPreferences(preloadPath: string, choices: AppWindowChoices = { devTools: false }): WebPreferences {
  return { ...LOCKED_DOWN, devTools: choices.devTools, preload: preloadPath, spellcheck: true };
}

export function appWindowOptions(preloadPath: string, choices: AppWindowChoices = { devTools: false }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'VPC Planner',
    // Shown once the first paint is ready, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f7f8fa',
    webPreferences: appWebPreferences(preloadPath, choices),
  };
}

/**
 * The hidden window that prints the review report to PDF: the app window's lock-down
 * without the preload (no host access), and with JavaScript off, since the report is
 * inert HTML and plan strings in it must never run. Offscreen: it is never shown. It runs
 * in its own in-memory session, whose only page is the report (report-pdf.ts) and which
 * lets nothing else load (lockDownReportSession).
 */
export function reportPdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    // A4 at 96 dpi, so the page lays out as it prints.
    width: 794,
    height: 1123,
    webPreferences: { ...LOCKED_DOWN, devTools: false, javascript: false, offscreen: true, spellcheck: false, partition: REPORT_PARTITION },
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

/**
 * Permissions (camera, notifications, ...) are never needed; deny them all. The app's own
 * app:// responses carry the CSP (app-protocol.ts); any other response gets it too, except
 * the Vite server of a development run, whose inline React-refresh preamble it would block.
 */
export function lockDownSession(session: Session, options: { devServerOrigin?: string } = {}): void {
  denyAllPermissions(session);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (options.devServerOrigin && originOf(details.url) === options.devServerOrigin) callback({});
    else callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/**
 * The report window's session: no permissions, and no request but the report page itself.
 * The report is self-contained (its images are data: URLs), so anything else it asked
 * for would be plan text trying to reach out.
 */
export function lockDownReportSession(session: Session, isReportPage: (url: string) => boolean, log: (message: string) => void = (m) => console.warn(m)): void {
  denyAllPermissions(session);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isReportPage(details.url) || details.url.startsWith('data:');
    if (!allowed) log(`Blocked a request from the report window for ${details.url}`);
    callback({ cancel: !allowed });
  });
}

function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
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
