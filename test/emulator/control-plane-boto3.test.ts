/**
 * The control-plane APIs through boto3 (Debian's, /usr/bin/python3): a client nobody here wrote signs each
 * request and parses each answer with botocore's own models, so a wrong path, member name, status code,
 * error shape or XML layout fails here. Every operation round-trips; each error comes back as the
 * ClientError code the service sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslOk } from '../support/tools';
import { boto3, bytes, error, ok, type Boto3Call, type Keys } from './control-plane/boto3';
import { EXAMPLE_OPERATOR, startEmulator, type Emulator } from './index';
import { signedCreateSession } from './test-client';
import { createCa, createCrl, issueLeaf, type TestCa } from './test-pki';

const REGION = 'eu-west-2';
const ACCOUNT = '123456789012';
const ADMIN: Keys = EXAMPLE_OPERATOR;
const READER: Keys = {
  accessKeyId: 'AKIAREADEREXAMPLE001',
  secretAccessKey: 'reader-secret-for-tests-only-0000000000',
};
const TEMPORARY: Keys = {
  accessKeyId: 'ASIATEMPEXAMPLE00001',
  secretAccessKey: 'temporary-secret-for-tests-only-00000000',
  sessionToken: 'dGVtcG9yYXJ5LXRva2VuLWZvci10ZXN0cw==',
};
const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'alice' } },
    },
  ],
};

let emu: Emulator;
let ca: TestCa;
let otherCa: TestCa;

const ra = (
  op: string,
  params: Record<string, unknown> = {},
  config?: Record<string, unknown>,
): Boto3Call => ({
  service: 'rolesanywhere',
  op,
  params,
  ...(config ? { config } : {}),
});
const iam = (
  op: string,
  params: Record<string, unknown> = {},
  config?: Record<string, unknown>,
): Boto3Call => ({
  service: 'iam',
  op,
  params,
  ...(config ? { config } : {}),
});
const bundle = (...pems: string[]): Record<string, unknown> => ({
  sourceType: 'CERTIFICATE_BUNDLE',
  sourceData: { x509CertificateData: pems.join('') },
});
/** Ask botocore not to check inputs itself, so the server's own validation answers. */
const UNVALIDATED = { parameter_validation: false };
const runRa = (keys: Keys, calls: Boto3Call[]) => boto3(emu.url, keys, REGION, calls);
// IAM is global: botocore signs it for us-east-1, whatever region the rest of the client uses.
const runIam = (keys: Keys, calls: Boto3Call[]) => boto3(emu.url, keys, 'us-east-1', calls);

beforeAll(async () => {
  ca = await createCa('Boto3 Test Root');
  otherCa = await createCa('Boto3 Second Root', { kind: 'p256' });
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [],
    profiles: [],
    operators: [
      ADMIN,
      { ...READER, userName: 'reader', allow: ['iam:Get*', 'iam:List*', 'rolesanywhere:List*'] },
      { ...TEMPORARY, account: '444455556666' },
    ],
  });
});

afterAll(async () => {
  await emu?.close();
});

describe('Roles Anywhere through boto3', () => {
  it('creates, reads, updates, enables and pages trust anchors', async () => {
    const created = await runRa(ADMIN, [
      ra('create_trust_anchor', { name: 'anchor one', source: bundle(ca.pem) }),
      ra('create_trust_anchor', { name: 'anchor-two', source: bundle(ca.pem), enabled: true }),
      ra('create_trust_anchor', { name: 'anchor_three', source: bundle(otherCa.pem), enabled: true }),
    ]);
    const first = ok(created[0]).trustAnchor as Record<string, unknown>;
    expect(first).toMatchObject({
      name: 'anchor one',
      enabled: false,
      source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: ca.pem } },
    });
    expect(first.trustAnchorArn).toBe(
      `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${String(first.trustAnchorId)}`,
    );
    expect(first.trustAnchorId).toMatch(/^[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}$/);
    expect(Math.abs(Date.parse(String(first.createdAt)) - Date.now())).toBeLessThan(10_000);
    const id = String(first.trustAnchorId);

    const after = await runRa(ADMIN, [
      ra('enable_trust_anchor', { trustAnchorId: id }),
      ra('update_trust_anchor', { trustAnchorId: id, name: 'renamed', source: bundle(ca.pem, otherCa.pem) }),
      ra('get_trust_anchor', { trustAnchorId: id }),
      ra('list_trust_anchors', { pageSize: 2 }),
    ]);
    expect(ok(after[0]).trustAnchor).toMatchObject({ trustAnchorId: id, enabled: true });
    const got = ok(after[2]).trustAnchor as Record<string, unknown>;
    expect(got).toMatchObject({ name: 'renamed', enabled: true });
    expect(
      (got.source as { sourceData: { x509CertificateData: string } }).sourceData.x509CertificateData,
    ).toBe(ca.pem + otherCa.pem);
    const page1 = ok(after[3]);
    expect((page1.trustAnchors as unknown[]).length).toBe(2);
    expect(page1.nextToken).toEqual(expect.any(String));
    const page2 = ok(
      (await runRa(ADMIN, [ra('list_trust_anchors', { pageSize: 2, nextToken: page1.nextToken })]))[0],
    );
    expect((page2.trustAnchors as { name: string }[]).map((t) => t.name)).toEqual(['anchor_three']);
    expect(page2.nextToken).toBeUndefined();
  });

  it('creates, reads and lists profiles', async () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/profile-role`;
    const r = await runRa(ADMIN, [
      ra('create_profile', { name: 'p1', roleArns: [roleArn], durationSeconds: 7200, enabled: true }),
      ra('create_profile', { name: 'p2', roleArns: [roleArn] }),
    ]);
    const p1 = ok(r[0]).profile as Record<string, unknown>;
    expect(p1).toMatchObject({
      name: 'p1',
      roleArns: [roleArn],
      durationSeconds: 7200,
      enabled: true,
      requireInstanceProperties: false,
      createdBy: `arn:aws:iam::${ACCOUNT}:user/operator`,
    });
    expect(ok(r[1]).profile).toMatchObject({ durationSeconds: 3600, enabled: false });
    const [get, list] = await runRa(ADMIN, [
      ra('get_profile', { profileId: p1.profileId }),
      ra('list_profiles'),
    ]);
    expect(ok(get).profile).toEqual(p1);
    expect((ok(list).profiles as { name: string }[]).map((p) => p.name)).toEqual(['p1', 'p2']);
  });

  it('imports a PEM CRL, updates it with DER, lists and enables it', async () => {
    const anchor = ok(
      (await runRa(ADMIN, [ra('create_trust_anchor', { name: 'crl-anchor', source: bundle(ca.pem) })]))[0],
    ).trustAnchor as { trustAnchorArn: string };
    const pem = await createCrl(ca, [await issueLeaf(ca, { cn: 'revoked' })]);
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
    // openssl writes the RFC 7468 label ("X509 CRL"): the form a user's CA tooling produces.
    const opensslPem = opensslOk(['crl', '-inform', 'DER'], { input: der }).stdout;
    expect(opensslPem).toContain('-----BEGIN X509 CRL-----');
    const imported = ok(
      (
        await runRa(ADMIN, [
          ra('import_crl', {
            name: 'ca-crl',
            trustAnchorArn: anchor.trustAnchorArn,
            crlData: bytes(opensslPem),
          }),
        ])
      )[0],
    ).crl as Record<string, unknown>;
    expect(imported).toMatchObject({
      name: 'ca-crl',
      enabled: false,
      trustAnchorArn: anchor.trustAnchorArn,
      crlData: bytes(opensslPem),
    });
    expect(imported.crlArn).toBe(`arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:crl/${String(imported.crlId)}`);
    const [updated, enabled, list] = await runRa(ADMIN, [
      ra('update_crl', { crlId: imported.crlId, crlData: bytes(der), name: 'ca-crl-2' }),
      ra('enable_crl', { crlId: imported.crlId }),
      ra('list_crls'),
    ]);
    expect(ok(updated).crl).toMatchObject({ crlData: bytes(der), name: 'ca-crl-2' });
    expect(ok(enabled).crl).toMatchObject({ enabled: true });
    expect(ok(list).crls).toEqual([expect.objectContaining({ crlId: imported.crlId, enabled: true })]);
  });

  it('answers ResourceNotFoundException and ValidationException as botocore models them', async () => {
    const leaf = await issueLeaf(ca, { cn: 'not-a-ca' });
    const missing = '0e5c4a3b-2d1e-4f00-8a9b-1c2d3e4f5a6b';
    const r = await runRa(ADMIN, [
      ra('get_trust_anchor', { trustAnchorId: missing }),
      ra('enable_crl', { crlId: missing }),
      ra('create_trust_anchor', { name: 'bad/name', source: bundle(ca.pem) }),
      ra('create_trust_anchor', { name: 'leaf', source: bundle(leaf.pem) }),
      ra('create_trust_anchor', { name: 'junk', source: bundle('not a certificate') }),
      ra('create_profile', { name: 'p', roleArns: ['arn:aws:s3:::bucket'] }),
      ra(
        'create_profile',
        { name: 'p', roleArns: [`arn:aws:iam::${ACCOUNT}:role/r`], durationSeconds: 100 },
        UNVALIDATED,
      ),
      ra('import_crl', {
        name: 'c',
        trustAnchorArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${missing}`,
        crlData: bytes('not a crl'),
      }),
      ra('get_profile', { profileId: 'not-a-uuid' }, UNVALIDATED),
    ]);
    expect(error(r[0])).toMatchObject({ code: 'ResourceNotFoundException', status: 404 });
    expect(error(r[1])).toMatchObject({ code: 'ResourceNotFoundException', status: 404 });
    expect(error(r[2])).toMatchObject({ code: 'ValidationException', status: 400 });
    expect(error(r[2]).message).toMatch(
      /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    expect(error(r[3]).message).toMatch(/not a CA/);
    expect(error(r[4]).message).toMatch(/PEM certificates/);
    expect(error(r[5]).message).toMatch(/roleArns/);
    expect(error(r[6]).message).toMatch(
      /'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
    );
    expect(error(r[7])).toMatchObject({ code: 'ValidationException', status: 400 });
    expect(error(r[7]).message).toMatch(/not a certificate revocation list/);
    expect(error(r[8])).toMatchObject({ code: 'ValidationException', status: 400 });
  });
});

describe('IAM through boto3', () => {
  it('creates a role, reads it back with the trust policy botocore decodes, pages, attaches and updates', async () => {
    const doc = JSON.stringify(TRUST_POLICY, null, 2);
    const r = await runIam(ADMIN, [
      iam('create_role', {
        RoleName: 'boto-a',
        AssumeRolePolicyDocument: doc,
        Description: 'first role',
        Tags: [{ Key: 'team', Value: 'infra' }],
      }),
      iam('create_role', {
        RoleName: 'boto-b',
        Path: '/anchorage/',
        AssumeRolePolicyDocument: doc,
        MaxSessionDuration: 7200,
      }),
      iam('get_role', { RoleName: 'boto-a' }),
      iam('list_roles', { MaxItems: 1 }),
      iam('attach_role_policy', { RoleName: 'boto-a', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
      iam('attach_role_policy', {
        RoleName: 'boto-a',
        PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team/Custom`,
      }),
      iam('list_attached_role_policies', { RoleName: 'boto-a' }),
    ]);
    const created = ok(r[0]).Role as Record<string, unknown>;
    expect(created).toMatchObject({
      RoleName: 'boto-a',
      Path: '/',
      Arn: `arn:aws:iam::${ACCOUNT}:role/boto-a`,
      MaxSessionDuration: 3600,
      Description: 'first role',
    });
    expect(created.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    // botocore URL-decodes and JSON-parses policy documents: this only equals the policy if IAM's encoding was right.
    expect(created.AssumeRolePolicyDocument).toEqual(TRUST_POLICY);
    expect(ok(r[1]).Role).toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:role/anchorage/boto-b`,
      MaxSessionDuration: 7200,
    });
    const got = ok(r[2]).Role as Record<string, unknown>;
    expect(got).toMatchObject({
      RoleId: created.RoleId,
      AssumeRolePolicyDocument: TRUST_POLICY,
      Tags: [{ Key: 'team', Value: 'infra' }],
    });
    const page1 = ok(r[3]);
    expect(page1).toMatchObject({
      IsTruncated: true,
      Roles: [expect.objectContaining({ RoleName: 'boto-a' })],
    });
    const page2 = ok((await runIam(ADMIN, [iam('list_roles', { Marker: page1.Marker })]))[0]);
    expect(page2.IsTruncated).toBe(false);
    expect((page2.Roles as { RoleName: string }[]).map((x) => x.RoleName)).toContain('boto-b');
    expect(ok(r[4])).toEqual({});
    expect(ok(r[6])).toEqual({
      AttachedPolicies: [
        { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        { PolicyName: 'Custom', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team/Custom` },
      ],
      IsTruncated: false,
    });

    const widened = { ...TRUST_POLICY, Statement: [{ ...TRUST_POLICY.Statement[0], Condition: undefined }] };
    const [update, reread] = await runIam(ADMIN, [
      iam('update_assume_role_policy', { RoleName: 'boto-a', PolicyDocument: JSON.stringify(widened) }),
      iam('get_role', { RoleName: 'BOTO-A' }),
    ]);
    expect(ok(update)).toEqual({});
    expect((ok(reread).Role as Record<string, unknown>).AssumeRolePolicyDocument).toEqual(
      JSON.parse(JSON.stringify(widened)),
    );
  });

  it('answers EntityAlreadyExists, NoSuchEntity, MalformedPolicyDocument and ValidationError with IAM status codes', async () => {
    const doc = JSON.stringify(TRUST_POLICY);
    const r = await runIam(ADMIN, [
      iam('create_role', { RoleName: 'dup-role', AssumeRolePolicyDocument: doc }),
      iam('create_role', { RoleName: 'DUP-ROLE', AssumeRolePolicyDocument: doc }),
      iam('get_role', { RoleName: 'no-such-role' }),
      iam('create_role', {
        RoleName: 'bad-json',
        AssumeRolePolicyDocument: '{"Version": "2012-10-17", Statement',
      }),
      iam('create_role', { RoleName: 'bad name!', AssumeRolePolicyDocument: doc }),
      iam('attach_role_policy', {
        RoleName: 'no-such-role',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
      iam('update_assume_role_policy', {
        RoleName: 'dup-role',
        PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }),
      }),
      iam(
        'create_role',
        { RoleName: 'short', AssumeRolePolicyDocument: doc, MaxSessionDuration: 60 },
        UNVALIDATED,
      ),
    ]);
    ok(r[0]);
    expect(error(r[1])).toMatchObject({ code: 'EntityAlreadyExists', status: 409 });
    expect(error(r[2])).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name no-such-role cannot be found.',
    });
    expect(error(r[3])).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: 'This policy contains invalid Json',
    });
    expect(error(r[4])).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(error(r[4]).message).toMatch(/at 'roleName' failed to satisfy constraint/);
    expect(error(r[5])).toMatchObject({ code: 'NoSuchEntity', status: 404 });
    expect(error(r[6])).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: 'Missing required field Principal',
    });
    expect(error(r[7]).message).toMatch(
      /'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600/,
    );
  });
});

describe('operators through boto3', () => {
  it('refuses what an operator may not call, with AccessDenied and IAM’s wording', async () => {
    const [listed, denied] = await runIam(READER, [
      iam('list_roles'),
      iam('create_role', { RoleName: 'not-mine', AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY) }),
    ]);
    ok(listed);
    expect(error(denied)).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT}:role/not-mine because no identity-based policy allows the iam:CreateRole action`,
    });
    const [raList, raDenied] = await runRa(READER, [
      ra('list_trust_anchors'),
      ra('create_trust_anchor', { name: 'x', source: bundle(ca.pem) }),
    ]);
    ok(raList);
    expect(error(raDenied)).toMatchObject({ code: 'AccessDeniedException', status: 403 });
    expect(error(raDenied).message).toMatch(
      /^User: arn:aws:iam::123456789012:user\/reader is not authorized to perform: rolesanywhere:CreateTrustAnchor on resource: arn:aws:rolesanywhere:eu-west-2:123456789012:trust-anchor\/\*/,
    );
  });

  it('refuses a wrong secret and an unknown key as each service does', async () => {
    const wrong = { ...ADMIN, secretAccessKey: `${ADMIN.secretAccessKey.slice(0, -1)}X` };
    const unknown = { ...ADMIN, accessKeyId: 'AKIANOBODYEXAMPLE001' };
    const [iamWrong] = await runIam(wrong, [iam('list_roles')]);
    const [iamUnknown] = await runIam(unknown, [iam('list_roles')]);
    const [raWrong] = await runRa(wrong, [ra('list_trust_anchors')]);
    const [raUnknown] = await runRa(unknown, [ra('list_trust_anchors')]);
    expect(error(iamWrong)).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(error(iamUnknown)).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    expect(error(raWrong)).toMatchObject({ code: 'InvalidSignatureException', status: 403 });
    expect(error(raUnknown)).toMatchObject({ code: 'UnrecognizedClientException', status: 403 });
  });

  it('refuses IAM signed for another region than us-east-1', async () => {
    const [r] = await boto3(emu.url, ADMIN, 'eu-west-1', [iam('list_roles')]);
    expect(error(r)).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(error(r).message).toMatch(/Credential should be scoped to a valid region, not 'eu-west-1'/);
  });

  it('takes temporary operator credentials only with their session token, in their own account', async () => {
    const [anchor] = await runRa(TEMPORARY, [
      ra('create_trust_anchor', { name: 'temp', source: bundle(ca.pem) }),
    ]);
    expect((ok(anchor).trustAnchor as { trustAnchorArn: string }).trustAnchorArn).toMatch(
      /:444455556666:trust-anchor\//,
    );
    const [list] = await runRa(TEMPORARY, [ra('list_trust_anchors')]);
    expect((ok(list).trustAnchors as { name: string }[]).map((t) => t.name)).toEqual(['temp']);
    const { sessionToken: _t, ...noToken } = TEMPORARY;
    const [refused] = await runRa(noToken, [ra('list_trust_anchors')]);
    expect(error(refused)).toMatchObject({ code: 'UnrecognizedClientException', status: 403 });
  });

  it('answers GetCallerIdentity for an operator with its user ARN', async () => {
    const [who] = await boto3(emu.url, ADMIN, REGION, [{ service: 'sts', op: 'get_caller_identity' }]);
    expect(ok(who)).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:user/operator`,
      UserId: expect.stringMatching(/^AIDA/),
    });
  });
});

describe('throttling through botocore’s retries', () => {
  const STANDARD_3 = { retries: { mode: 'standard', total_max_attempts: 3 } };

  it('IAM throttles only CreateRole, with 400 Throttling; botocore retries, then gives up or succeeds', async () => {
    const doc = JSON.stringify(TRUST_POLICY);
    const before = emu.calls().length;
    emu.inject({ status: 429, operation: 'CreateRole', count: 3 });
    const [gaveUp, other] = await runIam(ADMIN, [
      iam('create_role', { RoleName: 'throttled', AssumeRolePolicyDocument: doc }, STANDARD_3),
      iam('get_role', { RoleName: 'dup-role' }, STANDARD_3),
    ]);
    expect(error(gaveUp)).toMatchObject({ code: 'Throttling', status: 400, attempts: 3 });
    ok(other);
    expect(emu.calls().slice(before)).toEqual([
      ...Array.from({ length: 3 }, () => ({ service: 'iam', operation: 'CreateRole', status: 400 })),
      { service: 'iam', operation: 'GetRole', status: 200 },
    ]);

    emu.inject({ status: 429, operation: 'CreateRole', count: 2 });
    const [recovered] = await runIam(ADMIN, [
      iam('create_role', { RoleName: 'throttled', AssumeRolePolicyDocument: doc }, STANDARD_3),
    ]);
    expect(ok(recovered).Role).toMatchObject({ RoleName: 'throttled' });
  });

  it('Roles Anywhere throttles with 429 ThrottlingException; a fault without operation still means CreateSession', async () => {
    emu.inject({ status: 429, operation: 'ListTrustAnchors', count: 3 });
    emu.inject({ status: 503 });
    const [r] = await runRa(ADMIN, [ra('list_trust_anchors', {}, STANDARD_3)]);
    expect(error(r)).toMatchObject({ code: 'ThrottlingException', status: 429, attempts: 3 });
    // The 503 waits for a CreateSession: control-plane calls pass.
    ok((await runRa(ADMIN, [ra('list_profiles', {}, STANDARD_3)]))[0]);
    const leaf = await issueLeaf(ca);
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: {
        trustAnchorArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/0e5c4a3b-2d1e-4f00-8a9b-1c2d3e4f5a6b`,
        profileArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/0e5c4a3b-2d1e-4f00-8a9b-1c2d3e4f5a6b`,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
      },
    });
    expect(res.status).toBe(503);
  });
});
