/**
 * The emulator's SigV4 canonicalization against the official AWS SigV4 test suite
 * (../shared/conformance/sigv4): for every case, `.req` → `.creq` → `.sts` → `.authz`, byte for byte.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  parseAuthorization,
  sigv4Signature,
  sigv4SigningKey,
  stringToSign,
  type WireRequest,
} from './canonical';

const SUITE = path.resolve(process.cwd(), '../shared/conformance/sigv4');
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

/** Every directory holding a `<name>.req`, nested ones (normalize-path/, post-sts-token/) included. */
function findCases(dir: string): { name: string; dir: string }[] {
  const out: { name: string; dir: string }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (!statSync(full).isDirectory()) continue;
    try {
      statSync(path.join(full, `${entry}.req`));
      out.push({ name: entry, dir: full });
    } catch {
      out.push(...findCases(full));
    }
  }
  return out;
}

/**
 * Parse a `.req` file: request line, headers (a line starting with whitespace continues the previous
 * header and counts as another value of it), blank line, body.
 */
function parseReq(text: string): WireRequest {
  const lines = text.split('\n');
  const requestLine = lines.shift() ?? '';
  const m = /^(\S+) (.*) HTTP\/1\.1$/.exec(requestLine);
  if (!m) throw new Error(`bad request line: ${requestLine}`);
  const target = m[2] as string;
  const q = target.indexOf('?');
  const headers: [string, string][] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') break;
    if (/^\s/.test(line)) {
      headers.push([(headers[headers.length - 1] as [string, string])[0], line]);
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return {
    method: m[1] as string,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers,
    body: lines.slice(i + 1).join('\n'),
  };
}

const cases = findCases(SUITE);

describe('SigV4 conformance suite', () => {
  it('finds the suite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name: canonical request, string to sign and signature match', ({ name, dir }) => {
    const read = (ext: string): string => readFileSync(path.join(dir, `${name}.${ext}`), 'utf8');
    const req = parseReq(read('req'));
    const expectedAuthz = read('authz');
    const auth = parseAuthorization(expectedAuthz);
    expect(auth).toBeDefined();
    if (!auth) return;

    const creq = canonicalRequest(req, auth.signedHeaders);
    expect(creq).toBe(read('creq'));

    const amzDate = req.headers.find(([n]) => n.toLowerCase() === 'x-amz-date')?.[1] ?? '';
    const scope = `${auth.scopeDate}/${auth.scopeRegion}/${auth.scopeService}/${auth.scopeTerminator}`;
    const sts = stringToSign(auth.algorithm, amzDate, scope, creq);
    expect(sts).toBe(read('sts'));

    const signature = sigv4Signature(
      sigv4SigningKey(SECRET, auth.scopeDate, auth.scopeRegion, auth.scopeService),
      sts,
    );
    expect(
      `${auth.algorithm} Credential=${auth.keyId}/${scope}, SignedHeaders=${auth.signedHeaders.join(';')}, Signature=${signature}`,
    ).toBe(expectedAuthz);
  });
});
