import type { CertificateSummary } from '../shared/schemas/models';
import { systemTimers } from './clipboard';
import type { TimerPort } from './clipboard';
import type { DesktopNotice } from './ipc';

/**
 * Desktop notices before a certificate expires (issue 10 §4): "“name” expires in N days", once per certificate
 * at 30 and at 7 days before its notAfter, for CAs and client certificates alike. Core remembers which notices
 * were raised (`claimExpiryNotice`, in ui-state.json under a lock), so a restart, a second window or a second
 * process never raises one twice. Core-free and electron-free: main/index.ts and the test bridge pass the core,
 * the platform's `notify` and, in tests, timers.
 */

/** The days before expiry at which a notice is raised, largest first. */
const EXPIRY_NOTICE_DAYS = [30, 7] as const;

/** How often the watcher looks again while the app runs (thresholds are days apart, so an hour is plenty). */
export const EXPIRY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

const DAY_MS = 86_400_000;

/** What the watcher needs of core. */
interface ExpiryCore {
  listCertificates(): Promise<CertificateSummary[]>;
  claimExpiryNotice(certificateId: string, days: number): Promise<boolean>;
}

export interface ExpiryWatcherOptions {
  core: ExpiryCore;
  notify(notice: DesktopNotice): void;
  /** Timers and clock (default: the real ones); `now()` decides how close an expiry is. */
  timers?: TimerPort;
  intervalMs?: number;
  /** A check that failed (an unreadable data directory); the next check tries again. */
  onError?(error: unknown): void;
}

export interface ExpiryWatcher {
  /** Check now, then every interval. */
  start(): void;
  /** One check (after any running one); resolves to the notices it raised. Never rejects. */
  check(): Promise<DesktopNotice[]>;
  /** Stop: no more checks; resolves once a running one has finished (before its data directory goes away). */
  dispose(): Promise<void>;
}

/** Days left, rounded up: a certificate issued for 20 days reads "20 days" for its whole first day. */
export function daysLeft(notAfter: string, now: Date): number {
  return Math.ceil((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

/** The notice for a certificate with `days` left, in the app's words (its page and its button). */
export function expiryNotice(
  certificate: Pick<CertificateSummary, 'name' | 'kind'>,
  days: number,
): DesktopNotice {
  const when = days === 1 ? '1 day' : `${days} days`;
  return {
    title: `“${certificate.name}” expires in ${when}`,
    body:
      certificate.kind === 'ca'
        ? 'This CA signs your client certificates. Open Certificates and choose Renew, then update the trust anchor in AWS.'
        : 'Open Certificates and choose Renew; the profiles that use it move to the new certificate.',
  };
}

/** Revoked and superseded certificates are not in use any more, and an expired one is past warning. */
function watched(certificate: CertificateSummary, now: Date): boolean {
  if (certificate.status === 'revoked' || certificate.status === 'superseded') return false;
  if (certificate.status === 'expired') return false;
  return Date.parse(certificate.notAfter) > now.getTime();
}

/** Create the watcher; nothing happens until `start()` or `check()`. */
export function createExpiryWatcher(options: ExpiryWatcherOptions): ExpiryWatcher {
  const timers = options.timers ?? systemTimers;
  const intervalMs = options.intervalMs ?? EXPIRY_CHECK_INTERVAL_MS;
  let queue: Promise<unknown> = Promise.resolve();
  let handle: unknown;
  let started = false;
  let disposed = false;

  const runCheck = async (): Promise<DesktopNotice[]> => {
    const raised: DesktopNotice[] = [];
    try {
      const now = timers.now();
      for (const certificate of await options.core.listCertificates()) {
        if (!watched(certificate, now)) continue;
        const left = Date.parse(certificate.notAfter) - now.getTime();
        const due = EXPIRY_NOTICE_DAYS.filter((days) => left <= days * DAY_MS);
        if (due.length === 0) continue;
        // Only the closest threshold speaks; the earlier ones are claimed silently, so a certificate first seen
        // 5 days before expiry gets the 7-day notice and never a late "30 days" one.
        const closest = Math.min(...due);
        for (const days of due) {
          const first = await options.core.claimExpiryNotice(certificate.id, days);
          if (first && days === closest) {
            const notice = expiryNotice(certificate, daysLeft(certificate.notAfter, now));
            options.notify(notice);
            raised.push(notice);
          }
        }
      }
    } catch (error) {
      options.onError?.(error);
    }
    return raised;
  };

  const schedule = (): void => {
    if (disposed) return;
    handle = timers.setTimeout(() => {
      handle = undefined;
      void check();
      schedule();
    }, intervalMs);
  };

  // One check at a time: the start, the interval and a burst of certificate changes may all ask at once.
  const check = (): Promise<DesktopNotice[]> => {
    if (disposed) return Promise.resolve([]);
    const run = queue.then(runCheck);
    queue = run;
    return run;
  };

  return {
    start() {
      if (started || disposed) return;
      started = true;
      void check();
      schedule();
    },
    check,
    async dispose() {
      disposed = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
      await queue;
    },
  };
}
