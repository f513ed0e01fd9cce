import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCreateSessionSigning } from '../../../../../bench/x509-bench';
import {
  buildCreateSessionRequest,
  loadX509Credential,
  loadX509Identity,
  prepareX509Request,
  signX509Request,
  verifyX509Signature,
} from '../../../../../main/core/aws/x509-signer';

interface Vector {
  id: string;
  algorithm: string;
  amzDate: string;
  region: string;
  host: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  includeChain: boolean;
  body: string;
  payloadHash?: string;
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
  readFileSync(resolve(process.cwd(), '../shared/conformance/rolesanywhere/vectors.json'), 'utf8'),
) as Vector[];

const timeOf = (amzDate: string): Date =>
  new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

function requestOf(v: Vector) {
  return {
    method: v.method,
    url: `https://${v.host}${v.path}${v.query ? `?${v.query}` : ''}`,
    headers: v.headers,
    body: v.body,
  };
}

function optionsOf(v: Vector) {
  return { region: v.region, time: timeOf(v.amzDate), signedHeaders: v.signedHeaders.split(';') };
}

/** Check one vector; returns the list of mismatches (empty when it passes). */
function checkVector(v: Vector): string[] {
  const problems: string[] = [];
  const identityInput = {
    certificate: v.certificatePem,
    ...(v.includeChain && v.chainPem ? { chain: v.chainPem } : {}),
  };
  if (v.deterministic) {
    if (!v.privateKeyPem) return ['deterministic vector without a key'];
    const signed = signX509Request(
      requestOf(v),
      loadX509Credential({ ...identityInput, privateKey: v.privateKeyPem }),
      optionsOf(v),
    );
    if (signed.algorithm !== v.algorithm) problems.push('algorithm');
    if (v.payloadHash && signed.payloadHash !== v.payloadHash) problems.push('payload hash');
    if (signed.canonicalRequest !== v.canonicalRequest) problems.push('canonical request');
    if (signed.stringToSign !== v.stringToSign) problems.push('string to sign');
    if (signed.signature !== v.signatureHex) problems.push('signature');
    if (signed.authorization !== v.authorization) problems.push('authorization');
  } else {
    // ECDSA is randomized: our string to sign must be the one the captured signature verifies against.
    const identity = loadX509Identity(identityInput);
    const prepared = prepareX509Request(requestOf(v), identity, optionsOf(v));
    if (prepared.algorithm !== v.algorithm) problems.push('algorithm');
    if (v.canonicalRequest !== undefined && prepared.canonicalRequest !== v.canonicalRequest)
      problems.push('canonical request');
    if (v.stringToSign !== undefined && prepared.stringToSign !== v.stringToSign)
      problems.push('string to sign');
    if (v.authorizationCredential && prepared.credential !== v.authorizationCredential)
      problems.push('credential');
    if (!verifyX509Signature(prepared.stringToSign, v.signatureHex, identity.certificate))
      problems.push('signature does not verify');
  }
  return problems;
}

describe('AWS4-X509 signer against the Roles Anywhere vectors', () => {
  it('reproduces every vector (RSA bit for bit, ECDSA by verification)', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(7);
    const failures = vectors
      .map((v) => ({ id: v.id, problems: checkVector(v) }))
      .filter((r) => r.problems.length > 0);
    console.log(`rolesanywhere vectors: ${vectors.length - failures.length}/${vectors.length} passed`);
    expect(failures).toEqual([]);
  });

  it('detects a wrong string to sign (the ECDSA check is not vacuous)', () => {
    const v = vectors.find((x) => !x.deterministic);
    if (!v) throw new Error('no ECDSA vector');
    const identity = loadX509Identity({ certificate: v.certificatePem });
    const prepared = prepareX509Request(requestOf(v), identity, {
      ...optionsOf(v),
      time: new Date(timeOf(v.amzDate).getTime() + 1000),
    });
    expect(verifyX509Signature(prepared.stringToSign, v.signatureHex, identity.certificate)).toBe(false);
  });

  it('builds the official helper’s CreateSession request and, signed with the defaults, matches its capture', () => {
    const v = vectors.find((x) => x.id === 'helper-v1.1.1-rsa');
    if (!v?.privateKeyPem) throw new Error('helper vector missing');
    const params = new URLSearchParams(v.query);
    const arn = (name: string): string => params.get(name) ?? '';
    const request = buildCreateSessionRequest({
      region: v.region,
      endpoint: `http://${v.host}/`,
      trustAnchorArn: arn('trustAnchorArn'),
      profileArn: arn('profileArn'),
      roleArn: arn('roleArn'),
      durationSeconds: 3600,
    });
    expect(request.url).toBe(`http://${v.host}/sessions?${v.query}`);
    expect(request.body).toBe(v.body);
    expect(request.headers).toEqual({ 'content-type': 'application/json', host: v.host });
    const signed = signX509Request(
      request,
      loadX509Credential({ certificate: v.certificatePem, privateKey: v.privateKeyPem }),
      {
        region: v.region,
        time: timeOf(v.amzDate),
      },
    );
    expect(signed.signedHeaders).toBe('content-type;host;x-amz-date;x-amz-x509');
    expect(signed.authorization).toBe(v.authorization);
    expect(signed.headers).toMatchObject({
      'x-amz-date': v.amzDate,
      authorization: v.authorization,
      host: v.host,
    });
  });

  it('sends the chain as comma-separated base64 DER and signs it by default', () => {
    const v = vectors.find((x) => x.id === 'envoy-chain');
    if (!v?.privateKeyPem || !v.chainPem) throw new Error('chain vector missing');
    const credential = loadX509Credential({
      certificate: v.certificatePem,
      privateKey: v.privateKeyPem,
      chain: `${v.chainPem}\n${v.chainPem}`,
    });
    const signed = signX509Request(requestOf(v), credential, { region: v.region, time: timeOf(v.amzDate) });
    const der = new X509Certificate(v.chainPem).raw.toString('base64');
    expect(signed.headers['x-amz-x509-chain']).toBe(`${der},${der}`);
    expect(signed.signedHeaders).toBe('content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain');
  });
});

describe('AWS4-X509 signatures checked by openssl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-x509-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function openssl(args: string[]): string {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.error) throw new Error('openssl is missing: install it with `apt-get install -y openssl`');
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  }

  it.each([
    ['RSA-2048', 'rsa', ['-newkey', 'rsa:2048'], 'AWS4-X509-RSA-SHA256'],
    ['EC P-256', 'ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'AWS4-X509-ECDSA-SHA256'],
    ['EC P-384', 'ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'AWS4-X509-ECDSA-SHA256'],
  ])('%s: openssl dgst -sha256 -verify accepts the signature', (label, _kind, keyArgs, algorithm) => {
    const name = label.replace(/\W/g, '');
    // The key file lives in the temp dir; nothing secret goes on a command line.
    openssl([
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-days',
      '1',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
    ]);
    const credential = loadX509Credential({
      certificate: readFileSync(join(dir, `${name}.pem`), 'utf8'),
      privateKey: readFileSync(join(dir, `${name}.key`), 'utf8'),
    });
    expect(credential.algorithm).toBe(algorithm);
    const request = buildCreateSessionRequest({
      region: 'eu-west-1',
      trustAnchorArn:
        'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
      profileArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/6f4943fb-13d4-4242-89c4-be367595c380',
      roleArn: 'arn:aws:iam::123456789012:role/path/ci-deployer',
      durationSeconds: 900,
      roleSessionName: 'ci-run-42',
    });
    const signed = signX509Request(request, credential, { region: 'eu-west-1' });
    writeFileSync(join(dir, `${name}.sts`), signed.stringToSign);
    writeFileSync(join(dir, `${name}.sig`), Buffer.from(signed.signature, 'hex'));
    openssl(['x509', '-in', `${name}.pem`, '-pubkey', '-noout', '-out', `${name}.pub`]);
    expect(
      openssl(['dgst', '-sha256', '-verify', `${name}.pub`, '-signature', `${name}.sig`, `${name}.sts`]),
    ).toContain('Verified OK');
    // Credential= carries the serial in decimal, as openssl prints it in hex.
    const hex = openssl(['x509', '-in', `${name}.pem`, '-noout', '-serial'])
      .trim()
      .replace('serial=', '');
    expect(signed.authorization).toContain(`Credential=${BigInt(`0x${hex}`).toString(10)}/`);
    expect(signed.scope).toMatch(/^\d{8}\/eu-west-1\/rolesanywhere\/aws4_request$/);
    expect(signed.headers['x-amz-x509']).toBe(
      execFileSync('openssl', ['x509', '-in', `${name}.pem`, '-outform', 'DER'], { cwd: dir }).toString(
        'base64',
      ),
    );
  });
});

describe('credential loading', () => {
  const rsa = vectors.find((x) => x.id === 'envoy-nochain');
  const helper = vectors.find((x) => x.id === 'helper-v1.1.1-rsa');

  it('refuses a key that does not belong to the certificate', () => {
    if (!rsa?.privateKeyPem || !helper) throw new Error('vectors missing');
    expect(() =>
      loadX509Credential({ certificate: helper.certificatePem, privateKey: rsa.privateKeyPem ?? '' }),
    ).toThrow(expect.objectContaining({ code: 'KEY_MISMATCH' }));
  });

  it('refuses key types Roles Anywhere does not accept, and unreadable input, without quoting the key', () => {
    if (!rsa) throw new Error('vectors missing');
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(() => loadX509Credential({ certificate: rsa.certificatePem, privateKey })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_KEY' }),
    );
    const secretish = '-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----\n';
    let error: unknown;
    try {
      loadX509Credential({ certificate: rsa.certificatePem, privateKey: secretish });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'MALFORMED_PEM' });
    expect(String((error as Error).message)).not.toContain('TOPSECRET');
    expect(() => loadX509Identity({ certificate: 'not a certificate' })).toThrow(
      expect.objectContaining({ code: 'MALFORMED_PEM' }),
    );
  });
});

describe('buildCreateSessionRequest', () => {
  const base = {
    region: 'us-east-1',
    trustAnchorArn:
      'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
    profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/6f4943fb-13d4-4242-89c4-be367595c380',
    roleArn: 'arn:aws:iam::123456789012:role/demo',
    durationSeconds: 3600,
  };

  it('targets the regional endpoint with the ARNs in the query and the options in the body', () => {
    const r = buildCreateSessionRequest({ ...base, roleSessionName: 'alice@example.com' });
    expect(r.method).toBe('POST');
    expect(r.url).toBe(
      'https://rolesanywhere.us-east-1.amazonaws.com/sessions?profileArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Aprofile%2F6f4943fb-13d4-4242-89c4-be367595c380&roleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&trustAnchorArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Atrust-anchor%2F1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
    );
    expect(r.headers).toEqual({
      'content-type': 'application/json',
      host: 'rolesanywhere.us-east-1.amazonaws.com',
    });
    expect(JSON.parse(r.body)).toEqual({ durationSeconds: 3600, roleSessionName: 'alice@example.com' });
  });

  it('keeps a port of an endpoint override in the host header', () => {
    const r = buildCreateSessionRequest({ ...base, endpoint: 'http://127.0.0.1:4567' });
    expect(r.url.startsWith('http://127.0.0.1:4567/sessions?profileArn=')).toBe(true);
    expect(r.headers.host).toBe('127.0.0.1:4567');
  });

  it('rejects bad durations, session names, ARNs and a region that is not the trust anchor’s', () => {
    expect(() => buildCreateSessionRequest({ ...base, durationSeconds: 899 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DURATION' }),
    );
    expect(() => buildCreateSessionRequest({ ...base, durationSeconds: 43201 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DURATION' }),
    );
    expect(() => buildCreateSessionRequest({ ...base, roleSessionName: 'has space' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => buildCreateSessionRequest({ ...base, roleArn: 'arn:aws:iam::123:role/x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARN' }),
    );
    expect(() => buildCreateSessionRequest({ ...base, region: 'eu-west-1' })).toThrow(
      expect.objectContaining({
        code: 'REGION_MISMATCH',
        message: expect.stringMatching(/eu-west-1.*us-east-1/),
      }),
    );
  });
});

describe('signing speed', () => {
  it('signs CreateSession with RSA-2048 in well under the 2 ms goal (asserted < 10 ms median)', () => {
    const v = vectors.find((x) => x.id === 'envoy-nochain');
    if (!v?.privateKeyPem) throw new Error('vector missing');
    const credential = loadX509Credential({ certificate: v.certificatePem, privateKey: v.privateKeyPem });
    const result = benchCreateSessionSigning(credential, 200);
    console.log(
      `x509 CreateSession signing (RSA-2048): median ${result.medianMs.toFixed(3)} ms, p95 ${result.p95Ms.toFixed(3)} ms over ${result.runs} runs`,
    );
    expect(result.runs).toBe(200);
    expect(result.medianMs).toBeLessThan(10);
  });
});
