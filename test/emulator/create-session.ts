/**
 * IAM Roles Anywhere CreateSession (API reference: `POST /sessions`): authenticate the AWS4-X509 request,
 * validate the input, look up the trust anchor and profile (the config's, then those the control plane
 * created), decide trust in the certificate, check the role's trust policy when IAM holds the role, and
 * vend random session credentials that the STS side will later recognise.
 */
import { createHash, randomBytes, randomInt, type X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { parseRoleArn, parseRolesAnywhereArn } from './arn';
import { parseQuery, type WireRequest } from './canonical';
import { crlPemOf, parsePemCertificates, checkCertificateTrust } from './certificate-trust';
import type { EmulatorConfig, ProfileConfig, TrustAnchorConfig } from './config';
import { roleIdOf, type AccountState } from './control-plane/account-state';
import { checkRolesAnywhereTrust, rolesAnywhereContext } from './control-plane/trust-policy-check';
import { accessDenied, jsonBody, notFound, validation } from './rejection';
import { verifyX509Request } from './x509-auth';

/** Credentials the emulator vended, kept so that STS can verify requests signed with them. */
export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  account: string;
  partition: string;
  roleName: string;
  sessionName: string;
  assumedRoleId: string;
  subjectCn: string;
}

const bodySchema = z.looseObject({
  durationSeconds: z.number().optional(),
  roleSessionName: z.string().optional(),
  profileArn: z.string().optional(),
  roleArn: z.string().optional(),
  trustAnchorArn: z.string().optional(),
});

const MIN_DURATION = 900;
const MAX_DURATION = 43_200;
const DEFAULT_DURATION = 3600;

function parseBody(body: Buffer): z.infer<typeof bodySchema> {
  const parsed = bodySchema.safeParse(jsonBody(body));
  if (!parsed.success) {
    throw validation(
      `The request body does not match the CreateSession input: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/** The ARN from the query string (as the official helper sends it) or, failing that, the JSON body. */
function arnInput(query: Map<string, string>, body: Record<string, unknown>, name: string): string {
  const value = query.get(name) ?? body[name];
  if (typeof value !== 'string' || value === '') {
    throw validation(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function badArn(name: string, value: string): never {
  throw validation(
    `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must be a valid ARN`,
  );
}

/** Random upper-case base32 characters, as AWS access key ids use. */
function randomBase32(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** A stable UUID-shaped id derived from a string, so repeated subjects map to one subjectArn. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function commonName(cert: X509Certificate): string {
  const line = cert.subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : '';
}

/** Seconds → the second-precision ISO 8601 form AWS uses for `expiration`. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A trust anchor by ARN: the config's, else one created through the API (its bundle as last updated). */
function findTrustAnchor(
  config: EmulatorConfig,
  state: AccountState,
  arn: string,
): TrustAnchorConfig | undefined {
  const configured = config.trustAnchors.find((t) => t.arn === arn);
  if (configured) return configured;
  const created = state.trustAnchorByArn(arn);
  return created
    ? { arn, certificatesPem: [created.source.sourceData.x509CertificateData], enabled: created.enabled }
    : undefined;
}

function findProfile(config: EmulatorConfig, state: AccountState, arn: string): ProfileConfig | undefined {
  return config.profiles.find((p) => p.arn === arn) ?? state.profileByArn(arn);
}

/** The CRLs for a trust anchor: the config's and the enabled ones imported through the API. */
function crlsFor(config: EmulatorConfig, state: AccountState, trustAnchorArn: string): string[] {
  return [
    ...(config.crls ?? []).filter((c) => c.trustAnchorArn === trustAnchorArn).map((c) => c.crlPem),
    ...state.enabledCrls(trustAnchorArn).map((c) => crlPemOf(c.crlData)),
  ];
}

/**
 * Handle one CreateSession request. Returns the 201 body and the session to remember, or throws a
 * {@link Rejection} with AWS's status, error type and message.
 */
export async function createSession(
  req: WireRequest & { body: Buffer },
  config: EmulatorConfig,
  state: AccountState,
  now: Date,
): Promise<{ body: unknown; session: IssuedSession }> {
  const auth = verifyX509Request(req, {
    region: config.region,
    now,
    skewSeconds: config.clockSkewSeconds ?? 300,
  });

  const body = parseBody(req.body);
  const query = new Map(parseQuery(req.query));
  const trustAnchorArn = arnInput(query, body, 'trustAnchorArn');
  const profileArn = arnInput(query, body, 'profileArn');
  const roleArn = arnInput(query, body, 'roleArn');
  const ta =
    parseRolesAnywhereArn(trustAnchorArn, 'trust-anchor') ?? badArn('trustAnchorArn', trustAnchorArn);
  const pr = parseRolesAnywhereArn(profileArn, 'profile') ?? badArn('profileArn', profileArn);
  const role = parseRoleArn(roleArn) ?? badArn('roleArn', roleArn);
  for (const [what, arn] of [
    ['trust anchor', ta],
    ['profile', pr],
  ] as const) {
    if (arn.region !== config.region) {
      throw validation(
        `The ${what} ARN is in region '${arn.region}', but this endpoint serves region '${config.region}'. Call the endpoint of region '${arn.region}' or use a ${what} from '${config.region}'.`,
      );
    }
  }

  const duration = body.durationSeconds;
  if (
    duration !== undefined &&
    (!Number.isInteger(duration) || duration < MIN_DURATION || duration > MAX_DURATION)
  ) {
    throw validation(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between ${MIN_DURATION} and ${MAX_DURATION}`,
    );
  }
  const sessionNameInput = body.roleSessionName;
  if (sessionNameInput !== undefined && !/^[\w+=,.@-]{2,64}$/.test(sessionNameInput)) {
    throw validation(
      `1 validation error detected: Value '${sessionNameInput}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}`,
    );
  }

  const anchor = findTrustAnchor(config, state, trustAnchorArn);
  if (!anchor) throw notFound(`Trust anchor not found: ${trustAnchorArn}`);
  if (anchor.enabled === false) throw notFound(`Trust anchor is disabled: ${trustAnchorArn}`);
  const profile = findProfile(config, state, profileArn);
  if (!profile) throw notFound(`Profile not found: ${profileArn}`);
  if (profile.enabled === false) throw notFound(`Profile is disabled: ${profileArn}`);

  await checkCertificateTrust({
    leaf: auth.leaf,
    chain: auth.chain,
    anchorCerts: anchor.certificatesPem.flatMap(parsePemCertificates),
    crlsPem: crlsFor(config, state, trustAnchorArn),
    now,
  });

  if (!profile.roleArns.includes(roleArn)) {
    throw accessDenied(
      `Unable to assume role ${roleArn}: it is not one of the roles of profile ${profileArn}.`,
    );
  }
  // A role IAM holds is assumed as STS would: its trust policy decides. Roles only the config names have none.
  const iamRole = state.roleByArn(roleArn);
  if (iamRole) {
    checkRolesAnywhereTrust(
      roleArn,
      iamRole.assumeRolePolicyDocument,
      rolesAnywhereContext(auth.leaf, trustAnchorArn),
    );
  }
  const maxDuration = profile.durationSeconds ?? DEFAULT_DURATION;
  if (duration !== undefined && duration > maxDuration) {
    throw validation(
      `durationSeconds ${duration} exceeds the maximum session duration of ${maxDuration} seconds set on profile ${profileArn}.`,
    );
  }
  const seconds = duration ?? Math.min(DEFAULT_DURATION, maxDuration);

  // Without roleSessionName AWS names the session after the certificate's serial number in hex.
  const sessionName = sessionNameInput ?? auth.leaf.serialNumber.toLowerCase();
  const subjectCn = commonName(auth.leaf);
  const roleId = roleIdOf(roleArn);
  const session: IssuedSession = {
    accessKeyId: `ASIA${randomBase32(16)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(300).toString('base64'),
    expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + seconds * 1000),
    roleArn,
    account: role.account,
    partition: role.partition,
    roleName: role.roleName,
    sessionName,
    assumedRoleId: `${roleId}:${sessionName}`,
    subjectCn,
  };
  const responseBody = {
    credentialSet: [
      {
        assumedRoleUser: {
          arn: assumedRoleArn(session),
          assumedRoleId: session.assumedRoleId,
        },
        credentials: {
          accessKeyId: session.accessKeyId,
          expiration: isoSeconds(session.expiration),
          secretAccessKey: session.secretAccessKey,
          sessionToken: session.sessionToken,
        },
        packedPolicySize: 0,
        roleArn,
        sourceIdentity: `CN=${subjectCn}`,
      },
    ],
    subjectArn: `arn:${ta.partition}:rolesanywhere:${config.region}:${ta.account}:subject/${stableUuid(auth.leaf.subject)}`,
  };
  return { body: responseBody, session };
}

/** `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
export function assumedRoleArn(s: IssuedSession): string {
  return `arn:${s.partition}:sts::${s.account}:assumed-role/${s.roleName}/${s.sessionName}`;
}
