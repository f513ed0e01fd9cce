// Issue 11 §1 "in the app": the registry's serve.* channels start a per-profile credentials endpoint in the
// main process (the CLI's server), tell the renderer where it is and what to paste, never the token, and stop it.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DesktopNotice, Platform } from '../../../main/ipc';
import { createRegistry } from '../../../main/ipc';
import { coreWithAwsEachTest } from '../../support/core-harness';

const world = coreWithAwsEachTest(new Date());

function platform(): Platform {
  const notices: DesktopNotice[] = [];
  return {
    clipboard: { writeText: () => {}, readText: () => '', clear: () => {} },
    chooseSavePath: async () => undefined,
    cliCommand: () => ['anchorage'],
    notify: (n) => notices.push(n),
    openExternal: () => {},
  };
}

async function fetchCredentials(url: string, token: string) {
  const response = await fetch(url, { headers: { authorization: token } });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('serve to local tools (registry)', () => {
  it('serves a profile while switched on: the URL and the token file, never the token', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const registry = createRegistry(t.core, platform(), { serveRoot: join(t.dataDir, 'serve') });
    const { handlers } = registry;
    expect(await handlers['serve.list'](undefined)).toEqual({ ok: true, value: [] });

    // Two quick clicks start one server.
    const [first, second] = await Promise.all([
      handlers['serve.start']({ profile: 'dev' }),
      handlers['serve.start']({ profile: 'dev' }),
    ]);
    if (!first.ok || !second.ok) throw new Error(JSON.stringify([first, second]));
    expect(second.value).toEqual(first.value);
    const endpoint = first.value;
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials\/dev$/);
    expect(endpoint.tokenFile.startsWith(join(t.dataDir, 'serve'))).toBe(true);
    expect((await stat(endpoint.tokenFile)).mode & 0o777).toBe(0o600);
    const token = await readFile(endpoint.tokenFile, 'utf8');
    expect(token.length).toBeGreaterThanOrEqual(32);
    // What the renderer gets names the file; the token itself never crosses.
    expect(JSON.stringify(first)).not.toContain(token);
    expect(endpoint.lines).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${endpoint.url}'`);
    expect(await handlers['serve.list'](undefined)).toEqual({ ok: true, value: [endpoint] });

    const served = await fetchCredentials(endpoint.url, token);
    expect(served.status).toBe(200);
    expect(served.body.AccessKeyId).toMatch(/^ASIA/);
    expect((await fetchCredentials(endpoint.url, 'not-the-token')).status).toBe(403);

    expect(await handlers['serve.stop']({ profile: 'dev' })).toEqual({ ok: true, value: null });
    await expect(stat(endpoint.tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fetch(endpoint.url, { headers: { authorization: token } })).rejects.toThrow();
    expect(await handlers['serve.list'](undefined)).toEqual({ ok: true, value: [] });
    registry.dispose();
  });

  it('a profile that cannot get credentials is refused at the switch, with nothing left listening', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const registry = createRegistry(t.core, platform(), { serveRoot: join(t.dataDir, 'serve') });
    const missing = await registry.handlers['serve.start']({ profile: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    aws.emu.inject({ status: 403, count: 10 });
    const refused = await registry.handlers['serve.start']({ profile: 'dev' });
    expect(refused.ok).toBe(false);
    expect(await registry.handlers['serve.list'](undefined)).toEqual({ ok: true, value: [] });
    registry.dispose();
  });

  it('stopping everything (the app quits) removes every token file', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    await aws.profile('prod');
    const registry = createRegistry(t.core, platform(), { serveRoot: join(t.dataDir, 'serve') });
    const files: string[] = [];
    for (const profile of ['dev', 'prod']) {
      const r = await registry.handlers['serve.start']({ profile });
      if (!r.ok) throw new Error(r.error.message);
      files.push(r.value.tokenFile);
    }
    registry.dispose();
    for (const file of files) {
      await expect
        .poll(() =>
          stat(file).then(
            () => 'there',
            () => 'gone',
          ),
        )
        .toBe('gone');
    }
  });
});
