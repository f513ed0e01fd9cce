import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/schemas/contract';

/**
 * The `app://` protocol that serves the renderer instead of `file://` (Electron security checklist #18): a page
 * loaded from `file://` can read every file the user can, while `app://anchorage/` reaches only the files of
 * out/renderer. The rules are pure functions over a path and a URL, so they are unit-tested without Electron;
 * main/index.ts registers the scheme and hands {@link createAppProtocolHandler} to `protocol.handle`.
 */

export const APP_SCHEME = 'app';
/** The one host of the scheme; any other host is refused. */
const APP_HOST = 'anchorage';
/** The renderer's entry page. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before `ready` (`protocol.registerSchemesAsPrivileged`): `standard` so relative URLs and the origin
 * work like https (and web storage is available), `secure` so it counts as a secure context, `supportFetchAPI`
 * for the module scripts Vite emits, `codeCache` for a faster start. Not `bypassCSP` and not `corsEnabled`: the
 * page runs under our CSP and nothing else may read from it.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Content types of what Vite emits into out/renderer (shared with the test bridge). */
const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
});

/** The content type of a file; unknown kinds are opaque bytes (with nosniff, never run as script). */
export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file of `root` that a URL path names, or undefined when the path could leave `root` or is malformed.
 * Each segment is decoded on its own, so an encoded slash (`..%2F`) stays inside one segment and is refused
 * rather than becoming a separator; `.`/`..`, empty segments (`//etc`), backslashes, NUL and `:` (a Windows
 * drive or an NTFS stream) are refused too. `/` is index.html. The result is checked once more against `root`.
 * @param urlPath a URL's pathname (`/assets/index-abc.js`), still percent-encoded
 */
export function resolveRendererFile(root: string, urlPath: string): string | undefined {
  if (!urlPath.startsWith('/')) return undefined;
  const raw = urlPath === '/' ? ['index.html'] : urlPath.slice(1).split('/');
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\:\0]/.test(decoded)) return undefined;
    segments.push(decoded);
  }
  const base = resolve(root);
  const file = resolve(base, join(...segments));
  const inside = relative(base, file);
  if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return file;
}

/** The headers of every answer: our CSP (a custom protocol gets no webRequest headers), and no sniffing. */
function appResponseHeaders(type: string): Record<string, string> {
  return {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

/** What a request to the protocol resolves to, before any file is read. */
export type AppRequestTarget =
  { kind: 'file'; path: string; type: string } | { kind: 'refused'; status: 404 | 405 };

/**
 * Decide a request: only GET/HEAD, only `app://anchorage/…`, only a file inside `root`. The query and the
 * fragment do not name a file and are ignored.
 */
export function appRequestTarget(root: string, method: string, url: string): AppRequestTarget {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 404 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST)
    return { kind: 'refused', status: 404 };
  const path = resolveRendererFile(root, parsed.pathname);
  if (!path) return { kind: 'refused', status: 404 };
  return { kind: 'file', path, type: contentType(path) };
}

/**
 * The handler for `protocol.handle(APP_SCHEME, …)`: the file with its content type and the CSP, or an empty
 * 404/405 (a missing file and a refused path look the same, so the page learns nothing about the disk).
 * @param root out/renderer
 * @param read reads a file (default `fs.readFile`, which Electron's asar support serves from app.asar)
 */
export function createAppProtocolHandler(
  root: string,
  read: (path: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = appRequestTarget(root, request.method, request.url);
    if (target.kind === 'refused') {
      return new Response(null, { status: target.status, headers: appResponseHeaders('text/plain') });
    }
    let body: Uint8Array;
    try {
      body = await read(target.path);
    } catch {
      return new Response(null, { status: 404, headers: appResponseHeaders('text/plain') });
    }
    const headers = appResponseHeaders(target.type);
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    // A copy into a plain ArrayBuffer: what BodyInit accepts (a Buffer may sit on a shared pool).
    return new Response(new Uint8Array(body), { status: 200, headers });
  };
}
