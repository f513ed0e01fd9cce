/**
 * botocore's answers (../shared/conformance/sigv4-botocore/vectors.json, from Debian's botocore 1.29): each
 * vector's URL is the wire form and its headers keep repeated names in order. Every vector must give botocore's
 * canonical request, string to sign and Authorization exactly, through the same code the preview runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewSigV4, signWireRequest } from '../../../../../main/core/aws/sigv4-preview';
import type { SigV4PreviewInput } from '../../../../../main/core/aws/sigv4-preview';

export interface BotocoreVector {
  name: string;
  service: string;
  region: string;
  time: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  request: { method: string; url: string; headers: [string, string][]; body: string };
  expected: { canonicalRequest: string; stringToSign: string; authorization: string };
}

const CORPUS = resolve(process.cwd(), '../shared/conformance/sigv4-botocore/vectors.json');
const vectors = (JSON.parse(readFileSync(CORPUS, 'utf8')) as { vectors: BotocoreVector[] }).vectors;

/** `20150830T123600Z` → Date. */
function timeOf(amz: string): Date {
  const [y, mo, d, h, mi, s] = (/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(amz) ?? [])
    .slice(1)
    .map(Number);
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function inputOf(v: BotocoreVector): SigV4PreviewInput {
  return {
    method: v.request.method,
    url: v.request.url,
    headers: v.request.headers,
    ...(v.request.body !== '' ? { body: v.request.body } : {}),
    service: v.service,
    region: v.region,
    credentials: v.credentials,
    time: timeOf(v.time),
  };
}

function mismatches(v: BotocoreVector, got: BotocoreVector['expected']): string[] {
  return (['canonicalRequest', 'stringToSign', 'authorization'] as const)
    .filter((k) => got[k] !== v.expected[k])
    .map(
      (k) =>
        `${v.name}: ${k}\n  expected ${JSON.stringify(v.expected[k])}\n  got      ${JSON.stringify(got[k])}`,
    );
}

const multiLine = (v: BotocoreVector) => v.request.headers.some(([, value]) => /[\r\n]/.test(value));

describe("botocore's SigV4 vectors", () => {
  it('holds the 204 vectors, S3 family and the rest, with every category', () => {
    expect(vectors).toHaveLength(204);
    const categories = new Set(vectors.flatMap((v) => v.name.split(' ')[0]!.split('+')));
    for (const c of [
      'path:pct-encoded',
      'path:pct-slash',
      'path:dot-segments',
      'path:double-slash',
      'hdr:repeated-name',
      'hdr:case-differing-dup',
      'service:s3-object-lambda/s3-outposts',
    ]) {
      expect(categories).toContain(c);
    }
  });

  it('every vector gives botocore’s canonical request, string to sign and Authorization exactly', async () => {
    const failures: string[] = [];
    let passed = 0;
    for (const v of vectors) {
      const wrong = mismatches(v, await signWireRequest(inputOf(v)));
      if (wrong.length === 0) passed++;
      failures.push(...wrong);
    }
    console.log(`sigv4 botocore vectors: ${passed}/${vectors.length} passed`);
    expect(failures).toEqual([]);
  });

  it('the preview gives the same answers, and sends a URL that signs to the same canonical request', async () => {
    const failures: string[] = [];
    for (const v of vectors.filter((x) => !multiLine(x))) {
      const p = await previewSigV4(inputOf(v));
      failures.push(...mismatches(v, p));
      // Sending p.url (what the curl line sends) is signed the same: the server's view matches.
      const again = await signWireRequest({ ...inputOf(v), url: p.url });
      if (again.canonicalRequest !== p.canonicalRequest)
        failures.push(`${v.name}: re-signing the sent URL differs`);
    }
    expect(failures).toEqual([]);
  });

  it('the preview refuses the multi-line header vectors: such a value cannot be sent (RFC 9110 §5.5)', async () => {
    const multi = vectors.filter(multiLine);
    expect(multi.length).toBeGreaterThan(0);
    for (const v of multi) {
      await expect(previewSigV4(inputOf(v)), v.name).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('line break'),
      });
    }
  });
});
