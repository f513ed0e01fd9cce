import type { z } from 'zod';
import type { CredentialFormat, ServedSession } from '../../shared/credentials';
import type { channels, SignPreviewSchema, SubjectInputSchema } from '../../shared/schemas/contract';
import type {
  CallerIdentity,
  CertificateSummary,
  Inspection,
  MaskedSession,
  Profile,
  StaticCredential,
  Settings,
  VaultStatus,
} from '../../shared/schemas/models';

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
};

export interface ExportResult {
  bytes: Uint8Array;
  suggestedFileName: string;
  /** A human summary: what the file holds and what reads it. */
  description: string;
}

export type ProfileInput = Request<'profile.add'> & {
  /** Use the FIPS endpoint (CLI only: `--fips`). */
  fips?: boolean;
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
  session(profile: string, options?: SessionOptions): Promise<ServedSession>;
  maskedSession(profile: string, options?: SessionOptions): Promise<MaskedSession>;
  /** Main only: credentials rendered in one of shared/credentials' formats. */
  formatSession(profile: string, format: CredentialFormat, options?: SessionOptions): Promise<string>;
  whoami(profile: string): Promise<CallerIdentity>;
  /** Writes/updates `[profile NAME]` in ~/.aws/config with a credential_process line; returns the file path. */
  configureAws(
    profile: string,
    command: string[],
  ): Promise<z.output<(typeof channels)['aws.configure']['response']>>;
  sign(input: SignInput): Promise<SignPreview>;
}
