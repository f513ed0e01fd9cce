/**
 * Error codes with a user-facing message and a hint (ARCHITECTURE §9: errors are values at the boundary).
 *
 * Inside core, code throws {@link AnchorageError}. The CLI turns it into `error: … (hint: …)` and an exit
 * code; the IPC layer turns it into `{ ok: false, error }`. A message never contains a secret.
 */
export const ERROR_CODES = [
  // input and validation
  'INVALID_INPUT',
  'INVALID_ARN',
  'REGION_MISMATCH',
  'INVALID_DURATION',
  'INVALID_DAYS',
  'INVALID_PASSWORD',
  // PKI
  'MALFORMED_PEM',
  'MALFORMED_PFX',
  'MALFORMED_CSR',
  'WRONG_PASSWORD',
  'PASSWORD_REQUIRED',
  'KEY_MISMATCH',
  'MISSING_KEY',
  'NOT_A_CA',
  'VALIDITY_EXCEEDS_ISSUER',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'UNSUPPORTED_KEY',
  'REVOKED',
  'INPUT_TOO_LARGE',
  'ITERATIONS_TOO_HIGH',
  'UNSUPPORTED_ALGORITHM',
  'INVALID_SERIAL',
  'PARSE_TIMEOUT',
  // inventory and data
  'NOT_FOUND',
  'AMBIGUOUS_REF',
  'ALREADY_EXISTS',
  /** An entry others depend on (profiles, issued certificates): facts name them. */
  'IN_USE',
  /** An action that needs the user's explicit consent, e.g. exporting a CA's private key. */
  'CONFIRMATION_REQUIRED',
  'CORRUPT_DATA',
  'UNSUPPORTED_SCHEMA',
  'LOCK_TIMEOUT',
  'FILE_EXISTS',
  'IO_ERROR',
  // vault
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'VAULT_PASSPHRASE_REQUIRED',
  'VAULT_PASSPHRASE_WRONG',
  'VAULT_KEY_MISSING',
  'VAULT_DECRYPT_FAILED',
  // AWS
  'AWS_ACCESS_DENIED',
  'AWS_UNTRUSTED_CERTIFICATE',
  'AWS_VALIDATION',
  'AWS_NOT_FOUND',
  'AWS_THROTTLED',
  'AWS_SERVER_ERROR',
  'AWS_ERROR',
  'CLOCK_SKEW',
  'NETWORK_ERROR',
  'TIMEOUT',
  'NO_CREDENTIALS',
  'AWS_INVALID_CREDENTIALS',
  'AWS_EXPIRED_TOKEN',
  /** The AWS config file has keys that would override or break credential_process, or a section not ours. */
  'AWS_CONFIG_CONFLICT',
  // registering with AWS (issue 12)
  /** A resource of that name exists already (IAM EntityAlreadyExists, Roles Anywhere ConflictException). */
  'AWS_ALREADY_EXISTS',
  /** No operator credentials, or the SDK's provider chain failed: facts `source` (`aws-profile`, `static`). */
  'AWS_OPERATOR_CREDENTIALS',
  /** An existing role's trust policy differs from the wanted one: facts `role`. */
  'AWS_TRUST_POLICY_DIFFERS',
  /** No (enabled) trust anchor holds the CA: facts `ca`, `region`. */
  'AWS_NO_TRUST_ANCHOR',
  // serving credentials to local tools (issue 11)
  /** AWS credentials (or another `exec`'s) are already in the environment: facts `variables` names them. */
  'NESTED_CREDENTIALS',
  /** The credentials endpoint could not listen on its port (in use, or not allowed): facts `port`, `errno`. */
  'PORT_UNAVAILABLE',
  // desktop IPC
  'UNTRUSTED_SENDER',
  /** A call that must come from a click or key press (opening a link) came without one. */
  'USER_GESTURE_REQUIRED',
  // anything else
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Structured facts about a failure, for the edges to word their hints (ARCHITECTURE §9): which `field` of the
 * input (`name`, `days`, `endpoint`, `password`, …), which `reason` among several of one code, which `name`,
 * which limit (`min`, `max`), which dates or file. Plain values only, so they cross IPC and postMessage; never a
 * secret.
 */
export type ErrorFacts = Record<string, string | number | boolean>;

/** One fact as text, or undefined when absent: what the edges' wording tables read. */
export function factText(facts: ErrorFacts | undefined, key: string): string | undefined {
  const value = facts?.[key];
  return value === undefined ? undefined : String(value);
}

/** What crosses a boundary: plain data, safe to print or serialise. */
export interface ErrorInfo {
  code: ErrorCode;
  /** The fact, in neutral words: no CLI flag or command, no button. */
  message: string;
  /** What to do, in neutral words; an edge replaces it with its own wording where it has one. */
  hint: string;
  facts?: ErrorFacts;
}

/**
 * The one error type core throws. `message` states what is wrong and `hint` what to do, both in words that fit
 * every edge; `facts` carry what an edge needs to say it with its flags (CLI) or its fields and buttons (app).
 */
export class AnchorageError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly facts: ErrorFacts | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    hint = '',
    options?: { cause?: unknown; facts?: ErrorFacts },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AnchorageError';
    this.code = code;
    this.hint = hint;
    this.facts = options?.facts;
  }

  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.facts ? { facts: { ...this.facts } } : {}),
    };
  }
}

/** File-system failures in words: what the errno means and what to do (POSIX errno names, as Node gives them). */
const FILE_ERRORS: Record<string, { what: string; hint: string; readHint?: string }> = {
  ENOSPC: { what: 'the disk is full', hint: 'Free some space on that disk, then try again.' },
  EDQUOT: { what: 'your disk quota is used up', hint: 'Free some space within your quota, then try again.' },
  EACCES: {
    what: 'permission denied',
    hint: 'Check the owner and permissions of that path, or choose a location you may write to.',
  },
  EPERM: {
    what: 'the operation is not permitted',
    hint: 'Check the owner, permissions and attributes (e.g. immutable) of that path.',
  },
  EROFS: {
    what: 'the file system is read-only',
    hint: 'Choose a location on a writable disk, or remount this one read-write.',
  },
  EISDIR: { what: 'it is a directory', hint: 'Give the path of a file, not of a directory.' },
  ENOTDIR: { what: 'part of the path is a file, not a directory', hint: 'Check the path.' },
  ENOENT: {
    what: 'it does not exist',
    hint: 'Check the path, and create the missing directory first.',
    readHint: 'Check the path and the file name.',
  },
  EMFILE: { what: 'too many files are open', hint: 'Close some programs, then try again.' },
  ENFILE: { what: 'too many files are open on this system', hint: 'Close some programs, then try again.' },
  EIO: { what: 'the disk reported an I/O error', hint: 'Check the disk; it may be failing or disconnected.' },
};

const READ_SYSCALLS = new Set(['read', 'open', 'stat', 'lstat', 'scandir', 'access']);

/**
 * An IO_ERROR that says what failed and where, for a Node file-system error (one with an errno `code`);
 * undefined for anything else. `path` overrides the error's own (e.g. the target of an atomic write, rather
 * than its temp file); `action` overrides the verb guessed from the system call.
 */
export function fileSystemError(
  error: unknown,
  options: { path?: string; action?: 'read' | 'write' } = {},
): AnchorageError | undefined {
  const e = error as { code?: unknown; path?: unknown; syscall?: unknown } | null;
  const known = typeof e?.code === 'string' ? FILE_ERRORS[e.code] : undefined;
  if (!known || !e) return undefined;
  const path = options.path ?? (typeof e.path === 'string' ? e.path : undefined);
  const action =
    options.action ?? (typeof e.syscall === 'string' && READ_SYSCALLS.has(e.syscall) ? 'read' : 'write');
  return new AnchorageError(
    'IO_ERROR',
    `Could not ${action} ${path ?? 'a file'}: ${known.what} (${String(e.code)}).`,
    action === 'read' ? (known.readHint ?? known.hint) : known.hint,
    { cause: error, facts: { errno: String(e.code), action, ...(path ? { path } : {}) } },
  );
}

/** Narrow an unknown throw into plain error data, without leaking the text of foreign errors' causes. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AnchorageError) return error.toInfo();
  const io = fileSystemError(error);
  if (io) return io.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `Unexpected error: ${message}`,
    hint: 'This is a bug in Anchorage; please report it with the steps that led here.',
  };
}

/**
 * `error: message (hint: …)`: the single stderr line of the CLI (ARCHITECTURE §9). `hint` is the edge's own
 * wording (main/cli/error-words.ts); without one, core's neutral hint is used.
 */
export function formatErrorLine(info: ErrorInfo, hint: string = info.hint): string {
  return `error: ${info.message} (hint: ${hint})`;
}
