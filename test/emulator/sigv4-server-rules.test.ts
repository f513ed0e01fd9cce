/**
 * The emulator's SigV4 verifier applies the AWS server's rules on its own (it shares no code with main/):
 * - its canonicalizer reproduces botocore's answers (../shared/conformance/sigv4-botocore/vectors.json) for
 *   every vector, given the request as it arrives on the wire;
 * - over real HTTP, a request whose path was encoded only once (the classic client bug) is refused with
 *   SignatureDoesNotMatch, as AWS refuses it, and the request encoded twice is accepted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isS3Family } from '../../shared/domain/service-guess';
import { canonicalRequest, parseAuthorization, type WireRequest } from './canonical';
import { startEmulator, type Emulator } from './index';
import { signedCreateSession, type StsCredentials } from './test-client';
import { createCa, issueLeaf } from './test-pki';

interface Vector {
  name: string;
  service: string;
  time: string;
  credentials: { sessionToken?: string };
  request: { method: string; url: string; headers: [string, string][]; body: string };
  expected: { canonicalRequest: string; authorization: string };
}

const CORPUS = path.resolve(process.cwd(), '../shared/conformance/sigv4-botocore/vectors.json');

/** The request botocore sent for a vector, as the server receives it: signer-owned headers are botocore's. */
function wireOf(v: Vector): WireRequest {
  const m = /^https?:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?$/.exec(v.request.url);
  if (!m) throw new Error(`${v.name}: bad URL`);
  const own = new Set([
    'x-amz-date',
    'x-amz-content-sha256',
    ...(v.credentials.sessionToken ? ['x-amz-security-token'] : []),
  ]);
  const headers: [string, string][] = v.request.headers.filter(([n]) => !own.has(n.toLowerCase()));
  headers.push(['Host', new URL(v.request.url).host], ['X-Amz-Date', v.time]);
  if (v.credentials.sessionToken) headers.push(['X-Amz-Security-Token', v.credentials.sessionToken]);
  if (isS3Family(v.service)) {
    headers.push(['X-Amz-Content-SHA256', createHash('sha256').update(v.request.body).digest('hex')]);
  }
  return {
    method: v.request.method,
    // An empty path is sent as "/" (RFC 9112 §3.2.1).
    path: m[1] || '/',
    query: m[2] ?? '',
    headers,
    body: v.request.body,
  };
}

describe('the emulator canonicalizer against botocore', () => {
  it('reproduces the canonical request of every botocore vector from the wire request', () => {
    const vectors = (JSON.parse(readFileSync(CORPUS, 'utf8')) as { vectors: Vector[] }).vectors;
    expect(vectors).toHaveLength(204);
    const failures: string[] = [];
    for (const v of vectors) {
      const auth = parseAuthorization(v.expected.authorization);
      if (!auth) throw new Error(`${v.name}: bad authorization`);
      const creq = canonicalRequest(wireOf(v), auth.signedHeaders, { s3Family: isS3Family(v.service) });
      if (creq !== v.expected.canonicalRequest)
        failures.push(`${v.name}\n${creq}\n---\n${v.expected.canonicalRequest}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the emulator rejects a single-encoded path as AWS does', () => {
  const REGION = 'us-east-1';
  const ACCOUNT = '111122223333';
  const TA = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/0c1a7a4e-6d1b-4a7e-9a3e-0e4b5d6c7f80`;
  const PROFILE = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/3f4dad71-9a4e-4da1-8d61-317e8a9facb3`;
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/anchorage-test`;
  const WIRE_PATH = '/a%3Ab/c';
  let emu: Emulator;
  let creds: StsCredentials;

  beforeAll(async () => {
    const root = await createCa('Anchorage Rules Root');
    const leaf = await issueLeaf(root, { cn: 'rules' });
    emu = await startEmulator({
      region: REGION,
      trustAnchors: [{ arn: TA, certificatesPem: [root.pem] }],
      profiles: [{ arn: PROFILE, roleArns: [ROLE], durationSeconds: 3600 }],
    });
    const res = await signedCreateSession({
      url: emu.url,
      leaf,
      region: REGION,
      arns: { trustAnchorArn: TA, profileArn: PROFILE, roleArn: ROLE },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { credentialSet: { credentials: StsCredentials }[] };
    creds = body.credentialSet[0]!.credentials;
  });
  afterAll(async () => {
    await emu?.close();
  });

  /** POST GetCallerIdentity to WIRE_PATH, signed by smithy over `signedPath` (smithy encodes it once more). */
  async function send(signedPath: string): Promise<Response> {
    const u = new URL(emu.url);
    const signer = new SignatureV4({
      service: 'sts',
      region: REGION,
      credentials: creds,
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        path: signedPath,
        headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
    );
    const { host: _host, ...headers } = signed.headers;
    // fetch sends the path as written: %3A stays %3A on the wire.
    return fetch(`${emu.url}${WIRE_PATH}`, { method: 'POST', headers, body: signed.body as string });
  }

  it('refuses the path encoded once (canonical /a%3Ab/c) with SignatureDoesNotMatch', async () => {
    const res = await send(decodeURIComponent(WIRE_PATH));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('accepts the path encoded twice (canonical /a%253Ab/c), the wire path encoded again', async () => {
    const res = await send(WIRE_PATH);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).toContain(`<Arn>arn:aws:sts::${ACCOUNT}:assumed-role/anchorage-test/`);
  });
});
