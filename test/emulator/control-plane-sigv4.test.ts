/**
 * The control plane verifies every SigV4 signature as AWS does (IAM User Guide, "Troubleshoot signed
 * requests for AWS APIs"). Requests are signed by @smithy/signature-v4 (the SDK's signer, which nobody here
 * wrote) and then broken one rule at a time: the secret, the scope's region and service, the date, the
 * signed headers, the session token. Roles Anywhere (REST-JSON) and IAM (query) each answer with their
 * own codes.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATOR, startEmulator, type Emulator } from './index';

const REGION = 'eu-central-1';
const TEMP = {
  accessKeyId: 'ASIATEMPEXAMPLE00002',
  secretAccessKey: 'temporary-secret-for-sigv4-tests-000000',
  sessionToken: 'c2Vzc2lvbi10b2tlbi1mb3Itc2lndjQ=',
};
let emu: Emulator;

interface Signing {
  service?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  date?: Date;
  unsignable?: string[];
}

/** Sign with smithy and send; `iam` sends IAM's ListRoles, otherwise Roles Anywhere's ListTrustAnchors. */
async function send(
  api: 'iam' | 'rolesanywhere',
  s: Signing = {},
): Promise<{ status: number; body: string; type: string }> {
  const u = new URL(emu.url);
  const iam = api === 'iam';
  const request = new HttpRequest({
    method: iam ? 'POST' : 'GET',
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: iam ? '/' : '/trustanchors',
    headers: {
      host: u.host,
      ...(iam ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}),
    },
    ...(iam ? { body: 'Action=ListRoles&Version=2010-05-08' } : {}),
  });
  const signer = new SignatureV4({
    service: s.service ?? api,
    region: s.region ?? (iam ? 'us-east-1' : REGION),
    credentials: s.credentials ?? EXAMPLE_OPERATOR,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(request, {
    signingDate: s.date ?? new Date(),
    ...(s.unsignable ? { unsignableHeaders: new Set(s.unsignable) } : {}),
  });
  const { host: _host, ...headers } = signed.headers;
  const res = await fetch(`${emu.url}${request.path}`, {
    method: request.method,
    headers,
    ...(iam ? { body: signed.body as string } : {}),
  });
  const body = await res.text();
  const type = iam
    ? (/<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? '')
    : (res.headers.get('x-amzn-errortype')?.split(':')[0] ?? '');
  return { status: res.status, body, type };
}

beforeAll(async () => {
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [],
    profiles: [],
    operators: [EXAMPLE_OPERATOR, TEMP],
  });
});

afterAll(async () => {
  await emu?.close();
});

describe('SigV4 on the control plane', () => {
  it('accepts a correctly signed request on both APIs', async () => {
    expect(await send('rolesanywhere')).toMatchObject({ status: 200, body: '{"trustAnchors":[]}' });
    const iam = await send('iam');
    expect(iam.status).toBe(200);
    expect(iam.body).toContain('<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
  });

  it('refuses a wrong secret', async () => {
    const credentials = { ...EXAMPLE_OPERATOR, secretAccessKey: 'not-the-secret' };
    expect(await send('rolesanywhere', { credentials })).toMatchObject({
      status: 403,
      type: 'InvalidSignatureException',
    });
    const iam = await send('iam', { credentials });
    expect(iam).toMatchObject({ status: 403, type: 'SignatureDoesNotMatch' });
    expect(iam.body).toContain('<Type>Sender</Type>');
    expect(iam.body).not.toContain('not-the-secret');
  });

  it("refuses a scope naming another region than the endpoint's", async () => {
    const ra = await send('rolesanywhere', { region: 'us-east-1' });
    expect(ra).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(ra.body).toMatch(/Credential should be scoped to a valid region, not 'us-east-1'/);
    const iam = await send('iam', { region: REGION });
    expect(iam).toMatchObject({ status: 403, type: 'SignatureDoesNotMatch' });
    expect(iam.body).toMatch(/Credential should be scoped to a valid region, not &apos;eu-central-1&apos;/);
  });

  it('refuses a scope naming another service', async () => {
    const ra = await send('rolesanywhere', { service: 'iam' });
    expect(ra).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(ra.body).toMatch(/Credential should be scoped to correct service: 'rolesanywhere', not 'iam'/);
  });

  it('refuses a signature made more than five minutes off the server clock', async () => {
    const date = new Date(Date.now() - 10 * 60_000);
    const ra = await send('rolesanywhere', { date });
    expect(ra).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(ra.body).toMatch(/Signature expired/);
    const iam = await send('iam', { date: new Date(Date.now() + 10 * 60_000) });
    expect(iam).toMatchObject({ status: 403, type: 'SignatureDoesNotMatch' });
    expect(iam.body).toMatch(/Signature not yet current/);
  });

  it('refuses a signature that does not cover the Host header', async () => {
    const ra = await send('rolesanywhere', { unsignable: ['host'] });
    expect(ra).toMatchObject({ status: 400, type: 'IncompleteSignatureException' });
    expect(ra.body).toMatch(/'Host' or ':authority' must be a 'SignedHeader'/);
    expect(await send('iam', { unsignable: ['host'] })).toMatchObject({
      status: 400,
      type: 'IncompleteSignature',
    });
  });

  it('refuses an unsigned request', async () => {
    const res = await fetch(`${emu.url}/trustanchors`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')?.split(':')[0]).toBe('MissingAuthenticationTokenException');
  });

  it('takes an operator with a session token only when the request carries it', async () => {
    expect(await send('rolesanywhere', { credentials: TEMP })).toMatchObject({ status: 200 });
    const { sessionToken: _t, ...keysOnly } = TEMP;
    expect(await send('rolesanywhere', { credentials: keysOnly })).toMatchObject({
      status: 403,
      type: 'UnrecognizedClientException',
    });
    expect(await send('iam', { credentials: { ...TEMP, sessionToken: 'd3Jvbmc=' } })).toMatchObject({
      status: 403,
      type: 'InvalidClientTokenId',
    });
  });

  it('logs every refused call with its service, operation and status', () => {
    const calls = emu.calls();
    expect(calls).toContainEqual({ service: 'iam', operation: 'ListRoles', status: 400 });
    expect(calls).toContainEqual({ service: 'rolesanywhere', operation: 'ListTrustAnchors', status: 403 });
    expect(calls.every((c) => c.service === 'iam' || c.service === 'rolesanywhere')).toBe(true);
  });
});
