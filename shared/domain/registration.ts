/**
 * The words of "Register with AWS for me" (issue 12) that every edge shares, without zod: the trust-policy
 * conditions a role may pin, the steps of `aws setup` in their order, what became of each, and the template
 * formats. shared/schemas/registration.ts builds the IPC schemas from these lists.
 */

/**
 * Conditions the created role's trust policy may carry (shared/domain/trust-policy.ts builds them):
 * `cn` pins the client certificate's subject CN (`aws:PrincipalTag/x509Subject/CN`), `source-arn` pins the
 * trust anchor (`aws:SourceArn`).
 */
export const TRUST_CONDITIONS = ['cn', 'source-arn'] as const;
export type TrustCondition = (typeof TRUST_CONDITIONS)[number];

/**
 * The steps of `aws setup`, in the order they run: each one's resource depends on the one before it (the
 * role's trust policy may name the trust anchor; the profile lists the role; the Anchorage profile names
 * all three ARNs; the test uses it).
 */
export const SETUP_STEP_IDS = [
  'trust-anchor',
  'role',
  'role-policies',
  'profile',
  'save-profile',
  'test',
] as const;
export type SetupStepId = (typeof SETUP_STEP_IDS)[number];

/**
 * What became of a step: `planned` (a dry run, or not reached yet), `running`, `created`, `reused` (it existed
 * as wanted), `updated` (it existed and was changed: a trust policy with `updateTrust`, a policy attached, an
 * anchor enabled), `passed` (the test got a session), `failed` (its `error` says why), `not-run` (an earlier
 * step failed).
 */
export const SETUP_STEP_STATUSES = [
  'planned',
  'running',
  'created',
  'reused',
  'updated',
  'passed',
  'failed',
  'not-run',
] as const;
export type SetupStepStatus = (typeof SETUP_STEP_STATUSES)[number];

/** The statuses of a step that succeeded. */
export const SETUP_STEP_SUCCEEDED: ReadonlySet<SetupStepStatus> = new Set([
  'created',
  'reused',
  'updated',
  'passed',
]);

/** Infrastructure-as-code outputs of `aws template`. */
export const TEMPLATE_FORMATS = ['cloudformation', 'terraform'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

/**
 * An IAM managed policy ARN (IAM User Guide, "IAM identifiers": `arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME`);
 * AWS managed policies have the account `aws`.
 */
export const POLICY_ARN_PATTERN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/;

/** An IAM role name (IAM API reference, CreateRole `RoleName`: `[\w+=,.@-]+`, 1–64 characters). */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/**
 * A Roles Anywhere resource name (API reference, CreateTrustAnchor/CreateProfile `name`:
 * `[ a-zA-Z0-9-_]*`, 1–255 characters).
 */
export const ROLES_ANYWHERE_NAME_PATTERN = /^[ a-zA-Z0-9_-]{1,255}$/;
