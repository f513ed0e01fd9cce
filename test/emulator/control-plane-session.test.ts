/**
 * The control plane and CreateSession share one state, end to end inside the emulator. The resources are
 * made through the official JS SDK clients (@aws-sdk/client-rolesanywhere, @aws-sdk/client-iam: what the
 * product uses, written by nobody here), and sessions are asked for with the independent AWS4-X509 signer
 * of test-client.ts: an anchor made through the API trusts its CA, a role's trust-policy conditions (CN,
 * aws:SourceArn) decide, an imported and enabled CRL revokes (UpdateCrl replaces it), and UpdateTrustAnchor
 * changes the bundle.
 */
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateProfileCommand,
  CreateTrustAnchorCommand,
  EnableCrlCommand,
  EnableTrustAnchorCommand,
  ImportCrlCommand,
  RolesAnywhereClient,
  UpdateCrlCommand,
  UpdateTrustAnchorCommand,
} from '@aws-sdk/client-rolesanywhere';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATOR, startEmulator, type Emulator } from './index';
import { signedCreateSession, signedGetCallerIdentity, type Arns } from './test-client';
import { createCa, createCrl, issueLeaf, type TestCa, type TestLeaf } from './test-pki';

const REGION = 'us-west-2';
const ACCOUNT = '123456789012';
let emu: Emulator;
let ra: RolesAnywhereClient;
let iam: IAMClient;
let ca: TestCa;
let nextCa: TestCa;
let alice: TestLeaf;

const ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

function trustPolicy(condition?: Record<string, unknown>, actions = ACTIONS): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: actions,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

const bundle = (...cas: TestCa[]) => ({
  sourceType: 'CERTIFICATE_BUNDLE' as const,
  sourceData: { x509CertificateData: cas.map((c) => c.pem).join('') },
});

async function anchor(name: string, cas: TestCa[], enabled = true): Promise<{ arn: string; id: string }> {
  const out = await ra.send(new CreateTrustAnchorCommand({ name, source: bundle(...cas), enabled }));
  return { arn: out.trustAnchor?.trustAnchorArn ?? '', id: out.trustAnchor?.trustAnchorId ?? '' };
}

async function role(name: string, policy: string): Promise<string> {
  const out = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: policy }));
  return out.Role?.Arn ?? '';
}

async function profile(name: string, roleArns: string[]): Promise<string> {
  const out = await ra.send(new CreateProfileCommand({ name, roleArns, enabled: true }));
  return out.profile?.profileArn ?? '';
}

async function session(
  leaf: TestLeaf,
  arns: Arns,
): Promise<{ status: number; type?: string; message: string }> {
  const res = await signedCreateSession({ url: emu.url, leaf, region: REGION, arns });
  const body = (await res.json()) as { message?: string };
  return {
    status: res.status,
    ...(res.status >= 400 ? { type: res.headers.get('x-amzn-errortype')?.split(':')[0] } : {}),
    message: body.message ?? '',
  };
}

beforeAll(async () => {
  ca = await createCa('Shared State Root');
  nextCa = await createCa('Shared State Next Root', { kind: 'p256' });
  alice = await issueLeaf(ca, { cn: 'alice' });
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [],
    profiles: [],
    operators: [EXAMPLE_OPERATOR],
  });
  // A copy: the SDK marks the credentials object it is given ($source), which would change EXAMPLE_OPERATOR.
  const common = { credentials: { ...EXAMPLE_OPERATOR }, endpoint: emu.url, maxAttempts: 1 };
  ra = new RolesAnywhereClient({ ...common, region: REGION });
  iam = new IAMClient({ ...common, region: 'us-east-1' });
});

afterAll(async () => {
  ra?.destroy();
  iam?.destroy();
  await emu?.close();
});

describe('a trust anchor, role and profile made through the APIs', () => {
  let arns: Arns;
  let anchorId: string;

  beforeAll(async () => {
    const a = await anchor('shared', [ca]);
    anchorId = a.id;
    const roleArn = await role(
      'cn-alice',
      trustPolicy({
        StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'alice' },
        ArnEquals: { 'aws:SourceArn': a.arn },
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'cn-alice',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    arns = { trustAnchorArn: a.arn, roleArn, profileArn: await profile('shared', [roleArn]) };
  });

  it('vend a session to a certificate whose CN the trust policy admits, as the IAM role', async () => {
    const res = await signedCreateSession({ url: emu.url, leaf: alice, region: REGION, arns });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      credentialSet: {
        assumedRoleUser: { arn: string; assumedRoleId: string };
        credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
      }[];
    };
    const set = body.credentialSet[0]!;
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'cn-alice' }));
    expect(set.assumedRoleUser.assumedRoleId.split(':')[0]).toBe(Role?.RoleId);
    expect(set.assumedRoleUser.arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/cn-alice/`));
    const who = await signedGetCallerIdentity(emu.url, set.credentials);
    expect(await who.text()).toContain(`<Arn>${set.assumedRoleUser.arn}</Arn>`);
  });

  it('refuse another CN, naming the condition', async () => {
    const bob = await issueLeaf(ca, { cn: 'bob' });
    const r = await session(bob, arns);
    expect(r).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(r.message).toMatch(
      /Unable to assume role .*cn-alice.*aws:PrincipalTag\/x509Subject\/CN: the request has 'bob', the policy wants 'alice'/,
    );
  });

  it('refuse the same certificate through another trust anchor (aws:SourceArn)', async () => {
    const other = await anchor('other', [ca]);
    const r = await session(alice, { ...arns, trustAnchorArn: other.arn });
    expect(r).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(r.message).toMatch(/aws:SourceArn/);
  });

  it('revoke a certificate once a CRL listing it is imported and enabled', async () => {
    const mallory = await issueLeaf(ca, { cn: 'alice' });
    expect((await session(mallory, arns)).status).toBe(201);
    const crlData = new TextEncoder().encode(await createCrl(ca, [mallory]));
    const { crl } = await ra.send(
      new ImportCrlCommand({ name: 'revocations', trustAnchorArn: arns.trustAnchorArn, crlData }),
    );
    // Imported but not enabled: not consulted.
    expect((await session(mallory, arns)).status).toBe(201);
    await ra.send(new EnableCrlCommand({ crlId: crl?.crlId }));
    const r = await session(mallory, arns);
    expect(r).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(r.message).toMatch(/revoked/);
    expect((await session(alice, arns)).status).toBe(201);
    // UpdateCrl replaces the list: a CRL naming nobody lifts the revocation.
    await ra.send(
      new UpdateCrlCommand({ crlId: crl?.crlId, crlData: new TextEncoder().encode(await createCrl(ca, [])) }),
    );
    expect((await session(mallory, arns)).status).toBe(201);
  });

  it('follow UpdateTrustAnchor: a bundle without the CA refuses, old and new CAs together both work', async () => {
    const renewed = await issueLeaf(nextCa, { cn: 'alice', kind: 'p256' });
    await ra.send(new UpdateTrustAnchorCommand({ trustAnchorId: anchorId, source: bundle(nextCa) }));
    const r = await session(alice, arns);
    expect(r).toMatchObject({
      status: 403,
      type: 'AccessDeniedException',
      message: 'Untrusted signing certificate.',
    });
    expect((await session(renewed, arns)).status).toBe(201);
    await ra.send(new UpdateTrustAnchorCommand({ trustAnchorId: anchorId, source: bundle(ca, nextCa) }));
    expect((await session(alice, arns)).status).toBe(201);
    expect((await session(renewed, arns)).status).toBe(201);
  });
});

describe('what CreateSession checks of API-made resources', () => {
  it('refuses a disabled trust anchor until EnableTrustAnchor', async () => {
    const a = await anchor('starts-disabled', [ca], false);
    const roleArn = await role('open-role', trustPolicy());
    const arns = { trustAnchorArn: a.arn, roleArn, profileArn: await profile('open', [roleArn]) };
    expect(await session(alice, arns)).toMatchObject({ status: 404, type: 'ResourceNotFoundException' });
    await ra.send(new EnableTrustAnchorCommand({ trustAnchorId: a.id }));
    expect((await session(alice, arns)).status).toBe(201);
  });

  it('refuses a role whose trust policy lacks sts:TagSession, as Roles Anywhere needs it', async () => {
    const a = await anchor('tag-session', [ca]);
    const roleArn = await role(
      'no-tag-session',
      trustPolicy(undefined, ['sts:AssumeRole', 'sts:SetSourceIdentity']),
    );
    const r = await session(alice, {
      trustAnchorArn: a.arn,
      roleArn,
      profileArn: await profile('no-tag', [roleArn]),
    });
    expect(r).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(r.message).toMatch(/sts:TagSession/);
  });

  it('refuses a role whose trust policy names another service', async () => {
    const a = await anchor('ec2-role', [ca]);
    const policy = trustPolicy().replace('rolesanywhere.amazonaws.com', 'ec2.amazonaws.com');
    const roleArn = await role('ec2-only', policy);
    const r = await session(alice, {
      trustAnchorArn: a.arn,
      roleArn,
      profileArn: await profile('ec2', [roleArn]),
    });
    expect(r).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(r.message).toMatch(/Principal does not name rolesanywhere\.amazonaws\.com/);
  });

  it('lets a role IAM does not hold through, as config-only roles always were', async () => {
    const a = await anchor('static-role', [ca]);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/not-in-iam`;
    expect(
      (
        await session(alice, {
          trustAnchorArn: a.arn,
          roleArn,
          profileArn: await profile('static', [roleArn]),
        })
      ).status,
    ).toBe(201);
  });
});

describe('observability and control over HTTP', () => {
  it('logs every call, CreateSession included, and serves the log at GET /__emulator/calls', async () => {
    const log = (await (await fetch(`${emu.url}/__emulator/calls`)).json()) as unknown[];
    expect(log).toEqual(emu.calls());
    expect(emu.calls()).toContainEqual({ service: 'createSession', operation: 'CreateSession', status: 201 });
    expect(emu.calls()).toContainEqual({ service: 'iam', operation: 'AttachRolePolicy', status: 200 });
    expect(emu.calls()).toContainEqual({ service: 'rolesanywhere', operation: 'ImportCrl', status: 201 });
  });

  it('starts with an empty log', async () => {
    const fresh = await startEmulator({ region: REGION, trustAnchors: [], profiles: [] });
    try {
      expect(fresh.calls()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('sets operators and operation faults through the admin surface', async () => {
    const post = (route: string, body: unknown) =>
      fetch(`${emu.url}/__emulator/${route}`, { method: 'POST', body: JSON.stringify(body) });
    const keys = {
      accessKeyId: 'AKIAADMINSURFACE0001',
      secretAccessKey: 'admin-surface-secret-0000000000000000000',
    };
    expect(
      (await post('config', { operators: [EXAMPLE_OPERATOR, { ...keys, account: '210987654321' }] })).status,
    ).toBe(200);
    // The SDK's standard retry (3 attempts) meets the throttle once, then succeeds.
    const other = new RolesAnywhereClient({
      credentials: { ...keys },
      endpoint: emu.url,
      maxAttempts: 3,
      region: REGION,
    });
    try {
      expect((await post('faults', { status: 429, operation: 'CreateProfile' })).status).toBe(200);
      const before = emu.calls().length;
      const out = await other.send(
        new CreateProfileCommand({ name: 'p', roleArns: [`arn:aws:iam::210987654321:role/r`] }),
      );
      expect(out.profile?.profileArn).toMatch(/^arn:aws:rolesanywhere:us-west-2:210987654321:profile\//);
      expect(out.$metadata.attempts).toBe(2);
      expect(emu.calls().slice(before)).toEqual([
        { service: 'rolesanywhere', operation: 'CreateProfile', status: 429 },
        { service: 'rolesanywhere', operation: 'CreateProfile', status: 201 },
      ]);
      expect((await post('faults', { status: 429, operation: 'not an operation' })).status).toBe(400);
      expect(
        (await post('config', { operators: [{ accessKeyId: 'short', secretAccessKey: 'x' }] })).status,
      ).toBe(400);
    } finally {
      other.destroy();
    }
  });
});
