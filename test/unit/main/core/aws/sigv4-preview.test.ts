import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, hashHex, parseQuery, stringToSign } from '../../../../../main/core/aws/canonical';
import { curlLine, previewSigV4 } from '../../../../../main/core/aws/sigv4-preview';
import type { SigV4Preview } from '../../../../../main/core/aws/sigv4-preview';
import {
  SIGV4_SUITE,
  SUITE_CREDENTIALS,
  SUITE_REGION,
  SUITE_SERVICE,
  SUITE_TIME,
  headersOf,
  listCases,
  parseRequest,
} from './sigv4-suite';
import type { SuiteCase } from './sigv4-suite';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** HMAC-SHA256 chain of SigV4 task 3, written here independently of smithy and of our code. */
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = Buffer.from(`AWS4${secret}`, 'utf8');
  for (const part of [date, region, service, 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest();
  return key;
}

function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

async function runCase(
  c: SuiteCase,
): Promise<{ preview: SigV4Preview; request: ReturnType<typeof parseRequest> }> {
  const request = parseRequest(c.req);
  // The session-token variants: the signed request (.sreq) carries the token; whether the unsigned request
  // (.req) already has it decides if it is signed ("before") or added after signing ("after").
  const signedReq = parseRequest(readFileSync(join(c.dir, `${c.name}.sreq`), 'utf8'));
  const token = signedReq.headers.get('x-amz-security-token')?.values[0];
  const host = request.headers.get('host')?.values[0];
  if (!host) throw new Error(`${c.name}: no Host header`);
  const preview = await previewSigV4({
    method: request.method,
    url: `https://${host}${request.target}`,
    headers: headersOf(request),
    ...(request.body ? { body: request.body } : {}),
    service: SUITE_SERVICE,
    region: SUITE_REGION,
    credentials: { ...SUITE_CREDENTIALS, ...(token ? { sessionToken: token } : {}) },
    signSessionToken: request.headers.has('x-amz-security-token'),
    time: SUITE_TIME,
  });
  return { preview, request };
}

describe('previewSigV4 against the AWS SigV4 test suite', () => {
  const cases = listCases();

  it('finds every case of the suite, nested ones included', () => {
    const reqFiles = readdirSync(SIGV4_SUITE, { recursive: true }).filter((f) => String(f).endsWith('.req'));
    expect(reqFiles.length).toBeGreaterThanOrEqual(31);
    expect(cases.length).toBe(reqFiles.length);
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'get-utf8',
        'get-header-value-multiline',
        'get-space',
        'post-sts-header-before',
        'post-sts-header-after',
      ]),
    );
  });

  it('reproduces the canonical request, string to sign and Authorization of every case exactly', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const { preview } = await runCase(c);
      const wrong = [
        preview.canonicalRequest !== c.creq && 'canonical request',
        preview.stringToSign !== c.sts && 'string to sign',
        preview.authorization !== c.authz && 'authorization',
      ].filter(Boolean);
      if (wrong.length > 0) failures.push(`${c.name}: ${wrong.join(', ')}`);
    }
    console.log(`sigv4 conformance: ${cases.length - failures.length}/${cases.length} passed`);
    expect(failures).toEqual([]);
  });

  it('shows the exact inputs of the signature: HMAC(derived key, stringToSign) is the signature', async () => {
    const key = signingKey(SUITE_CREDENTIALS.secretAccessKey, '20150830', SUITE_REGION, SUITE_SERVICE);
    for (const c of cases) {
      const { preview } = await runCase(c);
      expect(hmacHex(key, preview.stringToSign), c.name).toBe(preview.signature);
      expect(preview.stringToSign.split('\n')[3], c.name).toBe(hashHex(preview.canonicalRequest));
      expect(preview.authorization).toBe(
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${preview.scope}, SignedHeaders=${preview.signedHeaders}, Signature=${preview.signature}`,
      );
    }
  });

  it('the shared canonicalizer (used by AWS4-X509) gives the same results from the raw request target', async () => {
    // Straight from the .req, without the URL parser: smithy itself must normalize `/a/../..`, `//`, `./`.
    for (const c of cases) {
      const { preview, request } = await runCase(c);
      const q = request.target.indexOf('?');
      const path = q < 0 ? request.target : request.target.slice(0, q);
      const query = q < 0 ? {} : parseQuery(request.target.slice(q + 1));
      const creq = canonicalRequest(
        { method: request.method, path, query, headers: preview.headers },
        preview.signedHeaders.split(';'),
        hashHex(request.body),
      );
      expect(creq, c.name).toBe(c.creq);
      expect(stringToSign('AWS4-HMAC-SHA256', preview.amzDate, preview.scope, creq), c.name).toBe(c.sts);
    }
  });

  it('returns every header to send, with the session token signed or added after', async () => {
    const before = cases.find((c) => c.name === 'post-sts-header-before');
    const after = cases.find((c) => c.name === 'post-sts-header-after');
    if (!before || !after) throw new Error('suite incomplete');
    const b = (await runCase(before)).preview;
    const a = (await runCase(after)).preview;
    for (const p of [a, b]) {
      expect(p.headers['x-amz-security-token']).toMatch(/^AQoDYXdzEPT/);
      expect(p.headers['x-amz-date']).toBe('20150830T123600Z');
      expect(p.headers.authorization).toBe(p.authorization);
      expect(p.headers.Host).toBe('example.amazonaws.com');
    }
    expect(b.signedHeaders).toBe('host;x-amz-date;x-amz-security-token');
    expect(a.signedHeaders).toBe('host;x-amz-date');
  });
});

describe('previewSigV4 for real requests', () => {
  const credentials = { ...SUITE_CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' };

  it('adds host and the S3 payload hash, and keeps S3 paths as sent', async () => {
    const p = await previewSigV4({
      method: 'PUT',
      url: 'https://bucket.s3.eu-west-1.amazonaws.com/my-object//example//photo.user',
      body: 'hello',
      service: 's3',
      region: 'eu-west-1',
      credentials,
      time: SUITE_TIME,
    });
    expect(p.headers.host).toBe('bucket.s3.eu-west-1.amazonaws.com');
    expect(p.headers['x-amz-content-sha256']).toBe(hashHex('hello'));
    expect(p.canonicalRequest.split('\n')[1]).toBe('/my-object//example//photo.user');
    expect(p.signedHeaders).toBe('host;x-amz-content-sha256;x-amz-date;x-amz-security-token');
    expect(p.url).toBe('https://bucket.s3.eu-west-1.amazonaws.com/my-object//example//photo.user');
  });

  it('does not add x-amz-content-sha256 for other services', async () => {
    const p = await previewSigV4({
      method: 'POST',
      url: 'https://sts.us-east-1.amazonaws.com/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      service: 'sts',
      region: 'us-east-1',
      credentials,
      time: SUITE_TIME,
    });
    expect(p.headers['x-amz-content-sha256']).toBeUndefined();
    expect(p.signedHeaders).toBe('content-type;host;x-amz-date;x-amz-security-token');
    expect(p.curl).toBe(
      [
        "curl -X POST 'https://sts.us-east-1.amazonaws.com/'",
        "-H 'content-type: application/x-www-form-urlencoded'",
        "-H 'host: sts.us-east-1.amazonaws.com'",
        "-H 'x-amz-date: 20150830T123600Z'",
        "-H 'x-amz-security-token: IQoJb3JpZ2luX2VjEXAMPLETOKEN'",
        `-H 'authorization: ${p.authorization}'`,
        "--data-raw 'Action=GetCallerIdentity&Version=2011-06-15'",
      ].join(' '),
    );
  });

  it('sends the query exactly as canonicalized', async () => {
    const p = await previewSigV4({
      method: 'GET',
      url: 'https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers&Path=/a b/',
      service: 'iam',
      region: 'us-east-1',
      credentials,
      time: SUITE_TIME,
    });
    const query = p.canonicalRequest.split('\n')[2];
    expect(query).toBe('Action=ListUsers&Path=%2Fa%20b%2F&Version=2010-05-08');
    expect(p.url).toBe(`https://iam.amazonaws.com/?${query}`);
  });

  it('rejects what cannot be signed, with a hint', async () => {
    const base = {
      method: 'GET',
      url: 'https://sts.amazonaws.com/',
      service: 'sts',
      region: 'us-east-1',
      credentials,
    };
    await expect(previewSigV4({ ...base, url: 'not a url' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(previewSigV4({ ...base, url: 'ftp://x/' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(previewSigV4({ ...base, method: 'get me' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(previewSigV4({ ...base, headers: { 'bad name': 'x' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('curlLine', () => {
  it('single-quotes every argument so a shell passes it verbatim', () => {
    const line = curlLine('POST', "https://h/it's", { 'x-a': "$(rm -rf ~) `x` 'q'" }, "it's $HOME");
    expect(line).toBe(
      `curl -X POST 'https://h/it'\\''s' -H 'x-a: $(rm -rf ~) \`x\` '\\''q'\\''' --data-raw 'it'\\''s $HOME'`,
    );
  });

  it('reads binary or large bodies from stdin', () => {
    expect(curlLine('PUT', 'https://h/', {}, new Uint8Array([0, 1, 2]))).toContain('--data-binary @- ');
    expect(curlLine('PUT', 'https://h/', {}, 'x'.repeat(5000))).toContain('--data-binary @-');
    expect(curlLine('GET', 'https://h/', {})).toBe("curl -X GET 'https://h/'");
  });
});
