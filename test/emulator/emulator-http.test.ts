/**
 * The emulator over real HTTP: CreateSession signed by a minimal independent signer with certificates made
 * here, and GetCallerIdentity signed by @smithy/signature-v4 with the credentials it vended.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorConfig } from './config';
import { startEmulator, type Emulator } from './index';
import { signedCreateSession, signedGetCallerIdentity, type Arns } from './test-client';
import { createCa, createCrl, issueLeaf, type TestCa, type TestLeaf } from './test-pki';

const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const TA = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/0c1a7a4e-6d1b-4a7e-9a3e-0e4b5d6c7f80`;
const TA_INTERMEDIATE = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/1d2b8b5f-7e2c-4b8f-8b4f-1f5c6e7d8a91`;
const TA_DISABLED = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/2e3c9c60-8f3d-4c90-9c50-206d7f8e9ba2`;
const PROFILE = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/3f4dad71-9a4e-4da1-8d61-317e8a9facb3`;
const PROFILE_DISABLED = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/4a5ebe82-ab5f-4eb2-9e72-428f9bab0dc4`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/anchorage-test`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/not-in-profile`;
const ARNS: Arns = { trustAnchorArn: TA, profileArn: PROFILE, roleArn: ROLE };
const DAY = 86_400_000;

let emu: Emulator;
let root: TestCa;
let ecRoot: TestCa;
let ecIntermediate: TestCa;
let leaf: TestLeaf;
let revokedLeaf: TestLeaf;
let baseConfig: EmulatorConfig;

interface SessionBody {
  credentialSet: {
    assumedRoleUser: { arn: string; assumedRoleId: string };
    credentials: { accessKeyId: string; expiration: string; secretAccessKey: string; sessionToken: string };
    packedPolicySize: number;
    roleArn: string;
    sourceIdentity: string;
  }[];
  subjectArn: string;
}

async function expectError(res: Response, status: number, type: string, message: RegExp): Promise<void> {
  const body = (await res.json()) as { message: string };
  expect({ status: res.status, type: res.headers.get('x-amzn-errortype')?.split(':')[0] }).toEqual({
    status,
    type,
  });
  expect(body.message).toMatch(message);
}

beforeAll(async () => {
  root = await createCa('Anchorage Test Root');
  ecRoot = await createCa('Anchorage Test EC Root', { kind: 'p384' });
  ecIntermediate = await createCa('Anchorage Test EC Intermediate', { kind: 'p256', issuer: ecRoot });
  leaf = await issueLeaf(root, { cn: 'alice' });
  revokedLeaf = await issueLeaf(root, { cn: 'mallory' });
  baseConfig = {
    region: REGION,
    trustAnchors: [
      { arn: TA, certificatesPem: [root.pem, ecRoot.pem] },
      { arn: TA_INTERMEDIATE, certificatesPem: [ecIntermediate.pem] },
      { arn: TA_DISABLED, certificatesPem: [root.pem], enabled: false },
    ],
    profiles: [
      { arn: PROFILE, roleArns: [ROLE], durationSeconds: 7200 },
      { arn: PROFILE_DISABLED, roleArns: [ROLE], enabled: false },
    ],
    crls: [{ trustAnchorArn: TA, crlPem: await createCrl(root, [revokedLeaf]) }],
  };
  emu = await startEmulator(baseConfig);
});

afterAll(async () => {
  await emu.close();
});

describe('CreateSession', () => {
  it('vends credentials for a correctly signed request (RSA)', async () => {
    const before = emu.stats();
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      body: { durationSeconds: 1800 },
    });
    expect(res.status).toBe(201);
    const date = new Date(res.headers.get('date') ?? '');
    expect(Math.abs(date.getTime() - Date.now())).toBeLessThan(5000);
    const body = (await res.json()) as SessionBody;
    const set = body.credentialSet[0];
    expect(set?.credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(set?.credentials.secretAccessKey.length).toBe(40);
    expect(set?.credentials.sessionToken.length).toBeGreaterThan(100);
    const expiration = Date.parse(set?.credentials.expiration ?? '');
    expect(Math.abs(expiration - (Date.now() + 1800_000))).toBeLessThan(5000);
    expect(set?.roleArn).toBe(ROLE);
    expect(set?.sourceIdentity).toBe('CN=alice');
    expect(set?.packedPolicySize).toBe(0);
    const serialHex = new x509.X509Certificate(leaf.pem).serialNumber.toLowerCase();
    expect(set?.assumedRoleUser.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/anchorage-test/${serialHex}`);
    expect(set?.assumedRoleUser.assumedRoleId).toMatch(new RegExp(`^AROA[0-9A-Z]{17}:${serialHex}$`));
    expect(body.subjectArn).toMatch(
      new RegExp(`^arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:subject/[0-9a-f-]{36}$`),
    );
    expect(emu.issued()).toContainEqual({
      accessKeyId: set?.credentials.accessKeyId,
      roleArn: ROLE,
      subjectCn: 'alice',
    });
    const after = emu.stats();
    expect(after.createSession - before.createSession).toBe(1);
    expect(after.rejected - before.rejected).toBe(0);
  });

  it('defaults to 3600 seconds and honours roleSessionName', async () => {
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      body: { durationSeconds: undefined, roleSessionName: 'alice-laptop' },
    });
    expect(res.status).toBe(201);
    const set = ((await res.json()) as SessionBody).credentialSet[0];
    expect(Math.abs(Date.parse(set?.credentials.expiration ?? '') - (Date.now() + 3600_000))).toBeLessThan(
      5000,
    );
    expect(set?.assumedRoleUser.arn).toMatch(/assumed-role\/anchorage-test\/alice-laptop$/);
  });

  it('accepts the ARNs in the JSON body', async () => {
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      arnsInBody: true,
    });
    expect(res.status).toBe(201);
  });

  it('accepts ECDSA P-256 through an intermediate sent in X-Amz-X509-Chain, and P-384 (SHA-256, DER)', async () => {
    const p256 = await issueLeaf(ecIntermediate, { kind: 'p256' });
    const withChain = await signedCreateSession({
      url: emu.url,
      leaf: p256,
      region: REGION,
      arns: ARNS,
      chain: [Buffer.from(ecIntermediate.cert.rawData).toString('base64')],
    });
    expect(withChain.status).toBe(201);
    const withoutChain = await signedCreateSession({ url: emu.url, leaf: p256, region: REGION, arns: ARNS });
    await expectError(withoutChain, 403, 'AccessDeniedException', /^Untrusted signing certificate\.$/);
    const anchorHoldsIntermediate = await signedCreateSession({
      url: emu.url,
      leaf: p256,
      region: REGION,
      arns: { ...ARNS, trustAnchorArn: TA_INTERMEDIATE },
    });
    expect(anchorHoldsIntermediate.status).toBe(201);
    const p384 = await issueLeaf(ecRoot, { kind: 'p384' });
    expect((await signedCreateSession({ url: emu.url, leaf: p384, region: REGION, arns: ARNS })).status).toBe(
      201,
    );
  });

  it('rejects a certificate from a CA the trust anchor does not hold', async () => {
    const stranger = await issueLeaf(await createCa('Anchorage Test Root'), { cn: 'alice' });
    const res = await signedCreateSession({ url: emu.url, leaf: stranger, region: REGION, arns: ARNS });
    await expectError(res, 403, 'AccessDeniedException', /^Untrusted signing certificate\.$/);
  });

  it('rejects an expired and a not-yet-valid leaf', async () => {
    const expired = await issueLeaf(root, {
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    await expectError(
      await signedCreateSession({ url: emu.url, leaf: expired, region: REGION, arns: ARNS }),
      403,
      'AccessDeniedException',
      /signing certificate has expired/,
    );
    const future = await issueLeaf(root, {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 10 * DAY),
    });
    await expectError(
      await signedCreateSession({ url: emu.url, leaf: future, region: REGION, arns: ARNS }),
      403,
      'AccessDeniedException',
      /not yet valid/,
    );
  });

  it('enforces the end-entity rules', async () => {
    const cases: [Parameters<typeof issueLeaf>[1], RegExp][] = [
      [{ isCa: true }, /CA:FALSE/],
      [{ keyUsage: x509.KeyUsageFlags.keyEncipherment }, /digitalSignature/],
      [{ hash: 'SHA-1' }, /SHA-256 or stronger/],
    ];
    for (const [opts, message] of cases) {
      const bad = await issueLeaf(root, opts);
      await expectError(
        await signedCreateSession({ url: emu.url, leaf: bad, region: REGION, arns: ARNS }),
        403,
        'AccessDeniedException',
        message,
      );
    }
  });

  it('rejects a revoked certificate listed in the trust anchor CRL', async () => {
    const res = await signedCreateSession({ url: emu.url, leaf: revokedLeaf, region: REGION, arns: ARNS });
    await expectError(res, 403, 'AccessDeniedException', /revoked/);
  });

  it('names both regions when the ARNs are from another region', async () => {
    const west = TA.replace(':us-east-1:', ':us-west-2:');
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: { ...ARNS, trustAnchorArn: west },
    });
    await expectError(res, 400, 'ValidationException', /'us-west-2'.*'us-east-1'/);
  });

  it('names the region when the credential scope is for another region', async () => {
    const res = await signedCreateSession({ url: emu.url, leaf, region: 'eu-central-1', arns: ARNS });
    await expectError(res, 403, 'AccessDeniedException', /'eu-central-1'.*'us-east-1'/);
  });

  it('validates durationSeconds against 900..43200 and the profile maximum', async () => {
    for (const durationSeconds of [899, 43201, 1000.5]) {
      const res = await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: ARNS,
        body: { durationSeconds },
      });
      await expectError(res, 400, 'ValidationException', /durationSeconds/);
    }
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      body: { durationSeconds: 7201 },
    });
    await expectError(res, 400, 'ValidationException', /7200/);
  });

  it('answers 404 for an unknown or disabled profile or trust anchor, 400 for a malformed ARN', async () => {
    const unknown = PROFILE.replace('3f4dad71', '00000000');
    await expectError(
      await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: { ...ARNS, profileArn: unknown },
      }),
      404,
      'ResourceNotFoundException',
      /Profile not found/,
    );
    await expectError(
      await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: { ...ARNS, profileArn: PROFILE_DISABLED },
      }),
      404,
      'ResourceNotFoundException',
      /disabled/,
    );
    await expectError(
      await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: { ...ARNS, trustAnchorArn: TA_DISABLED },
      }),
      404,
      'ResourceNotFoundException',
      /disabled/,
    );
    await expectError(
      await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: { ...ARNS, roleArn: 'arn:aws:iam::1:role/x' },
      }),
      400,
      'ValidationException',
      /roleArn/,
    );
  });

  it('denies a role that is not in the profile', async () => {
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: { ...ARNS, roleArn: OTHER_ROLE },
    });
    await expectError(res, 403, 'AccessDeniedException', /not-in-profile/);
  });

  it('rejects a skewed clock with the measured offset', async () => {
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      date: new Date(Date.now() - 600_000),
    });
    await expectError(res, 403, 'AccessDeniedException', /Signature expired.*by -60[01] seconds/);
    const ahead = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      date: new Date(Date.now() + 400_000),
    });
    await expectError(ahead, 403, 'AccessDeniedException', /not yet current.*by (399|400) seconds/);
    emu.setConfig({ clockSkewSeconds: 900 });
    try {
      const tolerated = await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: ARNS,
        date: new Date(Date.now() - 600_000),
      });
      expect(tolerated.status).toBe(201);
    } finally {
      emu.setConfig({ clockSkewSeconds: undefined });
    }
  });

  it('rejects a body changed after signing, a wrong serial and a wrong algorithm', async () => {
    await expectError(
      await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: ARNS,
        sentBody: '{"durationSeconds":3601}',
      }),
      403,
      'AccessDeniedException',
      /Invalid signature/,
    );
    await expectError(
      await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS, serial: '1' }),
      403,
      'AccessDeniedException',
      /serial/,
    );
    await expectError(
      await signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: ARNS,
        algorithm: 'AWS4-X509-ECDSA-SHA256',
      }),
      403,
      'AccessDeniedException',
      /rsa key/,
    );
  });

  it('rejects an unsigned request', async () => {
    const res = await fetch(`${emu.url}/sessions?profileArn=${encodeURIComponent(PROFILE)}`, {
      method: 'POST',
      body: '{}',
    });
    await expectError(res, 403, 'AccessDeniedException', /Authorization/);
  });
});

describe('fault injection', () => {
  it('fails the next two requests with 503, then succeeds', async () => {
    const before = emu.stats();
    emu.inject({ status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS });
      await expectError(res, 503, 'ServiceUnavailableException', /unavailable/i);
    }
    expect((await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS })).status).toBe(201);
    const after = emu.stats();
    expect(after.createSession - before.createSession).toBe(3);
    expect(after.rejected - before.rejected).toBe(2);
  });

  it('throttles with 429 ThrottlingException', async () => {
    emu.inject({ status: 429 });
    await expectError(
      await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS }),
      429,
      'ThrottlingException',
      /Rate exceeded/,
    );
  });

  it('delays an answer long enough for a client timeout', async () => {
    emu.inject({ delayMs: 1500 });
    const started = Date.now();
    await expect(
      signedCreateSession({
        url: emu.url,
        leaf,
        region: REGION,
        arns: ARNS,
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow(/aborted|timeout/i);
    expect(Date.now() - started).toBeLessThan(1400);
    // The delay applies to one request only.
    expect((await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS })).status).toBe(201);
  });

  it('resets the connection', async () => {
    emu.inject({ resetConnection: true });
    await expect(signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS })).rejects.toThrow(
      /fetch failed/,
    );
    expect((await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS })).status).toBe(201);
  });

  it('is controllable over the HTTP admin surface', async () => {
    const post = (route: string, body: unknown): Promise<Response> =>
      fetch(`${emu.url}/__emulator/${route}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('faults', { status: 500, count: 1 })).status).toBe(200);
    await expectError(
      await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS }),
      500,
      'InternalServerException',
      /internal/i,
    );
    expect((await post('faults', { status: 'nope' })).status).toBe(400);

    expect((await post('config', { clockOffsetSeconds: 3600 })).status).toBe(200);
    const skewed = await signedCreateSession({ url: emu.url, leaf, region: REGION, arns: ARNS });
    await expectError(skewed, 403, 'AccessDeniedException', /by -360[01] seconds/);
    expect(Math.abs(Date.parse(skewed.headers.get('date') ?? '') - (Date.now() + 3600_000))).toBeLessThan(
      5000,
    );
    expect((await post('config', { clockOffsetSeconds: 0 })).status).toBe(200);

    const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as Record<string, number>;
    expect(stats).toEqual(emu.stats());
  });
});

describe('STS GetCallerIdentity', () => {
  let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };

  beforeAll(async () => {
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: ARNS,
      body: { roleSessionName: 'sts-check' },
    });
    creds = ((await res.json()) as SessionBody).credentialSet[0]?.credentials as typeof creds;
  });

  it('answers with the assumed role, in STS XML, for any well-formed signing region', async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const res = await signedGetCallerIdentity(emu.url, creds, { region });
      const xml = await res.text();
      expect(res.status).toBe(200);
      expect(xml).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
      expect(xml).toContain(`<Arn>arn:aws:sts::${ACCOUNT}:assumed-role/anchorage-test/sts-check</Arn>`);
      expect(xml).toContain(`<Account>${ACCOUNT}</Account>`);
      expect(xml).toMatch(/<UserId>AROA[0-9A-Z]{17}:sts-check<\/UserId>/);
      expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
    }
  });

  it('speaks the JSON protocol too', async () => {
    const res = await signedGetCallerIdentity(emu.url, creds, { protocol: 'json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/anchorage-test/sts-check`,
    });
  });

  it('answers SignatureDoesNotMatch for a wrong secret', async () => {
    const res = await signedGetCallerIdentity(emu.url, {
      ...creds,
      secretAccessKey: `${creds.secretAccessKey.slice(1)}x`,
    });
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain('<Type>Sender</Type>');
    expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers InvalidClientTokenId for an unknown key or a wrong token', async () => {
    for (const bad of [
      { ...creds, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' },
      { ...creds, sessionToken: 'bm9wZQ==' },
      { ...creds, sessionToken: undefined },
    ]) {
      const res = await signedGetCallerIdentity(emu.url, bad);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>InvalidClientTokenId</Code>');
    }
  });

  it('answers ExpiredToken after expiry, and a skew error for an old signature', async () => {
    const later = Date.parse(creds.expiration) + 60_000;
    emu.setConfig({ now: () => new Date(later) });
    try {
      const res = await signedGetCallerIdentity(emu.url, creds, { date: new Date(later) });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>ExpiredToken</Code>');
    } finally {
      emu.setConfig({ now: undefined });
    }
    const old = await signedGetCallerIdentity(emu.url, creds, { date: new Date(Date.now() - 900_000) });
    expect(old.status).toBe(403);
    expect(await old.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>[\s\S]*Signature expired/);
  });

  it('counts GetCallerIdentity calls', () => {
    expect(emu.stats().getCallerIdentity).toBeGreaterThanOrEqual(8);
  });
});
