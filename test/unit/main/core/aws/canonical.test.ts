import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  amzDate,
  canonicalRequest,
  credentialScope,
  hashHex,
  parseQuery,
  splitUrl,
  stringToSign,
  uriEscape,
} from '../../../../../main/core/aws/canonical';

describe('canonical helpers', () => {
  it('formats X-Amz-Date and the scope', () => {
    const date = amzDate(new Date('2015-08-30T12:36:00.123Z'));
    expect(date).toBe('20150830T123600Z');
    expect(credentialScope(date, 'us-east-1', 'rolesanywhere')).toBe(
      '20150830/us-east-1/rolesanywhere/aws4_request',
    );
  });

  it('hashes strings as UTF-8 and bytes as they are', () => {
    expect(hashHex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashHex('ሴ')).toBe(createHash('sha256').update(Buffer.from('ሴ', 'utf8')).digest('hex'));
    expect(hashHex(new Uint8Array([1, 2, 3]))).toBe(
      createHash('sha256')
        .update(Buffer.from([1, 2, 3]))
        .digest('hex'),
    );
  });

  it('escapes everything but RFC 3986 unreserved characters', () => {
    expect(uriEscape("-._~AZaz09 !'()*:/=&+ሴ")).toBe('-._~AZaz09%20%21%27%28%29%2A%3A%2F%3D%26%2B%E1%88%B4');
  });

  it('parses queries: decoded, repeated keys as arrays, bare keys as empty values, stray % kept', () => {
    expect(parseQuery('?a=1&b&a=2&c=%E1%88%B4&d=100%')).toEqual({ a: ['1', '2'], b: '', c: 'ሴ', d: '100%' });
    expect(splitUrl(new URL('https://h/a%20b/ሴ?x=1'))).toEqual({ path: '/a b/ሴ', query: { x: '1' } });
    expect(splitUrl(new URL('https://h/a%20b'), false).path).toBe('/a%20b');
  });

  it('signs exactly the listed headers, including ones smithy never signs by default', () => {
    const creq = canonicalRequest(
      {
        method: 'POST',
        path: '/sessions',
        query: {},
        headers: { Host: 'h', 'User-Agent': '  a   b ', 'X-Other': 'unsigned' },
      },
      ['host', 'user-agent'],
      hashHex(''),
    );
    expect(creq).toBe(`POST\n/sessions\n\nhost:h\nuser-agent:a b\n\nhost;user-agent\n${hashHex('')}`);
    expect(stringToSign('AWS4-X509-RSA-SHA256', '20150830T123600Z', 's', creq)).toBe(
      `AWS4-X509-RSA-SHA256\n20150830T123600Z\ns\n${hashHex(creq)}`,
    );
  });

  it('refuses to sign a header the request does not carry', () => {
    expect(() =>
      canonicalRequest(
        { method: 'GET', path: '/', query: {}, headers: { host: 'h' } },
        ['host', 'content-type'],
        '',
      ),
    ).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('content-type') }),
    );
  });
});
