/**
 * The IAM role trust policy that lets IAM Roles Anywhere assume a role, and the console steps that register a CA
 * with AWS (ARCHITECTURE §1 step 3). Pure functions: the wizard shows the text, the user pastes it.
 *
 * Source: IAM Roles Anywhere user guide, "Trust policy" — the service principal `rolesanywhere.amazonaws.com`
 * needs `sts:AssumeRole`, `sts:TagSession` (it tags the session with the certificate's subject and issuer) and
 * `sts:SetSourceIdentity`. Conditions can pin the certificate's CN (`aws:PrincipalTag/x509Subject/CN`) and the
 * trust anchor (`aws:SourceArn`).
 */

const ROLES_ANYWHERE_PRINCIPAL = 'rolesanywhere.amazonaws.com';
const TRUST_POLICY_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] as const;
/** Shown in the policy while the user has not yet created the trust anchor. */
export const TRUST_ANCHOR_ARN_PLACEHOLDER =
  'arn:aws:rolesanywhere:REGION:ACCOUNT_ID:trust-anchor/TRUST_ANCHOR_ID';

export interface TrustPolicyOptions {
  /** Only certificates with this subject CN may assume the role. */
  commonName?: string;
  /** Only sessions created through this trust anchor; an empty string puts the placeholder in. */
  trustAnchorArn?: string;
}

interface TrustPolicyStatement {
  Effect: 'Allow';
  Principal: { Service: string };
  Action: string[];
  Condition?: {
    StringEquals?: Record<string, string>;
    ArnEquals?: Record<string, string>;
  };
}

export interface TrustPolicy {
  Version: '2012-10-17';
  Statement: TrustPolicyStatement[];
}

/** Build the trust policy document; conditions appear only for the options given. */
export function buildTrustPolicy(options: TrustPolicyOptions = {}): TrustPolicy {
  const statement: TrustPolicyStatement = {
    Effect: 'Allow',
    Principal: { Service: ROLES_ANYWHERE_PRINCIPAL },
    Action: [...TRUST_POLICY_ACTIONS],
  };
  const condition: NonNullable<TrustPolicyStatement['Condition']> = {};
  const cn = options.commonName?.trim();
  if (cn) condition.StringEquals = { 'aws:PrincipalTag/x509Subject/CN': cn };
  if (options.trustAnchorArn !== undefined) {
    condition.ArnEquals = { 'aws:SourceArn': options.trustAnchorArn.trim() || TRUST_ANCHOR_ARN_PLACEHOLDER };
  }
  if (condition.StringEquals || condition.ArnEquals) statement.Condition = condition;
  return { Version: '2012-10-17', Statement: [statement] };
}

/** The trust policy as the JSON text to paste into the IAM console (two-space indent). */
export function trustPolicyJson(options: TrustPolicyOptions = {}): string {
  return JSON.stringify(buildTrustPolicy(options), null, 2);
}

export interface ConsoleStep {
  title: string;
  detail: string;
}

export interface ConsoleStepsOptions {
  /** The CA's display name, to say which PEM to paste. */
  caName?: string;
  /** A region to suggest; the trust anchor, the profile and the session all live in one region. */
  region?: string;
}

/**
 * The numbered console steps that register the CA with AWS: trust anchor, role, profile, then the ARNs.
 * Order matters: the role's trust policy may name the trust anchor, and the profile names the role.
 */
export function consoleSteps(options: ConsoleStepsOptions = {}): ConsoleStep[] {
  const ca = options.caName ? `the "${options.caName}" CA certificate` : 'the CA certificate';
  const where = options.region ? ` in ${options.region}` : ' in the region you will use';
  return [
    {
      title: 'Create a trust anchor',
      detail:
        `Open the IAM Roles Anywhere console${where}. Choose "Create a trust anchor", pick "External certificate ` +
        `bundle" as the source, and paste ${ca} (the PEM above). Create it and copy its ARN.`,
    },
    {
      title: 'Create the role',
      detail:
        'Open the IAM console, Roles, "Create role". Choose "Custom trust policy" and paste the trust policy above ' +
        '(with the trust anchor ARN in it if you kept that condition). Attach the permissions your workload ' +
        'needs, name the role, create it, and copy its ARN.',
    },
    {
      title: 'Create a profile',
      detail:
        'Back in the IAM Roles Anywhere console, choose "Create a profile", give it a name, select the role you ' +
        'just created, and create it. Copy the profile ARN.',
    },
    {
      title: 'Enter the three ARNs here',
      detail: 'Continue to the next step and paste the trust anchor, profile and role ARNs.',
    },
  ];
}

/** The console steps as plain numbered text (for copying or a README). */
export function consoleStepsText(options: ConsoleStepsOptions = {}): string {
  return consoleSteps(options)
    .map((step, i) => `${i + 1}. ${step.title}: ${step.detail}`)
    .join('\n');
}
