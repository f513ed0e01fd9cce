import type { z } from 'zod';
import type { CredentialFormat, ServedSession } from '../../shared/credentials';
import type { TrustPolicy } from '../../shared/domain/trust-policy';
import type { channels, SignPreviewSchema, SubjectInputSchema } from '../../shared/schemas/contract';
import type {
  CallerIdentity,
  CertificateRole,
  CertificateSummary,
  Inspection,
  MaskedSession,
  Profile,
  ProfileOverview,
  StaticCredential,
  Settings,
  VaultStatus,
  WizardProgress,
} from '../../shared/schemas/models';
import type {
  DiscoverInputSchema,
  DiscoverySchema,
  OperatorSourcesSchema,
  CaTrustAnchorInputSchema,
  PushCrlResultSchema,
  SetupInputSchema,
  SetupResultSchema,
  SetupStepSchema,
  TemplateInputSchema,
  UpdateAnchorResultSchema,
} from '../../shared/schemas/registration';
import type { MigrateResult, RestoreResult, VaultReport } from './vault/vault';
import type { VaultKindChoice } from './vault/select-store';

/**
 * What core offers its two edges, the CLI and the IPC registry. Neither edge reaches past this
 * interface. Methods throw AnchorageError; the edges turn that into an exit code or a Result.
 *
 * A method that handles a secret takes it as an argument and never returns it, except the few marked
 * "main only" (the CLI prints credentials to stdout; IPC never exposes those methods to the renderer).
 *
 * Inputs and outputs are the contract's schemas (`z.output`), never a hand-written copy (ARCHITECTURE §2).
 * Where core takes something the wire cannot carry (bytes instead of base64, a Date instead of ISO text,
 * a password instead of "typed or generated"), the type says which field differs and nothing else.
 */
type Request<C extends keyof typeof channels> = z.output<(typeof channels)[C]['request']>;

/** The subject fields Anchorage asks for (CN required; O, OU, C, ST, L optional). */
export type SubjectInput = z.output<typeof SubjectInputSchema>;

export type CreateCaInput = Request<'ca.create'>;

export type IssueCertInput = Omit<Request<'cert.issue'>, 'csr'> & {
  /** A CSR (PEM or DER) the user brings; the key then never leaves their machine. */
  csr?: Uint8Array;
};

export type ImportInput = Omit<Request<'cert.import'>, 'files'> & {
  /** PEM text, DER, or PFX bytes; a second file may carry the key. */
  files: Uint8Array[];
};

export type ExportInput = Omit<Request<'cert.export'>, 'password'> & {
  /** Required for `pfx` and `key`. */
  password?: string;
  /** Required to export a CA's private key in any form (`pfx`, `key`): CONFIRMATION_REQUIRED otherwise. */
  includePrivateKey?: boolean;
};

/** What `renameCertificate` did. */
export interface RenameResult {
  previousName: string;
  certificate: CertificateSummary;
}

/**
 * `deleteCertificate` refuses (IN_USE) while a profile signs with the entry, `force` or not: a profile is
 * removed or pointed elsewhere on its own, never as a side effect. It refuses a CA that still issued
 * unrevoked certificates (or intermediates) unless `force`; those then stay, without an issuer in Anchorage.
 */
export interface DeleteOptions {
  force?: boolean;
}

/** What `deleteCertificate` did. */
export interface DeleteResult {
  deleted: { id: string; name: string; kind: 'ca' | 'client' };
  /** The private key record went with it (false when the entry had no key). */
  keyDeleted: boolean;
  /** Certificates the deleted CA issued, which stay but can no longer be revoked or renewed in Anchorage. */
  orphaned: string[];
  /** Profiles whose cached sessions were cleared (none: profiles block a delete; kept for the app's words). */
  sessionsCleared: string[];
}

export interface RenewCertOptions {
  /** Validity in days; default: the old certificate's. */
  days?: number;
  /** Revoke the old certificate too (else it stays valid, marked superseded). */
  revokeOld?: boolean;
  /** A name for the new certificate; default: the old one's name, which the old one gives up. */
  name?: string;
}

/** What `renewCertificate` did. */
export interface RenewCertResult {
  certificate: CertificateSummary;
  previous: CertificateSummary;
  /** Profiles now signing with the new certificate; their cached sessions were dropped. */
  profilesMoved: string[];
}

/** What `renewCa` did, and what Roles Anywhere needs next. */
export interface RenewCaResult {
  ca: CertificateSummary;
  /** The CA certificate it replaced (PEM). */
  previousPem: string;
  /**
   * New and old CA certificate (PEM): the trust anchor's source for UpdateTrustAnchor (CERTIFICATE_BUNDLE),
   * so sessions keep working whichever of the two a client's chain names.
   */
  bundlePem: string;
}

export interface ExportResult {
  bytes: Uint8Array;
  suggestedFileName: string;
  /** A human summary: what the file holds and what reads it. */
  description: string;
}

export type ProfileInput = Omit<Request<'profile.add'>, 'replace'> & {
  /** Use the FIPS endpoint (CLI only: `--fips`). */
  fips?: boolean;
};

/** What `addProfile` may also be told: replace a profile of the same name (else ALREADY_EXISTS). */
interface AddProfileOptions {
  replace?: boolean;
}

/**
 * The fields of a profile to change (`profile set`); the rest stay. `certificate` is a reference (id or
 * name). An empty `sessionName`, `endpoint` or `stsEndpoint` clears that field.
 */
export type ProfilePatch = Partial<Omit<ProfileInput, 'name'>>;

/** Conditions of a role trust policy; `profile` takes the trust anchor ARN and the CN from a profile. */
interface TrustPolicyInput {
  commonName?: string;
  trustAnchorArn?: string;
  profile?: string;
}

interface ConfigureAwsOptions {
  /** Remove keys of the target section that would override or break credential_process (after the backup). */
  force?: boolean;
}

/** What configure-aws did, as facts for the edges to word. */
export type ConfigureAwsResult = z.output<(typeof channels)['aws.configure']['response']> & {
  /** The data directory written into the command line (absolute). */
  dataDir: string;
  /** Keys removed from the section (only with `force`). */
  removedKeys: string[];
  /** A section of the same name in the shared credentials file, which wins over the config file. */
  credentialsFile?: { path: string; keys: string[] };
  /** The vault kind: a passphrase-file vault needs its variables in the AWS CLI's environment. */
  vault: VaultStatus['kind'];
};

export interface SessionOptions {
  noCache?: boolean;
  /** Reuse cached credentials until fewer than this many seconds remain (default: the Settings margin). */
  refreshMarginSeconds?: number;
}

export type SignInput = Omit<Request<'sign.preview'>, 'headers' | 'time'> & {
  /** Header fields in order; a repeated name (any case) is joined with commas (RFC 9110 §5.3). */
  headers: ReadonlyArray<readonly [string, string]>;
  time?: Date;
};

/** A SigV4 preview as core makes it; the IPC edge adds `previewId` and masks the session token. */
export type SignPreview = Omit<z.output<typeof SignPreviewSchema>, 'previewId'>;

// ── Registering with AWS (issue 12): the contract's schemas, as core takes and gives them ──────────────
export type OperatorSources = z.output<typeof OperatorSourcesSchema>;
export type DiscoverInput = z.input<typeof DiscoverInputSchema>;
export type Discovery = z.output<typeof DiscoverySchema>;
export type SetupInput = z.input<typeof SetupInputSchema>;
export type SetupStep = z.output<typeof SetupStepSchema>;
export type SetupResult = z.output<typeof SetupResultSchema>;
export type PushCrlInput = z.input<typeof CaTrustAnchorInputSchema>;
export type PushCrlResult = z.output<typeof PushCrlResultSchema>;
export type UpdateAnchorInput = z.input<typeof CaTrustAnchorInputSchema>;
export type UpdateAnchorResult = z.output<typeof UpdateAnchorResultSchema>;
export type TemplateInput = z.input<typeof TemplateInputSchema>;

export interface CoreApi {
  vaultStatus(): Promise<VaultStatus>;
  /** The vault's store and state, its record count and whether the key is there (CLI `vault status`). */
  vaultReport(): Promise<VaultReport>;
  /** The vault key wrapped under `passphrase` (scrypt): the text of a backup file. Never creates a key. */
  backupVaultKey(passphrase: string): Promise<{ text: string; fingerprint: string; records: number }>;
  /** Put a backup's key into the current store; `source` names the backup in messages. */
  restoreVaultKey(bytes: Uint8Array, passphrase: string, source: string): Promise<RestoreResult>;
  /**
   * Move the vault key to the other store (`passphrase`: for the passphrase file, default from the
   * environment); the records stay as they are (envelope encryption).
   */
  migrateVault(
    to: VaultKindChoice,
    options?: { passphrase?: string; keepOld?: boolean },
  ): Promise<MigrateResult>;
  /** Re-wrap the passphrase-file vault under a new passphrase. */
  changeVaultPassphrase(newPassphrase: string): Promise<void>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** The setup wizard's progress (issue 10); the first step when there is none yet. */
  wizardProgress(): Promise<WizardProgress>;
  saveWizardProgress(progress: WizardProgress): Promise<WizardProgress>;
  /**
   * Claim the "expires in `days` days" notice of a certificate: true the first time for that certificate and
   * threshold, false after (also across restarts and processes), so a notice is raised once.
   */
  claimExpiryNotice(certificateId: string, days: number): Promise<boolean>;

  createCa(input: CreateCaInput): Promise<CertificateSummary>;
  issueCert(input: IssueCertInput): Promise<CertificateSummary>;
  importCertificate(input: ImportInput): Promise<CertificateSummary[]>;
  listCertificates(): Promise<CertificateSummary[]>;
  getCertificate(ref: string): Promise<CertificateSummary>;
  /** PEM of a certificate or CA (public data). */
  certificatePem(ref: string): Promise<string>;
  inspectCertificate(ref: string): Promise<Inspection>;
  /**
   * Inspect a file's bytes. `options.as` judges its certificates in that role instead of their own;
   * `options.caCertificate` (PEM or DER) is the CA a CRL's signature is checked against.
   */
  inspectBytes(
    bytes: Uint8Array,
    password?: string,
    options?: { as?: CertificateRole; caCertificate?: Uint8Array },
  ): Promise<Inspection>;
  exportCertificate(input: ExportInput): Promise<ExportResult>;
  revokeCertificate(ref: string): Promise<CertificateSummary>;
  crl(caRef: string): Promise<string>;
  generatePassword(): string;
  /** Give a CA or certificate a new name (the one name rule; unique ignoring case). */
  renameCertificate(ref: string, name: string): Promise<RenameResult>;
  /** Delete a CA or certificate and its key record; see {@link DeleteOptions} for what is refused. */
  deleteCertificate(ref: string, options?: DeleteOptions): Promise<DeleteResult>;
  /** A successor for a client certificate; the profiles that used it move to it. */
  renewCertificate(ref: string, options?: RenewCertOptions): Promise<RenewCertResult>;
  /** A new certificate for a CA's key, in place; what the trust anchor then needs. */
  renewCa(ref: string, options?: { days?: number }): Promise<RenewCaResult>;

  addProfile(input: ProfileInput, options?: AddProfileOptions): Promise<Profile>;
  /** Change some fields, revalidate the whole profile, and drop its cached session. */
  setProfile(name: string, patch: ProfilePatch): Promise<Profile>;
  listProfiles(): Promise<Profile[]>;
  /** Profiles with their certificate names and session state (`profile list`). */
  profileOverview(): Promise<ProfileOverview[]>;
  getProfile(name: string): Promise<Profile>;
  removeProfile(name: string): Promise<void>;
  addStatic(name: string, accessKeyId: string, secretAccessKey: string): Promise<StaticCredential>;
  listStatic(): Promise<StaticCredential[]>;
  removeStatic(name: string): Promise<void>;

  /** Main only: full credentials (CLI output, clipboard, credential_process). */
  session(profile: string, options?: SessionOptions): Promise<ServedSession>;
  /**
   * An opaque value that changes whenever the profile's cached session is stored or cleared, by this process
   * or another (a refresh, a revoke, a profile change); undefined when none is cached. A long-running server
   * compares it per request (issue 11) to learn cheaply that what it holds is no longer the cache's.
   */
  sessionStamp(profile: string): Promise<string | undefined>;
  maskedSession(profile: string, options?: SessionOptions): Promise<MaskedSession>;
  /** Main only: credentials rendered in one of shared/credentials' formats. */
  formatSession(profile: string, format: CredentialFormat, options?: SessionOptions): Promise<string>;
  whoami(profile: string): Promise<CallerIdentity>;
  /**
   * Writes/updates `[profile NAME]` in ~/.aws/config with the credential_process line `commandFor` builds
   * for this core's absolute data directory (the edge knows its own flags); refuses keys that would override
   * it unless `force`.
   */
  configureAws(
    profile: string,
    commandFor: (dataDir: string) => string[],
    options?: ConfigureAwsOptions,
  ): Promise<ConfigureAwsResult>;
  /** Removes the `[profile NAME]` section configureAws wrote (a backup first); refuses a section not ours. */
  unconfigureAws(profile: string): Promise<{ path: string; backup: string }>;
  /** The IAM role trust policy for Roles Anywhere (shared/domain/trust-policy.ts, as the app shows it). */
  trustPolicy(input: TrustPolicyInput): Promise<TrustPolicy>;
  sign(input: SignInput): Promise<SignPreview>;

  // Registering with AWS (issue 12). The operator's credentials are used for these calls only, never stored.
  /** The `~/.aws` profiles, the vault's static sets and the environment, for choosing operator credentials. */
  operatorSources(): Promise<OperatorSources>;
  /** Trust anchors (marking those that hold an Anchorage CA), profiles and Roles Anywhere roles of a region. */
  awsDiscover(input: DiscoverInput): Promise<Discovery>;
  /**
   * Create or reuse the trust anchor, the role (and its policies) and the profile, save the Anchorage profile
   * and test it; idempotent (a rerun creates nothing, and continues after a failure). A dry run calls
   * nothing. A failing step does not throw: the result lists what exists (`complete: false`). `onStep` hears
   * every step's change (the app's live list).
   */
  awsSetup(input: SetupInput, options?: { onStep?: (steps: SetupStep[]) => void }): Promise<SetupResult>;
  /** Upload the CA's CRL to its trust anchor: ImportCrl the first time, UpdateCrl after; enabled. */
  awsPushCrl(input: PushCrlInput): Promise<PushCrlResult>;
  /** After a CA renewal: UpdateTrustAnchor with the CA's new certificate and its earlier ones still valid. */
  awsUpdateAnchor(input: UpdateAnchorInput): Promise<UpdateAnchorResult>;
  /** The same trust anchor, role and profile as `awsSetup` makes, as a CloudFormation or Terraform template. */
  awsTemplate(input: TemplateInput): Promise<string>;
}
