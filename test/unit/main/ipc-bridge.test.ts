import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/schemas/contract';
import { CHANNEL_IDS } from '../../../shared/domain/channels';
import { concealmentFormats } from '../../../main/clipboard';
import { createCore } from '../../../main/core/services';
import { createSecretStore } from '../../../main/core/vault/select-store';
import { launchBridge } from '../../bridge/launch';
import type { LaunchedBridge } from '../../bridge/launch';

/**
 * The registry of main/ipc.ts over the test bridge, with the REAL core in a temp data directory: the transport
 * the e2e suite uses, its guards, and the contract's promise that secrets never travel back to the renderer.
 */

let bridge: LaunchedBridge;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'anchorage-bridge-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  bridge = await launchBridge({ rendererDir });
});
afterAll(async () => {
  await bridge.dispose();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** One raw HTTP exchange (node:http, so the Host header can be forged for the rebinding test). */
function raw(options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { port } = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A `/__test/<what>` read (bearer token). */
async function testGet(what: string): Promise<unknown> {
  const res = await fetch(`${bridge.url}/__test/${what}`, {
    headers: { authorization: `Bearer ${bridge.token}` },
  });
  expect(res.status).toBe(200);
  return res.json();
}

async function call<T = unknown>(
  channel: string,
  payload?: unknown,
): Promise<{ ok: boolean; value: T; error: { code: string; message: string; hint: string } }> {
  const res = await fetch(`${bridge.url}/ipc/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ payload }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

describe('test bridge', () => {
  it('listens on 127.0.0.1 only and serves the renderer with the CSP', async () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
    const index = await fetch(`${bridge.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    const js = await fetch(`${bridge.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('refuses path traversal, a wrong Host (DNS rebinding), and calls without the token', async () => {
    expect(
      (
        await raw({
          method: 'GET',
          path: '/../../../etc/passwd',
          headers: { host: new URL(bridge.url).host },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await raw({
          method: 'GET',
          path: '/%2e%2e/%2e%2e/etc/passwd',
          headers: { host: new URL(bridge.url).host },
        })
      ).status,
    ).toBe(404);
    expect((await raw({ method: 'GET', path: '/', headers: { host: 'evil.example:80' } })).status).toBe(421);
    const noToken = await fetch(`${bridge.url}/ipc/cert.list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const wrongToken = await fetch(`${bridge.url}/ipc/cert.list`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrongToken.status).toBe(401);
    expect((await fetch(`${bridge.url}/__test/clipboard`)).status).toBe(401);
    const unknown = await fetch(`${bridge.url}/ipc/shell.exec`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: `Bearer ${bridge.token}` },
    });
    expect(unknown.status).toBe(404);
  });

  it('its init script defines exactly the contract channels', async () => {
    const script = await bridge.initScript();
    for (const channel of CHANNEL_IDS) expect(script).toContain(`"channel":"${channel}"`);
    expect(script).not.toMatch(/ipcRenderer|require\(/);
  });

  it('a malformed body is INVALID_INPUT', async () => {
    const res = await fetch(`${bridge.url}/ipc/cert.list`, {
      method: 'POST',
      body: '{not json',
      headers: { authorization: `Bearer ${bridge.token}` },
    });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('real core: CA, client, PFX export with a generated password; secrets stay out of every response', async () => {
    const ca = await call<{ id: string }>('ca.create', {
      name: 'Bridge CA',
      subject: { commonName: 'Bridge CA' },
      keyType: 'ec-p256',
      days: 30,
    });
    expect(ca.ok).toBe(true);
    const client = await call<{ id: string; hasPrivateKey: boolean }>('cert.issue', {
      ca: ca.value.id,
      subject: { commonName: 'bridge-client' },
      keyType: 'ec-p256',
      days: 7,
    });
    expect(client.value.hasPrivateKey).toBe(true);

    const exported = await call<{ path: string; passwordCopied: boolean; clipboardClearsAt: string }>(
      'cert.export',
      {
        ref: client.value.id,
        format: 'pfx',
        pfxProfile: 'modern',
        password: { kind: 'generated' },
      },
    );
    expect(exported.ok).toBe(true);
    expect(exported.value.passwordCopied).toBe(true);
    expect(statSync(exported.value.path).mode & 0o777).toBe(0o600);

    const clip = (await testGet('clipboard')) as { text: string; formats: Record<string, string> };
    const password = clip.text;
    expect(password.length).toBeGreaterThanOrEqual(16);
    // Written as a secret: with this OS's concealment format, so clipboard-history managers skip it.
    expect(clip.formats).toEqual(
      Object.fromEntries(concealmentFormats(process.platform).map((f) => [f.format, f.data])),
    );
    const openssl = spawnSync(
      'openssl',
      ['pkcs12', '-in', exported.value.path, '-passin', 'env:PFX_PASSWORD', '-nokeys'],
      {
        env: { ...process.env, PFX_PASSWORD: password },
        encoding: 'utf8',
      },
    );
    if (openssl.error) throw new Error('openssl is missing: apt-get install -y openssl');
    expect(openssl.status, openssl.stderr).toBe(0);
    expect(openssl.stdout).toMatch(/subject=\s*CN\s*=\s*bridge-client/);

    await call('static.add', {
      name: 'demo',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    await call('static.list');

    const all = bridge.traffic.map((t) => t.response).join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain('wJalrXUtnFEMI');
    expect(all).not.toMatch(/PRIVATE KEY/);
    expect(bridge.traffic.map((t) => t.channel)).toContain('cert.export');
  });

  it('the clipboard formats go with the text they were written with: a clear removes both', async () => {
    await call('clipboard.clear');
    expect(await testGet('clipboard')).toEqual({ text: '', formats: {} });
  });

  it('app.openExternal: main refuses a URL off the allow-list even when the preload let it through', async () => {
    // The bridge's HTTP call is what the preload sends once a gesture passed; main still checks the URL.
    for (const url of ['https://evil.example/', 'http://docs.aws.amazon.com/', 'file:///etc/passwd']) {
      const refused = await call<null>('app.openExternal', { url });
      expect(refused.ok, url).toBe(false);
      expect(refused.error).toMatchObject({
        code: 'INVALID_INPUT',
        facts: { field: 'url', reason: 'not-allowed' },
      });
    }
    expect(await testGet('opened')).toEqual([]);
    const docs = 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html';
    expect((await call('app.openExternal', { url: docs })).ok).toBe(true);
    expect(await testGet('opened')).toEqual([docs]);
  });

  it('expiry notices: after a certificate change through the registry, and when the page loads', async () => {
    const notices = async () =>
      ((await testGet('notifications')) as Array<{ title: string }>).map((n) => n.title);
    const ca = await call<{ id: string }>('ca.create', {
      name: 'Notice CA',
      subject: { commonName: 'Notice CA' },
      keyType: 'ec-p256',
      days: 3650,
    });
    const issued = await call('cert.issue', {
      ca: ca.value.id,
      name: 'notice-client',
      subject: { commonName: 'notice-client' },
      keyType: 'ec-p256',
      days: 20,
    });
    expect(issued.ok).toBe(true);
    await expect.poll(notices, { timeout: 10_000 }).toContain('“notice-client” expires in 20 days');
    expect(await notices()).not.toContain('“Notice CA” expires in 3650 days');

    // A certificate made by another process (the CLI) is seen when the window loads the renderer.
    const other = await createCore({
      dataDir: bridge.dataDir,
      secretStore: createSecretStore(bridge.dataDir, bridge.vaultEnv),
      env: { ...process.env, ...bridge.vaultEnv },
    });
    await other.issueCert({
      ca: ca.value.id,
      name: 'cli-client',
      subject: { commonName: 'cli-client' },
      keyType: 'ec-p256',
      days: 25,
      sans: [],
    });
    expect(await notices()).not.toContain('“cli-client” expires in 25 days');
    expect((await fetch(`${bridge.url}/`)).status).toBe(200);
    await expect.poll(notices, { timeout: 10_000 }).toContain('“cli-client” expires in 25 days');
    const all = await notices();
    expect(all.filter((n) => n === '“notice-client” expires in 20 days')).toHaveLength(1);
  });
});
