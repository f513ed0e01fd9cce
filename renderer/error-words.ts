/**
 * Hints in the app's words (ARCHITECTURE §9: words live at the edges). Core states the fact and carries
 * structured facts; this maps (code, facts) to advice with the app's pages, fields and buttons. Where nothing
 * here fits, core's neutral hint is shown as it is.
 */
import { factText as str } from '../shared/errors';
import type { ErrorFacts, ErrorInfo } from '../shared/errors';

/** The label of the form field for an input, as the forms show it. */
const FIELD: Record<string, string> = {
  name: 'Name',
  cn: 'Common name (CN)',
  days: 'Validity (days)',
  endpoint: 'Endpoint',
  durationSeconds: 'Session length',
  password: 'PFX password',
  clipboardClearSeconds: 'Clear the clipboard after (seconds)',
  refreshMarginSeconds: 'Refresh credentials before expiry (seconds)',
  accessKeyId: 'Access key ID',
  secretAccessKey: 'Secret access key',
  certificate: 'Client certificate',
  trustAnchorArn: 'Trust anchor ARN',
  profileArn: 'Profile ARN',
  roleArn: 'Role ARN',
  region: 'Region',
  roleName: 'Role name',
  policyArns: 'Permission policy ARNs',
};

const GENERATE = 'or choose “Generate a strong password”';

const NOT_FOUND: Record<string, (name: string) => string> = {
  profile: () => 'Pick a profile on the Credentials page, or add one there.',
  static: () => 'Pick a set under Static credential sets on the Credentials page, or add one there.',
  'static-secret': (name) => `Add the static credentials “${name}” again on the Credentials page.`,
  ca: () => 'Pick a CA on the Certificates page, or create one with New CA.',
  client: () => 'Pick a client certificate from the Certificates page.',
  certificate: () => 'Pick it again from the Certificates page.',
};

type Words = (facts: ErrorFacts | undefined) => string | undefined;

/** Where the registration calls' AWS credentials are chosen (the wizard's step 3, the drawer's AWS dialogs). */
const OTHER_CREDENTIALS =
  'or choose other credentials in “AWS credentials for these calls” (another AWS profile, or a static set from the Credentials page)';

const WORDS: Partial<Record<ErrorInfo['code'], Words>> = {
  ALREADY_EXISTS: (f) =>
    str(f, 'what') === 'vault-key'
      ? undefined
      : str(f, 'field') === 'saveProfile'
        ? `Type another Role name (the Anchorage profile takes its name), or remove the profile “${str(f, 'name') ?? '…'}” on the Credentials page, then choose Try again.`
        : str(f, 'what') === 'profile' && str(f, 'reason') === 'taken'
          ? 'Choose Replace to overwrite it, or type another name.'
          : str(f, 'what') === 'profile'
            ? 'Type another profile name; the Credentials page lists the profiles in use.'
            : str(f, 'reason') === 'duplicate'
              ? `It is already on the Certificates page as “${str(f, 'name') ?? '…'}”.`
              : 'Type another name in the Name field; the Certificates page lists the names in use.',
  // registering with AWS (issue 12): the wizard's "Register for me" and the drawer's Push CRL / Update trust anchor
  AWS_ALREADY_EXISTS: () =>
    'Another change made it meanwhile. Choose Try again: Anchorage finds what exists and reuses it.',
  AWS_OPERATOR_CREDENTIALS: (f) =>
    str(f, 'source') === 'static'
      ? `Add the static set again on the Credentials page, ${OTHER_CREDENTIALS}.`
      : `Sign in for the AWS profile “${str(f, 'profile') ?? 'default'}” in a terminal (aws configure, or aws sso login for SSO), ${OTHER_CREDENTIALS}; then choose Try again.`,
  AWS_TRUST_POLICY_DIFFERS: (f) =>
    `Tick “Replace an existing role’s trust policy” and choose Try again (whatever the role${str(f, 'role') ? ` “${str(f, 'role')}”` : ''} trusts now loses access), or type another Role name.`,
  AWS_NO_TRUST_ANCHOR: (f) =>
    str(f, 'trustAnchor') !== undefined
      ? 'Paste the ARN of the trust anchor that holds this CA in “Trust anchor ARN”, or leave it empty to find it.'
      : `Register the CA with AWS first (the setup wizard’s step 3, Register for me), or choose the Region its trust anchor is in${str(f, 'region') ? ` (not ${str(f, 'region')})` : ''}.`,
  AWS_ACCESS_DENIED: (f) =>
    str(f, 'call') !== undefined
      ? `Allow ${str(f, 'call')} to the user or role of the AWS credentials you chose (Review in the wizard’s step 3 lists every permission these calls need), ${OTHER_CREDENTIALS}; then choose Try again.`
      : undefined,
  AWS_THROTTLED: (f) =>
    str(f, 'call') !== undefined
      ? 'Wait a minute, then choose Try again: it continues where it stopped.'
      : undefined,
  AWS_CONFIG_CONFLICT: (f) =>
    str(f, 'reason') === 'overriding-keys'
      ? `Remove ${str(f, 'keys') ?? 'those keys'} from [${str(f, 'section') ?? 'that section'}] in the AWS config file, then choose Configure AWS CLI again.`
      : undefined,
  INVALID_INPUT: (f) => {
    const field = str(f, 'field');
    const reason = str(f, 'reason');
    if (field === 'name' && reason === 'required') return 'Fill in the Name field.';
    if (field === 'cn' && reason === 'required') {
      return 'Fill in the Common name (CN) field, e.g. “Build agent 7”.';
    }
    if (field === 'certificate' && reason === 'is-ca') {
      return 'Choose a client certificate, or issue one from this CA on the Certificates page (Issue certificate).';
    }
    if (field === 'endpoint' && reason) {
      return reason === 'not-a-url'
        ? 'Correct the Endpoint field (https://host[:port]), or leave it empty for AWS.'
        : 'In the Endpoint field use https:// (http:// only for a local emulator on this computer), or leave it empty for AWS.';
    }
    if (field && f?.min !== undefined && f.max !== undefined && FIELD[field]) {
      return `Enter ${String(f.min)} to ${String(f.max)} in “${FIELD[field]}”.`;
    }
    if (field === 'trustAnchorArn' && reason === 'ambiguous') {
      return 'Paste the ARN of the trust anchor to change in “Trust anchor ARN”.';
    }
    // The IPC door names the field (`region`, or `patch.region` for an edit) and whether it was missing.
    const last = field?.split('.').pop() ?? '';
    if (last === 'region' && reason === 'required') {
      return 'Fill in the Region field, or paste the trust anchor ARN first.';
    }
    if (FIELD[last] && reason === 'required') return `Fill in the ${FIELD[last]} field.`;
    if (FIELD[last] && reason === 'invalid') return `Correct the ${FIELD[last]} field.`;
    return undefined;
  },
  INVALID_DURATION: () =>
    'Choose a Session length from 15 minutes to 12 hours; the role’s maximum session duration may be lower.',
  INVALID_DAYS: (f) => {
    const reason = str(f, 'reason');
    if (reason === 'not-whole') return 'Enter a whole number of at least 1 in Validity (days).';
    if (reason === 'past-last-date') return `Enter at most ${str(f, 'max') ?? ''} in Validity (days).`;
    return undefined;
  },
  VALIDITY_EXCEEDS_ISSUER: (f) => {
    const max = Number(f?.maxDays);
    return max >= 1 ? `Enter ${max} or fewer in Validity (days), or renew the CA first.` : undefined;
  },
  INVALID_PASSWORD: (f) => {
    const reason = str(f, 'reason');
    if (reason === 'required') return `Type a password, ${GENERATE}.`;
    if (reason === 'too-short') {
      return `Type at least ${str(f, 'min') ?? ''} characters in PFX password, ${GENERATE}.`;
    }
    if (reason === 'not-ascii') return `Use only ASCII characters in PFX password, ${GENERATE}.`;
    return undefined;
  },
  PASSWORD_REQUIRED: (f) =>
    str(f, 'field') === 'password'
      ? 'Type the password in the File password field, then import again.'
      : undefined,
  NOT_FOUND: (f) => {
    if (str(f, 'reason') === 'gone')
      return 'Another process removed it; the Certificates page shows what is left.';
    const what = str(f, 'what');
    return what ? NOT_FOUND[what]?.(str(f, 'name') ?? '') : undefined;
  },
  IN_USE: (f) => {
    const reason = str(f, 'reason');
    if (reason === 'profiles') {
      const profiles = str(f, 'profiles');
      return `On the Credentials page, point ${profiles ? `the profiles using it (${profiles})` : 'each profile that uses it'} at another certificate (Edit), or remove them; then choose Delete again.`;
    }
    if (reason === 'unrevoked') {
      return 'Revoke or delete those certificates first, or tick “Delete the CA anyway” in the Delete dialog to keep them without an issuer in Anchorage.';
    }
    return undefined;
  },
  REVOKED: () =>
    'Issue a new client certificate on the Certificates page, then add the profile again with it on the Credentials page.',
  NOT_A_CA: (f) =>
    str(f, 'subject') !== undefined
      ? 'Issue from a CA made with New CA on the Certificates page, or from an imported CA certificate.'
      : undefined,
  FILE_EXISTS: () => 'Choose another file name in the save dialog.',
  REGION_MISMATCH: (f) =>
    str(f, 'field') === 'endpoint'
      ? 'Use the endpoint of the region in the trust anchor ARN (or leave the Endpoint field empty for the default), or fix the ARNs’ region.'
      : undefined,
  NETWORK_ERROR: () =>
    'Check your network connection, DNS and proxy settings, and the profile’s Region and Endpoint.',
  AWS_EXPIRED_TOKEN: () => 'Get new session credentials on the Credentials page.',
  NO_CREDENTIALS: () => 'Choose a profile or a static credential set to sign with.',
  USER_GESTURE_REQUIRED: () =>
    'Click the link again: Anchorage opens a page in your browser only when you click or press a key.',
};

/** The hint the app shows for an error: its own words where it has them, else core's neutral hint. */
export function appHint(info: ErrorInfo): string {
  return WORDS[info.code]?.(info.facts) ?? info.hint;
}
