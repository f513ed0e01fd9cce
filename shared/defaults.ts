/**
 * Default settings, in a module without zod so that the credential_process warm path can use them
 * (shared/models.ts, which holds the schemas, re-exports them as DEFAULT_SETTINGS).
 */
export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;
/**
 * Cached session credentials are reused until fewer than this many seconds remain: botocore's advisory
 * refresh window (botocore/credentials.py, `_advisory_refresh_timeout = 15 * 60`). A smaller margin hands
 * boto3 credentials inside that window, and it then runs credential_process on every call (issue 7 §6).
 */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 900;

/**
 * The margin that applies to a session of `durationSeconds`: at most half its lifetime, so that a margin
 * longer than a short session cannot make every fresh session look due for refresh.
 */
export function effectiveRefreshMargin(marginSeconds: number, durationSeconds: number): number {
  return Math.min(marginSeconds, Math.floor(durationSeconds / 2));
}
