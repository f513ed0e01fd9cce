/**
 * Test-only clients for the emulator: a deliberately minimal AWS4-X509 signer for CreateSession written
 * from the user guide with node:crypto (sharing no code with the emulator's verifier or with main/), and
 * GetCallerIdentity signed by @smithy/signature-v4 (the SDK's signer, which nobody here wrote).
 */
import { createHash, sign } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Hash } from '@smithy/hash-node';
import type { TestLeaf } from './test-pki';

export interface Arns {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
}

export interface CreateSessionInput {
  url: string;
  leaf: TestLeaf;
  region: string;
  arns: Arns;
  /** base64 DER intermediates for X-Amz-X509-Chain. */
  chain?: string[];
  date?: Date;
  body?: Record<string, unknown>;
  /** Put the ARNs in the JSON body instead of the query string. */
  arnsInBody?: boolean;
  /** Overrides for negative tests. */
  algorithm?: string;
  serial?: string;
  /** Send this body instead of the signed one (tampering after signing). */
  sentBody?: string;
  signal?: AbortSignal;
}

const hex256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Sign and send `POST /sessions` the way the official credential helper does. */
export async function signedCreateSession(input: CreateSessionInput): Promise<Response> {
  const date = input.date ?? new Date();
  const amzDate = date.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const host = new URL(input.url).host;
  const q = input.arnsInBody
    ? ''
    : `profileArn=${encodeURIComponent(input.arns.profileArn)}&roleArn=${encodeURIComponent(input.arns.roleArn)}` +
      `&trustAnchorArn=${encodeURIComponent(input.arns.trustAnchorArn)}`;
  const body = JSON.stringify({
    durationSeconds: 3600,
    ...(input.arnsInBody ? input.arns : {}),
    ...input.body,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host,
    'x-amz-date': amzDate,
    'x-amz-x509': input.leaf.derBase64,
  };
  if (input.chain?.length) headers['x-amz-x509-chain'] = input.chain.join(',');
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/sessions',
    q,
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    hex256(body),
  ].join('\n');
  const algorithm =
    input.algorithm ?? (input.leaf.kind === 'rsa' ? 'AWS4-X509-RSA-SHA256' : 'AWS4-X509-ECDSA-SHA256');
  const scope = `${amzDate.slice(0, 8)}/${input.region}/rolesanywhere/aws4_request`;
  const toSign = `${algorithm}\n${amzDate}\n${scope}\n${hex256(canonical)}`;
  const key =
    input.leaf.kind === 'rsa'
      ? input.leaf.privateKey
      : { key: input.leaf.privateKey, dsaEncoding: 'der' as const };
  const signature = sign('sha256', Buffer.from(toSign), key).toString('hex');
  const { host: _host, ...sent } = headers;
  sent.authorization = `${algorithm} Credential=${input.serial ?? input.leaf.serialDecimal}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return fetch(`${input.url}/sessions${q ? `?${q}` : ''}`, {
    method: 'POST',
    headers: sent,
    body: input.sentBody ?? body,
    signal: input.signal,
  });
}

export interface StsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Call GetCallerIdentity (query protocol by default, JSON protocol on request) signed by @smithy/signature-v4. */
export async function signedGetCallerIdentity(
  url: string,
  credentials: StsCredentials,
  opts: { region?: string; date?: Date; protocol?: 'query' | 'json' } = {},
): Promise<Response> {
  const u = new URL(url);
  const json = opts.protocol === 'json';
  const headers: Record<string, string> = json
    ? {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSSecurityTokenServiceV20110615.GetCallerIdentity',
      }
    : { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  headers.host = u.host;
  const request = new HttpRequest({
    method: 'POST',
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: '/',
    headers,
    body: json ? '{}' : 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  const signer = new SignatureV4({
    service: 'sts',
    region: opts.region ?? 'eu-west-1',
    credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(request, { signingDate: opts.date ?? new Date() });
  const { host: _host, ...sent } = signed.headers;
  return fetch(url, { method: 'POST', headers: sent, body: signed.body as string });
}
