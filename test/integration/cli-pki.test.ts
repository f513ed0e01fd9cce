// Issue 2 acceptance, through the built `anchorage` CLI: CAs and client certificates for every key type,
// checked by openssl (ARCHITECTURE §1, §6): strict verification, the exact extensions, the --json fields,
// a root → intermediate → client chain, signing a CSR, the CRL, and `inspect`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_TYPES } from '../../shared/models';
import type { CertificateSummary, Inspection } from '../../shared/models';
import { cliHarness } from './cli-harness';
import type { CliHarness } from './cli-harness';
import {
  certPublicKeyDer,
  cleanupDirs,
  opensslExtensions,
  opensslIdentity,
  openssl,
  opensslOk,
  requirePkiTools,
  tempDir,
} from './pki-tools';

const dirs: string[] = [];
let cli: CliHarness;
let out: string;

beforeAll(() => {
  requirePkiTools();
  cli = cliHarness({ vault: 'file' });
  out = tempDir('anchorage-pki-out-');
  dirs.push(out);
});
afterAll(() => {
  cli.cleanup();
  cleanupDirs(dirs);
});

/** Export `ref` as PEM (or chain) into the scratch dir and return the path. */
async function exportPem(ref: string, file: string, format: 'pem' | 'chain' = 'pem'): Promise<string> {
  const path = join(out, file);
  await cli.ok(['export', ref, '--format', format, '--out', path]);
  return path;
}

/** `openssl verify -x509_strict -purpose sslclient`; returns openssl's exit code and output. */
function verify(caFile: string, leaf: string, untrusted?: string): { code: number; text: string } {
  const extra = untrusted ? ['-untrusted', untrusted] : [];
  const r = openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caFile, ...extra, leaf]);
  return { code: r.code, text: r.stdout + r.stderr };
}

const SKI = 'X509v3 Subject Key Identifier';
const AKI = 'X509v3 Authority Key Identifier';
const HEX_ID = /^([0-9A-F]{2}:)+[0-9A-F]{2}$/;

/** The extensions of a CA per ARCHITECTURE §1, exactly: no more, no fewer. */
function expectCaExtensions(certPath: string, issuerSki?: string): string {
  const ext = opensslExtensions(certPath);
  expect([...ext.keys()].sort()).toEqual(['X509v3 Basic Constraints', 'X509v3 Key Usage', AKI, SKI].sort());
  expect(ext.get('X509v3 Basic Constraints')).toMatchObject({ critical: true });
  expect(ext.get('X509v3 Basic Constraints')?.value).toMatch(/^CA:TRUE(, pathlen:\d+)?$/);
  expect(ext.get('X509v3 Key Usage')).toEqual({
    critical: true,
    value: 'Digital Signature, Certificate Sign, CRL Sign',
  });
  const ski = ext.get(SKI)?.value ?? '';
  expect(ski).toMatch(HEX_ID);
  expect(ext.get(AKI)?.value).toMatch(HEX_ID);
  // A root's AKI names its own key; an intermediate's names its issuer's.
  expect(ext.get(AKI)?.value).toBe(issuerSki ?? ski);
  return ski;
}

/** The extensions of a client certificate per ARCHITECTURE §1, exactly. */
function expectClientExtensions(certPath: string, issuerSki: string): void {
  const ext = opensslExtensions(certPath);
  expect([...ext.keys()].sort()).toEqual(
    ['X509v3 Basic Constraints', 'X509v3 Key Usage', 'X509v3 Extended Key Usage', AKI, SKI].sort(),
  );
  expect(ext.get('X509v3 Basic Constraints')).toEqual({ critical: true, value: 'CA:FALSE' });
  expect(ext.get('X509v3 Key Usage')).toEqual({ critical: true, value: 'Digital Signature' });
  expect(ext.get('X509v3 Extended Key Usage')).toEqual({
    critical: false,
    value: 'TLS Web Client Authentication',
  });
  expect(ext.get(SKI)?.value).toMatch(HEX_ID);
  expect(ext.get(AKI)?.value).toBe(issuerSki);
}

/** The issue's --json fields, and that they say what openssl reads from the exported certificate. */
function expectJsonMatchesOpenssl(
  json: CertificateSummary,
  certPath: string,
  name: string,
  keyType: string,
): void {
  for (const field of [
    'id',
    'name',
    'subject',
    'serialNumber',
    'notBefore',
    'notAfter',
    'keyType',
    'sha256Fingerprint',
  ]) {
    expect(json, field).toHaveProperty(field);
  }
  expect(json.name).toBe(name);
  expect(json.keyType).toBe(keyType);
  expect(json.id).toMatch(/\S/);
  expect(json.subject).toContain(`CN=${name}`);
  expect(json.serialNumber).toMatch(/^[1-9]\d*$/);
  const id = opensslIdentity(certPath);
  expect(BigInt(json.serialNumber)).toBe(BigInt(`0x${id.serialHex}`));
  expect(json.sha256Fingerprint).toBe(id.sha256);
  const dates = opensslOk(['x509', '-in', certPath, '-noout', '-startdate', '-enddate']).stdout;
  const notBefore = /notBefore=(.+)/.exec(dates)?.[1] ?? '';
  const notAfter = /notAfter=(.+)/.exec(dates)?.[1] ?? '';
  expect(new Date(json.notBefore).getTime()).toBe(new Date(notBefore).getTime());
  expect(new Date(json.notAfter).getTime()).toBe(new Date(notAfter).getTime());
}

/** The key algorithm and size openssl sees, and a SHA-256-or-stronger signature. */
function expectKey(certPath: string, keyType: string): void {
  const text = opensslOk(['x509', '-in', certPath, '-noout', '-text']).stdout;
  const [alg, size] = keyType.split('-') as [string, string];
  if (alg === 'rsa') {
    expect(text).toContain('Public Key Algorithm: rsaEncryption');
    expect(text).toContain(`Public-Key: (${size} bit)`);
  } else {
    expect(text).toContain('Public Key Algorithm: id-ecPublicKey');
    expect(text).toContain(`NIST CURVE: P-${size.slice(1)}`);
  }
  expect(text).toMatch(/Version: 3 \(0x2\)/);
  expect(text).toMatch(
    /Signature Algorithm: (sha(256|384|512)WithRSAEncryption|ecdsa-with-SHA(256|384|512))/,
  );
}

describe('a CA and a client certificate for every key type, verified by openssl', () => {
  for (const keyType of KEY_TYPES) {
    // One RSA-4096 CA (and its client) in the whole suite: the slowest key to make.
    it(`${keyType}: ca create + cert issue → openssl verify -x509_strict -purpose sslclient; exact extensions; --json`, async () => {
      const caName = `ca-${keyType}`;
      const clientName = `client-${keyType}`;
      const ca = await cli.ok<CertificateSummary>([
        'ca',
        'create',
        '--name',
        caName,
        '--key-type',
        keyType,
        '--json',
      ]);
      const client = await cli.ok<CertificateSummary>([
        'cert',
        'issue',
        '--ca',
        caName,
        '--cn',
        clientName,
        '--key-type',
        keyType,
        '--json',
      ]);
      const caPem = await exportPem(caName, `${caName}.pem`);
      const clientPem = await exportPem(client.id, `${clientName}.pem`); // by id, too

      const result = verify(caPem, clientPem);
      expect(result.text).toContain(': OK');
      expect(result.code).toBe(0);

      const caSki = expectCaExtensions(caPem);
      expectClientExtensions(clientPem, caSki);
      expectKey(caPem, keyType);
      expectKey(clientPem, keyType);
      expectJsonMatchesOpenssl(ca, caPem, caName, keyType);
      expectJsonMatchesOpenssl(client, clientPem, clientName, keyType);
      expect(client.serialNumber).not.toBe('1');
      expect(BigInt(client.serialNumber) < 2n ** 159n).toBe(true);
    });
  }

  it('root → intermediate (ca create --parent) → client: the exported chain verifies with -untrusted', async () => {
    await cli.ok(['ca', 'create', '--name', 'chain-root', '--key-type', 'ec-p256']);
    const int = await cli.ok<CertificateSummary>([
      'ca',
      'create',
      '--name',
      'chain-int',
      '--parent',
      'chain-root',
      '--key-type',
      'ec-p384',
      '--json',
    ]);
    expect(int.issuer).toContain('CN=chain-root');
    await cli.ok(['cert', 'issue', '--ca', 'chain-int', '--cn', 'chain-client', '--key-type', 'ec-p256']);

    const rootPem = await exportPem('chain-root', 'chain-root.pem');
    const intPem = await exportPem('chain-int', 'chain-int.pem');
    const clientPem = await exportPem('chain-client', 'chain-client.pem');
    const bundle = await exportPem('chain-client', 'chain-client-chain.pem', 'chain');

    // The bundle is leaf first, then the intermediate, then the root.
    const blocks =
      readFileSync(bundle, 'utf8').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    expect(blocks).toHaveLength(3);
    const [leafBlock, intBlock, rootBlock] = blocks.map((b) => `${b}\n`);
    expect(leafBlock?.trim()).toBe(readFileSync(clientPem, 'utf8').trim());
    expect(intBlock?.trim()).toBe(readFileSync(intPem, 'utf8').trim());
    expect(rootBlock?.trim()).toBe(readFileSync(rootPem, 'utf8').trim());
    const untrusted = join(out, 'chain-untrusted.pem');
    writeFileSync(untrusted, intBlock ?? '');

    expect(verify(rootPem, clientPem, untrusted)).toMatchObject({ code: 0 });
    expect(verify(rootPem, clientPem, bundle)).toMatchObject({ code: 0 }); // the bundle as-is works too
    // Without the intermediate the client does not chain to the root: the intermediate is really in the path.
    expect(verify(rootPem, clientPem).code).not.toBe(0);

    const rootSki = expectCaExtensions(rootPem);
    const intSki = expectCaExtensions(intPem, rootSki);
    expectClientExtensions(clientPem, intSki);
    expect(opensslExtensions(intPem).get('X509v3 Basic Constraints')?.value).toMatch(
      /^CA:TRUE, pathlen:\d+$/,
    );
  });
});

describe('subject fields and subject alternative names', () => {
  it('O, OU, C, ST, L on the CA and dns:/uri: SANs on the client reach the certificates; openssl verify still passes', async () => {
    await cli.ok([
      'ca',
      'create',
      '--name',
      'subj-ca',
      '--cn',
      'Subject Test CA',
      '--org',
      'Example BV',
      '--ou',
      'Platform',
      '--country',
      'NL',
      '--state',
      'Utrecht',
      '--locality',
      'Utrecht',
      '--key-type',
      'ec-p256',
    ]);
    await cli.ok([
      'cert',
      'issue',
      '--ca',
      'subj-ca',
      '--cn',
      'agent7',
      '--org',
      'Example BV',
      '--key-type',
      'ec-p256',
      '--san',
      'dns:agent7.example.com',
      '--san',
      'uri:spiffe://example.org/agent7',
    ]);
    const caPem = await exportPem('subj-ca', 'subj-ca.pem');
    const clientPem = await exportPem('agent7', 'agent7.pem');
    const subject = opensslOk(['x509', '-in', caPem, '-noout', '-subject', '-nameopt', 'RFC2253']).stdout;
    for (const rdn of [
      'CN=Subject Test CA',
      'O=Example BV',
      'OU=Platform',
      'C=NL',
      'ST=Utrecht',
      'L=Utrecht',
    ]) {
      expect(subject).toContain(rdn);
    }
    const ext = opensslExtensions(clientPem);
    expect(ext.get('X509v3 Subject Alternative Name')).toEqual({
      critical: false,
      value: 'DNS:agent7.example.com, URI:spiffe://example.org/agent7',
    });
    expect(verify(caPem, clientPem)).toMatchObject({ code: 0 });
  });
});

describe('signing a CSR that openssl made', () => {
  it("cert issue --csr: openssl verify passes, the key is the CSR's, and Anchorage holds no key", async () => {
    await cli.ok(['ca', 'create', '--name', 'csr-ca', '--key-type', 'ec-p256']);
    const key = join(out, 'csr.key');
    const csr = join(out, 'req.csr');
    opensslOk([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/CN=csr-client/O=Example',
    ]);
    const issued = await cli.ok<CertificateSummary>([
      'cert',
      'issue',
      '--ca',
      'csr-ca',
      '--csr',
      csr,
      '--json',
    ]);
    expect(issued).toMatchObject({ kind: 'client', hasPrivateKey: false, keyType: 'ec-p256' });
    expect(issued.subject).toContain('CN=csr-client');

    const caPem = await exportPem('csr-ca', 'csr-ca.pem');
    const clientPem = await exportPem(issued.id, 'csr-client.pem');
    expect(verify(caPem, clientPem)).toMatchObject({ code: 0 });
    expectClientExtensions(clientPem, expectCaExtensions(caPem));
    const csrKey = opensslOk(['req', '-in', csr, '-noout', '-pubkey']).stdout;
    expect(certPublicKeyDer(clientPem)).toEqual(
      opensslOk(['pkey', '-pubin', '-outform', 'DER'], { stdin: csrKey }).raw,
    );

    // The key stayed with its owner: `list` says so, and there is nothing to export.
    const list = await cli.ok<CertificateSummary[]>(['list', '--json']);
    expect(list.find((c) => c.id === issued.id)).toMatchObject({ hasPrivateKey: false });
    const pfx = await cli.run(['export', issued.id, '--format', 'pfx', '--out', join(out, 'csr.pfx')], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'export-pw-123' },
    });
    expect(pfx.code).not.toBe(0);
    expect(pfx.stderr).toMatch(/has no private key in Anchorage/);
  });
});

describe('revocation', () => {
  it('revoke + crl: openssl crl -verify passes, lists the revoked serial only, and verify -crl_check rejects it', async () => {
    await cli.ok(['ca', 'create', '--name', 'crl-ca', '--key-type', 'ec-p256']);
    const revoked = await cli.ok<CertificateSummary>([
      'cert',
      'issue',
      '--ca',
      'crl-ca',
      '--cn',
      'crl-bad',
      '--key-type',
      'ec-p256',
      '--json',
    ]);
    const kept = await cli.ok<CertificateSummary>([
      'cert',
      'issue',
      '--ca',
      'crl-ca',
      '--cn',
      'crl-good',
      '--key-type',
      'ec-p256',
      '--json',
    ]);
    const after = await cli.ok<CertificateSummary>(['revoke', 'crl-bad', '--json']);
    expect(after).toMatchObject({ status: 'revoked', id: revoked.id });
    expect(after.revokedAt).toBeTruthy();

    const crl = join(out, 'crl-ca.crl.pem');
    await cli.ok(['crl', 'crl-ca', '--out', crl]);
    expect(readFileSync(crl, 'utf8')).toMatch(/^-----BEGIN X509 CRL-----/);
    const caPem = await exportPem('crl-ca', 'crl-ca.pem');
    const check = openssl(['crl', '-verify', '-CAfile', caPem, '-in', crl, '-noout']);
    expect(check.stdout + check.stderr).toContain('verify OK');
    expect(check.code).toBe(0);

    const text = opensslOk(['crl', '-in', crl, '-noout', '-text']).stdout;
    const listed = [...text.matchAll(/Serial Number: ([0-9A-F]+)/gi)].map((m) => BigInt(`0x${m[1]}`));
    expect(listed).toEqual([BigInt(revoked.serialNumber)]);
    expect(listed).not.toContain(BigInt(kept.serialNumber));
    const crlNumber = (t: string) => Number(/X509v3 CRL Number:\s*\n\s*(\d+)/.exec(t)?.[1]);
    expect(crlNumber(text)).toBeGreaterThanOrEqual(1);
    // A second CRL gets a higher number (RFC 5280 §5.2.3), and --force is needed to replace the file.
    expect((await cli.run(['crl', 'crl-ca', '--out', crl])).code).not.toBe(0);
    const crl2 = join(out, 'crl-ca-2.crl.pem');
    await cli.ok(['crl', 'crl-ca', '--out', crl2]);
    // (Greater, not +1: the refused run above already drew a number; gaps are allowed by RFC 5280 §5.2.3.)
    expect(crlNumber(opensslOk(['crl', '-in', crl2, '-noout', '-text']).stdout)).toBeGreaterThan(
      crlNumber(text),
    );

    // And openssl, given the CRL, refuses the revoked certificate and accepts the other.
    const bad = await exportPem('crl-bad', 'crl-bad.pem');
    const good = await exportPem('crl-good', 'crl-good.pem');
    const crlCheck = (leaf: string) =>
      openssl(['verify', '-x509_strict', '-crl_check', '-CAfile', caPem, '-CRLfile', crl, leaf]);
    const rejected = crlCheck(bad);
    expect(rejected.code).not.toBe(0);
    expect(rejected.stdout + rejected.stderr).toMatch(/certificate revoked/);
    expect(crlCheck(good).code).toBe(0);
  });
});

describe('inspect', () => {
  /** A self-signed CA made by openssl with the §1 extensions but `opts` for the key and digest. */
  function opensslCa(file: string, keyArgs: string[], digest: string): string {
    const path = join(out, file);
    opensslOk([
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      `-${digest}`,
      '-days',
      '30',
      '-subj',
      `/CN=${file}`,
      '-keyout',
      join(out, `${file}.key`),
      '-out',
      path,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
    ]);
    return path;
  }

  const failing = (rules: Inspection['asTrustAnchor']) =>
    (rules ?? []).filter((r) => !r.pass).map((r) => r.rule);

  it('an Anchorage CA passes every trust-anchor rule; its client passes every end-entity rule', async () => {
    await cli.ok(['ca', 'create', '--name', 'inspect-ca', '--key-type', 'ec-p256']);
    const client = await cli.ok<CertificateSummary>([
      'cert',
      'issue',
      '--ca',
      'inspect-ca',
      '--cn',
      'inspect-client',
      '--key-type',
      'ec-p256',
      '--json',
    ]);
    const caPem = await exportPem('inspect-ca', 'inspect-ca.pem');
    const clientPem = await exportPem('inspect-client', 'inspect-client.pem');

    const ca = await cli.ok<Inspection>(['inspect', caPem, '--json']);
    expect(ca.type).toBe('certificate');
    expect(ca.asTrustAnchor?.length).toBeGreaterThanOrEqual(8);
    expect(failing(ca.asTrustAnchor)).toEqual([]);
    expect(ca.sha256Fingerprint).toBe(opensslIdentity(caPem).sha256);

    const leaf = await cli.ok<Inspection>(['inspect', clientPem, '--json']);
    expect(failing(leaf.asEndEntity)).toEqual([]);
    expect(leaf.serialNumber).toBe(client.serialNumber);
    expect(leaf.serialHex?.toUpperCase().replace(/^0+/, '')).toBe(
      opensslIdentity(clientPem).serialHex.replace(/^0+/, ''),
    );

    // The human form says PASS for each trust-anchor rule too (a CA fails the end-entity rules, as it should).
    const text = await cli.ok<string>(['inspect', caPem]);
    const anchor =
      text.split('As a Roles Anywhere trust anchor:')[1]?.split('As a Roles Anywhere end-entity')[0] ?? '';
    expect(anchor.match(/^ {2}PASS /gm)).toHaveLength(ca.asTrustAnchor?.length ?? -1);
    expect(anchor).not.toMatch(/\bFAIL\b/);
  });

  it('a SHA-1-signed CA fails the signature-algorithm rule (and only it)', async () => {
    const pem = opensslCa('sha1-ca.pem', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'sha1');
    const result = await cli.ok<Inspection>(['inspect', pem, '--json']);
    expect(failing(result.asTrustAnchor)).toEqual(['signature-algorithm']);
    const rule = result.asTrustAnchor?.find((r) => r.rule === 'signature-algorithm');
    expect(rule?.detail).toMatch(/sha-?1/i);
    expect(await cli.ok<string>(['inspect', pem])).toMatch(/FAIL\s+signature-algorithm/);
  });

  it('an RSA-1024 CA fails the key-type rule (and only it)', async () => {
    const pem = opensslCa('rsa1024-ca.pem', ['-newkey', 'rsa:1024'], 'sha256');
    const result = await cli.ok<Inspection>(['inspect', pem, '--json']);
    expect(failing(result.asTrustAnchor)).toEqual(['key-type']);
    expect(result.asTrustAnchor?.find((r) => r.rule === 'key-type')?.detail).toMatch(/1024/);
  });
});
