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
  // inventory and data
  'NOT_FOUND',
  'AMBIGUOUS_REF',
  'ALREADY_EXISTS',
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
  // desktop IPC
  'UNTRUSTED_SENDER',
  // anything else
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses a boundary: plain data, safe to print or serialise. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint: string;
}

/** The one error type core throws. `message` says what is wrong, `hint` what to do about it. */
export class AnchorageError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnchorageError';
    this.code = code;
    this.hint = hint;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Narrow an unknown throw into plain error data, without leaking the text of foreign errors' causes. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AnchorageError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `Unexpected error: ${message}`,
    hint: 'This is a bug in Anchorage; please report it with the steps that led here.',
  };
}

/** `error: message (hint: …)`: the single stderr line of the CLI (ARCHITECTURE §9). */
export function formatErrorLine(info: ErrorInfo): string {
  return `error: ${info.message} (hint: ${info.hint})`;
}
