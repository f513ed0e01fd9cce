// Issue 11 §1: what `serve` holds and when it lets go. It shares the session cache with credential-process
// (other processes: `t.reopen()`), renews before expiry without a failed request (the core harness clock), and
// turns a revoke, a profile change or an expired certificate into an answer at once.
import { describe, expect, it } from 'vitest';
import { coreWithAwsEachTest } from '../../../../support/core-harness';
import { serve } from './serve-harness';
import type { Served } from './serve-harness';

const world = coreWithAwsEachTest(new Date('2026-03-02T10:00:00Z'));

/** Fetch `n` times at once; every answer must be 200 with credentials valid on the test clock. */
async function allServed(s: Served, profile: string, n: number): Promise<Set<string>> {
  const replies = await Promise.all(Array.from({ length: n }, () => s.fetch(profile)));
  const now = world.t.clock.now().getTime();
  for (const r of replies) {
    expect(r.status, r.body).toBe(200);
    expect(Date.parse(r.json().Expiration)).toBeGreaterThan(now);
  }
  return new Set(replies.map((r) => r.json().AccessKeyId));
}

describe('serve keeps sessions', () => {
  it('shares the cache with other processes: serves what they made, and picks up what they renew', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const other = await t.reopen();
    const made = await other.session('dev');
    const s = await serve(t, ['dev']);
    expect((await s.fetch('dev')).json().AccessKeyId).toBe(made.accessKeyId);
    expect(aws.emu.stats().createSession).toBe(1);
    expect(s.events).toEqual([
      { type: 'session', profile: 'dev', expiration: made.expiration, fromCache: true },
    ]);

    const renewed = await other.session('dev', { noCache: true });
    expect(renewed.accessKeyId).not.toBe(made.accessKeyId);
    expect((await s.fetch('dev')).json().AccessKeyId).toBe(renewed.accessKeyId);
    // And what serve made, credential_process finds in the cache.
    expect(aws.emu.stats().createSession).toBe(2);
    expect(await other.session('dev')).toMatchObject({ accessKeyId: renewed.accessKeyId, fromCache: true });
  });

  it('renews in the background inside the refresh margin, and serves the valid session meanwhile', async () => {
    const { t, aws } = world;
    await aws.profile('dev', { durationSeconds: 900 }); // margin: min(15 min, half the session) = 450 s
    const s = await serve(t, ['dev']);
    await s.server.warm();
    const first = (await s.fetch('dev')).json();
    t.clock.set(new Date(Date.parse(first.Expiration) - 400_000));
    // Inside the margin: the answer does not wait for CreateSession, it is the session held.
    expect((await s.fetch('dev')).json().AccessKeyId).toBe(first.AccessKeyId);
    await s.server.idle();
    const second = (await s.fetch('dev')).json();
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(Date.parse(second.Expiration) - t.clock.now().getTime()).toBe(900_000);
    expect(aws.emu.stats().createSession).toBe(2);
  });

  it('renews a session that expires while serving, with no failed request', async () => {
    const { t, aws } = world;
    await aws.profile('dev', { durationSeconds: 900 });
    const s = await serve(t, ['dev']);
    const seen = new Set<string>();
    // 50 minutes in steps of a minute, 10 requests at once in each: about seven sessions come and go.
    for (let minute = 0; minute < 50; minute++) {
      for (const key of await allServed(s, 'dev', 10)) seen.add(key);
      await s.server.idle();
      t.clock.advance(60_000);
    }
    expect(seen.size).toBeGreaterThanOrEqual(6);
    expect(aws.emu.stats().createSession).toBe(seen.size);
    // A machine that slept past the expiry (no timer ran): the first requests wait for one CreateSession.
    t.clock.advance(30 * 60_000);
    const after = await allServed(s, 'dev', 50);
    expect(after.size).toBe(1);
    expect(seen.has([...after][0]!)).toBe(false);
    expect(aws.emu.stats().createSession).toBe(seen.size + 1);
    expect(s.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('keeps serving a valid session while a background renewal fails, reports it once, and retries', async () => {
    const { t, aws } = world;
    await aws.profile('dev', { durationSeconds: 900 });
    const s = await serve(t, ['dev']);
    const first = (await s.fetch('dev')).json();
    aws.emu.inject({ status: 403, errorType: 'AccessDeniedException' });
    t.clock.set(new Date(Date.parse(first.Expiration) - 400_000));
    expect((await s.fetch('dev')).json().AccessKeyId).toBe(first.AccessKeyId);
    await s.server.idle();
    const errors = () => s.events.filter((e) => e.type === 'error');
    expect(errors()).toMatchObject([{ profile: 'dev', error: { code: 'AWS_ACCESS_DENIED' } }]);
    expect((await s.fetch('dev')).status).toBe(200);
    // After the back-off, the next request (or the timer) tries again, and succeeds.
    t.clock.advance(5_000);
    await s.fetch('dev');
    await s.server.idle();
    expect((await s.fetch('dev')).json().AccessKeyId).not.toBe(first.AccessKeyId);
    expect(errors()).toHaveLength(1);
  });

  it('turns the endpoint into REVOKED at once when another process revokes the certificate', async () => {
    const { t, aws } = world;
    const cert = await aws.profile('dev');
    const s = await serve(t, ['dev']);
    expect((await s.fetch('dev')).status).toBe(200);
    await (await t.reopen()).revokeCertificate(cert);
    for (let i = 0; i < 2; i++) {
      const reply = await s.fetch('dev');
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({ Code: 'REVOKED', Message: expect.stringContaining('revoked') });
      expect(reply.body).not.toContain('AccessKeyId');
    }
    // Reported once, not on every request; the revoked certificate never reached AWS again.
    expect(s.events.filter((e) => e.type === 'error')).toMatchObject([{ error: { code: 'REVOKED' } }]);
    expect(aws.emu.stats().createSession).toBe(1);
    await expect(s.server.warm()).rejects.toMatchObject({ code: 'REVOKED' });
  });

  it('never serves the old role after another process changes the profile', async () => {
    const { t, aws } = world;
    await aws.profile('dev');
    const s = await serve(t, ['dev']);
    const before = (await s.fetch('dev')).json();
    await (await t.reopen()).setProfile('dev', { durationSeconds: 1800 });
    const after = (await s.fetch('dev')).json();
    expect(after.AccessKeyId).not.toBe(before.AccessKeyId);
    expect(Date.parse(after.Expiration) - t.clock.now().getTime()).toBe(1_800_000);
    const removedElsewhere = await t.reopen();
    await removedElsewhere.removeProfile('dev');
    expect((await s.fetch('dev')).json()).toMatchObject({ Code: 'NOT_FOUND' });
  });

  it('ends a session with its certificate, then answers CERT_EXPIRED', async () => {
    const { t, aws } = world;
    const cert = await aws.profile('dev', { days: 1 });
    const notAfter = Date.parse((await t.core.getCertificate(cert)).notAfter);
    const s = await serve(t, ['dev']);
    expect((await s.fetch('dev')).status).toBe(200);
    t.clock.set(new Date(notAfter - 30 * 60_000));
    const last = (await s.fetch('dev')).json();
    expect(Date.parse(last.Expiration)).toBe(Math.floor(notAfter / 1000) * 1000);
    t.clock.set(new Date(notAfter + 1000));
    const reply = await s.fetch('dev');
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({ Code: 'CERT_EXPIRED' });
  });
});
