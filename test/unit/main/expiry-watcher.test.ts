import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimerPort } from '../../../main/clipboard';
import {
  EXPIRY_CHECK_INTERVAL_MS,
  createExpiryWatcher,
  daysLeft,
  expiryNotice,
} from '../../../main/expiry-watcher';
import type { ExpiryWatcher } from '../../../main/expiry-watcher';
import type { DesktopNotice } from '../../../main/ipc';
import { createCa, issueCert, testCore } from '../../support/core-harness';
import type { TestCore } from '../../support/core-harness';

/**
 * Expiry notices (issue 10 §4) over the REAL core: its inventory decides what is revoked or superseded, and its
 * ui-state.json remembers what was raised, across watcher instances (a restart) and processes. The clock is the
 * core's, moved by the test; the watcher's timers fire when the test says.
 */

const START = new Date('2031-01-10T09:00:00Z');
const DAY = 86_400_000;

let t: TestCore | undefined;
const watchers: ExpiryWatcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.dispose()));
  await t?.cleanup();
  t = undefined;
});

function manualTimers(test: TestCore) {
  let pending: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const port: TimerPort = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.push({ at: test.clock.now().getTime() + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      pending = pending.filter((p) => p.id !== id);
    },
    now: () => test.clock.now(),
  };
  const advance = (ms: number) => {
    test.clock.advance(ms);
    const now = test.clock.now().getTime();
    const due = pending.filter((p) => p.at <= now);
    pending = pending.filter((p) => p.at > now);
    due.forEach((p) => p.fn());
  };
  return { port, advance, pending: () => pending.length };
}

/** A watcher over `core` (default: the test's) that records its notices. */
function watch(test: TestCore, core = test.core, errors: unknown[] = []) {
  const timers = manualTimers(test);
  const notices: DesktopNotice[] = [];
  const watcher = createExpiryWatcher({
    core,
    notify: (n) => notices.push(n),
    timers: timers.port,
    onError: (e) => errors.push(e),
  });
  watchers.push(watcher);
  return { watcher, notices, timers, errors };
}

const titles = (notices: DesktopNotice[]) => notices.map((n) => n.title);

describe('expiry watcher', () => {
  it('raises the 30-day notice once, then the 7-day notice once, for a client certificate', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    await t.core.issueCert({
      ca: ca.id,
      name: 'workload',
      subject: { commonName: 'workload' },
      keyType: 'ec-p256',
      days: 40,
    });
    const { watcher, notices } = watch(t);

    expect(await watcher.check()).toEqual([]);
    t.clock.advance(10 * DAY); // 30 days left
    expect(titles(await watcher.check())).toEqual(['“workload” expires in 30 days']);
    expect(notices[0]!.body).toBe(
      'Open Certificates and choose Renew; the profiles that use it move to the new certificate.',
    );
    t.clock.advance(DAY);
    expect(await watcher.check()).toEqual([]);
    t.clock.advance(22 * DAY); // 7 days left
    expect(titles(await watcher.check())).toEqual(['“workload” expires in 7 days']);
    t.clock.advance(6 * DAY + DAY / 2); // half a day left
    expect(await watcher.check()).toEqual([]);
    expect(titles(notices)).toEqual(['“workload” expires in 30 days', '“workload” expires in 7 days']);
  });

  it('a certificate first seen inside 7 days gets only the 7-day notice, never a late 30-day one', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'short', 'ec-p256', { days: 5 });
    const { watcher, notices } = watch(t);
    expect(titles(await watcher.check())).toEqual(['“short” expires in 5 days']);
    t.clock.advance(DAY);
    expect(await watcher.check()).toEqual([]);
    expect(notices).toHaveLength(1);
    // The 30-day notice was claimed silently.
    expect(await t.core.claimExpiryNotice((await t.core.listCertificates())[1]!.id, 30)).toBe(false);
  });

  it('CAs too, with what renewing a CA means', async () => {
    t = await testCore(START);
    await createCa(t.core, 'Team CA', 'ec-p256', { days: 20 });
    const { watcher } = watch(t);
    const [notice] = await watcher.check();
    expect(notice).toEqual({
      title: '“Team CA” expires in 20 days',
      body: 'This CA signs your client certificates. Open Certificates and choose Renew, then update the trust anchor in AWS.',
    });
  });

  it('once only across a restart: a second watcher over the same data directory raises nothing again', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'api', 'ec-p256', { days: 20 });
    const first = watch(t);
    expect(titles(await first.watcher.check())).toEqual(['“api” expires in 20 days']);
    await first.watcher.dispose();

    const reopened = await t.reopen();
    const second = watch(t, reopened);
    expect(await second.watcher.check()).toEqual([]);
    t.clock.advance(13 * DAY);
    expect(titles(await second.watcher.check())).toEqual(['“api” expires in 7 days']);
    expect(await first.watcher.check()).toEqual([]); // disposed: no more checks
  });

  it('two watchers at once (two processes) raise each notice once between them', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'a', 'ec-p256', { days: 20 });
    await issueCert(t.core, ca.id, 'b', 'ec-p256', { days: 3 });
    const one = watch(t);
    const two = watch(t, await t.reopen());
    const [x, y] = await Promise.all([one.watcher.check(), two.watcher.check()]);
    expect(titles([...x, ...y]).sort()).toEqual(['“a” expires in 20 days', '“b” expires in 3 days']);
  });

  it('skips revoked, superseded and expired certificates', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    const revoked = await issueCert(t.core, ca.id, 'revoked', 'ec-p256', { days: 10 });
    await t.core.revokeCertificate(revoked.id);
    const old = await issueCert(t.core, ca.id, 'renewed', 'ec-p256', { days: 200 });
    const gone = await issueCert(t.core, ca.id, 'gone', 'ec-p256', { days: 1 });
    const { watcher } = watch(t);

    // 'gone' is inside 7 days now; once past its notAfter it is never raised.
    t.clock.advance(2 * DAY);
    expect((await t.core.getCertificate(gone.id)).status).toBe('expired');
    expect(await watcher.check()).toEqual([]);

    // The renewed (superseded) one is no longer in use: only its successor, which took the name, is watched.
    // 185 days on, the old one has 13 days left and the successor (200 days from its renewal) 15.
    await t.core.renewCertificate(old.id);
    expect((await t.core.getCertificate(old.id)).status).toBe('superseded');
    t.clock.advance(185 * DAY);
    expect(titles(await watcher.check())).toEqual(['“renewed” expires in 15 days']);
  });

  it('checks at start and on its interval; dispose stops the interval', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'api', 'ec-p256', { days: 31 });
    const { watcher, notices, timers } = watch(t);
    watcher.start();
    watcher.start(); // idempotent: one schedule
    expect(timers.pending()).toBe(1);
    await watcher.check(); // waits for the start's check
    expect(notices).toEqual([]);

    timers.advance(DAY + EXPIRY_CHECK_INTERVAL_MS); // 29.96 days left: the next tick raises the notice
    await expect.poll(() => titles(notices), { timeout: 10_000 }).toEqual(['“api” expires in 30 days']);
    expect(timers.pending()).toBe(1);

    await watcher.dispose();
    expect(timers.pending()).toBe(0);
    timers.advance(30 * DAY);
    expect(notices).toHaveLength(1);
  });

  it('a check that fails (corrupt ui-state.json) reports the error, raises nothing, and the next one works', async () => {
    t = await testCore(START);
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'api', 'ec-p256', { days: 20 });
    const errors: unknown[] = [];
    const file = join(t.dataDir, 'ui-state.json');
    writeFileSync(file, '{ not json');
    const { watcher } = watch(t, t.core, errors);
    await expect(watcher.check()).resolves.toEqual([]);
    expect(errors).toHaveLength(1);
    // Core keeps the broken file (never silently replaced); once the user fixes it, the notice comes.
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, expiryNotices: {} }));
    expect(titles(await watcher.check())).toEqual(['“api” expires in 20 days']);
  });

  it('words: days rounded up, "1 day" singular', () => {
    const now = new Date('2031-01-01T00:00:00Z');
    expect(daysLeft('2031-01-21T00:00:00Z', now)).toBe(20);
    expect(daysLeft('2031-01-20T23:59:59Z', now)).toBe(20);
    expect(daysLeft('2031-01-01T01:00:00Z', now)).toBe(1);
    expect(expiryNotice({ name: 'x', kind: 'client' }, 1).title).toBe('“x” expires in 1 day');
    expect(expiryNotice({ name: 'x', kind: 'client' }, 7).title).toBe('“x” expires in 7 days');
  });
});
