import { z } from 'zod';
import { EXPORT_FORMATS, KEY_TYPES, PFX_PROFILES } from '../domain/key-types';
import { CLIPBOARD_CLEAR_SECONDS, REFRESH_MARGIN_SECONDS } from '../domain/limits';
import { WIZARD_STEP_KEYS } from '../domain/wizard';

/**
 * The data that core returns to its two edges (CLI and IPC). None of these shapes can hold a secret:
 * private keys, passwords and session secrets stay in core (ARCHITECTURE §3).
 */

// The lists and their types (KeyType, PfxProfile, ExportFormat) live in shared/domain/key-types.ts.
export const KeyTypeSchema = z.enum(KEY_TYPES);
export const PfxProfileSchema = z.enum(PFX_PROFILES);
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);

/** `superseded`: renewed; a newer certificate took its name and its profiles (issue 9), but it still works. */
const CertificateStatusSchema = z.enum([
  'valid',
  'expiring',
  'expired',
  'revoked',
  'not-yet-valid',
  'superseded',
]);
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

/** A CA or client certificate in the inventory. */
export const CertificateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['ca', 'client']),
  subject: z.string(),
  commonName: z.string(),
  issuer: z.string(),
  issuerId: z.string().nullable(),
  serialNumber: z.string(), // decimal, as Roles Anywhere's Credential= uses it
  serialHex: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyType: KeyTypeSchema,
  sha256Fingerprint: z.string(),
  hasPrivateKey: z.boolean(),
  status: CertificateStatusSchema,
  daysToExpiry: z.number(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

/** A check's outcome: `fail` when AWS would reject it, `warn` when AWS accepts it but it is bad practice. */
const CheckLevelSchema = z.enum(['pass', 'warn', 'fail']);
export type CheckLevel = z.infer<typeof CheckLevelSchema>;

/** The role a certificate is judged in: the CA registered with AWS, or the client certificate that signs. */
export const CertificateRoleSchema = z.enum(['trust-anchor', 'end-entity']);
export type CertificateRole = z.infer<typeof CertificateRoleSchema>;

export const RuleResultSchema = z.object({ rule: z.string(), level: CheckLevelSchema, detail: z.string() });

/** The summary of a list of checks: the worst level, and how many failed or warned. */
const VerdictSchema = z.object({
  level: CheckLevelSchema,
  failures: z.number().int(),
  warnings: z.number().int(),
  /** The role it was judged in (absent for a CSR, a CRL, or a bundle of mixed roles). */
  role: CertificateRoleSchema.optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** One certificate, judged in one role. */
const CertificateInspectionSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  serialHex: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  daysToExpiry: z.number(),
  keyType: z.string(),
  sha256Fingerprint: z.string(),
  signatureAlgorithm: z.string(),
  isCa: z.boolean(),
  selfSigned: z.boolean(),
  role: CertificateRoleSchema,
  checks: z.array(RuleResultSchema),
  verdict: VerdictSchema,
});
export type CertificateInspection = z.infer<typeof CertificateInspectionSchema>;

/** How a PFX is protected, read from its ASN.1: the MAC and each encrypted part, with iteration counts. */
const PfxDetailsSchema = z.object({
  hasKey: z.boolean(),
  friendlyName: z.string().optional(),
  mac: z.object({ digest: z.string(), iterations: z.number().int() }).optional(),
  encryption: z.array(
    z.object({
      part: z.enum(['certificates', 'key']),
      algorithm: z.string(),
      iterations: z.number().int(),
      prf: z.string().optional(),
    }),
  ),
});

/** What a CRL says (RFC 5280 §5), and whether its signature verifies against the CA given. */
const CrlDetailsSchema = z.object({
  issuer: z.string(),
  crlNumber: z.string().optional(),
  thisUpdate: z.string(),
  nextUpdate: z.string().optional(),
  signatureAlgorithm: z.string(),
  revoked: z.array(
    z.object({
      serialNumber: z.string(),
      serialHex: z.string(),
      revokedAt: z.string(),
      reason: z.string().optional(),
    }),
  ),
  /** The subject of the CA the signature was checked against, when one was given. */
  checkedAgainst: z.string().optional(),
});

/**
 * What `inspect` reports. A certificate (and a PFX's leaf) has its identity fields, its role and its checks;
 * `certificates` holds a bundle's members or a PFX's chain, each with its own verdict; `verdict` is the whole.
 */
export const InspectionSchema = z.object({
  type: z.enum(['certificate', 'csr', 'pfx', 'crl', 'bundle']),
  verdict: VerdictSchema,
  subject: z.string().optional(),
  issuer: z.string().optional(),
  serialNumber: z.string().optional(),
  serialHex: z.string().optional(),
  notBefore: z.string().optional(),
  notAfter: z.string().optional(),
  daysToExpiry: z.number().optional(),
  keyType: z.string().optional(),
  sha256Fingerprint: z.string().optional(),
  signatureAlgorithm: z.string().optional(),
  isCa: z.boolean().optional(),
  selfSigned: z.boolean().optional(),
  role: CertificateRoleSchema.optional(),
  checks: z.array(RuleResultSchema).optional(),
  signatureValid: z.boolean().optional(),
  certificates: z.array(CertificateInspectionSchema).optional(),
  pfx: PfxDetailsSchema.optional(),
  crl: CrlDetailsSchema.optional(),
});
export type Inspection = z.infer<typeof InspectionSchema>;

/** A Roles Anywhere profile: which certificate signs, and which ARNs it asks for. */
export const ProfileSchema = z.object({
  name: z.string(),
  certificateId: z.string(),
  trustAnchorArn: z.string(),
  profileArn: z.string(),
  roleArn: z.string(),
  region: z.string(),
  durationSeconds: z.number().int(),
  sessionName: z.string().optional(),
  endpoint: z.string().optional(),
  /** Use the FIPS endpoint (`rolesanywhere-fips.…`; US and GovCloud regions only). */
  fips: z.boolean().optional(),
  /** STS endpoint override for `whoami` (else AWS_ENDPOINT_URL_STS, else the regional endpoint). */
  stsEndpoint: z.string().optional(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** Whether a profile has cached session credentials: until when, or since when expired. */
const ProfileSessionStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('cached'), expiresAt: z.string() }),
  z.object({ state: z.literal('expired'), expiredAt: z.string() }),
  z.object({ state: z.literal('none') }),
]);
export type ProfileSessionState = z.infer<typeof ProfileSessionStateSchema>;

/** A profile as the lists show it: with its certificate's name and status, and its session state. */
export const ProfileOverviewSchema = ProfileSchema.extend({
  /** The certificate's name, or its id when the certificate is gone. */
  certificateName: z.string(),
  /** The certificate's status; `missing` when it is gone from the inventory. */
  certificateStatus: z.union([CertificateStatusSchema, z.literal('missing')]),
  session: ProfileSessionStateSchema,
});
export type ProfileOverview = z.infer<typeof ProfileOverviewSchema>;

/** A profile the app serves to local tools (issue 11): where, and the shell lines that point tools at it. */
export const LocalEndpointSchema = z.object({
  profile: z.string(),
  /** `AWS_CONTAINER_CREDENTIALS_FULL_URI` */
  url: z.string(),
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`: the token stays in that 0600 file. */
  tokenFile: z.string(),
  lines: z.array(z.string()),
});
export type LocalEndpoint = z.infer<typeof LocalEndpointSchema>;

/**
 * Where the user is in the setup wizard (issue 10): kept by core in the data directory, so leaving the wizard
 * or restarting the app resumes it. Ids and names refer to entries that may since have gone; the wizard checks.
 */
export const WizardProgressSchema = z.strictObject({
  step: z.enum(WIZARD_STEP_KEYS),
  caId: z.string().max(256).optional(),
  certificateId: z.string().max(256).optional(),
  /** The user said the console steps (step 3) are done. */
  registered: z.boolean().optional(),
  /** The trust anchor ARN typed in step 3 (for the policy's aws:SourceArn), carried into step 4. */
  trustAnchorArn: z.string().max(2048).optional(),
  /** The region chosen in step 3 (console links), carried into step 4. */
  region: z.string().max(64).optional(),
  profileName: z.string().max(64).optional(),
  /** The connection test (step 5) passed for `profileName`. */
  connected: z.boolean().optional(),
});
export type WizardProgress = z.infer<typeof WizardProgressSchema>;

/** A static access key; the secret itself is in the vault. For demos only. */
export const StaticCredentialSchema = z.object({
  name: z.string(),
  accessKeyId: z.string(),
  createdAt: z.string(),
});
export type StaticCredential = z.infer<typeof StaticCredentialSchema>;

/** Session credentials as the renderer may see them: the secret parts masked. */
export const MaskedSessionSchema = z.object({
  profile: z.string(),
  accessKeyId: z.string(),
  secretAccessKeyMasked: z.string(),
  sessionTokenMasked: z.string(),
  expiration: z.string(),
  fromCache: z.boolean(),
  roleArn: z.string(),
  assumedRoleArn: z.string().optional(),
});
export type MaskedSession = z.infer<typeof MaskedSessionSchema>;

/** Who AWS says a set of credentials is (STS GetCallerIdentity), with the AWS CLI's field names (issue 9). */
export const CallerIdentitySchema = z.object({ UserId: z.string(), Account: z.string(), Arn: z.string() });
export type CallerIdentity = z.infer<typeof CallerIdentitySchema>;

/**
 * Where the vault key lives and whether it opens: what a SecretStore reports, and what the renderer sees.
 * main/core/vault's `Vault.status()` adds what only main needs (`VaultReport`).
 */
export const VaultStatusSchema = z.object({
  kind: z.enum(['keychain', 'passphrase-file']),
  /** `locked` means it exists but needs the user (unlock the keychain, give the passphrase). */
  state: z.enum(['available', 'locked', 'unavailable']),
  /** One sentence for a person: what was found, or what is wrong. Never contains a secret. */
  detail: z.string(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

/** User preferences, kept in settings.json in the data directory. */
export const SettingsSchema = z.object({
  clipboardClearSeconds: z.number().int().min(CLIPBOARD_CLEAR_SECONDS.min).max(CLIPBOARD_CLEAR_SECONDS.max),
  refreshMarginSeconds: z.number().int().min(REFRESH_MARGIN_SECONDS.min).max(REFRESH_MARGIN_SECONDS.max),
  defaultKeyType: KeyTypeSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;
// DEFAULT_SETTINGS: shared/domain/defaults.ts.
