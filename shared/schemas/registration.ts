/**
 * The schemas of "Register with AWS for me" (issue 12): where the operator's credentials come from, what
 * `aws discover` finds, what `aws setup` is asked and what each of its steps did, and the answers of
 * `aws push-crl` and `aws update-anchor`. Core's types are these schemas' outputs (main/core/api.ts).
 */
import { z } from 'zod';
import { CERTIFICATE_NAME, SESSION_DURATION } from '../domain/limits';
import {
  POLICY_ARN_PATTERN,
  ROLE_NAME_PATTERN,
  ROLES_ANYWHERE_NAME_PATTERN,
  SETUP_STEP_IDS,
  SETUP_STEP_STATUSES,
  TEMPLATE_FORMATS,
  TRUST_CONDITIONS,
} from '../domain/registration';
import { CallerIdentitySchema } from './models';

const ref = z.string().trim().min(1).max(256);
const arn = z.string().trim().min(1).max(2048);
const region = z.string().trim().min(1).max(64);
const policyArns = z.array(z.string().trim().regex(POLICY_ARN_PATTERN)).max(20).default([]);

/**
 * The operator's credentials, used only for the registration calls and never stored by them:
 * `aws-profile` is the AWS SDK's default provider chain (env, `~/.aws` profiles with SSO and
 * credential_process), with `profile` selecting a `~/.aws` profile; `static` is a static set from the vault.
 */
const OperatorSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('aws-profile'), profile: z.string().trim().min(1).max(128).optional() }),
  z.strictObject({
    kind: z.literal('static'),
    name: z.string().trim().min(1).max(CERTIFICATE_NAME.maxLength),
  }),
]);
export type OperatorSource = z.output<typeof OperatorSourceSchema>;

/** Where operator credentials may come from on this machine, for the app's picker. */
export const OperatorSourcesSchema = z.object({
  /** Profile names of the shared AWS config and credentials files (`default` included when present). */
  awsProfiles: z.array(z.string()),
  /** Static credential sets in the vault (names only). */
  statics: z.array(z.string()),
  /** Whether AWS_ACCESS_KEY_ID (or AWS_PROFILE) is set in this process's environment. */
  environment: z.boolean(),
  /** The region the SDK's configuration gives (AWS_REGION, the profile's `region`), if any. */
  defaultRegion: z.string().optional(),
});

export const DiscoverInputSchema = z.strictObject({
  operator: OperatorSourceSchema,
  /** Default: the SDK's configured region. */
  region: region.optional(),
});

/** An Anchorage CA whose certificate a trust anchor's bundle holds (`current`), or an older one of its key. */
const CaMatchSchema = z.object({ id: z.string(), name: z.string(), current: z.boolean() });

export const DiscoverySchema = z.object({
  region: z.string(),
  trustAnchors: z.array(
    z.object({
      arn: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      /** CERTIFICATE_BUNDLE or AWS_ACM_PCA. */
      sourceType: z.string(),
      matches: z.array(CaMatchSchema),
    }),
  ),
  profiles: z.array(
    z.object({
      arn: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      roleArns: z.array(z.string()),
      durationSeconds: z.number().optional(),
    }),
  ),
  /** Roles whose trust policy admits `rolesanywhere.amazonaws.com`. */
  roles: z.array(
    z.object({
      arn: z.string(),
      name: z.string(),
      /** The CN a condition pins, if any. */
      commonName: z.string().optional(),
      /** The trust anchors `aws:SourceArn` pins, if any. */
      trustAnchorArns: z.array(z.string()),
    }),
  ),
});

/**
 * What `aws setup` creates and `aws template` describes, the same way: the role, its policies, the names of the
 * trust anchor and profile (defaults: main/core/registration/resource-names.ts), the session length and the
 * trust policy's conditions.
 */
const RESOURCE_FIELDS = {
  roleName: z.string().trim().regex(ROLE_NAME_PATTERN),
  policyArns,
  trustAnchorName: z.string().trim().regex(ROLES_ANYWHERE_NAME_PATTERN).optional(),
  profileName: z.string().trim().regex(ROLES_ANYWHERE_NAME_PATTERN).optional(),
  durationSeconds: z.number().int().min(SESSION_DURATION.min).max(SESSION_DURATION.max).optional(),
  conditions: z.array(z.enum(TRUST_CONDITIONS)).max(TRUST_CONDITIONS.length).default([]),
};

export const SetupInputSchema = z.strictObject({
  operator: OperatorSourceSchema,
  region: region.optional(),
  ca: ref,
  certificate: ref,
  ...RESOURCE_FIELDS,
  /** The Anchorage profile to save; default: the role name. */
  saveProfile: z.string().trim().min(1).max(CERTIFICATE_NAME.maxLength).optional(),
  /** The CreateSession endpoint the saved profile uses (a VPC endpoint, or an emulator). */
  endpoint: z.url().optional(),
  /** Replace an existing role's different trust policy (UpdateAssumeRolePolicy); else the step fails. */
  updateTrust: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

const StepErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const SetupStepSchema = z.object({
  id: z.enum(SETUP_STEP_IDS),
  status: z.enum(SETUP_STEP_STATUSES),
  /** The API operations this step made (or, planned, may make), as `service:Operation`. */
  calls: z.array(z.string()),
  /** The resource's name (trust anchor, role, profile, Anchorage profile). */
  name: z.string().optional(),
  arn: z.string().optional(),
  /** Policy ARNs attached by `role-policies`. */
  attached: z.array(z.string()).optional(),
  /** For `role` when the existing trust policy differs: both documents, two-space JSON. */
  trustPolicyDiff: z.object({ current: z.string(), wanted: z.string() }).optional(),
  error: StepErrorSchema.optional(),
});

/** An IAM policy document (the operator's least-privilege policy). */
export const IamPolicySchema = z.object({
  Version: z.literal('2012-10-17'),
  Statement: z.array(
    z.object({
      Sid: z.string().optional(),
      Effect: z.literal('Allow'),
      Action: z.array(z.string()),
      Resource: z.union([z.string(), z.array(z.string())]),
      Condition: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    }),
  ),
});

export const SetupResultSchema = z.object({
  dryRun: z.boolean(),
  region: z.string(),
  /** True when every step succeeded (a dry run: false). */
  complete: z.boolean(),
  steps: z.array(SetupStepSchema),
  /** What the operator needs for these calls, and nothing more. */
  operatorPolicy: IamPolicySchema,
  /** The saved Anchorage profile's name (after `save-profile`). */
  profile: z.string().optional(),
  /** The tested session's identity (after `test`). */
  identity: CallerIdentitySchema.optional(),
});

/** A CA whose trust anchor `aws push-crl` and `aws update-anchor` change. */
export const CaTrustAnchorInputSchema = z.strictObject({
  operator: OperatorSourceSchema,
  region: region.optional(),
  ca: ref,
  /** Default: the one enabled trust anchor whose bundle holds the CA. */
  trustAnchorArn: arn.optional(),
});

export const PushCrlResultSchema = z.object({
  crlArn: z.string(),
  name: z.string(),
  trustAnchorArn: z.string(),
  /** `imported` (ImportCrl) the first time, `updated` (UpdateCrl) after. */
  action: z.enum(['imported', 'updated']),
  enabled: z.boolean(),
  /** How many serial numbers the CRL revokes. */
  revoked: z.number().int(),
  calls: z.array(z.string()),
});

export const UpdateAnchorResultSchema = z.object({
  trustAnchorArn: z.string(),
  /** `updated` (UpdateTrustAnchor) or `unchanged` (the bundle already held the CA's current certificate). */
  action: z.enum(['updated', 'unchanged']),
  /** Certificates in the anchor's bundle now: the CA's current one and its earlier ones still valid. */
  certificates: z.number().int(),
  calls: z.array(z.string()),
});

export const TemplateInputSchema = z.strictObject({
  format: z.enum(TEMPLATE_FORMATS),
  ca: ref,
  /** Needed for the `cn` condition (the CN it pins). */
  certificate: ref.optional(),
  ...RESOURCE_FIELDS,
});
