/**
 * The Roles Anywhere control-plane operations the emulator serves, with the members, constraints and
 * defaults of the API model (botocore rolesanywhere/2018-05-10/service-2.json): trust anchors, profiles
 * and CRLs. `enabled` defaults to false when a request omits it, so a client must ask for what it needs.
 */
import { randomUUID } from 'node:crypto';
import { parseRoleArn } from '../arn';
import { crlPemOf, isCa, parsePemCertificates } from '../certificate-trust';
import { notFound } from '../rejection';
import type {
  AccountState,
  CrlRecord,
  ProfileRecord,
  RolesAnywhereRecord,
  Tag,
  TrustAnchorRecord,
} from './account-state';
import type { Operator } from './operators';
import { Violations } from './validation';

export interface RolesAnywhereCall {
  operation: string;
  /** The {trustAnchorId|profileId|crlId} of the path, decoded. */
  id?: string;
  body: Record<string, unknown>;
  query: ReadonlyMap<string, string>;
  operator: Operator;
  region: string;
  state: AccountState;
  now: Date;
}

const NAME = { min: 1, max: 255, pattern: '^[ a-zA-Z0-9-_]*$' };
const UUID = { min: 36, max: 36, pattern: '[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}' };
const TRUST_ANCHOR_ARN = {
  min: 1,
  max: 1011,
  pattern: '^arn:aws(-[^:]+)?:rolesanywhere(:.*){2}(:trust-anchor.*)$',
};
const ROLE_ARN = { min: 1, max: 1011, pattern: '^arn:aws(-[^:]+)?:iam(:.*){2}(:role.*)$' };
const SOURCE_TYPES = ['AWS_ACM_PCA', 'CERTIFICATE_BUNDLE', 'SELF_SIGNED_REPOSITORY'] as const;
/** SourceData.x509CertificateData: at most 8000 characters (API reference, SourceData). */
const MAX_CERTIFICATE_DATA = 8000;
const MAX_CRL_BYTES = 300_000;
/** The most items one List page holds, whatever pageSize asks. */
const MAX_PAGE = 50;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function tagsOf(v: Violations, value: unknown): Tag[] {
  const list = v.list(value, 'tags', { max: 50 }) ?? [];
  return list.map((t, i) => {
    if (!isRecord(t)) v.fail(`'tags.${i + 1}' must be an object with key and value.`);
    const rule = { pattern: '^[ a-zA-Z0-9_.:/=+@-]*$' };
    v.required(t.key, `tags.${i + 1}.member.key`);
    v.required(t.value, `tags.${i + 1}.member.value`);
    const key = v.string(t.key, `tags.${i + 1}.member.key`, { ...rule, min: 1, max: 128 }) ?? '';
    const val = v.string(t.value, `tags.${i + 1}.member.value`, { ...rule, min: 0, max: 256 }) ?? '';
    return { key, value: val };
  });
}

/** The CA certificates of a CERTIFICATE_BUNDLE source; a Source of another type is refused. */
function sourceOf(v: Violations, value: unknown): TrustAnchorRecord['source'] {
  if (!isRecord(value)) v.fail("'source' must be an object with sourceType and sourceData.");
  v.required(value.sourceType, 'source.sourceType');
  const type = v.string(value.sourceType, 'source.sourceType', { enum: SOURCE_TYPES });
  v.check();
  const data = value.sourceData;
  if (!isRecord(data) || Object.keys(data).length !== 1)
    v.fail("'source.sourceData' must hold exactly one of x509CertificateData or acmPcaArn.");
  if (type === 'SELF_SIGNED_REPOSITORY')
    v.fail('sourceType SELF_SIGNED_REPOSITORY is reserved; create a trust anchor from CERTIFICATE_BUNDLE.');
  if (type === 'AWS_ACM_PCA') {
    v.fail(
      `The AWS Private CA ${String(data.acmPcaArn)} was not found: this emulator has no Private CA; use CERTIFICATE_BUNDLE.`,
    );
  }
  if (typeof data.x509CertificateData !== 'string')
    v.fail(
      'A CERTIFICATE_BUNDLE source needs sourceData.x509CertificateData, the PEM of its CA certificates.',
    );
  const pem = v.string(data.x509CertificateData, 'source.sourceData.x509CertificateData', {
    min: 1,
    max: MAX_CERTIFICATE_DATA,
  }) as string;
  v.check();
  let certs;
  try {
    certs = parsePemCertificates(pem);
  } catch {
    v.fail('x509CertificateData holds a CERTIFICATE block that is not a valid X.509 certificate.');
  }
  if (certs.length === 0)
    v.fail(
      'x509CertificateData must hold PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).',
    );
  const leaf = certs.find((c) => !isCa(c));
  if (leaf) {
    v.fail(
      `x509CertificateData holds a certificate that is not a CA (${leaf.subject.replace(/\n/g, ', ')}): a trust anchor holds CA certificates (basicConstraints CA:TRUE).`,
    );
  }
  return { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: pem } };
}

function crlDataOf(v: Violations, value: unknown, at: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) v.fail(`'${at}' must be base64-encoded bytes.`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 1) v.add('', at, 'have length greater than or equal to 1');
  if (bytes.length > MAX_CRL_BYTES)
    v.add(`<${bytes.length} bytes>`, at, `have length less than or equal to ${MAX_CRL_BYTES}`);
  v.check();
  try {
    crlPemOf(bytes);
  } catch {
    v.fail(`'${at}' is not a certificate revocation list: send the CRL's PEM (X509 CRL block) or DER bytes.`);
  }
  return bytes;
}

const iso = (d: Date): string => d.toISOString();

function trustAnchorDetail(r: TrustAnchorRecord): Record<string, unknown> {
  return {
    createdAt: iso(r.createdAt),
    enabled: r.enabled,
    name: r.name,
    source: r.source,
    trustAnchorArn: r.arn,
    trustAnchorId: r.id,
    updatedAt: iso(r.updatedAt),
  };
}

function profileDetail(r: ProfileRecord): Record<string, unknown> {
  return {
    createdAt: iso(r.createdAt),
    createdBy: r.createdBy,
    durationSeconds: r.durationSeconds,
    enabled: r.enabled,
    managedPolicyArns: r.managedPolicyArns,
    name: r.name,
    profileArn: r.arn,
    profileId: r.id,
    requireInstanceProperties: r.requireInstanceProperties,
    roleArns: r.roleArns,
    ...(r.sessionPolicy !== undefined ? { sessionPolicy: r.sessionPolicy } : {}),
    updatedAt: iso(r.updatedAt),
  };
}

function crlDetail(r: CrlRecord): Record<string, unknown> {
  return {
    createdAt: iso(r.createdAt),
    crlArn: r.arn,
    crlData: r.crlData.toString('base64'),
    crlId: r.id,
    enabled: r.enabled,
    name: r.name,
    trustAnchorArn: r.trustAnchorArn,
    updatedAt: iso(r.updatedAt),
  };
}

type Kind = 'trust-anchor' | 'profile' | 'crl';

/** One page of `items` after `nextToken`; the token is opaque to clients (the offset, base64url). */
function page<T>(c: RolesAnywhereCall, kind: Kind, items: T[]): { items: T[]; nextToken?: string } {
  const v: Violations = new Violations('ValidationException');
  const rawSize = c.query.get('pageSize');
  const size = rawSize === undefined ? MAX_PAGE : Number(rawSize);
  if (!Number.isInteger(size) || size < 1) v.fail(`pageSize '${rawSize}' must be a positive integer.`);
  const token = c.query.get('nextToken');
  let offset = 0;
  if (token !== undefined) {
    const m = /^(trust-anchor|profile|crl):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m || m[1] !== kind || Number(m[2]) > items.length) v.fail(`Invalid nextToken '${token}'.`);
    offset = Number(m[2]);
  }
  const end = offset + Math.min(size, MAX_PAGE);
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(`${kind}:${end}`).toString('base64url') } : {}),
  };
}

function arnOf(c: RolesAnywhereCall, kind: Kind, id: string): string {
  return `arn:aws:rolesanywhere:${c.region}:${c.operator.account}:${kind}/${id}`;
}

/** What every new resource has: a fresh id and its ARN in the caller's account and region, created now. */
function newRecord(
  c: RolesAnywhereCall,
  kind: Kind,
  fields: Pick<RolesAnywhereRecord, 'name' | 'enabled' | 'tags'>,
): RolesAnywhereRecord {
  const id = randomUUID();
  return {
    id,
    arn: arnOf(c, kind, id),
    account: c.operator.account,
    region: c.region,
    ...fields,
    createdAt: c.now,
    updatedAt: c.now,
  };
}

/** The record with the path's id in the caller's account and region; ResourceNotFoundException otherwise. */
function own<T extends { account: string; region: string }>(
  c: RolesAnywhereCall,
  map: Map<string, T>,
  what: string,
): T {
  const v: Violations = new Violations('ValidationException');
  const at = what === 'Trust anchor' ? 'trustAnchorId' : what === 'Profile' ? 'profileId' : 'crlId';
  v.string(c.id, at, UUID);
  v.check();
  const r = map.get(c.id ?? '');
  if (!r || r.account !== c.operator.account || r.region !== c.region)
    throw notFound(
      `${what} ${c.id ?? ''} was not found in account ${c.operator.account}, region ${c.region}.`,
    );
  return r;
}

function createTrustAnchor(c: RolesAnywhereCall): unknown {
  const v: Violations = new Violations('ValidationException');
  v.required(c.body.name, 'name');
  v.required(c.body.source, 'source');
  const name = v.string(c.body.name, 'name', NAME) as string;
  const enabled = v.bool(c.body.enabled, 'enabled') ?? false;
  const tags = tagsOf(v, c.body.tags);
  v.check();
  const source = sourceOf(v, c.body.source);
  const record: TrustAnchorRecord = {
    ...newRecord(c, 'trust-anchor', { name, enabled, tags }),
    source,
  };
  c.state.trustAnchors.set(record.id, record);
  return { trustAnchor: trustAnchorDetail(record) };
}

function updateTrustAnchor(c: RolesAnywhereCall): unknown {
  const r = own(c, c.state.trustAnchors, 'Trust anchor');
  const v: Violations = new Violations('ValidationException');
  const name = v.string(c.body.name, 'name', NAME);
  v.check();
  const source = c.body.source === undefined ? undefined : sourceOf(v, c.body.source);
  if (name !== undefined) r.name = name;
  if (source) r.source = source;
  r.updatedAt = c.now;
  return { trustAnchor: trustAnchorDetail(r) };
}

function createProfile(c: RolesAnywhereCall): unknown {
  const v: Violations = new Violations('ValidationException');
  v.required(c.body.name, 'name');
  v.required(c.body.roleArns, 'roleArns');
  const name = v.string(c.body.name, 'name', NAME) as string;
  const roleArns = (v.list(c.body.roleArns, 'roleArns', { min: 0, max: 50 }) ?? []).map((arn, i) => {
    const s = v.string(arn, `roleArns.${i + 1}.member`, ROLE_ARN) ?? '';
    if (!parseRoleArn(s))
      v.add(s, `roleArns.${i + 1}.member`, 'be the ARN of an IAM role (arn:aws:iam::ACCOUNT:role/NAME)');
    return s;
  });
  const durationSeconds = v.int(c.body.durationSeconds, 'durationSeconds', { min: 900, max: 43200 }) ?? 3600;
  const managedPolicyArns = (v.list(c.body.managedPolicyArns, 'managedPolicyArns', { max: 50 }) ?? []).map(
    (arn, i) => v.string(arn, `managedPolicyArns.${i + 1}.member`, { min: 1, max: 200 }) ?? '',
  );
  const sessionPolicy = v.string(c.body.sessionPolicy, 'sessionPolicy', {});
  const requireInstanceProperties =
    v.bool(c.body.requireInstanceProperties, 'requireInstanceProperties') ?? false;
  const enabled = v.bool(c.body.enabled, 'enabled') ?? false;
  const tags = tagsOf(v, c.body.tags);
  v.check();
  if (sessionPolicy !== undefined) {
    try {
      JSON.parse(sessionPolicy);
    } catch {
      v.fail('sessionPolicy is not a valid JSON policy document.');
    }
  }
  const record: ProfileRecord = {
    ...newRecord(c, 'profile', { name, enabled, tags }),
    roleArns,
    durationSeconds,
    managedPolicyArns,
    ...(sessionPolicy !== undefined ? { sessionPolicy } : {}),
    requireInstanceProperties,
    createdBy: c.operator.arn,
  };
  c.state.profiles.set(record.id, record);
  return { profile: profileDetail(record) };
}

function importCrl(c: RolesAnywhereCall): unknown {
  const v: Violations = new Violations('ValidationException');
  v.required(c.body.crlData, 'crlData');
  v.required(c.body.name, 'name');
  v.required(c.body.trustAnchorArn, 'trustAnchorArn');
  const name = v.string(c.body.name, 'name', NAME) as string;
  const trustAnchorArn = v.string(c.body.trustAnchorArn, 'trustAnchorArn', TRUST_ANCHOR_ARN) as string;
  const enabled = v.bool(c.body.enabled, 'enabled') ?? false;
  const tags = tagsOf(v, c.body.tags);
  v.check();
  const crlData = crlDataOf(v, c.body.crlData, 'crlData');
  const anchor = c.state.trustAnchorByArn(trustAnchorArn);
  if (!anchor || anchor.account !== c.operator.account || anchor.region !== c.region)
    v.fail(
      `Trust anchor ${trustAnchorArn} was not found in account ${c.operator.account}, region ${c.region}.`,
    );
  const record: CrlRecord = {
    ...newRecord(c, 'crl', { name, enabled, tags }),
    trustAnchorArn,
    crlData,
  };
  c.state.crls.set(record.id, record);
  return { crl: crlDetail(record) };
}

function updateCrl(c: RolesAnywhereCall): unknown {
  const r = own(c, c.state.crls, 'CRL');
  const v: Violations = new Violations('ValidationException');
  const name = v.string(c.body.name, 'name', NAME);
  v.check();
  const crlData = c.body.crlData === undefined ? undefined : crlDataOf(v, c.body.crlData, 'crlData');
  if (name !== undefined) r.name = name;
  if (crlData) r.crlData = crlData;
  r.updatedAt = c.now;
  return { crl: crlDetail(r) };
}

function enable<T extends { enabled: boolean; updatedAt: Date }>(r: T, now: Date): T {
  r.enabled = true;
  r.updatedAt = now;
  return r;
}

const mine = <T extends { account: string; region: string }>(
  c: RolesAnywhereCall,
  map: Map<string, T>,
): T[] => [...map.values()].filter((r) => r.account === c.operator.account && r.region === c.region);

/** Run one operation; returns the response body (the status is the route's). */
export const ROLES_ANYWHERE_OPERATIONS: Record<string, (c: RolesAnywhereCall) => unknown> = {
  CreateTrustAnchor: createTrustAnchor,
  GetTrustAnchor: (c) => ({ trustAnchor: trustAnchorDetail(own(c, c.state.trustAnchors, 'Trust anchor')) }),
  ListTrustAnchors: (c) => {
    const p = page(c, 'trust-anchor', mine(c, c.state.trustAnchors));
    return {
      trustAnchors: p.items.map(trustAnchorDetail),
      ...(p.nextToken ? { nextToken: p.nextToken } : {}),
    };
  },
  UpdateTrustAnchor: updateTrustAnchor,
  EnableTrustAnchor: (c) => ({
    trustAnchor: trustAnchorDetail(enable(own(c, c.state.trustAnchors, 'Trust anchor'), c.now)),
  }),
  CreateProfile: createProfile,
  GetProfile: (c) => ({ profile: profileDetail(own(c, c.state.profiles, 'Profile')) }),
  ListProfiles: (c) => {
    const p = page(c, 'profile', mine(c, c.state.profiles));
    return { profiles: p.items.map(profileDetail), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
  },
  ImportCrl: importCrl,
  UpdateCrl: updateCrl,
  ListCrls: (c) => {
    const p = page(c, 'crl', mine(c, c.state.crls));
    return { crls: p.items.map(crlDetail), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
  },
  EnableCrl: (c) => ({ crl: crlDetail(enable(own(c, c.state.crls, 'CRL'), c.now)) }),
};
