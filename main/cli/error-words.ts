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
  roleName: '--role-name',
  trustAnchorName: '--trust-anchor-name',
  profileName: '--profile-name',
  policyArns: '--policy-arn',
  conditions: '--condition',
  saveProfile: '--save-profile',
  trustAnchorArn: '--trust-anchor-arn',
  region: '--region',
  certificate: '--cert',
  ca: '--ca',
};

const NOT_FOUND: Record<string, (name: string) => string> = {
  profile: () => 'See `anchorage profile list`, or add one with `anchorage profile add`.',
  static: () => 'See `anchorage static list`, or add one with `anchorage static add`.',
  'static-secret': (name) =>
    `Store it again: \`anchorage static add ${name} --access-key-id AKIA… --secret-stdin\`.`,
  ca: () => 'See `anchorage list` for CAs, or create one with `anchorage ca create --name NAME`.',
  client: () => 'See `anchorage list` for names and ids.',
  certificate: () => 'See `anchorage list` for names and ids.',
  command: () =>
    "Check its name and your PATH; `anchorage exec` runs it without a shell (for a pipeline: -- sh -c '…').",
};

type Words = (facts: ErrorFacts | undefined) => string | undefined;

const WORDS: Partial<Record<ErrorInfo['code'], Words>> = {
  ALREADY_EXISTS: (f) => {
    // Another vault key in the target store: core's hint (a keychain service of its own) is the advice.
    if (str(f, 'what') === 'vault-key') return undefined;
    if (str(f, 'what') === 'profile') {
      const name = str(f, 'name') ?? 'NAME';
      return `Change some fields with \`anchorage profile set ${name} …\`, or pass --replace to replace it as a whole.`;
    }
    return str(f, 'reason') === 'duplicate'
      ? `Use it as "${str(f, 'name') ?? '…'}" (or by its id); see \`anchorage list\`.`
      : 'Choose another --name, or see `anchorage list`.';
  },
  AWS_CONFIG_CONFLICT: (f) =>
    str(f, 'reason') === 'overriding-keys'
      ? `Remove ${str(f, 'keys') ?? 'those keys'} from [${str(f, 'section') ?? 'that section'}] by hand, or pass --force to let configure-aws remove them (it backs the file up first).`
      : str(f, 'reason') === 'not-anchorage'
        ? '`anchorage configure-aws --remove` only removes sections configure-aws wrote; edit that one by hand.'
        : undefined,
  IN_USE: (f) => {
    const reason = str(f, 'reason');
    if (reason === 'profiles') {
      return `Point each at another certificate (\`anchorage profile set PROFILE --cert OTHER\`) or remove it (\`anchorage profile remove PROFILE\`), then delete again; --force does not remove profiles.`;
    }
    if (reason === 'unrevoked') {
      return `Revoke them (\`anchorage revoke NAME\`) or delete them first, or pass --force to delete the CA and keep them without an issuer in Anchorage.`;
    }
    return undefined;
  },
  CONFIRMATION_REQUIRED: (f) =>
    str(f, 'reason') === 'ca-private-key'
      ? 'Pass --include-private-key if you mean to export the CA’s private key, or use --format pem for the certificate alone.'
      : undefined,
  INVALID_INPUT: (f) => {
    const field = str(f, 'field');
    const reason = str(f, 'reason');
    if (
      field === 'name' &&
      (reason === 'too-long' || reason === 'control-character' || reason === 'id-shaped')
    ) {
      return 'Choose another name: up to 64 printable characters, not ca-/crt- followed by 12 hex digits.';
    }
    if (field === 'cn' && reason === 'too-long') {
      return `Pass a --cn of at most ${str(f, 'maxLength') ?? '64'} characters (and --name for a longer label, up to 64).`;
    }
    if (field === 'name' && reason === 'required') return 'Pass --name NAME.';
    // `aws template --condition cn` without the certificate whose CN it pins (core: facts commonName).
    if (field === 'commonName' || (field === 'certificate' && reason === 'required')) {
      return 'Pass --cert CERT (the client certificate whose CN the role trusts), or leave out --condition cn.';
    }
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
    const field = str(f, 'field');
    if (field === 'vaultPassphrase' || field === 'backupPassphrase') {
      const source =
        field === 'vaultPassphrase'
          ? 'ANCHORAGE_VAULT_PASSPHRASE (or --passphrase-stdin for `anchorage vault passphrase`)'
          : '--passphrase-stdin or ANCHORAGE_BACKUP_PASSPHRASE';
      return reason === 'too-short'
        ? `Give a passphrase of at least ${str(f, 'min') ?? ''} characters through ${source}; a few unrelated words are easy to type.`
        : `Give the passphrase through ${source}; it is never taken as an argument.`;
    }
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
    `Issue a new client certificate and point the profile at it (\`anchorage profile set ${str(f, 'profile') ?? 'PROFILE'} --cert NEW\`).`,
  NOT_A_CA: (f) =>
    str(f, 'subject') !== undefined
      ? 'Issue from a CA created with `anchorage ca create` or an imported CA certificate.'
      : undefined,
  FILE_EXISTS: () => 'Choose another --out path, or pass --force to replace it.',
  REGION_MISMATCH: (f) =>
    str(f, 'field') === 'endpoint'
      ? 'Use the endpoint of the region in the trust anchor ARN (leave out --endpoint for the default), or fix the ARNs’ region.'
      : undefined,
  NETWORK_ERROR: (f) =>
    str(f, 'call') !== undefined
      ? 'Check your network connection and proxy, and AWS_ENDPOINT_URL_ROLESANYWHERE / AWS_ENDPOINT_URL_IAM (or endpoint_url in ~/.aws/config) if you set them.'
      : 'Check your network connection, DNS and proxy settings, and the region or --endpoint.',
  // An operator call (facts `call`) is signed with the operator's credentials, not a profile's session.
  AWS_EXPIRED_TOKEN: (f) =>
    str(f, 'call') !== undefined
      ? 'Sign in again (`aws sso login`, or refresh the credentials of --aws-profile), or use --static NAME.'
      : 'Get new session credentials (`anchorage session PROFILE --no-cache`).',
  AWS_ACCESS_DENIED: (f) =>
    str(f, 'call') !== undefined
      ? `The operator lacks ${str(f, 'call') ?? 'a permission'}: \`anchorage aws setup … --dry-run\` prints the IAM policy these calls need; attach it, or use other credentials (--aws-profile, --static).`
      : undefined,
  AWS_OPERATOR_CREDENTIALS: () =>
    'Sign in with the AWS CLI (`aws configure`, or `aws sso login --profile NAME`), pick a profile with --aws-profile NAME, or use a stored set with --static NAME (`anchorage static add`).',
  AWS_TRUST_POLICY_DIFFERS: (f) =>
    `Pass --update-trust to replace the trust policy of ${str(f, 'role') ?? 'the role'} (it changes who may assume it), or choose another --role-name.`,
  AWS_NO_TRUST_ANCHOR: (f) =>
    str(f, 'trustAnchor') !== undefined
      ? 'Pass the --trust-anchor-arn of the anchor that holds this CA (see `anchorage aws discover`).'
      : 'Register the CA first (`anchorage aws setup --ca CA …`), or check --region (see `anchorage aws discover`).',
  AWS_ALREADY_EXISTS: () => 'Run the same command again: it finds what exists and reuses it.',
  NO_CREDENTIALS: () => 'Export them, or sign with --profile NAME or --static NAME.',
  NESTED_CREDENTIALS: (f) =>
    `Leave the shell that set ${str(f, 'variables') ?? 'them'} (e.g. another \`anchorage exec\`) or unset them, or pass --force to replace them for this command.`,
  PORT_UNAVAILABLE: (f) =>
    str(f, 'errno') === 'EACCES'
      ? 'Ports below 1024 need privileges: choose --port 1024 or above, or --port 0 for a free one.'
      : 'Choose another --port, or --port 0 for a free one (another `anchorage serve` may be running).',
};

/** The hint the CLI prints for an error: its own words where it has them, else core's neutral hint. */
export function cliHint(info: ErrorInfo): string {
  return WORDS[info.code]?.(info.facts) ?? info.hint;
}

/** The CLI's one stderr line for an error: `error: message (hint: …)`, the hint in CLI words. */
export function cliErrorLine(info: ErrorInfo): string {
  return formatErrorLine(info, cliHint(info));
}
