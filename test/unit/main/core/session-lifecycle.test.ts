// Issue 7 §4 and §6, in process against the emulator: revocation and certificate expiry end cached sessions at
// once, and the refresh margin is botocore's 15-minute window, capped at half the session.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REFRESH_MARGIN_SECONDS } from '../../../../shared/domain/defaults';
import { recordId } from '../../../../main/core/aws/session-cache';
import { Vault } from '../../../../main/core/vault/vault';
import { createSecretStore } from '../../../../main/core/vault/select-store';
import { TEST_ENV, coreWithAwsEachTest } from '../../../support/core-harness';

const START = new Date('2026-12-01T08:00:00Z');
const world = coreWithAwsEachTest(START);

const creates = () => world.aws.emu.stats().createSession;

describe('revocation ends cached sessions', () => {
  it('every profile of the revoked certificate is refused at once, with no request; others keep their cache', async () => {
    const cert = await world.aws.profile('dev');
    await world.aws.profile('ops', { cert });
    await world.aws.profile('other');
    for (const name of ['dev', 'ops', 'other']) await world.t.core.session(name);
    expect(creates()).toBe(3);

    await world.t.core.revokeCertificate(cert);
    const vault = new Vault(world.t.dataDir, createSecretStore(world.t.dataDir, TEST_ENV));
    // The cached records are gone, so credential_process's warm path (which reads only them) has nothing to serve.
    expect(await vault.has(recordId('dev'))).toBe(false);
    expect(await vault.has(recordId('ops'))).toBe(false);
    for (const name of ['dev', 'ops']) {
      await expect(world.t.core.session(name)).rejects.toMatchObject({ code: 'REVOKED' });
      await expect(world.t.core.formatSession(name, 'process')).rejects.toMatchObject({ code: 'REVOKED' });
    }
    // Another process (the app, a credential_process) sees the same.
    await expect((await world.t.reopen()).session('dev')).rejects.toMatchObject({ code: 'REVOKED' });
    expect((await world.t.core.session('other')).fromCache).toBe(true);
    expect(creates()).toBe(3);
  });
});

describe('certificate expiry ends cached sessions', () => {
  it('caps the expiration at the certificate’s notAfter, serves it until then, and refuses after', async () => {
    await world.aws.profile('short', { days: 1 });
    const notAfter = new Date((await world.t.core.getCertificate('short-cert')).notAfter);
    world.t.clock.set(new Date(notAfter.getTime() - 30 * 60_000));

    const first = await world.t.core.session('short');
    expect(first.expiration).toBe(notAfter.toISOString());
    // 10 minutes before the end, inside the 15-minute margin: a refresh could not extend it, so it is served.
    world.t.clock.set(new Date(notAfter.getTime() - 10 * 60_000));
    expect(await world.t.core.session('short')).toMatchObject({
      fromCache: true,
      expiration: first.expiration,
    });
    expect(creates()).toBe(1);

    world.t.clock.set(new Date(notAfter.getTime() + 1000));
    await expect(world.t.core.session('short')).rejects.toMatchObject({ code: 'CERT_EXPIRED' });
    await expect(world.t.core.formatSession('short', 'process')).rejects.toMatchObject({
      code: 'CERT_EXPIRED',
    });
    expect(creates()).toBe(1);
  });

  it('leaves the expiration alone when the certificate outlives the session', async () => {
    await world.aws.profile('long', { days: 30 });
    const s = await world.t.core.session('long');
    expect(Date.parse(s.expiration) - START.getTime()).toBe(3600_000);
  });
});

describe('refresh margin', () => {
  it('defaults to botocore’s 15-minute advisory window', () => {
    expect(DEFAULT_REFRESH_MARGIN_SECONDS).toBe(900);
  });

  it('refreshes a one-hour session once fewer than 15 minutes remain', async () => {
    await world.aws.profile('hour');
    await world.t.core.session('hour');
    world.t.clock.advance((3600 - 901) * 1000);
    expect((await world.t.core.session('hour')).fromCache).toBe(true);
    world.t.clock.advance(2000);
    expect((await world.t.core.session('hour')).fromCache).toBe(false);
    expect(creates()).toBe(2);
  });

  it('caps the margin at half a 15-minute session, so a fresh session is served from cache', async () => {
    await world.aws.profile('quarter', { durationSeconds: 900 });
    await world.t.core.session('quarter');
    world.t.clock.advance(440_000); // 460 s left: more than half of 900
    expect((await world.t.core.session('quarter')).fromCache).toBe(true);
    world.t.clock.advance(20_000); // 440 s left
    expect((await world.t.core.session('quarter')).fromCache).toBe(false);
    expect(creates()).toBe(2);
  });
});
