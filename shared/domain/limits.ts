/**
 * The numbers of every input rule and the one validator of each (issue 8): core, the CLI, the app's forms and
 * the IPC schemas all read them from here, so that a rule cannot differ between edges. Zod-free and without
 * Node modules: the renderer and the credential_process warm path load it too.
 *
 * A validator returns `undefined` for a good value, else a {@link LimitProblem}: a neutral sentence (no flag,
 * no button: ARCHITECTURE §9) and the facts an edge needs to word its own advice.
 */
import { AnchorageError } from '../errors';
import type { ErrorFacts } from '../errors';

/**
 * The WHATWG URL parser, as far as it is used here. Every runtime that loads shared/ (Node, the renderer) has
 * the global; shared/'s own lib (ES2022, no DOM) does not declare it.
 */
declare const URL: new (input: string) => { protocol: string; hostname: string };

/** An inclusive range of whole numbers. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** What is wrong with a value: the fact in neutral words, and structured facts for the edges' hints. */
export interface LimitProblem {
  message: string;
  facts: ErrorFacts;
}

/** True for a whole number within `range`. */
export function isWholeIn(value: number, range: Range): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

// ── Sessions ────────────────────────────────────────────────────────────────────────────────────────────

/** CreateSession's durationSeconds: 900–43200 s (IAM Roles Anywhere API reference, CreateSession). */
export const SESSION_DURATION: Range = { min: 900, max: 43_200 };
export const DEFAULT_SESSION_DURATION = 3600;

/**
 * A session duration CreateSession accepts: whole seconds in {@link SESSION_DURATION}.
 * Facts: field `durationSeconds`, min, max, got.
 */
function sessionDurationProblem(seconds: number): LimitProblem | undefined {
  if (isWholeIn(seconds, SESSION_DURATION)) return undefined;
  return {
    message:
      `The session duration must be a whole number of seconds from ${SESSION_DURATION.min} to ` +
      `${SESSION_DURATION.max} (got ${String(seconds)}).`,
    facts: {
      field: 'durationSeconds',
      min: SESSION_DURATION.min,
      max: SESSION_DURATION.max,
      got: String(seconds),
    },
  };
}

/**
 * Refuse a session duration CreateSession would refuse, before anything is sent.
 * @throws AnchorageError INVALID_DURATION with the facts of {@link sessionDurationProblem}.
 */
export function assertSessionDuration(seconds: number): number {
  const problem = sessionDurationProblem(seconds);
  if (!problem) return seconds;
  throw new AnchorageError(
    'INVALID_DURATION',
    problem.message,
    'CreateSession accepts 15 minutes to 12 hours; the role’s maximum session duration may be lower.',
    { facts: problem.facts },
  );
}

/** RoleSessionName: 2–64 of [\w+=,.@-] (CreateSession API reference). */
export const ROLE_SESSION_NAME = { minLength: 2, maxLength: 64, pattern: /^[\w+=,.@-]{2,64}$/ } as const;

// ── Endpoints ───────────────────────────────────────────────────────────────────────────────────────────

/** Host names that may be reached over plain http: a local emulator, never the network. */
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * An endpoint override: an https URL, or http to a loopback host (a local emulator). Empty means "no override"
 * and is not checked here. Facts: field `endpoint`, reason `not-a-url` | `not-https`, endpoint.
 */
export function endpointProblem(endpoint: string): LimitProblem | undefined {
  let url: { protocol: string; hostname: string };
  try {
    url = new URL(endpoint);
  } catch {
    return {
      message: `The endpoint "${endpoint}" is not a URL.`,
      facts: { field: 'endpoint', reason: 'not-a-url', endpoint },
    };
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)) return undefined;
  return {
    message: `The endpoint ${endpoint} is not HTTPS.`,
    facts: { field: 'endpoint', reason: 'not-https', endpoint },
  };
}

// ── Export passwords ────────────────────────────────────────────────────────────────────────────────────

/**
 * The shortest password Anchorage sets on an exported PFX or key file. keytool refuses keystore passwords under
 * 6 characters; 8 leaves a margin and matches common password policies.
 */
export const MIN_EXPORT_PASSWORD_LENGTH = 8;

/**
 * A password for an exported PFX or encrypted key: at least {@link MIN_EXPORT_PASSWORD_LENGTH} characters, all
 * printable ASCII (0x20–0x7E), because Java (keytool, Mendix Cloud) rejects anything else (ARCHITECTURE §6).
 * The message names the position of a bad character, never the password.
 * Facts: field `password`, reason `too-short` (min, length) | `not-ascii` (position).
 */
export function exportPasswordProblem(password: string): LimitProblem | undefined {
  const length = [...password].length;
  if (length < MIN_EXPORT_PASSWORD_LENGTH) {
    return {
      message:
        length === 0
          ? 'The export password is empty.'
          : `The export password has ${length} characters; it needs at least ${MIN_EXPORT_PASSWORD_LENGTH}.`,
      facts: { field: 'password', reason: 'too-short', min: MIN_EXPORT_PASSWORD_LENGTH, length },
    };
  }
  const bad = [...password].findIndex((ch) => ch < ' ' || ch > '~');
  if (bad >= 0) {
    return {
      message:
        `The export password has a character that is not printable ASCII (at position ${bad + 1}); ` +
        'Java (keytool, Mendix Cloud) rejects PFX passwords with non-ASCII characters.',
      facts: { field: 'password', reason: 'not-ascii', position: bad + 1 },
    };
  }
  return undefined;
}

// ── Vault passphrases ───────────────────────────────────────────────────────────────────────────────────

/**
 * The shortest passphrase for a new passphrase-file vault, a new vault passphrase, or a vault key backup
 * (issue 9). Unlike an export password, which protects one file that travels with its recipient, this one
 * guards every key in the data directory against offline guessing of a copied file; scrypt slows each guess,
 * and 12 characters keep a plain word list out of reach. Vaults created before the rule keep opening.
 */
const MIN_VAULT_PASSPHRASE_LENGTH = 12;

/**
 * A passphrase for the passphrase-file vault (`what: 'vault'`) or a vault key backup (`what: 'backup'`):
 * at least {@link MIN_VAULT_PASSPHRASE_LENGTH} characters. Never quotes the passphrase.
 * Facts: field `vaultPassphrase` | `backupPassphrase`, reason `too-short` (min, length).
 */
export function vaultPassphraseProblem(
  passphrase: string,
  what: 'vault' | 'backup' = 'vault',
): LimitProblem | undefined {
  const length = [...passphrase].length;
  if (length >= MIN_VAULT_PASSPHRASE_LENGTH) return undefined;
  const label = what === 'vault' ? 'The vault passphrase' : 'The backup passphrase';
  return {
    message:
      `${label} has ${length} characters; it needs at least ${MIN_VAULT_PASSPHRASE_LENGTH}, because it ` +
      'protects every private key in the data directory against guessing from a copied file.',
    facts: {
      field: what === 'vault' ? 'vaultPassphrase' : 'backupPassphrase',
      reason: 'too-short',
      min: MIN_VAULT_PASSPHRASE_LENGTH,
      length,
    },
  };
}

// ── Certificate validity ────────────────────────────────────────────────────────────────────────────────

export const DAY_MS = 86_400_000;
/** The shortest validity, in whole days. */
export const MIN_VALIDITY_DAYS = 1;
export const ROOT_CA_DEFAULT_DAYS = 3650;
export const INTERMEDIATE_CA_DEFAULT_DAYS = 1825;
export const CLIENT_CERT_DEFAULT_DAYS = 365;

/**
 * The last instant X.509 can express: GeneralizedTime has four year digits, and RFC 5280 §4.1.2.5 gives
 * 99991231235959Z as the notAfter of a certificate with no well-defined expiration. This is the only ceiling
 * of a validity: the most days allowed depend on the clock ({@link maxValidityDays}).
 */
export const LAST_NOT_AFTER_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** The most whole days a validity starting at `now` may last (until {@link LAST_NOT_AFTER_MS}). */
export function maxValidityDays(now: Date | number): number {
  return Math.floor((LAST_NOT_AFTER_MS - new Date(now).getTime()) / DAY_MS);
}

/** A bound for schemas that have no clock: the most days from 1970, longer than any validity from today. */
export const MAX_VALIDITY_DAYS_ANY_CLOCK = maxValidityDays(0);

/**
 * A validity in whole days: at least {@link MIN_VALIDITY_DAYS}, ending by 9999-12-31 (with `now`).
 * Facts: field `days`, reason `not-whole` (min) | `past-last-date` (max), got.
 */
export function validityDaysProblem(days: number, now?: Date): LimitProblem | undefined {
  if (!Number.isInteger(days) || days < MIN_VALIDITY_DAYS) {
    return {
      message: `The validity must be a whole number of days, at least ${MIN_VALIDITY_DAYS} (got ${String(days)}).`,
      facts: { field: 'days', reason: 'not-whole', min: MIN_VALIDITY_DAYS, got: String(days) },
    };
  }
  const max = maxValidityDays(now ?? 0);
  if (days > max) {
    return {
      message: `A validity of ${days} days would end after 9999-12-31, the last date a certificate can carry.`,
      facts: { field: 'days', reason: 'past-last-date', max, got: days },
    };
  }
  return undefined;
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────

/** How long a copied secret stays on the clipboard, in seconds. */
export const CLIPBOARD_CLEAR_SECONDS: Range = { min: 5, max: 600 };
/** How long before expiry a cached session is refreshed, in seconds. */
export const REFRESH_MARGIN_SECONDS: Range = { min: 60, max: 3600 };

/** The range of each numeric setting, by its key in `Settings`. */
export const SETTING_RANGES = {
  clipboardClearSeconds: CLIPBOARD_CLEAR_SECONDS,
  refreshMarginSeconds: REFRESH_MARGIN_SECONDS,
} as const satisfies Record<string, Range>;

/**
 * A numeric setting within its range. Facts: field (the setting's key), min, max, got.
 */
export function settingProblem(key: keyof typeof SETTING_RANGES, value: unknown): LimitProblem | undefined {
  const range = SETTING_RANGES[key];
  if (typeof value === 'number' && isWholeIn(value, range)) return undefined;
  return {
    message: `The setting ${key} must be a whole number of seconds from ${range.min} to ${range.max} (got ${String(value)}).`,
    facts: { field: key, min: range.min, max: range.max, got: String(value) },
  };
}

// ── Names ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Profile and static-set names: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit. They
 * become vault record ids and `~/.aws/config` section names.
 */
export const PROFILE_NAME = { maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/ } as const;

/**
 * A CA or certificate name (its inventory name): 1–64 printable characters, like a profile name's length
 * (issue 9). It is shown in lists and error lines, so no control characters (no newline, no ANSI escape).
 */
export const CERTIFICATE_NAME = { maxLength: 64 } as const;

/** An inventory id (`certificateId` in main/core/inventory.ts): a name of this shape would hide an entry. */
const ID_SHAPE = /^(ca|crt)-[0-9a-f]{12}$/i;

/**
 * A CA or certificate name: not empty, at most {@link CERTIFICATE_NAME} characters, no control characters
 * (C0, DEL, C1: newlines, ANSI escapes), not shaped like an id. Uniqueness (case-insensitive) is the
 * inventory's to check. The message never repeats a name it refuses for its characters.
 * Facts: field `name`, reason `required` | `too-long` (maxLength, length) | `control-character` (position) |
 * `id-shaped` (name).
 */
export function certificateNameProblem(name: string): LimitProblem | undefined {
  const chars = [...name];
  if (!name.trim()) {
    return { message: 'A name is required.', facts: { field: 'name', reason: 'required' } };
  }
  const bad = chars.findIndex((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
  });
  if (bad >= 0) {
    return {
      message: `The name has a control character (at position ${bad + 1}); names are printable text only.`,
      facts: { field: 'name', reason: 'control-character', position: bad + 1 },
    };
  }
  if (chars.length > CERTIFICATE_NAME.maxLength) {
    return {
      message: `The name has ${chars.length} characters; at most ${CERTIFICATE_NAME.maxLength} are allowed.`,
      facts: {
        field: 'name',
        reason: 'too-long',
        maxLength: CERTIFICATE_NAME.maxLength,
        length: chars.length,
      },
    };
  }
  if (ID_SHAPE.test(name)) {
    return {
      message: `The name "${name}" has the shape of an id, which would hide the entry that has that id.`,
      facts: { field: 'name', reason: 'id-shaped', name },
    };
  }
  return undefined;
}

/** X.509's upper bound for a common name (RFC 5280 Appendix A, ub-common-name). */
const COMMON_NAME_MAX_LENGTH = 64;

/** A subject CN: at most {@link COMMON_NAME_MAX_LENGTH} characters. Facts: field `cn`, reason `too-long`, maxLength, length. */
export function commonNameProblem(cn: string): LimitProblem | undefined {
  const length = [...cn].length;
  if (length <= COMMON_NAME_MAX_LENGTH) return undefined;
  return {
    message: `The common name (CN) has ${length} characters; X.509 allows at most ${COMMON_NAME_MAX_LENGTH}.`,
    facts: { field: 'cn', reason: 'too-long', maxLength: COMMON_NAME_MAX_LENGTH, length },
  };
}

/**
 * A profile or static-set name. Facts: field `name`, what, name.
 * @param what `profile` or `static credential set`, for the message
 */
export function profileNameProblem(name: string, what: string): LimitProblem | undefined {
  if (PROFILE_NAME.pattern.test(name)) return undefined;
  return {
    message: `The ${what} name "${name}" is not allowed.`,
    facts: { field: 'name', what, name, maxLength: PROFILE_NAME.maxLength },
  };
}
