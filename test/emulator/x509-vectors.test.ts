/**
 * The emulator's AWS4-X509 verifier against ../shared/conformance/rolesanywhere/vectors.json (from Envoy's
 * tests and captures of the official aws_signing_helper): canonical request and string to sign exact,
 * signature accepted; and every vector rejected once one byte of what was signed changes.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey, sign } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAmzDate, parseAmzDate, type WireRequest } from './canonical';
import { Rejection } from './rejection';
import { verifyX509Request } from './x509-auth';

interface Vector {
  id: string;
  algorithm: string;
  amzDate: string;
  region: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  includeChain: boolean;
  body: string;
  signedHeaders: string;
  canonicalRequest?: string;
  stringToSign?: string;
  signatureHex: string;
  authorization?: string;
  authorizationCredential?: string;
  certificatePem: string;
  privateKeyPem: string | null;
  chainPem: string | null;
  deterministic: boolean;
}

const vectors = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/conformance/rolesanywhere/vectors.json'), 'utf8'),
) as Vector[];

/** base64 DER of every CERTIFICATE block in a text that may also hold `openssl x509 -text` output. */
function derBase64(pem: string): string[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((b) =>
    b.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''),
  );
}

function authorizationOf(v: Vector, signatureHex = v.signatureHex): string {
  const credential = v.authorizationCredential ?? /Credential=([^,]+)/.exec(v.authorization ?? '')?.[1];
  return `${v.algorithm} Credential=${credential}, SignedHeaders=${v.signedHeaders}, Signature=${signatureHex}`;
}

function requestOf(
  v: Vector,
  patch: { headers?: Record<string, string>; body?: string; signature?: string } = {},
): WireRequest {
  const headers: Record<string, string> = {
    ...v.headers,
    'x-amz-x509': derBase64(v.certificatePem)[0] as string,
    ...(v.includeChain && v.chainPem ? { 'x-amz-x509-chain': derBase64(v.chainPem).join(',') } : {}),
    authorization: authorizationOf(v, patch.signature),
    ...patch.headers,
  };
  return {
    method: v.method,
    path: v.path,
    query: v.query,
    headers: Object.entries(headers),
    body: patch.body ?? v.body,
  };
}

function verify(v: Vector, req: WireRequest): ReturnType<typeof verifyX509Request> {
  return verifyX509Request(req, { region: v.region, now: parseAmzDate(v.amzDate) as Date, skewSeconds: 300 });
}

function expectRejected(v: Vector, req: WireRequest): void {
  try {
    verify(v, req);
  } catch (err) {
    expect(err).toBeInstanceOf(Rejection);
    expect((err as Rejection).status).toBe(403);
    expect((err as Rejection).message).toMatch(/Invalid signature/);
    return;
  }
  throw new Error(`${v.id}: a modified request was accepted`);
}

describe('AWS4-X509 vectors', () => {
  it('has RSA and ECDSA vectors, with and without a chain', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(7);
    expect(vectors.some((v) => v.algorithm === 'AWS4-X509-ECDSA-SHA256')).toBe(true);
    expect(vectors.some((v) => v.includeChain)).toBe(true);
  });

  it.each(vectors)('$id: accepted, with the exact canonical request and string to sign', (v) => {
    const result = verify(v, requestOf(v));
    if (v.canonicalRequest !== undefined) expect(result.canonicalRequest).toBe(v.canonicalRequest);
    if (v.stringToSign !== undefined) expect(result.stringToSign).toBe(v.stringToSign);
    expect(result.algorithm).toBe(v.algorithm);
    expect(`${result.serial}/`).toBe(/Credential=(\d+\/)/.exec(authorizationOf(v))?.[1]);
    expect(result.chain.length).toBe(v.includeChain ? 1 : 0);
  });

  it.each(vectors.filter((v) => v.deterministic && v.privateKeyPem))(
    '$id: RSA PKCS#1 v1.5 over the string to sign reproduces the signature bit for bit',
    (v) => {
      const result = verify(v, requestOf(v));
      const sig = sign(
        'sha256',
        Buffer.from(result.stringToSign),
        createPrivateKey(v.privateKeyPem as string),
      );
      expect(sig.toString('hex')).toBe(v.signatureHex);
    },
  );

  it.each(vectors)('$id: rejected when one byte of the signature changes', (v) => {
    const bytes = Buffer.from(v.signatureHex, 'hex');
    for (const at of [0, bytes.length >> 1, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] as number) ^ 0x01;
      expectRejected(v, requestOf(v, { signature: copy.toString('hex') }));
    }
  });

  it.each(vectors)('$id: rejected when a signed header changes', (v) => {
    expectRejected(v, requestOf(v, { headers: { 'content-type': 'application/jsoN' } }));
    expectRejected(v, requestOf(v, { headers: { host: `${v.headers.host}.` } }));
  });

  it.each(vectors)('$id: rejected when the body changes', (v) => {
    expectRejected(v, requestOf(v, { body: v.body.replace('3600', '3601') }));
    expectRejected(v, requestOf(v, { body: `${v.body} ` }));
  });

  it.each(vectors)('$id: rejected when the date changes by one second', (v) => {
    const later = formatAmzDate(new Date((parseAmzDate(v.amzDate) as Date).getTime() + 1000));
    expect(later.slice(0, 8)).toBe(v.amzDate.slice(0, 8));
    expectRejected(v, requestOf(v, { headers: { 'x-amz-date': later } }));
  });

  it('rejects a vector presented to another region, naming both', () => {
    const v = vectors[0] as Vector;
    expect(() =>
      verifyX509Request(requestOf(v), {
        region: 'us-east-1',
        now: parseAmzDate(v.amzDate) as Date,
        skewSeconds: 300,
      }),
    ).toThrow(/'ap-southeast-2'.*'us-east-1'/);
  });

  it('rejects a vector whose Credential serial is not the certificate serial', () => {
    const v = vectors[0] as Vector;
    const auth = authorizationOf(v).replace(/Credential=\d+/, 'Credential=12345');
    expect(() => verify(v, requestOf(v, { headers: { authorization: auth } }))).toThrow(/serial/);
  });

  it('rejects an RSA certificate under the ECDSA algorithm name', () => {
    const v = vectors[0] as Vector;
    const auth = authorizationOf(v).replace('AWS4-X509-RSA-SHA256', 'AWS4-X509-ECDSA-SHA256');
    expect(() => verify(v, requestOf(v, { headers: { authorization: auth } }))).toThrow(
      /does not match the certificate's rsa key/,
    );
  });

  it('rejects a request whose chain header is present but not signed', () => {
    const v = vectors.find((x) => !x.includeChain) as Vector;
    const chain = derBase64(vectors.find((x) => x.chainPem)?.chainPem ?? '')[0] as string;
    expect(() => verify(v, requestOf(v, { headers: { 'x-amz-x509-chain': chain } }))).toThrow(
      /x-amz-x509-chain/,
    );
  });
});
