// Issue 11 §3: `profile list` tells a profile's session state from the state file beside its cached record
// (main/core/aws/session-cache.ts `times`), without the vault key, and only when that file names the record's
// bytes as they are: it must give exactly what decrypting the record gives, whatever happened in between.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionCache, recordId } from '../../../../main/core/aws/session-cache';
import { createCore } from '../../../../main/core/services';
import type { SecretStore } from '../../../../main/core/vault/secret-store';
import { createSecretStore } from '../../../../main/core/vault/select-store';
import { Vault } from '../../../../main/core/vault/vault';
import type { ProfileSessionState } from '../../../../shared/schemas/models';
import { TEST_ENV, coreWithAwsEachTest } from '../../../support/core-harness';

const START = new Date('2026-12-01T08:00:00Z');
const world = coreWithAwsEachTest(START);

const sessionsDir = () => join(world.t.dataDir, 'sessions');
const stateFile = (profile: string) => join(sessionsDir(), `${recordId(profile)}.json`);

/** `profile list`'s session states as a new process sees them, and how many times it read the vault key. */
async function overview(): Promise<{ states: Record<string, ProfileSessionState>; keyReads: number }> {
  const inner = createSecretStore(world.t.dataDir, TEST_ENV);
  let keyReads = 0;
  const store: SecretStore = {
    kind: inner.kind,
    get: (account) => ((keyReads += 1), inner.get(account)),
    set: (account, value) => inner.set(account, value),
    delete: (account) => inner.delete(account),
    status: () => inner.status(),
  };
  const core = await createCore({
    dataDir: world.t.dataDir,
    clock: world.t.clock.now,
    env: TEST_ENV,
    secretStore: store,
  });
  const list = await core.profileOverview();
  return { states: Object.fromEntries(list.map((p) => [p.name, p.session])), keyReads };
}

/**
 * The states from the state files, then from decrypting every record (the state files moved aside): they must
 * agree. `fast.keyReads` is 0 when every state file was believed.
 */
async function bothPaths() {
  const fast = await overview();
  const aside = join(world.t.dataDir, 'sessions-aside');
  const had = existsSync(sessionsDir());
  if (had) renameSync(sessionsDir(), aside);
  const slow = await overview();
  if (had) renameSync(aside, sessionsDir());
  expect(fast.states).toEqual(slow.states);
  return { states: fast.states, fastKeyReads: fast.keyReads, slowKeyReads: slow.keyReads };
}

describe('the state file gives what decrypting gives', () => {
  it('none, cached, expired, renewed, a changed certificate, a revoke: with no vault key read', async () => {
    await world.aws.profile('a');
    await world.aws.profile('b');
    expect(await bothPaths()).toEqual({
      states: { a: { state: 'none' }, b: { state: 'none' } },
      fastKeyReads: 0,
      slowKeyReads: 0, // no record at all: nothing to decrypt
    });

    const first = await world.t.core.session('a');
    const cached = { state: 'cached', expiresAt: first.expiration };
    expect(await bothPaths()).toMatchObject({ states: { a: cached, b: { state: 'none' } }, fastKeyReads: 0 });
    expect((await bothPaths()).slowKeyReads).toBeGreaterThan(0);

    // The last millisecond, then the expiry itself (nothing left: expired).
    world.t.clock.set(new Date(Date.parse(first.expiration) - 1));
    expect(await bothPaths()).toMatchObject({ states: { a: cached }, fastKeyReads: 0 });
    world.t.clock.set(new Date(first.expiration));
    expect(await bothPaths()).toMatchObject({
      states: { a: { state: 'expired', expiredAt: first.expiration } },
      fastKeyReads: 0,
    });

    const renewed = await world.t.core.session('a');
    expect(renewed.fromCache).toBe(false);
    expect(renewed.expiration).not.toBe(first.expiration);
    expect(await bothPaths()).toMatchObject({
      states: { a: { state: 'cached', expiresAt: renewed.expiration } },
      fastKeyReads: 0,
    });

    // Another certificate: the session is forgotten, state file and all.
    const other = await world.t.core.issueCert({
      ca: 'root',
      name: 'a-cert-2',
      subject: { commonName: 'a-client-2' },
      keyType: 'ec-p256',
      days: 365,
    });
    await world.t.core.setProfile('a', { certificate: other.id });
    expect(existsSync(stateFile('a'))).toBe(false);
    expect(await bothPaths()).toMatchObject({ states: { a: { state: 'none' } }, fastKeyReads: 0 });

    const b = await world.t.core.session('b');
    expect(await bothPaths()).toMatchObject({
      states: { b: { state: 'cached', expiresAt: b.expiration } },
      fastKeyReads: 0,
    });
    await world.t.core.revokeCertificate('b-cert');
    expect(await bothPaths()).toMatchObject({ states: { b: { state: 'none' } }, fastKeyReads: 0 });
  });

  it("a record of another fingerprint is none; AWS's clock offset decides expired, as when decrypting", async () => {
    await world.aws.profile('p');
    const s = await world.t.core.session('p');
    const vault = new Vault(world.t.dataDir, createSecretStore(world.t.dataDir, TEST_ENV));
    const cache = new SessionCache(world.t.dataDir, vault, world.t.clock.now);
    const credentials = { ...s, roleArn: s.roleArn };

    await cache.put('p', credentials, 'made-for-another-profile');
    expect(await bothPaths()).toMatchObject({ states: { p: { state: 'none' } }, fastKeyReads: 0 });
    await cache.put('p', credentials); // no fingerprint at all (never served to a profile that has one)
    expect(await bothPaths()).toMatchObject({ states: { p: { state: 'none' } }, fastKeyReads: 0 });

    // Locally an hour left, but AWS's clock is two hours ahead: expired.
    const fingerprint = JSON.parse(readFileSync(stateFile('p'), 'utf8')) as { fingerprint?: string };
    expect(fingerprint.fingerprint).toBeUndefined();
    await world.t.core.session('p', { noCache: true });
    const stamped = JSON.parse(readFileSync(stateFile('p'), 'utf8')) as { fingerprint: string };
    await cache.put('p', { ...credentials, clockOffsetMs: 2 * 3600_000 }, stamped.fingerprint);
    expect(await bothPaths()).toMatchObject({
      states: { p: { state: 'expired', expiredAt: s.expiration } },
      fastKeyReads: 0,
    });
  });
});

describe('a state file that does not describe the record is not believed', () => {
  it('stale (a crash between the two writes, another writer in between), torn, damaged or missing: the record decides', async () => {
    await world.aws.profile('a');
    await world.t.core.session('a');
    const stale = readFileSync(stateFile('a'));
    world.t.clock.advance(60_000); // so that the renewed session ends later than the first
    const renewed = await world.t.core.session('a', { noCache: true });
    const current = readFileSync(stateFile('a'));
    const want = { a: { state: 'cached', expiresAt: renewed.expiration } };
    const variants: [string, string | Buffer][] = [
      ['the previous record’s', stale],
      ['torn', current.subarray(0, current.length >> 1)],
      ['not JSON', 'garbage'],
      ['another version', current.toString().replace('"v":1', '"v":2')],
      ['another record hash', current.toString().replace(/"record":"[0-9a-f]/, '"record":"x')],
    ];
    for (const [name, bytes] of variants) {
      writeFileSync(stateFile('a'), bytes);
      const seen = await overview();
      expect({ name, states: seen.states }).toEqual({ name, states: want });
      expect({ name, decrypted: seen.keyReads > 0 }).toEqual({ name, decrypted: true });
    }
    writeFileSync(stateFile('a'), current);
    expect(await overview()).toEqual({ states: want, keyReads: 0 });
    renameSync(stateFile('a'), `${stateFile('a')}.gone`);
    expect(await overview()).toMatchObject({ states: want });
    renameSync(`${stateFile('a')}.gone`, stateFile('a'));
    expect(await overview()).toEqual({ states: want, keyReads: 0 });

    // A crash inside a clear, between removing the record and its state file: no record, so none.
    const vault = new Vault(world.t.dataDir, createSecretStore(world.t.dataDir, TEST_ENV));
    await vault.delete(recordId('a'));
    expect(existsSync(stateFile('a'))).toBe(true);
    expect(await overview()).toEqual({ states: { a: { state: 'none' } }, keyReads: 0 });
  });
});
