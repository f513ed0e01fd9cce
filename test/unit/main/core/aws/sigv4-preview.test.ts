import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  hashHex,
  joinHeaders,
  parseQuery,
  stringToSign,
} from '../../../../../main/core/aws/canonical';
import { curlLine, previewSigV4, signSigV4 } from '../../../../../main/core/aws/sigv4-preview';
import type { SigV4Signature } from '../../../../../main/core/aws/sigv4-preview';
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

/**
 * Sign one suite case with the preview's signer. ARCHITECTURE §5: the suite's `.req` targets are raw,
 * pre-encoding paths (`/ሴ`, `/example space/`), so they go to the canonicalizer directly, not through a URL.
 */
async function runCase(
  c: SuiteCase,
): Promise<{ preview: SigV4Signature; request: ReturnType<typeof parseRequest> }> {
  const request = parseRequest(c.req);
  // The session-token variants: the signed request (.sreq) carries the token; whether the unsigned request
  // (.req) already has it decides if it is signed ("before") or added after signing ("after").
  const signedReq = parseRequest(readFileSync(join(c.dir, `${c.name}.sreq`), 'utf8'));
  const token = signedReq.headers.get('x-amz-security-token')?.values[0];
  const q = request.target.indexOf('?');
  const preview = await signSigV4(
    {
      method: request.method,
      path: q < 0 ? request.target : request.target.slice(0, q),
      query: q < 0 ? {} : parseQuery(request.target.slice(q + 1)),
      headers: joinHeaders(headersOf(request)).headers,
      ...(request.body ? { body: request.body } : {}),
    },
    {
      service: SUITE_SERVICE,
      region: SUITE_REGION,
      credentials: { ...SUITE_CREDENTIALS, ...(token ? { sessionToken: token } : {}) },
      signSessionToken: request.headers.has('x-amz-security-token'),
      time: SUITE_TIME,
    },
  );
  return { preview, request };
}

describe('signSigV4 (the signer of the preview) against the AWS SigV4 test suite', () => {
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

describe('previewSigV4 for real requests: the URL is the wire form, signed by the server rules', () => {
  const credentials = { ...SUITE_CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' };
  const noToken = SUITE_CREDENTIALS;
  const base = {
    method: 'GET',
    service: 'execute-api',
    region: 'us-east-1',
    credentials: noToken,
    time: SUITE_TIME,
  };
  const canonicalUri = (p: { canonicalRequest: string }) => p.canonicalRequest.split('\n')[1];
  const canonicalQuery = (p: { canonicalRequest: string }) => p.canonicalRequest.split('\n')[2];

  it('adds host and the S3 payload hash, and keeps S3 paths as sent (encoded once, not normalized)', async () => {
    const p = await previewSigV4({
      method: 'PUT',
      url: 'https://bucket.s3.eu-west-1.amazonaws.com/my-object//example//photo.user/../a%3Ab/%2F',
      body: 'hello',
      service: 's3',
      region: 'eu-west-1',
      credentials,
      time: SUITE_TIME,
    });
    expect(p.headers.host).toBe('bucket.s3.eu-west-1.amazonaws.com');
    expect(p.headers['x-amz-content-sha256']).toBe(hashHex('hello'));
    expect(canonicalUri(p)).toBe('/my-object//example//photo.user/../a%3Ab/%2F');
    expect(p.signedHeaders).toBe('host;x-amz-content-sha256;x-amz-date;x-amz-security-token');
    expect(p.url).toBe(
      'https://bucket.s3.eu-west-1.amazonaws.com/my-object//example//photo.user/../a%3Ab/%2F',
    );
    // curl would resolve "..": told not to, so the path S3 receives is the one signed.
    expect(p.curl).toContain(' --path-as-is ');
    expect(p.notes.join('\n')).toMatch(/dot segments included/);
  });

  it('treats s3-object-lambda and s3-outposts as S3', async () => {
    for (const service of ['s3-object-lambda', 's3-outposts']) {
      const p = await previewSigV4({ ...base, service, url: 'https://h.example.com/a%3Ab/./c' });
      expect(canonicalUri(p), service).toBe('/a%3Ab/./c');
      expect(p.headers['x-amz-content-sha256'], service).toBe(hashHex(''));
    }
  });

  it('encodes the wire path again for every other service: %3A is signed as %253A, %2F as %252F', async () => {
    const p = await previewSigV4({
      ...base,
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/a%3Ab/x%2Fy/%e4',
    });
    expect(canonicalUri(p)).toBe('/a%253Ab/x%252Fy/%25e4');
    expect(p.url).toBe('https://abc.execute-api.us-east-1.amazonaws.com/a%3Ab/x%2Fy/%e4');
    expect(p.headers['x-amz-content-sha256']).toBeUndefined();
    expect(p.notes).toEqual([]);
  });

  it('removes dot and empty segments outside S3, sends that path, and says so', async () => {
    const p = await previewSigV4({
      ...base,
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/a/./b//c/../d/',
    });
    expect(canonicalUri(p)).toBe('/a/b/d/');
    expect(p.url).toBe('https://abc.execute-api.us-east-1.amazonaws.com/a/b/d/');
    expect(p.curl).not.toContain('--path-as-is');
    expect(p.notes.join('\n')).toMatch(/The path is sent as \/a\/b\/d\/: for execute-api AWS removes/);
  });

  it('sends raw typed characters encoded, and signs them as the server sees them', async () => {
    const p = await previewSigV4({ ...base, url: 'https://abc.execute-api.us-east-1.amazonaws.com/a b/ሴ|' });
    expect(p.url).toBe('https://abc.execute-api.us-east-1.amazonaws.com/a%20b/%E1%88%B4%7C');
    expect(canonicalUri(p)).toBe('/a%2520b/%25E1%2588%25B4%257C');
    const s3 = await previewSigV4({ ...base, service: 's3', url: 'https://b.s3.amazonaws.com/a b/ሴ' });
    expect(s3.url).toBe('https://b.s3.amazonaws.com/a%20b/%E1%88%B4');
    expect(canonicalUri(s3)).toBe('/a%20b/%E1%88%B4');
    expect(p.notes.join('\n')).toMatch(/percent-encoded \(UTF-8\)/);
  });

  it('sends the query as canonicalized, in the typed order, and says how "+" was read', async () => {
    const p = await previewSigV4({
      ...base,
      service: 'iam',
      url: 'https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers&Path=/a b/&q=x+y&acl',
    });
    expect(canonicalQuery(p)).toBe('Action=ListUsers&Path=%2Fa%20b%2F&Version=2010-05-08&acl=&q=x%2By');
    expect(p.url).toBe(
      'https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers&Path=%2Fa%20b%2F&q=x%2By&acl',
    );
    expect(p.notes.join('\n')).toMatch(
      /"\+" was read as a literal plus sign .* sent as %2B; write %20 for a space/,
    );
  });

  it('joins a repeated header name, in any case, with commas into one header', async () => {
    const p = await previewSigV4({
      ...base,
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/',
      headers: [
        ['X-Dup', ' one '],
        ['x-dup', 'two'],
        ['X-DUP', 'three  four'],
      ],
    });
    expect(p.canonicalRequest).toContain('\nx-dup:one,two,three four\n');
    expect(p.headers['X-Dup']).toBe('one,two,three  four');
    expect(Object.keys(p.headers).filter((k) => k.toLowerCase() === 'x-dup')).toEqual(['X-Dup']);
    expect(p.notes.join('\n')).toMatch(/"X-Dup" was given more than once/);
  });

  it("replaces a user's X-Amz-Date and X-Amz-Security-Token, in any case, with the signer's", async () => {
    const p = await previewSigV4({
      ...base,
      credentials,
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/',
      headers: [
        ['X-AMZ-DATE', '20000101T000000Z'],
        ['x-Amz-Security-Token', 'stale'],
      ],
    });
    expect(p.canonicalRequest).toContain('\nx-amz-date:20150830T123600Z\n');
    expect(p.canonicalRequest).toContain(`\nx-amz-security-token:${credentials.sessionToken}\n`);
    expect(JSON.stringify(p)).not.toContain('stale');
    expect(JSON.stringify(p)).not.toContain('20000101T000000Z');
    expect(p.notes.join('\n')).toMatch(/X-AMZ-DATE header was replaced by the signing time/);
    expect(p.notes.join('\n')).toMatch(/x-Amz-Security-Token header was replaced by the session token/);
  });

  it('does not add x-amz-content-sha256 for other services; with a token, curl reads headers.txt', async () => {
    const p = await previewSigV4({
      method: 'POST',
      url: 'https://sts.us-east-1.amazonaws.com/',
      headers: [['content-type', 'application/x-www-form-urlencoded']],
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      service: 'sts',
      region: 'us-east-1',
      credentials,
      time: SUITE_TIME,
    });
    expect(p.headers['x-amz-content-sha256']).toBeUndefined();
    expect(p.signedHeaders).toBe('content-type;host;x-amz-date;x-amz-security-token');
    expect(p.curl).toBe(
      "curl -X POST 'https://sts.us-east-1.amazonaws.com/' -H @headers.txt --data-raw 'Action=GetCallerIdentity&Version=2011-06-15'",
    );
    expect(p.curl).not.toContain(credentials.sessionToken);
    expect(p.curlHeaders).toBe(
      [
        'content-type: application/x-www-form-urlencoded',
        'host: sts.us-east-1.amazonaws.com',
        'x-amz-date: 20150830T123600Z',
        `x-amz-security-token: ${credentials.sessionToken}`,
        `authorization: ${p.authorization}`,
        '',
      ].join('\n'),
    );
    expect(p.notes.join('\n')).toMatch(/visible to other users in ps and kept in the shell history/);
  });

  it('without a token the curl line is inline; HEAD is -I and an empty header is Name;', async () => {
    const p = await previewSigV4({
      ...base,
      method: 'HEAD',
      url: 'https://[::1]:8443/x',
      headers: [['X-Empty', '']],
    });
    expect(p.curlHeaders).toBeUndefined();
    expect(p.canonicalRequest).toContain('\nx-empty:\n');
    expect(p.curl).toBe(
      `curl -I --globoff 'https://[::1]:8443/x' -H 'X-Empty;' -H 'host: [::1]:8443' -H 'x-amz-date: 20150830T123600Z' -H 'authorization: ${p.authorization}'`,
    );
  });

  it('refuses header values that cannot be sent, naming the header and the reason', async () => {
    const url = 'https://abc.execute-api.us-east-1.amazonaws.com/';
    const cases: Array<[string, RegExp]> = [
      ['a\nb', /"X-Bad" has a line break/],
      ['a\r\n b', /"X-Bad" has a line break/],
      ['a\u0007b', /"X-Bad" has a control character/],
      ['café', /"X-Bad" has the non-ASCII character "é"/],
    ];
    for (const [value, message] of cases) {
      const err = await previewSigV4({ ...base, url, headers: [['X-Bad', value]] }).catch((e: unknown) => e);
      expect(err, value).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
      // Core reports facts; the edges word the flags and buttons.
      expect((err as { hint: string }).hint, value).not.toMatch(/--|button|click/i);
    }
    // A tab inside a value is allowed (RFC 9110 §5.5).
    await expect(previewSigV4({ ...base, url, headers: [['X-Ok', 'a\tb']] })).resolves.toBeDefined();
  });

  it('rejects what cannot be signed, with a hint', async () => {
    const b = { ...base, url: 'https://sts.amazonaws.com/', credentials };
    for (const patch of [
      { url: 'not a url' },
      { url: 'ftp://x/' },
      { url: 'https://h/a\\b' },
      { url: 'https://h/?a=%E4' },
      { method: 'get me' },
      { headers: [['bad name', 'x']] as [string, string][] },
    ]) {
      await expect(previewSigV4({ ...b, ...patch }), JSON.stringify(patch)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
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
    expect(curlLine('HEAD', 'https://h/', {})).toBe("curl -I 'https://h/'");
  });
});
