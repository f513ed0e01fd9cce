/**
 * Issue 3, `anchorage sign`: the SigV4 preview from the built CLI. The signature is recomputed here with a
 * plain node:crypto HMAC chain (SigV4 documentation, "Calculate the signature") from the printed string to
 * sign, and a signed STS GetCallerIdentity is sent with fetch to the emulator, whose SigV4 verifier was
 * written independently of main/ — so the printed headers are proven to be a valid request, not just
 * self-consistent text.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from './aws-fixtures';
import type { SessionJson, World } from './aws-fixtures';
import type { SignPreview } from '../../main/core/api';

/** The example credentials of the AWS SigV4 documentation. */
const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const STATIC_AKID = 'AKIAIOSFODNN7EXAMPLE';
const URL_ = 'https://example.execute-api.us-east-1.amazonaws.com/prod/items';
const TIME = '20150830T123600Z';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
  await w.profile('signer', { extra: ['--session-name', 'signing'] });
});
afterAll(async () => {
  await w?.close();
  expect(w.r.leaks()).toEqual([]);
});

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request"). */
function signatureOf(secret: string, stringToSign: string): string {
  const [, , scope] = stringToSign.split('\n');
  const [date, region, service, terminal] = (scope as string).split('/') as [string, string, string, string];
  expect(terminal).toBe('aws4_request');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/** Every relation between the preview's fields that SigV4 defines. */
const GET_CALLER_IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** `anchorage sign` for STS in us-east-1 with the profile's session. */
const SIGN_STS = ['sign', '--profile', 'signer', '--service', 'sts', '--region', 'us-east-1'];

/**
 * `anchorage sign --json` of an STS GetCallerIdentity POST to the emulator, with the profile's session.
 * `extra` adds arguments (more --header); `path` is appended to the emulator URL as typed.
 */
function signedGetCallerIdentity(body: string, extra: string[] = [], path = '/'): Promise<SignPreview> {
  return w.r.ok<SignPreview>([
    ...SIGN_STS,
    '--method',
    'POST',
    '--url',
    `${w.emu.url}${path}`,
    '--data',
    body,
    '--header',
    'content-type: application/x-www-form-urlencoded',
    ...extra,
    '--json',
  ]);
}

/** Send the preview's URL with its headers and body (fetch sets Host from the URL, to the signed value). */
async function sendPreview(p: SignPreview, body: string): Promise<Response> {
  const { host: _host, ...headers } = p.headers;
  return fetch(p.url, { method: 'POST', headers, body });
}

function expectConsistent(p: SignPreview, akid: string, secret: string, scope: string): void {
  const token = 'x-amz-security-token' in p.headers;
  expect(Object.keys(p).sort()).toEqual(
    [
      'authorization',
      'canonicalRequest',
      'curl',
      ...(token ? ['curlHeaders'] : []),
      'headers',
      'notes',
      'signature',
      'signedHeaders',
      'stringToSign',
      'url',
    ].sort(),
  );
  const amzDate = p.headers['x-amz-date'] as string;
  expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
  expect(p.stringToSign).toBe(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(p.canonicalRequest)}`);
  expect(p.signature).toMatch(/^[0-9a-f]{64}$/);
  expect(signatureOf(secret, p.stringToSign)).toBe(p.signature);
  expect(p.canonicalRequest.split('\n').at(-2)).toBe(p.signedHeaders);
  expect(p.authorization).toBe(
    `AWS4-HMAC-SHA256 Credential=${akid}/${scope}, SignedHeaders=${p.signedHeaders}, Signature=${p.signature}`,
  );
  expect(p.headers.authorization).toBe(p.authorization);
  for (const name of p.signedHeaders.split(';')) expect(Object.keys(p.headers)).toContain(name);
  // A session token never lands in curl's argv: the headers come from headers.txt then.
  if (token) {
    expect(p.curl).toContain(' -H @headers.txt');
    expect(p.curl).not.toContain(p.headers['x-amz-security-token']);
    expect(p.curlHeaders).toContain(`authorization: ${p.authorization}\n`);
  } else expect(p.curl).toContain(p.authorization);
}

describe('sign with credentials from the environment', () => {
  const envCreds = { AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: '' };

  it('prints every step, and the signature is the HMAC chain over the printed string to sign', async () => {
    const p = await w.r.ok<SignPreview>(
      ['sign', '--service', 'execute-api', '--region', 'us-east-1', '--url', URL_, '--time', TIME, '--json'],
      { env: envCreds },
    );
    // SigV4 "Create a canonical request": method, path, query, headers, signed headers, hash of the empty body.
    expect(p.canonicalRequest).toBe(
      [
        'GET',
        '/prod/items',
        '',
        'host:example.execute-api.us-east-1.amazonaws.com',
        `x-amz-date:${TIME}`,
        '',
        'host;x-amz-date',
        sha256(''),
      ].join('\n'),
    );
    expect(p.signedHeaders).toBe('host;x-amz-date');
    expect(p.headers['x-amz-date']).toBe(TIME);
    expect(p.headers).not.toHaveProperty('x-amz-security-token');
    expectConsistent(p, AKID, SECRET, '20150830/us-east-1/execute-api/aws4_request');
    expect(p.curl).toMatch(/^curl /);
    expect(p.curl).toContain(URL_);
  });

  it('the same request signed twice at the same --time gives the same signature', async () => {
    const args = [
      'sign',
      '--service',
      'execute-api',
      '--region',
      'us-east-1',
      '--url',
      URL_,
      '--time',
      TIME,
      '--json',
    ];
    const a = await w.r.ok<SignPreview>(args, { env: envCreds });
    const b = await w.r.ok<SignPreview>(args, { env: envCreds });
    expect(b.signature).toBe(a.signature);
  });

  it('AWS_SESSION_TOKEN from the environment is sent and signed as x-amz-security-token', async () => {
    const p = await w.r.ok<SignPreview>(
      ['sign', '--service', 'execute-api', '--region', 'us-east-1', '--url', URL_, '--time', TIME, '--json'],
      { env: { ...envCreds, AWS_SESSION_TOKEN: 'FQoGZXIvYXdzEXAMPLETOKEN' } },
    );
    expect(p.headers['x-amz-security-token']).toBe('FQoGZXIvYXdzEXAMPLETOKEN');
    expectConsistent(p, AKID, SECRET, '20150830/us-east-1/execute-api/aws4_request');
  });

  it('without credentials it fails with a one-line hint', async () => {
    const stderr = await w.r.fails(
      ['sign', '--service', 'execute-api', '--region', 'us-east-1', '--url', URL_],
      { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' } },
    );
    expect(stderr).toMatch(/AWS_ACCESS_KEY_ID/);
  });
});

describe('sign --static NAME', () => {
  it('signs with the stored secret (which came from --secret-stdin)', async () => {
    w.r.remember(SECRET);
    // The documentation's long-term key id (a static set must be AKIA…/ASIA…; AKIDEXAMPLE is refused).
    await w.r.ok(['static', 'add', 'doc', '--access-key-id', STATIC_AKID, '--secret-stdin'], {
      stdin: `${SECRET}\n`,
    });
    const p = await w.r.ok<SignPreview>(
      [
        'sign',
        '--static',
        'doc',
        '--service',
        'execute-api',
        '--region',
        'us-east-1',
        '--url',
        URL_,
        '--time',
        TIME,
        '--json',
      ],
      { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' } },
    );
    expectConsistent(p, STATIC_AKID, SECRET, '20150830/us-east-1/execute-api/aws4_request');
    expect(p.headers).not.toHaveProperty('x-amz-security-token');
  });
});

describe('sign --profile NAME', () => {
  let session: SessionJson;
  beforeAll(async () => {
    session = JSON.parse(await w.r.ok<string>(['session', 'signer', '--format', 'json'])) as SessionJson;
  });

  it('signs with the session credentials and includes x-amz-security-token', async () => {
    const p = await w.r.ok<SignPreview>([
      'sign',
      '--profile',
      'signer',
      '--service',
      'execute-api',
      '--region',
      'us-east-1',
      '--url',
      URL_,
      '--time',
      TIME,
      '--json',
    ]);
    expect(p.headers['x-amz-security-token']).toBe(session.SessionToken);
    expect(p.signedHeaders.split(';')).toContain('x-amz-date');
    expectConsistent(
      p,
      session.AccessKeyId,
      session.SecretAccessKey,
      '20150830/us-east-1/execute-api/aws4_request',
    );
  });

  it('a signed STS GetCallerIdentity, sent with fetch using the printed headers, is accepted by the emulator', async () => {
    const body = GET_CALLER_IDENTITY;
    const p = await signedGetCallerIdentity(body);
    expectConsistent(
      p,
      session.AccessKeyId,
      session.SecretAccessKey,
      p.stringToSign.split('\n')[2] as string,
    );
    expect(p.signedHeaders).toBe('content-type;host;x-amz-date;x-amz-security-token');
    const before = w.emu.stats().getCallerIdentity;
    // fetch sets Host from the URL, to the value that was signed.
    const { host, ...headers } = p.headers;
    expect(host).toBe(new URL(w.emu.url).host);
    const res = await fetch(`${w.emu.url}/`, { method: 'POST', headers, body });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).toContain('<Arn>arn:aws:sts::123456789012:assumed-role/anchorage-it/signing</Arn>');
    expect(w.emu.stats().getCallerIdentity).toBe(before + 1);

    // The control: one byte of the body changed, and the same headers are refused.
    const bad = await fetch(`${w.emu.url}/`, { method: 'POST', headers, body: body.replace('2011', '2012') });
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('SignatureDoesNotMatch');
  });

  it('the printed curl line, run by bash and curl with the printed headers.txt, is accepted too', async () => {
    const p = await signedGetCallerIdentity(GET_CALLER_IDENTITY);
    // With a session token, curl reads the headers from headers.txt (the token stays out of argv).
    expect(p.curlHeaders).toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'anchorage-curl-'));
    try {
      await writeFile(join(dir, 'headers.txt'), p.curlHeaders ?? '', { mode: 0o600 });
      // Asynchronously: the emulator answering it runs in this process.
      const out = await new Promise<string>((resolve, reject) => {
        const child = execFile('bash', ['-s'], { timeout: 30_000, cwd: dir }, (err, stdout, stderr) =>
          err ? reject(new Error(`curl failed: ${stderr}`)) : resolve(stdout),
        );
        child.stdin?.end(`${p.curl} --silent --show-error --fail --max-time 20\n`);
      });
      expect(out).toContain('assumed-role/anchorage-it/signing');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a path with %3A is sent as typed and signed encoded twice, and the emulator accepts it', async () => {
    const p = await signedGetCallerIdentity(GET_CALLER_IDENTITY, [], '/a%3Ab/x%2Fy');
    expect(p.url).toBe(`${w.emu.url}/a%3Ab/x%2Fy`);
    expect(p.canonicalRequest.split('\n')[1]).toBe('/a%253Ab/x%252Fy');
    const res = await sendPreview(p, GET_CALLER_IDENTITY);
    expect(res.status, await res.text()).toBe(200);
  });

  it('repeated --header names, in any case, are joined with commas into one signed header', async () => {
    const p = await signedGetCallerIdentity(GET_CALLER_IDENTITY, [
      '--header',
      'X-Trace: one',
      '--header',
      'x-trace: two',
    ]);
    expect(p.canonicalRequest).toContain('\nx-trace:one,two\n');
    expect(p.headers['X-Trace']).toBe('one,two');
    expect(p.notes.join('\n')).toContain('"X-Trace" was given more than once');
    const res = await sendPreview(p, GET_CALLER_IDENTITY);
    expect(res.status, await res.text()).toBe(200);
  });

  it('the text output shows the URL sent, the notes and the headers file', async () => {
    const out = await w.r.ok<string>([
      ...SIGN_STS,
      '--url',
      `${w.emu.url}/?Action=GetCallerIdentity&Version=2011-06-15&q=a+b`,
    ]);
    expect(out).toContain(`# URL sent\n${w.emu.url}/?Action=GetCallerIdentity&Version=2011-06-15&q=a%2Bb\n`);
    expect(out).toMatch(/# Notes\n- .*"\+" was read as a literal plus sign/);
    expect(out).toMatch(/# headers\.txt .*\nhost: /);
    expect(out).toContain(' -H @headers.txt');
  });
});
