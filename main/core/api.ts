import type { CredentialFormat } from '../../shared/credentials';
import type {
  CertificateSummary,
  ExportFormat,
  Inspection,
  KeyType,
  MaskedSession,
  PfxProfile,
  Profile,
  StaticCredential,
  Settings,
  VaultStatus,
} from '../../shared/models';

/**
 * What core offers its two edges, the CLI and the IPC registry. Neither edge reaches past this
 * interface. Methods throw AnchorageError; the edges turn that into an exit code or a Result.
 *
 * A method that handles a secret takes it as an argument and never returns it, except the few marked
 * "main only" (the CLI prints credentials to stdout; IPC never exposes those methods to the renderer).
 */
export interface SubjectInput {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
  state?: string;
  locality?: string;
}

export interface CreateCaInput {
  name: string;
  subject: SubjectInput;
  keyType: KeyType;
  days: number;
  /** An existing CA (id or name) makes this an intermediate. */
  parent?: string;
  pathLength?: number;
}

export interface IssueCertInput {
  ca: string;
  name?: string;
  subject: SubjectInput;
  keyType: KeyType;
  days: number;
  /** `dns:HOST` or `uri:URI`. */
  sans?: string[];
  /** A CSR (PEM or DER) the user brings; the key then never leaves their machine. */
  csr?: Uint8Array;
}

export interface ImportInput {
  name?: string;
  /** PEM text, DER, or PFX bytes; a second file may carry the key. */
  files: Uint8Array[];
  password?: string;
}

export interface ExportInput {
  ref: string;
  format: ExportFormat;
  pfxProfile?: PfxProfile;
  /** Required for `pfx` and `key`. */
  password?: string;
}

export interface ExportResult {
  bytes: Uint8Array;
  suggestedFileName: string;
  /** A human summary: what the file holds and what reads it. */
  description: string;
}

export interface ProfileInput {
  name: string;
  certificate: string;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  region?: string;
  durationSeconds?: number;
  sessionName?: string;
  endpoint?: string;
  stsEndpoint?: string;
  fips?: boolean;
}

export interface SessionOptions {
  noCache?: boolean;
  /** Reuse cached credentials until fewer than this many seconds remain (default 300). */
  refreshMarginSeconds?: number;
}

/** Full session credentials: main only, never sent to the renderer. */
export interface SessionCredentialsFull {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  roleArn: string;
  assumedRoleArn?: string;
  fromCache: boolean;
}

export interface SignInput {
  method: string;
  url: string;
  /** Header fields in order; a repeated name (any case) is joined with commas (RFC 9110 §5.3). */
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
  service: string;
  region: string;
  time?: Date;
  /** Where credentials come from: a profile's session, a static set, or the environment. */
  source: { kind: 'profile'; name: string } | { kind: 'static'; name: string } | { kind: 'env' };
}

export interface SignPreview {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  authorization: string;
  headers: Record<string, string>;
  /** The URL actually sent: the path and query exactly as signed. */
  url: string;
  /** How ambiguous parts of the input were read (a "+" in the query, joined headers, …). */
  notes: string[];
  curl: string;
  /** The headers file that `curl` reads (`-H @headers.txt`), when a session token must stay out of argv. */
  curlHeaders?: string;
}

export interface CoreApi {
  vaultStatus(): Promise<VaultStatus>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;

  createCa(input: CreateCaInput): Promise<CertificateSummary>;
  issueCert(input: IssueCertInput): Promise<CertificateSummary>;
  importCertificate(input: ImportInput): Promise<CertificateSummary[]>;
  listCertificates(): Promise<CertificateSummary[]>;
  getCertificate(ref: string): Promise<CertificateSummary>;
  /** PEM of a certificate or CA (public data). */
  certificatePem(ref: string): Promise<string>;
  inspectCertificate(ref: string): Promise<Inspection>;
  inspectBytes(bytes: Uint8Array, password?: string): Promise<Inspection>;
  exportCertificate(input: ExportInput): Promise<ExportResult>;
  revokeCertificate(ref: string): Promise<CertificateSummary>;
  crl(caRef: string): Promise<string>;
  generatePassword(): string;

  addProfile(input: ProfileInput): Promise<Profile>;
  listProfiles(): Promise<Profile[]>;
  getProfile(name: string): Promise<Profile>;
  removeProfile(name: string): Promise<void>;
  addStatic(name: string, accessKeyId: string, secretAccessKey: string): Promise<StaticCredential>;
  listStatic(): Promise<StaticCredential[]>;
  removeStatic(name: string): Promise<void>;

  /** Main only: full credentials (CLI output, clipboard, credential_process). */
  session(profile: string, options?: SessionOptions): Promise<SessionCredentialsFull>;
  maskedSession(profile: string, options?: SessionOptions): Promise<MaskedSession>;
  /** Main only: credentials rendered in one of shared/credentials' formats. */
  formatSession(profile: string, format: CredentialFormat, options?: SessionOptions): Promise<string>;
  whoami(profile: string): Promise<{ arn: string; account: string; userId: string }>;
  /** Writes/updates `[profile NAME]` in ~/.aws/config with a credential_process line; returns the file path. */
  configureAws(profile: string, command: string[]): Promise<{ path: string; backup?: string }>;
  sign(input: SignInput): Promise<SignPreview>;
}
