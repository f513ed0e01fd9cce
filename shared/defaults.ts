/**
 * Default settings, in a module without zod so that the credential_process warm path can use them
 * (shared/models.ts, which holds the schemas, re-exports them as DEFAULT_SETTINGS).
 */
export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;
/** Cached session credentials are reused until fewer than this many seconds remain (issue 3 §6). */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 300;
