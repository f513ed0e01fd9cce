/**
 * Issue 3, "Concurrency": twenty `anchorage credential-process NAME` processes started at once on a cold
 * cache make exactly one CreateSession (a lock in the data directory; CreateSession's quota is 10/s), and all
 * twenty print the same credentials in valid `Version: 1` JSON. The emulator holds the one CreateSession
 * for a while, so the other nineteen really do arrive while it is in flight and must wait on the lock.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorld } from './aws-fixtures';
import type { World } from './aws-fixtures';

const N = 20;
const worlds: World[] = [];

afterAll(async () => {
  for (const w of worlds) {
    await w.close();
    expect(w.r.leaks()).toEqual([]);
  }
});

interface ProcessJson {
  Version: number;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

function parseProcessOutput(stdout: string): ProcessJson {
  const json = JSON.parse(stdout) as ProcessJson;
  expect(Object.keys(json).sort()).toEqual([
    'AccessKeyId',
    'Expiration',
    'SecretAccessKey',
    'SessionToken',
    'Version',
  ]);
  expect(json.Version).toBe(1);
  expect(json.AccessKeyId).toMatch(/^ASIA/);
  expect(Number.isNaN(Date.parse(json.Expiration))).toBe(false);
  return json;
}

describe.each(['file', 'keychain'] as const)('%s vault', (vault) => {
  it(`${N} concurrent credential-process calls on a cold cache make one CreateSession`, async () => {
    const w = await makeWorld({ vault });
    worlds.push(w);
    await w.profile('team');
    expect(w.emu.stats().createSession).toBe(0);

    // Hold the first (and only expected) CreateSession for 1.5 s: everyone else starts meanwhile.
    w.emu.inject({ delayMs: 1500, count: 1 });
    const results = await Promise.all(
      Array.from({ length: N }, () => w.r.run(['credential-process', 'team'])),
    );

    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const outputs = results.map((r) => parseProcessOutput(r.stdout));
    expect(new Set(outputs.map((o) => o.AccessKeyId)).size).toBe(1);
    expect(new Set(outputs.map((o) => o.SecretAccessKey)).size).toBe(1);
    expect(new Set(outputs.map((o) => o.SessionToken)).size).toBe(1);
    expect(w.emu.stats().createSession).toBe(1);
    expect(w.emu.issued().map((s) => s.accessKeyId)).toEqual([outputs[0]!.AccessKeyId]);

    // Warm: another burst reads the cache and sends nothing at all.
    const requests = w.emu.stats().requests;
    const warm = await Promise.all(Array.from({ length: N }, () => w.r.run(['credential-process', 'team'])));
    for (const r of warm) {
      expect(r.code).toBe(0);
      expect(parseProcessOutput(r.stdout).AccessKeyId).toBe(outputs[0]!.AccessKeyId);
    }
    expect(w.emu.stats().requests).toBe(requests);
  });
});

describe('concurrency across profiles', () => {
  it('two profiles in one data directory each get their own single session', async () => {
    const w = await makeWorld();
    worlds.push(w);
    await w.profile('one');
    await w.profile('two');
    w.emu.inject({ delayMs: 800, count: 2 });
    const names = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'one' : 'two'));
    const results = await Promise.all(names.map((n) => w.r.run(['credential-process', n])));
    const byName = new Map<string, Set<string>>();
    results.forEach((r, i) => {
      expect(r.code).toBe(0);
      const key = parseProcessOutput(r.stdout).AccessKeyId;
      byName.set(names[i]!, (byName.get(names[i]!) ?? new Set()).add(key));
    });
    expect(byName.get('one')?.size).toBe(1);
    expect(byName.get('two')?.size).toBe(1);
    expect([...byName.get('one')!][0]).not.toBe([...byName.get('two')!][0]);
    expect(w.emu.stats().createSession).toBe(2);
  });
});

describe('revocation across processes (issue 7 §4)', () => {
  it('credential-process on a warm keychain cache refuses once the certificate is revoked, with no request', async () => {
    const w = await makeWorld({ vault: 'keychain' });
    worlds.push(w);
    await w.profile('warm');
    parseProcessOutput((await w.r.ok(['credential-process', 'warm'])) as string);
    parseProcessOutput((await w.r.ok(['credential-process', 'warm'])) as string); // the warm path
    expect(w.emu.stats().createSession).toBe(1);

    await w.r.ok(['revoke', 'warm-client']);
    const refused = await w.r.fails(['credential-process', 'warm']);
    expect(refused).toMatch(/^error: The certificate "warm-client" was revoked on \S+\. \(hint: /);
    expect(w.emu.stats().createSession).toBe(1);
  });
});
