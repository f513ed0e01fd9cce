import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { CREDENTIAL_FORMAT_IDS } from '../credentials';
import type { CredentialFormat } from '../credentials';
import { SIGN_COPY_FIELDS } from '../domain/channels';
import {
  CERTIFICATE_NAME,
  MAX_VALIDITY_DAYS_ANY_CLOCK,
  MIN_EXPORT_PASSWORD_LENGTH,
  MIN_VALIDITY_DAYS,
  ROLE_SESSION_NAME,
  SESSION_DURATION,
} from '../domain/limits';
import type { ChannelId, MethodName } from '../domain/channels';
import {
  CallerIdentitySchema,
  CertificateSummarySchema,
  ExportFormatSchema,
  InspectionSchema,
  KeyTypeSchema,
  LocalEndpointSchema,
  MaskedSessionSchema,
  PfxProfileSchema,
  ProfileOverviewSchema,
  ProfileSchema,
  SettingsSchema,
  StaticCredentialSchema,
  VaultStatusSchema,
  WizardProgressSchema,
} from './models';
import {
  DiscoverInputSchema,
  DiscoverySchema,
  OperatorSourcesSchema,
  CaTrustAnchorInputSchema,
  PushCrlResultSchema,
  SetupInputSchema,
  SetupResultSchema,
  SetupStepSchema,
  UpdateAnchorResultSchema,
} from './registration';

/**
 * The IPC contract (ARCHITECTURE §3, "One contract"): every channel between the renderer and main is named here
 * once, with a zod schema for its request and its response. Everything else is derived from this table:
 *
 * - the ids, the Electron channel string `anchorage:<group>.<action>` and the renderer API method name (the
 *   camelCase of the id: `ca.create` → `caCreate`) live in shared/domain/channels.ts, without zod, for the
 *   preload and the renderer; the renderer calls `window.anchorage.caCreate(req)`, typed as {@link AnchorageApi};
 * - main/preload.ts exposes exactly one async function per channel, main/ipc.ts one handler per channel, and the
 *   test bridge serves the same handlers over loopback HTTP at `POST /ipc/<id>`.
 *
 * Every method takes at most one argument (the request; channels whose request is `NoInput` take none) and
 * resolves to a {@link Result}: it never rejects for an application error.
 *
 * Everything that crosses is JSON-safe (bytes travel as base64 strings), so the same shapes work over Electron's
 * structured clone and over the test bridge's HTTP.
 *
 * Secrets flow only renderer → main, as user input (a typed PFX password, a static secret key). No response
 * schema can carry a private key, a password or an unmasked session secret: generated passwords and copied
 * credentials go to the clipboard from main, and the renderer only learns when the clipboard will be cleared.
 */

/**
 * The Content-Security-Policy of the renderer (ARCHITECTURE §3). Main sets it as a response header and
 * renderer/index.html repeats it in a `<meta http-equiv="Content-Security-Policy">` tag; the test bridge sends the
 * same header. `'unsafe-inline'` for styles only, because emotion (MUI) injects `<style>` elements. `base-uri` and
 * `form-action` are not covered by `default-src`, so they are `'none'` by name: an injected `<base>` cannot
 * redirect the page's relative URLs, and no form can post anywhere (issue 10 §8).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

/** Request of a channel that takes no argument. */
const NoInput = z.undefined();
/** Response of a channel that returns nothing useful. */
const Nothing = z.null();

const name = z.string().trim().min(1).max(CERTIFICATE_NAME.maxLength);
const ref = z.string().trim().min(1).max(256);
const base64 = z.base64().min(1);

export const SubjectInputSchema = z.strictObject({
  commonName: z.string().trim().min(1).max(64),
  organization: z.string().trim().max(64).optional(),
  organizationalUnit: z.string().trim().max(64).optional(),
  country: z.string().trim().length(2).optional(),
  state: z.string().trim().max(128).optional(),
  locality: z.string().trim().max(128).optional(),
});

// The real ceiling (notAfter ≤ 9999-12-31) depends on the clock and is checked in core (shared/domain/limits.ts).
const days = z.number().int().min(MIN_VALIDITY_DAYS).max(MAX_VALIDITY_DAYS_ANY_CLOCK);

/** Where a file went after the save dialog; `null` when the user cancelled it. */
const SavedFileSchema = z.object({ path: z.string().nullable() });

/** The clipboard now holds what was asked for, and main clears it at `clearsAt` (ISO 8601) unless it changed. */
const ClipboardCopySchema = z.object({ clearsAt: z.string() });

const CredentialFormatSchema = z.enum(CREDENTIAL_FORMAT_IDS as [CredentialFormat, ...CredentialFormat[]]);

/** A PFX/key password: typed by the user, or generated in main and put on the clipboard (never returned). */
const ExportPasswordSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('typed'), value: z.string().min(MIN_EXPORT_PASSWORD_LENGTH).max(1024) }),
  z.strictObject({ kind: z.literal('generated') }),
]);

const SignSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('profile'), name }),
  z.strictObject({ kind: z.literal('static'), name }),
  z.strictObject({ kind: z.literal('env') }),
]);

/** A SigV4 preview as the renderer sees it: any session token is masked in every field. */
export const SignPreviewSchema = z.object({
  previewId: z.string(),
  canonicalRequest: z.string(),
  stringToSign: z.string(),
  signature: z.string(),
  signedHeaders: z.string(),
  authorization: z.string(),
  headers: z.record(z.string(), z.string()),
  /** The URL actually sent: the path and query exactly as signed. */
  url: z.string(),
  /** How ambiguous parts of the input were read, for the user to check. */
  notes: z.array(z.string()),
  curl: z.string(),
  /** The headers file that `curl` reads (`-H @headers.txt`) when a session token must stay out of argv. */
  curlHeaders: z.string().optional(),
});

/** The fields of a Roles Anywhere profile as the forms send them. */
const ProfileFieldsSchema = z.strictObject({
  name,
  certificate: ref,
  trustAnchorArn: z.string().trim().min(1).max(2048),
  profileArn: z.string().trim().min(1).max(2048),
  roleArn: z.string().trim().min(1).max(2048),
  region: z.string().trim().min(1).max(64).optional(),
  durationSeconds: z.number().int().min(SESSION_DURATION.min).max(SESSION_DURATION.max).optional(),
  sessionName: z.string().trim().min(ROLE_SESSION_NAME.minLength).max(ROLE_SESSION_NAME.maxLength).optional(),
  /** Roles Anywhere endpoint override (a VPC endpoint, or a local emulator). */
  endpoint: z.url().optional(),
  /** STS endpoint override for whoami (default: the region's STS, or AWS_ENDPOINT_URL_STS). */
  stsEndpoint: z.url().optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// The channels

/** One entry per channel: the request and response schemas. Ids are `<group>.<action>`. */
export const channels = {
  'vault.status': { request: NoInput, response: VaultStatusSchema },
  'settings.get': { request: NoInput, response: SettingsSchema },
  'settings.update': { request: SettingsSchema.partial().strict(), response: SettingsSchema },
  /** The setup wizard's progress, kept by core so it survives navigation and restarts (issue 10). */
  'wizard.get': { request: NoInput, response: WizardProgressSchema },
  'wizard.set': { request: WizardProgressSchema, response: WizardProgressSchema },

  'ca.create': {
    request: z.strictObject({
      name,
      subject: SubjectInputSchema,
      keyType: KeyTypeSchema,
      days,
      /** An existing CA (id or name) makes this an intermediate. */
      parent: ref.optional(),
      pathLength: z.number().int().min(0).max(10).optional(),
    }),
    response: CertificateSummarySchema,
  },
  /** Saves the CA's CRL through the save dialog. */
  'ca.crl': { request: z.strictObject({ ca: ref }), response: SavedFileSchema },

  'cert.issue': {
    request: z.strictObject({
      ca: ref,
      name: name.optional(),
      subject: SubjectInputSchema,
      keyType: KeyTypeSchema,
      days,
      /** `dns:HOST` or `uri:URI`. */
      sans: z.array(z.string().trim().min(1).max(512)).max(50).optional(),
      /** A CSR the user brings, as PEM text or base64 DER; the key then stays on their machine. */
      csr: z.string().min(1).max(65536).optional(),
    }),
    response: CertificateSummarySchema,
  },
  'cert.import': {
    request: z.strictObject({
      name: name.optional(),
      /** PEM, DER or PFX files, base64-encoded (a dropped file's bytes). */
      files: z.array(base64).min(1).max(4),
      password: z.string().max(1024).optional(),
    }),
    response: z.array(CertificateSummarySchema),
  },
  'cert.list': { request: NoInput, response: z.array(CertificateSummarySchema) },
  'cert.get': { request: z.strictObject({ ref }), response: CertificateSummarySchema },
  /** The public certificate PEM (the trust-anchor PEM for a CA). */
  'cert.pem': { request: z.strictObject({ ref }), response: z.object({ pem: z.string() }) },
  'cert.inspect': { request: z.strictObject({ ref }), response: InspectionSchema },
  /** Inspect a dropped file before importing it. */
  'cert.inspectFile': {
    request: z.strictObject({ file: base64, password: z.string().max(1024).optional() }),
    response: InspectionSchema,
  },
  'cert.revoke': { request: z.strictObject({ ref }), response: CertificateSummarySchema },
  'cert.rename': {
    request: z.strictObject({ ref, name }),
    response: z.object({ previousName: z.string(), certificate: CertificateSummarySchema }),
  },
  /** A successor for a client certificate; the profiles that used it move to it (issue 9). */
  'cert.renew': {
    request: z.strictObject({ ref, days: days.optional(), revokeOld: z.boolean().optional() }),
    response: z.object({
      certificate: CertificateSummarySchema,
      previous: CertificateSummarySchema,
      profilesMoved: z.array(z.string()),
    }),
  },
  /** A new certificate for a CA's key, in place (the trust anchor then needs the bundle of old and new). */
  'ca.renew': {
    request: z.strictObject({ ref, days: days.optional() }),
    /** `bundlePem`: the new and the old CA certificate (public), for UpdateTrustAnchor (CERTIFICATE_BUNDLE). */
    response: z.object({ ca: CertificateSummarySchema, bundlePem: z.string() }),
  },
  'cert.delete': {
    request: z.strictObject({ ref, force: z.boolean().optional() }),
    response: z.object({
      deleted: z.object({ id: z.string(), name: z.string(), kind: z.enum(['ca', 'client']) }),
      keyDeleted: z.boolean(),
      orphaned: z.array(z.string()),
    }),
  },
  /**
   * Main shows the save dialog, writes the file (0600) and, for a PFX, reads it back to prove it opens. A
   * generated password goes to the clipboard (auto-cleared), never into the response.
   */
  'cert.export': {
    request: z.strictObject({
      ref,
      format: ExportFormatSchema,
      pfxProfile: PfxProfileSchema.optional(),
      /** Required for `pfx` and `key`. */
      password: ExportPasswordSchema.optional(),
      /** The user's explicit consent to export a CA's private key (issue 9 §4). */
      includePrivateKey: z.boolean().optional(),
    }),
    response: z.object({
      path: z.string().nullable(),
      description: z.string(),
      passwordCopied: z.boolean(),
      clipboardClearsAt: z.string().nullable(),
    }),
  },

  /** Save text the renderer already shows (trust-anchor PEM, trust-policy JSON) through the save dialog. */
  'file.saveText': {
    request: z.strictObject({
      suggestedName: z
        .string()
        .trim()
        .min(1)
        .max(128)
        .regex(/^[^/\\]+$/, 'A file name, not a path'),
      text: z.string().max(1_000_000),
    }),
    response: SavedFileSchema,
  },

  'profile.add': {
    request: ProfileFieldsSchema.extend({
      /** Replace a profile of the same name (else ALREADY_EXISTS: adding never silently replaces). */
      replace: z.boolean().optional(),
    }),
    response: ProfileSchema,
  },
  /** Change some fields of a profile in place (`profile set`); an empty endpoint clears it. */
  'profile.set': {
    request: z.strictObject({
      name,
      patch: ProfileFieldsSchema.omit({ name: true })
        .partial()
        .extend({ endpoint: z.union([z.url(), z.literal('')]).optional() }),
    }),
    response: ProfileSchema,
  },
  'profile.list': { request: NoInput, response: z.array(ProfileOverviewSchema) },
  'profile.get': { request: z.strictObject({ name }), response: ProfileSchema },
  'profile.remove': { request: z.strictObject({ name }), response: Nothing },

  /** Static access keys, for demos. The secret goes in and never comes back. */
  'static.add': {
    request: z.strictObject({
      name,
      accessKeyId: z.string().trim().min(16).max(128),
      secretAccessKey: z.string().trim().min(1).max(256),
    }),
    response: StaticCredentialSchema,
  },
  'static.list': { request: NoInput, response: z.array(StaticCredentialSchema) },
  'static.remove': { request: z.strictObject({ name }), response: Nothing },

  /** Session credentials, masked. `noCache` forces a new CreateSession. */
  'session.get': {
    request: z.strictObject({
      profile: name,
      noCache: z.boolean().optional(),
      /** The card's automatic refresh: when it fails, main raises a desktop notification (issue 10 §4). */
      auto: z.boolean().optional(),
    }),
    response: MaskedSessionSchema,
  },
  /** Main formats the full credentials, writes the clipboard, and clears it after the Settings delay. */
  'session.copy': {
    request: z.strictObject({ profile: name, format: CredentialFormatSchema }),
    response: ClipboardCopySchema,
  },
  'session.whoami': {
    request: z.strictObject({ profile: name }),
    response: CallerIdentitySchema,
  },
  /** Writes `[profile NAME]` with a credential_process line running the bundled CLI into ~/.aws/config. */
  'aws.configure': {
    request: z.strictObject({ profile: name }),
    response: z.object({ path: z.string(), backup: z.string().optional() }),
  },

  /** "Register for me" (issue 12): where operator credentials may come from, for the picker. */
  'aws.sources': { request: NoInput, response: OperatorSourcesSchema },
  'aws.discover': { request: DiscoverInputSchema, response: DiscoverySchema },
  /**
   * Runs (or, `dryRun`, plans) `aws setup`. `runId` (the renderer's, random) names the run for
   * `aws.progress`, which the renderer polls while this call is pending, to show each step as it ends.
   */
  'aws.setup': {
    request: SetupInputSchema.extend({ runId: z.string().min(8).max(64) }),
    response: SetupResultSchema,
  },
  /** The steps of a pending (or just finished) `aws.setup` run so far; empty for an unknown run. */
  'aws.progress': {
    request: z.strictObject({ runId: z.string().min(8).max(64) }),
    response: z.array(SetupStepSchema),
  },
  'aws.pushCrl': { request: CaTrustAnchorInputSchema, response: PushCrlResultSchema },
  'aws.updateAnchor': { request: CaTrustAnchorInputSchema, response: UpdateAnchorResultSchema },

  /** "Serve to local tools" (issue 11): profiles served on loopback while the app runs. */
  'serve.list': { request: NoInput, response: z.array(LocalEndpointSchema) },
  'serve.start': { request: z.strictObject({ profile: name }), response: LocalEndpointSchema },
  'serve.stop': { request: z.strictObject({ profile: name }), response: Nothing },

  'sign.preview': {
    request: z.strictObject({
      method: z.string().trim().min(1).max(16),
      url: z.url(),
      /** [name, value] in order; a name may repeat (in any case) and is joined with commas, as HTTP does. */
      headers: z.array(z.tuple([z.string().min(1).max(256), z.string().max(8192)])).max(200),
      body: z.string().max(1_000_000).optional(),
      service: z.string().trim().min(1).max(64),
      region: z.string().trim().min(1).max(64),
      /** ISO 8601; defaults to now. */
      time: z.iso.datetime().optional(),
      source: SignSourceSchema,
    }),
    response: SignPreviewSchema,
  },
  /** Copies one field of a preview, unmasked, to the clipboard (auto-cleared). */
  'sign.copy': {
    request: z.strictObject({ previewId: z.string().min(1).max(64), field: z.enum(SIGN_COPY_FIELDS) }),
    response: ClipboardCopySchema,
  },

  'clipboard.clear': { request: NoInput, response: Nothing },
  /** Opens an allow-listed https URL (AWS console and docs) in the system browser; only during a user gesture. */
  'app.openExternal': { request: z.strictObject({ url: z.url().max(2048) }), response: Nothing },
} as const satisfies Record<ChannelId, { request: z.ZodType; response: z.ZodType }>;
// `satisfies Record<ChannelId, …>`: a channel that shared/domain/channels.ts lists and this table lacks, or one
// this table has and the list lacks, does not compile.

// ---------------------------------------------------------------------------------------------------------------
// Derived types

/** What the renderer passes (zod input: optional fields may be omitted). */
export type ChannelRequest<C extends ChannelId> = z.input<(typeof channels)[C]['request']>;
/** What the renderer receives in `value`. */
export type ChannelResponse<C extends ChannelId> = z.output<(typeof channels)[C]['response']>;

/** Every call's outcome. Application errors are values, never a rejected promise (ARCHITECTURE §3). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

type Method<C extends ChannelId> = [ChannelRequest<C>] extends [undefined]
  ? () => Promise<Result<ChannelResponse<C>>>
  : (request: ChannelRequest<C>) => Promise<Result<ChannelResponse<C>>>;

/**
 * The type of `window.anchorage`: one async method per channel, named by {@link methodName}.
 * Example: `const r = await window.anchorage.caCreate({...}); if (r.ok) r.value.id`.
 */
export type AnchorageApi = { [C in ChannelId as MethodName<C>]: Method<C> };
