import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/schemas/contract';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  appRequestTarget,
  contentType,
  createAppProtocolHandler,
  resolveRendererFile,
} from '../../../main/app-protocol';

/**
 * The app:// protocol (Electron security checklist #18): what it serves from out/renderer, and everything it
 * refuses. The handler runs here on Node's own Request/Response, the same classes `protocol.handle` passes.
 */

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'anchorage-app-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(root, 'assets', 'data.bin'), 'b');
  writeFileSync(outside, 'do not serve');
});
afterAll(() => rmSync(resolve(root, '..'), { recursive: true, force: true }));

const handler = () => createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

describe('app:// file resolution', () => {
  it('maps paths inside out/renderer, and / to index.html', () => {
    expect(resolveRendererFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    // A percent-encoded character inside a segment is decoded (Vite may emit spaces or unicode in names).
    expect(resolveRendererFile(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });

  it('refuses traversal in every spelling', () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/.%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/./index.html',
      '/%00index.html',
      '/index.html%00.js',
      '/%E0%A4%A', // malformed percent-encoding
    ]) {
      expect(resolveRendererFile(root, path), path).toBeUndefined();
    }
  });

  it('refuses absolute paths, empty segments, drive letters and NTFS streams', () => {
    for (const path of [
      '//etc/passwd',
      `/${outside}`,
      '/C:/Windows/win.ini',
      '/c%3A/Windows/win.ini',
      '/index.html::$DATA',
      '/assets//index-abc.js',
      '/assets/',
      'index.html',
      '',
    ]) {
      expect(resolveRendererFile(root, path), path).toBeUndefined();
    }
  });

  it('content types by extension; anything unknown is opaque bytes', () => {
    expect(contentType('index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentType('a.css')).toBe('text/css; charset=utf-8');
    expect(contentType('a.svg')).toBe('image/svg+xml');
    expect(contentType('a.PNG')).toBe('image/png');
    expect(contentType('a.woff2')).toBe('font/woff2');
    expect(contentType('a.json')).toBe('application/json');
    expect(contentType('a.bin')).toBe('application/octet-stream');
    expect(contentType('Makefile')).toBe('application/octet-stream');
  });
});

describe('app:// requests', () => {
  it('only our host, only GET and HEAD; the query and fragment do not name a file', () => {
    expect(appRequestTarget(root, 'GET', APP_ENTRY_URL)).toEqual({
      kind: 'file',
      path: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    expect(appRequestTarget(root, 'GET', 'app://anchorage/index.html?v=1#/wizard')).toMatchObject({
      kind: 'file',
      path: join(root, 'index.html'),
    });
    expect(appRequestTarget(root, 'HEAD', 'app://anchorage/assets/index-abc.js')).toMatchObject({
      kind: 'file',
    });
    expect(appRequestTarget(root, 'GET', 'app://other/index.html')).toEqual({ kind: 'refused', status: 404 });
    expect(appRequestTarget(root, 'GET', 'app:///index.html')).toEqual({ kind: 'refused', status: 404 });
    expect(appRequestTarget(root, 'GET', 'app://anchorage.evil/index.html')).toEqual({
      kind: 'refused',
      status: 404,
    });
    expect(appRequestTarget(root, 'GET', 'https://anchorage/index.html')).toEqual({
      kind: 'refused',
      status: 404,
    });
    expect(appRequestTarget(root, 'GET', 'not a url')).toEqual({ kind: 'refused', status: 404 });
    expect(appRequestTarget(root, 'POST', APP_ENTRY_URL)).toEqual({ kind: 'refused', status: 405 });
    expect(appRequestTarget(root, 'PUT', APP_ENTRY_URL)).toEqual({ kind: 'refused', status: 405 });
  });

  it('serves the file with its type, the CSP and nosniff', async () => {
    const index = await get(APP_ENTRY_URL);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toBe('<!doctype html><title>app</title>');

    const js = await get('app://anchorage/assets/index-abc.js?import');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('export {};');
    expect((await get('app://anchorage/assets/index-abc.css')).headers.get('content-type')).toMatch(
      /text\/css/,
    );
    expect((await get('app://anchorage/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const bin = await get('app://anchorage/assets/data.bin');
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    expect(bin.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('HEAD has the headers and no body', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/text\/html/);
    expect(await head.text()).toBe('');
  });

  it('a refused path, a missing file and a directory are the same empty 404; other methods 405', async () => {
    // Request() normalises dot segments itself (as Chromium does), so the encoded forms are the real test.
    for (const url of [
      'app://anchorage/%2e%2e/secret.txt',
      'app://anchorage/..%2fsecret.txt',
      'app://anchorage/assets%2f..%2f..%2fsecret.txt',
      'app://anchorage/missing.js',
      'app://anchorage/assets',
      'app://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
    expect((await get(APP_ENTRY_URL, 'DELETE')).status).toBe(405);
  });

  it('a read failure is a 404 too, never a throw into Electron', async () => {
    const failing = createAppProtocolHandler(root, () => Promise.reject(new Error('EIO')));
    expect((await failing(new Request(APP_ENTRY_URL))).status).toBe(404);
  });

  it('the scheme is standard and secure, and does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(APP_ENTRY_URL).toBe('app://anchorage/index.html');
  });

  it('the packaged app turns off the file:// fuse (electron-builder.yml)', () => {
    const builder = readFileSync(resolve('electron-builder.yml'), 'utf8');
    const fuses = /^electronFuses:\n((?: {2}.+\n)+)/m.exec(builder)?.[1] ?? '';
    expect(fuses).toMatch(/^ {2}grantFileProtocolExtraPrivileges: false$/m);
    expect(fuses).toMatch(/^ {2}onlyLoadAppFromAsar: true$/m);
    expect(fuses).toMatch(/^ {2}runAsNode: false$/m);
  });
});
