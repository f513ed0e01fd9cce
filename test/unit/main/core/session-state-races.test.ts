// Issue 11 §3: a session's state file (main/core/aws/session-cache.ts `times`) never disagrees with its
// encrypted record: over random histories, with two processes writing at once while this one reads, and
// with a writer killed in the middle of its writes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCache, recordId } from '../../../../main/core/aws/session-cache';
import type { SessionTimes, SessionVault } from '../../../../main/core/aws/session-cache';
import type { CachedSession } from '../../../../shared/credentials';
import { createSecretStore } from '../../../../main/core/vault/select-store';
import { Vault } from '../../../../main/core/vault/vault';
import { TEST_ENV } from '../../../support/core-harness';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const ROOT = process.cwd();

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'anchorage-session-state-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const open = () => new Vault(dataDir, createSecretStore(dataDir, TEST_ENV));
const statePath = (profile: string) => join(dataDir, 'sessions', `${recordId(profile)}.json`);

function credentials(expiresInS: number, clockOffsetMs?: number, accessKeyId = 'ASIAEXAMPLE'): CachedSession {
  return {
    accessKeyId,
    secretAccessKey: 'example-secret-not-real',
    sessionToken: 'example-token-not-real',
    expiration: new Date(NOW + expiresInS * 1000).toISOString(),
    roleArn: 'arn:aws:iam::123456789012:role/example',
    ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }),
  };
}

/** What decrypting gives: `peek`'s credentials, cut to the times `times` returns. */
async function decrypted(cache: SessionCache, profile: string, fingerprint?: string) {
  const c = await cache.peek(profile, fingerprint);
  if (!c) return undefined;
  const times: SessionTimes = { expiration: c.expiration };
  if (c.clockOffsetMs !== undefined) times.clockOffsetMs = c.clockOffsetMs;
  return times;
}

/** A small deterministic generator (mulberry32), so that a failing history can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('over random histories', () => {
  it('puts, clears, record-only writes, lost, torn and swapped state files: times equals what decrypting gives', async () => {
    const vault = open();
    const cache = new SessionCache(dataDir, vault, () => new Date(NOW));
    // The same cache, counting decryptions: a `times` that makes none answered from the state file.
    let decryptions = 0;
    const counted: SessionVault = {
      get: (id) => ((decryptions += 1), vault.get(id)),
      put: (id, bytes) => vault.put(id, bytes),
      sealed: (id) => vault.sealed(id),
      delete: (id) => vault.delete(id),
    };
    const fast = new SessionCache(dataDir, counted, () => new Date(NOW));
    const next = random(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const fingerprints = ['fp-a', 'fp-b', undefined] as const;
    const profiles = ['one', 'two'] as const;
    let fromState = 0;
    let fromRecord = 0;
    for (let step = 0; step < 300; step++) {
      const profile = pick(profiles);
      const op = pick([
        'put',
        'put',
        'put',
        'invalid',
        'clear',
        'record-only',
        'lose',
        'tear',
        'swap',
      ] as const);
      const c = credentials(Math.round((next() - 0.3) * 7200), pick([undefined, 0, 3600_000, -3600_000]));
      if (op === 'put') await cache.put(profile, c, pick(fingerprints));
      // A record that reads as a miss (an empty key id): no state file is written for it.
      if (op === 'invalid') await cache.put(profile, { ...c, accessKeyId: '' }, pick(fingerprints));
      if (op === 'clear') await cache.clear(profile);
      // A crash between the record and its state file: the record is new, the state file the old one.
      if (op === 'record-only') {
        await vault.put(
          recordId(profile),
          new TextEncoder().encode(JSON.stringify({ v: 1, credentials: c })),
        );
      }
      if (op === 'lose') rmSync(statePath(profile), { force: true });
      if (op === 'tear') {
        try {
          truncateSync(statePath(profile), 20);
        } catch {
          // no state file to tear
        }
      }
      // Another profile's state file over this one's: its hash names the other record.
      if (op === 'swap') {
        const other = profiles.find((p) => p !== profile)!;
        try {
          writeFileSync(statePath(profile), readFileSync(statePath(other)));
        } catch {
          // the other has none
        }
      }
      for (const p of profiles) {
        for (const fingerprint of fingerprints) {
          const want = await decrypted(cache, p, fingerprint);
          const before = decryptions;
          const times = await fast.times(p, fingerprint);
          if (decryptions === before) fromState++;
          else fromRecord++;
          expect({ step, op, p, fingerprint, times }).toEqual({
            step,
            op,
            p,
            fingerprint,
            times: want,
          });
        }
      }
    }
    // Both paths were taken, many times each (so that the comparison above is not of one path with itself).
    expect(fromState).toBeGreaterThan(300);
    expect(fromRecord).toBeGreaterThan(300);
  });
});

/** A process that stores `count` sessions for `profile` (no lock: the noCache path), printing each index. */
function writer(count: number, tag: string): ChildProcess {
  const script = join(dataDir, `writer-${tag}.mts`);
  writeFileSync(
    script,
    `
import { SessionCache } from ${JSON.stringify(resolve(ROOT, 'main/core/aws/session-cache.ts'))};
import { createSecretStore } from ${JSON.stringify(resolve(ROOT, 'main/core/vault/select-store.ts'))};
import { Vault } from ${JSON.stringify(resolve(ROOT, 'main/core/vault/vault.ts'))};
const dataDir = process.env.TEST_DATA_DIR!;
const cache = new SessionCache(dataDir, new Vault(dataDir, createSecretStore(dataDir, process.env)));
for (let i = 0; i < ${count}; i++) {
  await cache.put('race', {
    accessKeyId: 'ASIA${tag.toUpperCase()}' + i, secretAccessKey: 'example-secret-not-real',
    sessionToken: 'example-token-not-real', roleArn: 'arn:aws:iam::123456789012:role/example',
    expiration: new Date(${NOW} + (${tag === 'a' ? 0 : 100_000} + i) * 1000).toISOString(),
  }, 'fp-${tag}');
  process.stdout.write(i + '\\n');
}
`,
  );
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...TEST_ENV, TEST_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, err })));
}

describe('across processes', () => {
  it('two writers at once, this process reading: whenever the record stayed the same, times agreed with it', async () => {
    const vault = open();
    const cache = new SessionCache(dataDir, vault, () => new Date(NOW));
    await cache.put('race', credentials(60), 'fp-0'); // the vault key, made before the writers race
    const children = [writer(150, 'a'), writer(150, 'b')];
    const ends = Promise.all(children.map(exited));
    let running = true;
    void ends.then(() => (running = false));
    let compared = 0;
    while (running) {
      const before = await vault.sealed(recordId('race'));
      const times = await cache.times('race');
      const want = await decrypted(cache, 'race');
      const after = await vault.sealed(recordId('race'));
      if (before && after && Buffer.from(before).equals(Buffer.from(after))) {
        expect(times).toEqual(want);
        compared++;
      }
    }
    for (const end of await ends) expect(end, end.err).toMatchObject({ code: 0 });
    expect(compared).toBeGreaterThan(0);
    // Whichever writer's record and whichever's state file won: the answer is the record's.
    expect(await cache.times('race')).toEqual(await decrypted(cache, 'race'));
    expect(await cache.times('race', 'fp-a')).toEqual(await decrypted(cache, 'race', 'fp-a'));
    expect(await cache.times('race', 'fp-b')).toEqual(await decrypted(cache, 'race', 'fp-b'));
  }, 120_000);

  it('a writer killed in the middle of its writes leaves nothing that times believes wrongly', async () => {
    const vault = open();
    const cache = new SessionCache(dataDir, vault, () => new Date(NOW));
    await cache.put('race', credentials(60), 'fp-0');
    for (const [round, killAfter] of [3, 7, 12, 20, 31].entries()) {
      const child = writer(1000, round % 2 === 0 ? 'a' : 'b');
      const end = exited(child);
      // Killed as its `killAfter`th put is reported: the next one is somewhere between its two writes.
      for await (const line of createInterface({ input: child.stdout! })) {
        if (Number(line) >= killAfter) {
          child.kill('SIGKILL');
          break;
        }
      }
      expect(await end).toMatchObject({ signal: 'SIGKILL' });
      for (const fingerprint of ['fp-a', 'fp-b', undefined]) {
        expect({ round, times: await cache.times('race', fingerprint) }).toEqual({
          round,
          times: await decrypted(cache, 'race', fingerprint),
        });
      }
    }
    // The next put removes the temp files that the killed writers may have left.
    await cache.put('race', credentials(60), 'fp-0');
    expect(readdirSync(join(dataDir, 'sessions')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await cache.times('race', 'fp-0')).toEqual({ expiration: credentials(60).expiration });
  }, 120_000);
});
