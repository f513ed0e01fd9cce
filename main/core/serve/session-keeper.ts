import { effectiveRefreshMargin } from '../../../shared/domain/defaults';
import { toErrorInfo } from '../../../shared/errors';
import type { ErrorInfo } from '../../../shared/errors';
import type { ServedSession } from '../../../shared/credentials';
import type { CoreApi } from '../api';

/** What the credentials server needs of core: sessions through the shared cache, and its stamp. */
export type ServeCore = Pick<CoreApi, 'session' | 'sessionStamp' | 'getProfile' | 'getSettings'>;

/** A session as the server holds it between requests. */
export interface HeldSession {
  session: ServedSession;
  /** When this server obtained it (ISO): the IMDS document's `LastUpdated`. */
  obtainedAt: string;
}

export type KeeperEvent =
  | { type: 'session'; profile: string; expiration: string; fromCache: boolean }
  | { type: 'error'; profile: string; error: ErrorInfo };

interface Held extends HeldSession {
  /** The cache's stamp right after this session was obtained; undefined never matches. */
  stamp: string | undefined;
  expiresAt: number;
  refreshAt: number;
}

interface ProfileState {
  held?: Held;
  inflight?: Promise<Held>;
  timer?: NodeJS.Timeout;
  /** No background attempt before this time (after failures, backing off). */
  nextAttemptAt: number;
  failures: number;
  /** The last error reported, so that a failure repeating on every request is reported once. */
  lastError?: string;
}

/** setTimeout's largest delay (about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** Background retries after a failure: 2 s, 4 s, … at most a minute apart. */
const MAX_BACKOFF_MS = 60_000;

/**
 * The sessions of the profiles a server serves, held in memory and refreshed in the background before the
 * refresh margin, so that a warm request costs one small file read and never waits on CreateSession (issue 11).
 *
 * What is held is served only while it is still what the session cache holds: every request compares the
 * cache's stamp (`sessionStamp`). A revoke, a profile change or removal clears the cache record, whichever
 * process does it, and another process's refresh replaces it; either way the request goes back through
 * `core.session`, which shares the cache and its single flight with `credential-process` and refuses a
 * revoked or expired certificate. Within this process, one resolution per profile is in flight at a time.
 */
export class SessionKeeper {
  private readonly states = new Map<string, ProfileState>();
  private closed = false;

  constructor(
    private readonly core: ServeCore,
    profiles: readonly string[],
    private readonly now: () => Date,
    private readonly emit: (event: KeeperEvent) => void,
  ) {
    for (const name of profiles) this.states.set(name, { nextAttemptAt: 0, failures: 0 });
  }

  serves(profile: string): boolean {
    return this.states.has(profile);
  }

  /** The session to hand out for `profile` now (throws core's error when none can be had). */
  async get(profile: string): Promise<HeldSession> {
    const state = this.state(profile);
    const held = state.held;
    if (held) {
      const stamp = await this.stampOf(profile);
      const now = this.now().getTime();
      if (stamp !== undefined && stamp === held.stamp && now < held.expiresAt) {
        // Inside the refresh margin (a timer that a suspended machine or a moved clock let slip): refresh
        // in the background and answer with what is held, which is still valid.
        if (now >= held.refreshAt && !state.inflight && now >= state.nextAttemptAt) this.background(profile);
        return held;
      }
    }
    return this.resolve(profile, state);
  }

  /** Resolve every profile now (start-up); rejects with the first failure. */
  async warm(): Promise<void> {
    await Promise.all([...this.states.keys()].map((name) => this.resolve(name, this.state(name))));
  }

  /** Settles once no resolution is in flight (tests, and a clean stop). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.states.values()].flatMap((s) => (s.inflight ? [s.inflight] : []));
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  /** Stop refreshing and forget every held session. */
  close(): void {
    this.closed = true;
    for (const state of this.states.values()) {
      clearTimeout(state.timer);
      state.held = undefined;
    }
  }

  private state(profile: string): ProfileState {
    const state = this.states.get(profile);
    if (!state) throw new Error(`Profile ${profile} is not served.`);
    return state;
  }

  private async stampOf(profile: string): Promise<string | undefined> {
    // An unreadable stamp never matches: the request then goes through core, which reports the problem.
    return this.core.sessionStamp(profile).catch(() => undefined);
  }

  private background(profile: string): void {
    if (this.closed) return;
    this.resolve(profile, this.state(profile)).catch(() => undefined); // reported through `emit`
  }

  private schedule(profile: string, state: ProfileState, at: number): void {
    clearTimeout(state.timer);
    if (this.closed) return;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, at - this.now().getTime()));
    state.timer = setTimeout(() => this.background(profile), delay);
    state.timer.unref();
  }

  private resolve(profile: string, state: ProfileState): Promise<Held> {
    state.inflight ??= this.fetch(profile, state).finally(() => {
      state.inflight = undefined;
    });
    return state.inflight;
  }

  private async fetch(profile: string, state: ProfileState): Promise<Held> {
    try {
      const session = await this.core.session(profile);
      const stamp = await this.stampOf(profile);
      const [{ durationSeconds }, { refreshMarginSeconds }] = await Promise.all([
        this.core.getProfile(profile),
        this.core.getSettings(),
      ]);
      const now = this.now().getTime();
      const expiresAt = Date.parse(session.expiration);
      const same =
        state.held?.session.accessKeyId === session.accessKeyId &&
        state.held.session.expiration === session.expiration;
      let refreshAt = expiresAt - effectiveRefreshMargin(refreshMarginSeconds, durationSeconds) * 1000;
      // The cache still serves these inside the margin (they end with their certificate, or AWS's clock is
      // behind ours): look again in a while rather than at once.
      if (refreshAt <= now) refreshAt = now + Math.min(MAX_BACKOFF_MS, Math.max(1000, (expiresAt - now) / 2));
      const held: Held = {
        session,
        stamp,
        expiresAt,
        refreshAt,
        obtainedAt: same && state.held ? state.held.obtainedAt : new Date(now).toISOString(),
      };
      state.held = held;
      state.failures = 0;
      state.nextAttemptAt = 0;
      state.lastError = undefined;
      if (!same) {
        this.emit({ type: 'session', profile, expiration: session.expiration, fromCache: session.fromCache });
      }
      this.schedule(profile, state, refreshAt);
      return held;
    } catch (error) {
      await this.failed(profile, state, toErrorInfo(error));
      throw error;
    }
  }

  private async failed(profile: string, state: ProfileState, info: ErrorInfo): Promise<void> {
    const key = `${info.code}\n${info.message}`;
    if (key !== state.lastError) this.emit({ type: 'error', profile, error: info });
    state.lastError = key;
    const held = state.held;
    const now = this.now().getTime();
    // Keep serving what is held only while the cache still holds it and it is valid; a cleared cache (a
    // revoke) drops it from memory too.
    const stamp = await this.stampOf(profile);
    if (!held || now >= held.expiresAt || stamp === undefined || stamp !== held.stamp) {
      state.held = undefined;
      clearTimeout(state.timer);
      return;
    }
    state.failures++;
    state.nextAttemptAt = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** state.failures);
    this.schedule(profile, state, state.nextAttemptAt);
  }
}
