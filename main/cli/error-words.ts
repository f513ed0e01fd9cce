/**
 * Hints in the CLI's words (ARCHITECTURE §9: words live at the edges). Core states the fact and carries
 * structured facts; this maps (code, facts) to advice with the CLI's flags and commands. Where nothing here
 * fits, core's neutral hint is used as it is.
 */
import { factText as str, formatErrorLine } from '../../shared/errors';
import type { ErrorFacts, ErrorInfo } from '../../shared/errors';

/** The flag that sets an input field, where the CLI has one. */
const FLAG: Record<string, string> = {
  name: '--name',
  cn: '--cn',
  days: '--days',
  endpoint: '--endpoint',
  stsEndpoint: '--sts-endpoint',
  durationSeconds: '--duration',
  sessionName: '--session-name',
  clipboardClearSeconds: '--clipboard-clear',
  refreshMarginSeconds: '--refresh-margin',
  accessKeyId: '--access-key-id',
};

const NOT_FOUND: Record<string, (name: string) => string> = {
  profile: () => 'See `anchorage profile list`, or add one with `anchorage profile add`.',
  static: () => 'See `anchorage static list`, or add one with `anchorage static add`.',
  'static-secret': (name) =>
    `Store it again: \`anchorage static add ${name} --access-key-id AKIA… --secret-stdin\`.`,
  ca: () => 'See `anchorage list` for CAs, or create one with `anchorage ca create --name NAME`.',
  client: () => 'See `anchorage list` for names and ids.',
  certificate: () => 'See `anchorage list` for names and ids.',
};

type Words = (facts: ErrorFacts | undefined) => string | undefined;

const WORDS: Partial<Record<ErrorInfo['code'], Words>> = {
  ALREADY_EXISTS: (f) =>
    str(f, 'reason') === 'duplicate'
      ? `Use it as "${str(f, 'name') ?? '…'}" (or by its id); see \`anchorage list\`.`
      : 'Choose another --name, or see `anchorage list`.',
  INVALID_INPUT: (f) => {
    const field = str(f, 'field');
    const reason = str(f, 'reason');
    if (field === 'name' && reason === 'required') return 'Pass --name NAME.';
    if (field === 'cn' && reason === 'required')
      return 'Give the certificate a name, e.g. --cn "Build agent 7".';
    if (field === 'certificate' && reason === 'is-ca') {
      return `Pass a client certificate to --cert, or issue one with \`anchorage cert issue --ca ${str(f, 'name') ?? 'CA'} --cn CN\`.`;
    }
    if ((field === 'endpoint' || field === 'stsEndpoint') && reason) {
      const flag = FLAG[field];
      return reason === 'not-a-url'
        ? `Pass ${flag} as https://host[:port], e.g. a VPC endpoint URL.`
        : `Only a loopback ${flag} (a local emulator) may use plain http; leave it out for AWS.`;
    }
    if (field && f?.min !== undefined && f.max !== undefined && FLAG[field]) {
      return `Pass ${FLAG[field]} with ${String(f.min)} to ${String(f.max)} seconds.`;
    }
    return undefined;
  },
  INVALID_DURATION: (f) =>
    f?.min !== undefined && f.max !== undefined
      ? `Pass --duration from ${String(f.min)} (15 minutes) to ${String(f.max)} (12 hours); the role’s maximum session duration may be lower.`
      : undefined,
  INVALID_DAYS: (f) => {
    const reason = str(f, 'reason');
    if (reason === 'not-whole') return 'Pass --days with a positive whole number, e.g. --days 365.';
    if (reason === 'past-last-date') return `Use --days ${str(f, 'max') ?? ''} or fewer.`;
    return undefined;
  },
  VALIDITY_EXCEEDS_ISSUER: (f) => {
    const max = Number(f?.maxDays);
    return max >= 1 ? `Use --days ${max} or fewer, or renew the CA first.` : undefined;
  },
  INVALID_PASSWORD: (f) => {
    const reason = str(f, 'reason');
    if (reason === 'required') {
      return 'Pass --password-stdin, set ANCHORAGE_EXPORT_PASSWORD, or use --generate-password.';
    }
    if (reason === 'too-short') {
      return `Give a password of at least ${str(f, 'min') ?? ''} characters (--password-stdin or ANCHORAGE_EXPORT_PASSWORD), or use --generate-password.`;
    }
    if (reason === 'not-ascii') {
      return 'Use only letters, digits and ASCII punctuation, or use --generate-password.';
    }
    return undefined;
  },
  PASSWORD_REQUIRED: (f) =>
    str(f, 'field') === 'password'
      ? `Pass --password-stdin and pipe the ${str(f, 'what') === 'key' ? 'key' : 'PFX'} password in, or set ANCHORAGE_IMPORT_PASSWORD.`
      : undefined,
  NOT_FOUND: (f) => {
    if (str(f, 'reason') === 'gone') return 'Another process removed it; see `anchorage list`.';
    const what = str(f, 'what');
    return what ? NOT_FOUND[what]?.(str(f, 'name') ?? 'NAME') : undefined;
  },
  REVOKED: (f) =>
    `Issue a new client certificate and point the profile at it (\`anchorage profile add ${str(f, 'profile') ?? 'PROFILE'} … --cert NEW\`).`,
  NOT_A_CA: (f) =>
    str(f, 'subject') !== undefined
      ? 'Issue from a CA created with `anchorage ca create` or an imported CA certificate.'
      : undefined,
  FILE_EXISTS: () => 'Choose another --out path, or pass --force to replace it.',
  REGION_MISMATCH: (f) =>
    str(f, 'field') === 'endpoint'
      ? 'Use the endpoint of the region in the trust anchor ARN (leave out --endpoint for the default), or fix the ARNs’ region.'
      : undefined,
  NETWORK_ERROR: () => 'Check your network connection, DNS and proxy settings, and the region or --endpoint.',
  AWS_EXPIRED_TOKEN: () => 'Get new session credentials (`anchorage session PROFILE --no-cache`).',
  NO_CREDENTIALS: () => 'Export them, or sign with --profile NAME or --static NAME.',
};

/** The hint the CLI prints for an error: its own words where it has them, else core's neutral hint. */
export function cliHint(info: ErrorInfo): string {
  return WORDS[info.code]?.(info.facts) ?? info.hint;
}

/** The CLI's one stderr line for an error: `error: message (hint: …)`, the hint in CLI words. */
export function cliErrorLine(info: ErrorInfo): string {
  return formatErrorLine(info, cliHint(info));
}
