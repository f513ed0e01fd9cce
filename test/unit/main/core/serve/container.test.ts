// Issue 11 §1: the ECS container-credentials endpoint of `serve`, in process against the real core and the
// emulator: the document SDKs read, one CreateSession per profile under load, and every refusal.
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startCredentialServer } from '../../../../../main/core/serve/credential-server';
import { cliHint } from '../../../../../main/cli/error-words';
import type { AnchorageError } from '../../../../../shared/errors';
import { CLI_WORDS } from '../../../shared/error-facts';
import { coreWithAwsEachTest } from '../../../../support/core-harness';
import { secretsOf, send, serve } from './serve-harness';
import type { Reply } from './serve-harness';

const world = coreWithAwsEachTest(new Date('2026-03-02T10:00:00Z'));

describe('the container-credentials endpoint', () => {
  it('serves each profile at its URL, with its token, as the ECS document SDKs read', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    await aws.profile('prod');
    const s = await serve(t, ['dev', 'prod']);
    expect(s.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.server.endpoints.map((e) => e.url)).toEqual([
      `${s.server.url}/credentials/dev`,
      `${s.server.url}/credentials/prod`,
    ]);

    const dev = await s.fetch('dev');
    expect(dev.status).toBe(200);
    expect(dev.headers['content-type']).toBe('application/json');
    expect(dev.headers['cache-control']).toBe('no-store');
    expect(Object.keys(dev.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const doc = dev.json();
    expect(Object.keys(doc)).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    // Whole seconds, as ECS sends them; the same session the cache holds for credential-process.
    expect(doc.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const cached = await (await t.reopen()).session('dev');
    expect(cached).toMatchObject({ accessKeyId: doc.AccessKeyId, fromCache: true });
    expect(Date.parse(doc.Expiration)).toBe(Math.floor(Date.parse(cached.expiration) / 1000) * 1000);

    const prod = (await s.fetch('prod')).json();
    expect(prod.AccessKeyId).not.toBe(doc.AccessKeyId);
    // A profile's token opens only that profile.
    const crossed = await s.fetch('prod', { Authorization: await s.token('dev') });
    expect(crossed.status).toBe(403);
    expect(aws.emu.stats().createSession).toBe(2);
  });

  it('makes exactly one CreateSession per profile for 500 concurrent fetches across 3 profiles', async () => {
    const { t, aws } = world;
    const names = ['a', 'b', 'c'];
    for (const name of names) await aws.profile(name);
    const s = await serve(t, names);
    const replies = await Promise.all(Array.from({ length: 500 }, (_, i) => s.fetch(names[i % 3]!)));
    expect(replies.filter((r) => r.status !== 200)).toEqual([]);
    expect(aws.emu.stats().createSession).toBe(3);
    for (const [i, name] of names.entries()) {
      const keys = new Set(replies.filter((_, j) => j % 3 === i).map((r) => r.json().AccessKeyId));
      expect(keys.size, name).toBe(1);
    }
    expect(s.events.filter((e) => e.type === 'session')).toHaveLength(3);
  });

  it('refuses a missing or wrong token, a foreign Host, an Origin header, other methods and paths', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const s = await serve(t, ['dev']);
    const token = await s.token('dev');
    const url = s.server.endpoints[0]!.url;
    const port = s.server.port;
    const ok = await s.fetch('dev');
    expect(ok.status).toBe(200);

    const cases: [string, Promise<Reply>, number, string][] = [
      ['no token', send(url), 401, 'token-missing'],
      [
        'a wrong token',
        send(url, { headers: { Authorization: `${token.slice(0, -1)}x` } }),
        403,
        'token-wrong',
      ],
      ['a longer token', send(url, { headers: { Authorization: `${token}x` } }), 403, 'token-wrong'],
      ['a Bearer token', send(url, { headers: { Authorization: `Bearer ${token}` } }), 403, 'token-wrong'],
      // DNS rebinding: a page on attacker.example resolved to 127.0.0.1 sends its own name.
      [
        'a foreign Host',
        send(url, { headers: { Authorization: token }, host: `attacker.example:${port}` }),
        403,
        'host',
      ],
      [
        'another port',
        send(url, { headers: { Authorization: token }, host: `127.0.0.1:${port + 1}` }),
        403,
        'host',
      ],
      ['no Host', send(url, { headers: { Authorization: token }, host: null }), 400, 'host'],
      [
        'an Origin header',
        send(url, { headers: { Authorization: token, Origin: 'https://attacker.example' } }),
        403,
        'origin',
      ],
      ['Origin: null', send(url, { headers: { Authorization: token, Origin: 'null' } }), 403, 'origin'],
      [
        'a CORS preflight',
        send(url, { method: 'OPTIONS', headers: { Origin: 'https://x.example' } }),
        403,
        'origin',
      ],
      ['POST', send(url, { method: 'POST', headers: { Authorization: token } }), 405, 'method'],
      [
        'an unknown profile',
        send(`${s.server.url}/credentials/nope`, { headers: { Authorization: token } }),
        404,
        'not-found',
      ],
      ['another path', send(`${s.server.url}/latest/api/token`, { method: 'PUT' }), 404, 'not-found'],
    ];
    const replies: Reply[] = [ok];
    for (const [what, pending, status, reason] of cases) {
      const reply = await pending;
      replies.push(reply);
      expect(reply.status, what).toBe(status);
      const body = reply.json();
      expect(Object.keys(body), what).toEqual(['Code', 'Message']);
      expect(body.Message, what).not.toBe('');
      expect(
        Object.keys(reply.headers).filter((h) => h.startsWith('access-control-')),
        what,
      ).toEqual([]);
      expect(s.events.at(-1), what).toMatchObject({ type: 'refused', reason });
    }
    // `localhost` with the port is this server too.
    expect((await s.fetch('dev', { Host: `localhost:${port}` })).status).toBe(200);
    // No refusal carries a credential, and no event carries a secret or a token.
    const secrets = secretsOf(replies, [token]);
    for (const r of replies.slice(1)) for (const secret of secrets) expect(r.body).not.toContain(secret);
    const events = JSON.stringify(s.events);
    for (const secret of secrets) expect(events).not.toContain(secret);
  });

  it('keeps tokens in 0600 files in a 0700 directory of its port, and removes them when it stops', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    await aws.profile('ops');
    const s = await serve(t, ['dev', 'ops']);
    const [dev, ops] = s.server.endpoints;
    const dir = dirname(dev!.tokenFile);
    expect(dir).toBe(join(t.dataDir, 'serve', String(s.server.port)));
    expect(dev!.tokenFile).toBe(join(dir, 'dev.token'));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const e of [dev!, ops!]) expect((await stat(e.tokenFile)).mode & 0o777).toBe(0o600);
    const [a, b] = [await s.token('dev'), await s.token('ops')];
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url, no line break
    expect(b).not.toBe(a);
    await s.server.stop();
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(send(dev!.url, { headers: { Authorization: a } })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('starts with a clean token directory for its port, and a fresh token on every run', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const first = await serve(t, ['dev']);
    const port = first.server.port;
    const old = await first.token('dev');
    await first.server.stop();
    // What a crashed run would leave behind.
    await mkdir(join(t.dataDir, 'serve', String(port)), { recursive: true });
    await writeFile(join(t.dataDir, 'serve', String(port), 'gone.token'), 'stale');
    const second = await serve(t, ['dev'], { port });
    expect(second.server.port).toBe(port);
    expect(await second.token('dev')).not.toBe(old);
    await expect(stat(join(t.dataDir, 'serve', String(port), 'gone.token'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect((await send(second.server.endpoints[0]!.url, { headers: { Authorization: old } })).status).toBe(
      403,
    );
  });

  it('refuses an unknown profile before listening, and a port in use', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const base = { core: t.core, tokenRoot: join(t.dataDir, 'serve'), now: t.clock.now };
    await expect(startCredentialServer({ ...base, profiles: ['dev', 'nope'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(startCredentialServer({ ...base, profiles: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(startCredentialServer({ ...base, profiles: ['dev', 'dev'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(startCredentialServer({ ...base, profiles: ['dev'], imds: 'other' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const error = await startCredentialServer({ ...base, profiles: ['dev'], port }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'PORT_UNAVAILABLE', facts: { port, errno: 'EADDRINUSE' } });
      // Neutral in core; the CLI words it with its flag.
      const info = (error as AnchorageError).toInfo();
      expect(`${info.message} ${info.hint}`).not.toMatch(CLI_WORDS);
      expect(cliHint(info)).toContain('--port 0');
    } finally {
      taken.close();
    }
  });
});
