import type { Settings } from '../schemas/models';
import { DEFAULT_KEY_TYPE } from './key-types';

/**
 * Default settings, the one place they are written. Without zod, so that the credential_process warm path and
 * the renderer (which shows them until main answers) can use them.
 */
const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;
/**
 * Cached session credentials are reused until fewer than this many seconds remain: botocore's advisory
 * refresh window (botocore/credentials.py, `_advisory_refresh_timeout = 15 * 60`). A smaller margin hands
 * boto3 credentials inside that window, and it then runs credential_process on every call (issue 7 §6).
 */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 900;

/** The user's settings before they change any; also what the app shows until main answers. */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  clipboardClearSeconds: DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  refreshMarginSeconds: DEFAULT_REFRESH_MARGIN_SECONDS,
  // RSA-2048: what every Roles Anywhere client, older Java and Windows Server 2016 accept (ARCHITECTURE §6).
  defaultKeyType: DEFAULT_KEY_TYPE,
};

/**
 * The margin that applies to a session of `durationSeconds`: at most half its lifetime, so that a margin
 * longer than a short session cannot make every fresh session look due for refresh.
 */
export function effectiveRefreshMargin(marginSeconds: number, durationSeconds: number): number {
  return Math.min(marginSeconds, Math.floor(durationSeconds / 2));
}
