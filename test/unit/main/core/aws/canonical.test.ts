import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  amzDate,
  canonicalRequest,
  credentialScope,
  hashHex,
  joinHeaders,
  parseQuery,
  queryMap,
  readWireUrl,
  sentPath,
  splitUrl,
  stringToSign,
  uriEscape,
  wireQuery,
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
    // The path stays the wire path: smithy encodes it once more (SigV4's "encoded twice").
    expect(splitUrl(new URL('https://h/a%20b/ሴ?x=1'))).toEqual({
      path: '/a%20b/%E1%88%B4',
      query: { x: '1' },
    });
  });

  it('reads a typed URL as the wire form: %XX kept, raw characters encoded, query pairs in order', () => {
    const w = readWireUrl('https://h/a%3ab/../x y/ሴ?b=2&a=%2F&acl&q=1+1#frag');
    expect(w.path).toBe('/a%3ab/../x%20y/%E1%88%B4');
    expect(w.query).toEqual([
      { key: 'b', value: '2', bare: false },
      { key: 'a', value: '/', bare: false },
      { key: 'acl', value: '', bare: true },
      { key: 'q', value: '1+1', bare: false },
    ]);
    expect(wireQuery(w.query)).toBe('b=2&a=%2F&acl&q=1%2B1');
    expect(queryMap(w.query)).toEqual({ b: '2', a: '/', acl: '', q: '1+1' });
    expect(w.notes.join('\n')).toMatch(/percent-encoded \(UTF-8\)/);
    expect(w.notes.join('\n')).toMatch(/literal plus sign/);
    expect(w.notes.join('\n')).toMatch(/fragment/);
    expect(readWireUrl('https://h').path).toBe('/');
    expect(readWireUrl('https://h/100%/x?p=5%').path).toBe('/100%25/x');
    expect(readWireUrl('https://h/?p=5%').query).toEqual([{ key: 'p', value: '5%', bare: false }]);
  });

  it('joins repeated header names case-insensitively with commas, keeping the first spelling', () => {
    expect(
      joinHeaders([
        ['X-A', ' 1 '],
        ['Host', 'h'],
        ['x-a', '2'],
      ]),
    ).toEqual({ headers: { 'X-A': '1,2', Host: 'h' }, repeated: ['X-A'] });
  });

  it('gives back the sent path from the signed canonical URI', () => {
    expect(sentPath('/a%253Ab/x%252Fy/%25E1%2588%25B4', false)).toBe('/a%3Ab/x%2Fy/%E1%88%B4');
    expect(sentPath('/a%3Ab/../c', true)).toBe('/a%3Ab/../c');
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
