import { AnchorageError } from './errors';

/**
 * Session credentials rendered for each place people paste them: shells, dotenv files, ~/.aws/credentials and
 * the AWS CLI's credential_process protocol. Pure functions; the caller decides where the text goes.
 */

/**
 * The one credential family (issue 8). The base is what signs a request and what every format below prints: a
 * static access key has neither token nor expiration, temporary credentials have both. Each extension adds
 * only the fields its stage really has. The renderer sees none of these: it gets shared/models' MaskedSession.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ISO 8601 instant. */
  expiration?: string;
}

/** Temporary credentials for a role, from Roles Anywhere CreateSession. */
interface SessionCredentials extends AwsCredentials {
  sessionToken: string;
  /** ISO 8601, on AWS's clock. */
  expiration: string;
  roleArn: string;
  assumedRoleArn?: string;
  /** Server clock minus ours, in ms (positive: our clock is behind); expiry is judged on AWS's clock. */
  clockOffsetMs?: number;
}

/** As CreateSession answered: also the server's `Date` header, ISO 8601, when it sent one. */
export interface CreatedSession extends SessionCredentials {
  serverDate?: string;
}

/** As the session cache keeps them. */
export interface CachedSession extends SessionCredentials {
  /**
   * `expiration` is the certificate's notAfter, which comes before the session's own end: no refresh can
   * extend it, so these credentials are served until then, whatever the refresh margin.
   */
  endsWithCertificate?: boolean;
}

/** As core hands them to the CLI, the clipboard and credential_process (main only, never to the renderer). */
export interface ServedSession extends SessionCredentials {
  fromCache: boolean;
}

/** The formats, in menu order, with the label the UI's copy menu shows. */
export const CREDENTIAL_FORMATS = [
  { id: 'env', label: 'Bash / zsh (export)' },
  { id: 'fish', label: 'fish (set -gx)' },
  { id: 'powershell', label: 'PowerShell ($Env:)' },
  { id: 'cmd', label: 'Windows cmd (set)' },
  { id: 'dotenv', label: '.env file' },
  { id: 'json', label: 'JSON' },
  { id: 'ini', label: '~/.aws/credentials (INI)' },
  { id: 'process', label: 'credential_process (JSON, Version 1)' },
] as const;

export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number]['id'];

export const CREDENTIAL_FORMAT_IDS: readonly CredentialFormat[] = CREDENTIAL_FORMATS.map((f) => f.id);

/** True for a known format id (for argument parsing at the edges). */
export function isCredentialFormat(value: string): value is CredentialFormat {
  return (CREDENTIAL_FORMAT_IDS as readonly string[]).includes(value);
}

export interface FormatOptions {
  /** Section name for `ini` (default `default`). */
  profile?: string;
  /** Adds AWS_REGION and AWS_DEFAULT_REGION to the variable formats, and `region` to `ini`. */
  region?: string;
}

/** Variables read by the AWS CLI and SDKs (AWS SDKs reference guide, "Environment variables"). */
function variables(creds: AwsCredentials, options: FormatOptions): Array<[string, string]> {
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
  ];
  if (creds.sessionToken) vars.push(['AWS_SESSION_TOKEN', creds.sessionToken]);
  // Read by botocore and the JS SDK v3 env provider, so tools know when to stop using the keys.
  if (creds.expiration) vars.push(['AWS_CREDENTIAL_EXPIRATION', creds.expiration]);
  if (options.region) vars.push(['AWS_REGION', options.region], ['AWS_DEFAULT_REGION', options.region]);
  return vars;
}

/** POSIX sh single quotes: nothing is special inside; a quote is closed, escaped and reopened. */
export function quoteSh(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish single quotes: only `\\` and `\'` are escapes inside (fish docs, "Quotes"). */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** PowerShell verbatim strings: a quote is doubled; PowerShell also treats ‘ ’ ‚ ‛ as single quotes. */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (c) => c + c)}'`;
}

/**
 * cmd `set "NAME=value"`: the quotes keep & | < > ^ literal and exclude trailing spaces. cmd has no escape for
 * `"` or `%` inside them (and `!` under delayed expansion), so such values are refused rather than mangled.
 */
function cmdSet(name: string, value: string): string {
  if (/["%!\r\n]/.test(value)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The value of ${name} contains a character that cmd.exe cannot quote (" % ! or a line break).`,
      'Use the PowerShell or JSON format instead.',
    );
  }
  return `set "${name}=${value}"`;
}

/** dotenv: single quotes are literal in dotenv and docker compose; fall back to escaped double quotes. */
function quoteDotenv(value: string): string {
  if (!/['\r\n]/.test(value)) return `'${value}'`;
  return `"${value
    .replace(/[\\"$]/g, (c) => `\\${c}`)
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')}"`;
}

function ini(creds: AwsCredentials, options: FormatOptions): string {
  const profile = options.profile ?? 'default';
  if (!/^[^\]\r\n]+$/.test(profile) || profile.trim() !== profile) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${profile}" cannot be a section name in ~/.aws/credentials.`,
      'Use a profile name without brackets, line breaks or surrounding spaces.',
    );
  }
  const lines: Array<[string, string]> = [
    ['aws_access_key_id', creds.accessKeyId],
    ['aws_secret_access_key', creds.secretAccessKey],
  ];
  if (creds.sessionToken) lines.push(['aws_session_token', creds.sessionToken]);
  if (options.region) lines.push(['region', options.region]);
  for (const [key, value] of lines) {
    // configparser takes values verbatim; a line break would start a continuation line.
    if (/[\r\n]/.test(value) || value.trim() !== value) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `The value of ${key} cannot be written to an INI file.`,
        'Use the JSON format.',
      );
    }
  }
  return [`[${profile}]`, ...lines.map(([k, v]) => `${k} = ${v}`)].join('\n');
}

/** The credential_process object: the AWS CLI requires Version 1 and omits absent keys (CLI user guide). */
function processObject(creds: AwsCredentials): Record<string, string | number> {
  const out: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
  };
  if (creds.sessionToken) out.SessionToken = creds.sessionToken;
  if (creds.expiration) out.Expiration = creds.expiration;
  return out;
}

/**
 * Render credentials in one format. The text has no trailing newline.
 * @throws AnchorageError INVALID_INPUT when a value cannot be represented safely in that format.
 */
export function formatCredentials(
  creds: AwsCredentials,
  format: CredentialFormat,
  options: FormatOptions = {},
): string {
  const vars = variables(creds, options);
  switch (format) {
    case 'env':
      return vars.map(([k, v]) => `export ${k}=${quoteSh(v)}`).join('\n');
    case 'fish':
      return vars.map(([k, v]) => `set -gx ${k} ${quoteFish(v)}`).join('\n');
    case 'powershell':
      return vars.map(([k, v]) => `$Env:${k} = ${quotePowerShell(v)}`).join('\n');
    case 'cmd':
      return vars.map(([k, v]) => cmdSet(k, v)).join('\n');
    case 'dotenv':
      return vars.map(([k, v]) => `${k}=${quoteDotenv(v)}`).join('\n');
    case 'json': {
      const { Version: _version, ...rest } = processObject(creds);
      return JSON.stringify(options.region ? { ...rest, Region: options.region } : rest, null, 2);
    }
    case 'ini':
      return ini(creds, options);
    case 'process':
      return JSON.stringify(processObject(creds));
  }
}

/**
 * Mask a secret for display: the first and last four characters of a long value, nothing of a short one.
 * Enough to tell two keys apart, never enough to use one.
 */
export function maskSecret(secret: string): string {
  if (secret.length === 0) return '';
  if (secret.length < 16) return '•'.repeat(8);
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
