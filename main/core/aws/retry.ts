import { AnchorageError } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';

/** How an AWS call reaches its endpoint: the injected fetch and clock, the timeout and the retry policy. */
export interface CallOptions {
  /** `https://host[:port]` instead of the regional endpoint (emulator, VPC endpoint). */
  endpoint?: string;
  /** The FIPS endpoint (US and GovCloud only); ignored with `endpoint`. */
  fips?: boolean;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
}

export interface RetryOptions {
  /** Total tries, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Which failures are worth another try; defaults to {@link isRetryableError}. */
  isRetryable?: (error: unknown) => boolean;
  /** Injected by tests so that backoff costs no wall time. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1); injected by tests to make the jitter predictable. */
  random?: () => number;
  /** Told about each failed attempt that will be retried (for progress output; never gets a secret). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Codes worth another attempt: the network, a timeout, throttling and 5xx. A 4xx answer is the
 * service telling us the request itself is wrong, and asking again would only repeat it
 * (ARCHITECTURE §5: "a 4xx is not retried").
 */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NETWORK_ERROR',
  'TIMEOUT',
  'AWS_THROTTLED',
  'AWS_SERVER_ERROR',
]);

/** The default retry policy: AnchorageErrors whose code is transient. Anything else is not retried. */
export function isRetryableError(error: unknown): boolean {
  return error instanceof AnchorageError && RETRYABLE_CODES.has(error.code);
}

/**
 * The delay before retry number `retry` (0-based): "full jitter", a uniform draw from
 * [0, min(cap, base · 2^retry)). Of the schemes compared in the AWS Architecture Blog's
 * "Exponential Backoff and Jitter", it spreads competing clients best for the least total work.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Call `fn` until it succeeds, a failure is not retryable, or `attempts` tries are spent; the last
 * error is rethrown unchanged. `fn` receives the 1-based attempt number.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const {
    attempts = 4,
    baseDelayMs = 200,
    maxDelayMs = 5000,
    isRetryable = isRetryableError,
    sleep = defaultSleep,
    random = Math.random,
    onRetry,
  } = options;
  const total = Math.max(1, Math.floor(attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= total || !isRetryable(error)) throw error;
      const delayMs = backoffDelay(attempt - 1, baseDelayMs, maxDelayMs, random);
      onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A whole HTTP answer: read within the same deadline as the request, so a stalled body also times out. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
  /** Server clock minus ours (from the `Date` header; ±1 s resolution), when the server sent one. */
  clockOffsetMs?: number;
}

export interface FetchOnceOptions {
  fetch?: typeof fetch;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Our clock, to compare with the server's `Date` header. */
  now?: () => Date;
}

/**
 * One HTTP exchange with a deadline. A missing answer becomes TIMEOUT and a failed connection
 * NETWORK_ERROR, both naming the endpoint (never the request, whose headers hold signatures).
 */
export async function fetchOnce(
  url: string,
  init: RequestInit,
  options: FetchOnceOptions = {},
): Promise<HttpAnswer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const endpoint = new URL(url).origin;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await doFetch(url, { ...init, signal: controller.signal });
    const body = await response.text();
    const clockOffsetMs = measureClockOffset(
      response.headers.get('date'),
      (options.now ?? (() => new Date()))(),
    );
    return {
      status: response.status,
      headers: response.headers,
      body,
      ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }),
    };
  } catch (error) {
    if (controller.signal.aborted) {
      throw new AnchorageError(
        'TIMEOUT',
        `No answer from ${endpoint} within ${formatSeconds(timeoutMs)}.`,
        'Check your network, proxy and firewall, or try again; a slow link may need a longer ANCHORAGE_HTTP_TIMEOUT_MS.',
        { cause: error },
      );
    }
    throw new AnchorageError(
      'NETWORK_ERROR',
      `Could not reach ${endpoint}: ${describeNetworkError(error)}.`,
      'Check your network connection, DNS and proxy settings, and the region or endpoint.',
      { cause: error, facts: { endpoint } },
    );
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** undici wraps the system error (ECONNREFUSED, ENOTFOUND…) as `cause` of a bare "fetch failed". */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** SigV4 services accept a request time within 5 minutes of theirs (SigV4 docs, "Elements of a signature"). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Server time (HTTP `Date`, RFC 9110 IMF-fixdate) minus local time, or undefined without a usable header. */
export function measureClockOffset(dateHeader: string | null, local: Date): number | undefined {
  if (!dateHeader) return undefined;
  const server = Date.parse(dateHeader);
  return Number.isNaN(server) ? undefined : server - local.getTime();
}

/** "your clock is 1200 s behind AWS": the offset stated from the user's side. */
export function describeClockOffset(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  // A positive offset means the server is ahead, i.e. the local clock is behind.
  return `your clock is ${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead of'} AWS`;
}

/** The CLOCK_SKEW error for an authentication failure that the measured offset explains. */
export function clockSkewError(offsetMs: number, service: string, cause?: unknown): AnchorageError {
  return new AnchorageError(
    'CLOCK_SKEW',
    `${service} refused the request because ${describeClockOffset(offsetMs)} (more than the 5 minutes allowed).`,
    'Set your system clock automatically (NTP: timedatectl set-ntp true, or the OS date and time settings), then retry.',
    { cause },
  );
}
