/**
 * The app's own URL scheme: the window loads app://vpc-planner/index.html, served by main
 * from the built renderer folder, instead of file:// (Electron security checklist: "Use a
 * custom protocol instead of file://"). A file:// page may read any local file the user
 * can; an app:// page has a real origin, so 'self' in the CSP means the app's own files and
 * nothing else, and the handler answers only for files inside that one folder.
 *
 * Plain module: main.ts hands `serveAppRequest` to protocol.handle, so the path checks and
 * the headers are tested without Electron.
 */
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vpc-planner';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready (protocol.registerSchemesAsPrivileged). `standard`
 * gives the scheme real origins and relative URLs; `secure` makes it a secure context like
 * https; fetch and workers need `supportFetchAPI`. It does not bypass the CSP.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedAppPath = { ok: true; filePath: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file inside `rendererFolder` that an app:// URL names, or why there is none. Refused:
 * another scheme or host, encoded or literal `..` that climbs out of the folder, back
 * slashes and NUL bytes (which Windows or the file system could read as something else).
 */
export function resolveAppPath(rendererFolder: string, requestUrl: string): ResolvedAppPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: `"${requestUrl}" is not a URL` };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: `${url.protocol}//${url.host} is not the app` };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: `the path ${url.pathname} is not valid percent-encoding` };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400, reason: 'the path has a NUL byte or a back slash' };
  const segments = pathname.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, status: 403, reason: `the path ${pathname} climbs out of the app folder` };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rendererFolder);
  const filePath = path.resolve(root, relative);
  // Belt and braces: whatever the platform makes of the segments (a drive letter, say), the result must stay inside.
  const inside = path.relative(root, filePath);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside))
    return { ok: false, status: 403, reason: `the path ${pathname} is outside the app folder` };
  return { ok: true, filePath };
}

/** Headers on every app:// response, errors included: the one CSP (shared/security-policy.ts), and no MIME sniffing. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

export interface AppRequest {
  url: string;
  method: string;
}

export interface AppFiles {
  rendererFolder: string;
  readFile(filePath: string): Promise<Uint8Array>;
  log?: (message: string) => void;
}

/** The handler protocol.handle('app', ...) runs: the file's bytes, or a plain-text error, always with the CSP. */
export async function serveAppRequest(request: AppRequest, files: AppFiles): Promise<Response> {
  const refuse = (status: number, reason: string) => {
    files.log?.(`app:// refused ${request.method} ${request.url}: ${reason}`);
    return new Response(reason, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `${request.method} is not allowed; the app's files are read-only`);
  const resolved = resolveAppPath(files.rendererFolder, request.url);
  if (!resolved.ok) return refuse(resolved.status, resolved.reason);
  let bytes: Uint8Array;
  try {
    bytes = await files.readFile(resolved.filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return refuse(404, `${new URL(request.url).pathname} is not part of the app`);
    return refuse(500, `could not read ${new URL(request.url).pathname}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = request.method === 'HEAD' ? null : new Uint8Array(bytes);
  return new Response(body, { status: 200, headers: appResponseHeaders(contentTypeOf(resolved.filePath)) });
}
