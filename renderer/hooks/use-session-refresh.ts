import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { effectiveRefreshMargin } from '../../shared/domain/defaults';
import type { ErrorCode, ErrorInfo } from '../../shared/errors';
import type { MaskedSession } from '../../shared/schemas/models';
import { api, toErrorInfo } from '../api';
import { useNow } from './use-now';

/** Who asked for a session: the first load, the automatic refresh, its retries, or the user. */
type Trigger = 'first' | 'auto' | 'retry' | 'manual';

/** The first automatic retry waits 5 s, then each waits three times longer, up to 5 minutes (issue 10 §5). */
export function retryDelayMs(failures: number): number {
  return Math.min(5_000 * 3 ** failures, 300_000);
}

/**
 * Failures another attempt cannot fix without a change by the user (a revoked or expired certificate, a profile
 * or key that is gone): retrying them on a timer would only repeat the error.
 */
const NOT_RETRIED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'REVOKED',
  'CERT_EXPIRED',
  'NOT_FOUND',
  'MISSING_KEY',
  'INVALID_INPUT',
]);

/**
 * How long before expiry the refresh runs, in ms: the Settings margin, capped at half the session's lifetime so
 * that a margin longer than the session cannot loop (shared/domain/defaults.ts). The lifetime starts at the
 * profile's session length before expiry, or when the session arrived if that is later.
 */
function refreshMarginMs(
  session: MaskedSession,
  receivedAt: number,
  refreshMarginSeconds: number,
  durationSeconds: number | undefined,
): number {
  const end = Date.parse(session.expiration);
  const start = durationSeconds ? Math.min(receivedAt, end - durationSeconds * 1000) : receivedAt;
  return effectiveRefreshMargin(refreshMarginSeconds, (end - start) / 1000) * 1000;
}

export interface SessionRefreshOptions {
  profile: string;
  /** Refresh this many seconds before expiry (Settings), capped at half the session's lifetime. */
  refreshMarginSeconds: number;
  /** The profile's session length, to place the start of a cached session. */
  durationSeconds?: number;
}

/** A refresh the user asked for that succeeded; a new object each time, rendered with the session it brought. */
interface AnsweredRequest {
  /** Whether a session was shown before (then the result is a refreshed session, else a first one). */
  hadSession: boolean;
}

export interface SessionRefresh {
  session: MaskedSession | undefined;
  error: ErrorInfo | undefined;
  busy: boolean;
  now: number;
  /** Epoch ms where the countdown starts (the session's start when known) and where it ends. */
  start: number;
  end: number;
  /** Seconds before expiry at which the automatic refresh runs. */
  marginSeconds: number;
  expired: boolean;
  /** The next automatic retry after a failed refresh: when it runs, and which retry it is (1-based). */
  retry: { at: number; attempt: number } | undefined;
  /** Whether the last failure is one that automatic retries leave alone (it needs a change first). */
  notRetried: boolean;
  /** A refresh the user asked for (Refresh now, Retry, Expired: refresh). */
  refresh: () => void;
  /**
   * Set in the same state update as the session a user's request brought, so the commit that shows it is the
   * one that shows that session (the card moves the focus there). A request made while another attempt was in
   * flight is answered by that attempt.
   */
  answered: AnsweredRequest | undefined;
}

/**
 * The session credentials of one profile, kept fresh: loaded once, refreshed automatically when they enter the
 * refresh margin, and, when that refresh fails, retried with backoff (5 s, 15 s, 45 s, … 5 min) until the
 * session expires. Only the first automatic attempt of a refresh sends `auto: true`, because main raises one
 * desktop notification per failed `auto` call and one failing refresh deserves one notification.
 */
export function useSessionRefresh(options: SessionRefreshOptions): SessionRefresh {
  const { profile, refreshMarginSeconds, durationSeconds } = options;
  const [session, setSession] = useState<MaskedSession>();
  const [receivedAt, setReceivedAt] = useState(0);
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const [retry, setRetry] = useState<{ at: number; attempt: number }>();
  const [answered, setAnswered] = useState<AnsweredRequest>();

  const mounted = useRef(true);
  const inFlight = useRef(false);
  /** The user asked for a session that no successful attempt has brought yet. */
  const requested = useRef(false);
  const sessionRef = useRef<MaskedSession | undefined>(undefined);
  /** Failed attempts in the current refresh cycle (reset by any success). */
  const failures = useRef(0);
  /** The expiration whose refresh cycle has started, so each session starts at most one. */
  const cycleFor = useRef<string | undefined>(undefined);
  const latest = useRef({ durationSeconds, refreshMarginSeconds });
  useLayoutEffect(() => {
    latest.current = { durationSeconds, refreshMarginSeconds };
  });

  const receivedAtRef = useRef(0);

  const call = useCallback(
    async (trigger: Trigger): Promise<void> => {
      if (trigger === 'manual') requested.current = true;
      if (inFlight.current) return;
      inFlight.current = true;
      // Any attempt replaces the scheduled retry (the effect below clears its timer).
      setRetry(undefined);
      setBusy(true);
      const had = sessionRef.current;
      const request =
        trigger === 'first' || (trigger === 'manual' && !had)
          ? { profile }
          : trigger === 'auto'
            ? { profile, noCache: true, auto: true }
            : { profile, noCache: true };
      try {
        const value = await api.sessionGet(request);
        if (!mounted.current) return;
        sessionRef.current = value;
        receivedAtRef.current = Date.now();
        failures.current = 0;
        setSession(value);
        setReceivedAt(receivedAtRef.current);
        setError(undefined);
        setRetry(undefined);
        if (requested.current) setAnswered({ hadSession: had !== undefined });
        requested.current = false;
      } catch (e) {
        if (!mounted.current) return;
        requested.current = false;
        const info = toErrorInfo(e);
        setError(info);
        setRetry(undefined);
        const current = sessionRef.current;
        if (!current || NOT_RETRIED.has(info.code)) return;
        // Retry only inside the refresh window: outside it the session is fine and the window will come.
        const end = Date.parse(current.expiration);
        const now = Date.now();
        const { refreshMarginSeconds: margin, durationSeconds: length } = latest.current;
        if (end - now > refreshMarginMs(current, receivedAtRef.current, margin, length)) return;
        const at = Math.min(now + retryDelayMs(failures.current), end);
        failures.current += 1;
        if (at <= now) return;
        setRetry({ at, attempt: failures.current });
      } finally {
        inFlight.current = false;
        if (mounted.current) setBusy(false);
      }
    },
    [profile],
  );
  useEffect(() => {
    mounted.current = true;
    void call('first');
    return () => {
      mounted.current = false;
    };
  }, [call]);

  // The scheduled retry, on the page's timers (which Playwright's clock can fast-forward).
  useEffect(() => {
    if (!retry) return undefined;
    const timer = window.setTimeout(() => void call('retry'), Math.max(0, retry.at - Date.now()));
    return () => window.clearTimeout(timer);
  }, [retry, call]);

  const now = useNow(1000, Boolean(session));
  const end = session ? Date.parse(session.expiration) : 0;
  const start = durationSeconds ? Math.min(receivedAt, end - durationSeconds * 1000) : receivedAt;
  const marginMs = session ? refreshMarginMs(session, receivedAt, refreshMarginSeconds, durationSeconds) : 0;
  const due = session !== undefined && end - now <= marginMs;

  // One automatic refresh per session, when it enters the margin (or at once, after a sleep past it).
  useEffect(() => {
    if (!due || !session || cycleFor.current === session.expiration) return;
    cycleFor.current = session.expiration;
    failures.current = 0;
    void call('auto');
  }, [due, session, call]);

  const refresh = useCallback(() => void call('manual'), [call]);
  return {
    session,
    error,
    busy,
    now,
    start,
    end,
    marginSeconds: marginMs / 1000,
    expired: session !== undefined && now >= end,
    retry,
    notRetried: error !== undefined && NOT_RETRIED.has(error.code),
    refresh,
    answered,
  };
}
