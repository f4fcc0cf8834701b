import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES, contentTypeOf, resolveAppPath, serveAppRequest } from './app-protocol';

const root = path.resolve('/opt/vpc-planner/resources/app.asar/dist/renderer');

describe('resolveAppPath', () => {
  it.each([
    [APP_INDEX_URL, 'index.html'],
    [`${APP_ORIGIN}/`, 'index.html'],
    [`${APP_ORIGIN}`, 'index.html'],
    [`${APP_ORIGIN}/assets/index-abc123.js`, 'assets/index-abc123.js'],
    [`${APP_ORIGIN}/assets/./style.css?v=2#top`, 'assets/style.css'],
    [`${APP_ORIGIN}/assets/a%20b.svg`, 'assets/a b.svg'],
    // The URL parser itself removes literal dot segments: this stays inside the folder.
    [`${APP_ORIGIN}/assets/../index.html`, 'index.html'],
    [`${APP_ORIGIN}/../../etc/passwd`, 'etc/passwd'],
  ])('%s is %s in the renderer folder', (url, relative) => {
    expect(resolveAppPath(root, url)).toEqual({ ok: true, filePath: path.join(root, relative) });
  });

  it.each([
    ['encoded dot dot', `${APP_ORIGIN}/..%2f..%2fetc%2fpasswd`, 403, /climbs out/],
    ['encoded dot dot in the middle', `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret`, 403, /climbs out/],
    ['an encoded back slash', `${APP_ORIGIN}/..%5c..%5cwindows%5cwin.ini`, 400, /back slash/],
    ['a NUL byte', `${APP_ORIGIN}/index.html%00.png`, 400, /NUL/],
    ['broken percent-encoding', `${APP_ORIGIN}/%E0%A4%A`, 400, /percent-encoding/],
    ['another host', 'app://evil/index.html', 404, /not the app/],
    ['another scheme', 'file:///etc/passwd', 404, /not the app/],
    ['not a URL', 'index.html', 400, /not a URL/],
  ])('refuses %s', (_case, url, status, reason) => {
    const resolved = resolveAppPath(root, url);
    expect(resolved).toMatchObject({ ok: false, status });
    if (!resolved.ok) expect(resolved.reason).toMatch(reason);
  });

  it('never resolves outside the folder, whatever the path', () => {
    const nasty = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', 'a/../..', 'C:', 'C:%2f', '%2f%2f', '//host'];
    for (const a of nasty) {
      for (const b of nasty) {
        const resolved = resolveAppPath(root, `${APP_ORIGIN}/${a}/${b}/x`);
        if (resolved.ok) expect(path.relative(root, resolved.filePath).startsWith('..')).toBe(false);
      }
    }
  });
});

describe('serveAppRequest', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vpcplanner-protocol-'));
    await mkdir(path.join(folder, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(folder, 'renderer', 'index.html'), '<!doctype html><title>VPC Planner</title>');
    await writeFile(path.join(folder, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(folder, 'secret.txt'), 'not for the page');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  const files = () => ({ rendererFolder: path.join(folder, 'renderer'), readFile: (file: string) => readFile(file) });

  it('serves the page and its assets with their type and the CSP header', async () => {
    const page = await serveAppRequest({ url: APP_INDEX_URL, method: 'GET' }, files());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>VPC Planner</title>');
    const script = await serveAppRequest({ url: `${APP_ORIGIN}/assets/app.js`, method: 'GET' }, files());
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers a file next to the renderer folder with 403 and does not read it', async () => {
    const readSpy = vi.fn((file: string) => readFile(file));
    const log = vi.fn();
    const response = await serveAppRequest({ url: `${APP_ORIGIN}/..%2fsecret.txt`, method: 'GET' }, { ...files(), readFile: readSpy, log });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('not for the page');
    expect(readSpy).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('climbs out'));
  });

  it('answers 404 for a missing file or a folder, 405 for a write', async () => {
    expect((await serveAppRequest({ url: `${APP_ORIGIN}/nothing.js`, method: 'GET' }, files())).status).toBe(404);
    expect((await serveAppRequest({ url: `${APP_ORIGIN}/assets`, method: 'GET' }, files())).status).toBe(404);
    const post = await serveAppRequest({ url: APP_INDEX_URL, method: 'POST' }, files());
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('says what went wrong when a file cannot be read', async () => {
    const failing = { ...files(), readFile: async () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) };
    const response = await serveAppRequest({ url: APP_INDEX_URL, method: 'GET' }, failing);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('could not read /index.html: EACCES: permission denied');
  });

  it('answers HEAD with headers only', async () => {
    const response = await serveAppRequest({ url: APP_INDEX_URL, method: 'HEAD' }, files());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('the scheme', () => {
  it('is standard and secure, and does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(contentTypeOf('a/B.WOFF2')).toBe('font/woff2');
    expect(contentTypeOf('a/b.unknown')).toBe('application/octet-stream');
  });
});
