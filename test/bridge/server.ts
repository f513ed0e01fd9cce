import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/schemas/contract';
import { CHANNEL_IDS, ipcChannel } from '../../shared/domain/channels';
import type { ChannelId } from '../../shared/domain/channels';
import type { CoreApi } from '../../main/core/api';
import { createExpiryWatcher } from '../../main/expiry-watcher';
import type { ExpiryWatcher } from '../../main/expiry-watcher';
import { createRegistry } from '../../main/ipc';
import type { Registry } from '../../main/ipc';
import { createBridgePlatform } from './platform';
import type { BridgePlatform } from './platform';
import { readStatic } from './static';

/**
 * The test bridge (ARCHITECTURE §7, "E2E without Electron"): serves the built renderer and the SAME IPC registry
 * as main/ipc.ts over loopback HTTP, so the real renderer in Chromium drives the real core.
 *
 * - `GET /…` the files of out/renderer, with the app's CSP header and the app:// protocol's path rules;
 * - `POST /ipc/<channel>` `{payload}` → the channel's Result (bearer token required);
 * - `GET /__test/clipboard` → `{text, formats}` (the concealment formats written with the text),
 *   `GET /__test/traffic` → every response sent, `GET /__test/notifications` → every desktop notification,
 *   `GET /__test/opened` → every URL opened in the browser (bearer token required).
 *
 * Like main/index.ts, it runs the expiry watcher (main/expiry-watcher.ts) over the same core: at start, on its
 * interval, after every certificate change through the registry, and whenever the page loads index.html (the
 * app checks when its window loads).
 *
 * It listens on 127.0.0.1 only, on a random port, with a random per-run token. Every response body that reaches
 * the page is recorded, so a test can assert that no secret ever crossed to the renderer.
 */

export interface BridgeOptions {
  core: CoreApi;
  /** Where the save "dialog" puts files. */
  saveDir: string;
  /** The built renderer; default out/renderer of the working directory. */
  rendererDir?: string;
  /** Where "serve to local tools" puts its token files (the app: `<data dir>/serve`). */
  serveRoot?: string;
  /** credential_process command for `aws.configure`; default this checkout's bin/anchorage.js. */
  cliCommand?: string[];
}

/** One IPC exchange as the page saw it. */
export interface TrafficEntry {
  channel: string;
  /** The exact JSON text the page received. */
  response: string;
}

export interface Bridge {
  url: string;
  token: string;
  platform: BridgePlatform;
  registry: Registry;
  /** The expiry watcher, whose notices land in `platform.notifications`. */
  expiry: ExpiryWatcher;
  traffic: TrafficEntry[];
  /** The script for `page.addInitScript({ content })`: defines `window.anchorage` over this bridge. */
  initScript(): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The page-side configuration the init script needs: where, with which token, and the contract's channels
 * with the wire names buildApi invokes (`anchorage:<id>`).
 */
export function bridgeClientConfig(
  url: string,
  token: string,
): { url: string; token: string; channels: Array<{ channel: ChannelId; wire: string }> } {
  return { url, token, channels: CHANNEL_IDS.map((channel) => ({ channel, wire: ipcChannel(channel) })) };
}

let preloadBundle: Promise<string> | undefined;

/**
 * test/bridge/preload-entry.ts (main/preload-api.ts's buildApi over fetch) bundled as one browser script, once
 * per process: the page gets the app's own preload code, never a copy of it.
 */
function bridgePreload(): Promise<string> {
  preloadBundle ??= import('esbuild').then(async ({ build }) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./preload-entry.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true, // like out/preload/index.cjs; buildApi imports only shared/domain, so this is about 1 KB
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  });
  return preloadBundle;
}

/** Start the bridge on 127.0.0.1 with a random port and token. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const rendererDir = options.rendererDir ?? resolve('out/renderer');
  const platform = createBridgePlatform(options.saveDir, options.cliCommand ?? [resolve('bin/anchorage.js')]);
  const expiry = createExpiryWatcher({ core: options.core, notify: (notice) => platform.notify(notice) });
  const registry = createRegistry(options.core, platform, {
    onCertificatesChanged: () => void expiry.check(),
    ...(options.serveRoot ? { serveRoot: options.serveRoot } : {}),
  });
  const traffic: TrafficEntry[] = [];
  const channels = new Set<string>(CHANNEL_IDS);

  const authorized = (req: IncomingMessage): boolean => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // DNS rebinding: only answer requests addressed to the loopback address itself.
      if (!/^127\.0\.0\.1:\d+$/.test(req.headers.host ?? ''))
        return send(res, 421, 'wrong host', 'text/plain');

      if (url.pathname.startsWith('/ipc/')) {
        if (req.method !== 'POST') return send(res, 405, 'POST only', 'text/plain');
        if (!authorized(req)) return send(res, 401, 'unauthorized', 'text/plain');
        const channel = url.pathname.slice('/ipc/'.length);
        if (!channels.has(channel)) return send(res, 404, 'unknown channel', 'text/plain');
        let payload: unknown;
        try {
          const text = await readBody(req);
          payload = text ? (JSON.parse(text) as { payload?: unknown }).payload : undefined;
        } catch {
          payload = Symbol('malformed'); // fails every schema, so the handler answers INVALID_INPUT
        }
        const result = await registry.handlers[channel as ChannelId](payload);
        const body = JSON.stringify(result);
        traffic.push({ channel, response: body });
        return send(res, 200, body, 'application/json');
      }

      if (url.pathname.startsWith('/__test/')) {
        if (!authorized(req)) return send(res, 401, 'unauthorized', 'text/plain');
        if (url.pathname === '/__test/clipboard') {
          const clip = { text: platform.readClipboard(), formats: platform.clipboardFormats() };
          return send(res, 200, JSON.stringify(clip), 'application/json');
        }
        if (url.pathname === '/__test/traffic')
          return send(res, 200, JSON.stringify(traffic), 'application/json');
        if (url.pathname === '/__test/notifications')
          return send(res, 200, JSON.stringify(platform.notifications), 'application/json');
        if (url.pathname === '/__test/opened')
          return send(res, 200, JSON.stringify(platform.opened), 'application/json');
        return send(res, 404, 'not found', 'text/plain');
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', 'text/plain');
      const file = await readStatic(rendererDir, url.pathname);
      if (!file) return send(res, 404, 'not found', 'text/plain');
      if (file.type.startsWith('text/html')) void expiry.check();
      return send(res, 200, file.body, file.type);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'bridge error', 'text/plain');
      else res.destroy();
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  expiry.start();

  return {
    url,
    token,
    platform,
    registry,
    expiry,
    traffic,
    async initScript() {
      const preload = await bridgePreload();
      return `globalThis.__ANCHORAGE_BRIDGE__ = ${JSON.stringify(bridgeClientConfig(url, token))};\n${preload}`;
    },
    async close() {
      await expiry.dispose();
      registry.dispose();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
