/**
 * Issue 2 acceptance, in process through `createCore` (test/support/core-harness.ts): CAs and client
 * certificates for every key type, checked by openssl (ARCHITECTURE §1, §6): strict verification, the exact
 * extensions, the summary fields core returns (what `--json` prints), a root → intermediate → client chain,
 * signing a CSR, the CRL, and inspection. What only the CLI process shows (the human `inspect` form, `crl`
 * refusing to replace a file without --force) stays in test/integration/cli-pki.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../main/core/api';
import { KEY_TYPES } from '../../../../shared/domain/key-types';
import type { ExportFormat } from '../../../../shared/domain/key-types';
import type { CertificateSummary, Inspection } from '../../../../shared/schemas/models';
import { createCa as makeCa, issueCert, testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';
import { tempDir } from '../../../support/fs';
import {
  certPublicKeyDer,
  EC_P256_NEWKEY,
  openssl,
  opensslExtensionMap,
  opensslIdentity,
  opensslOk,
  rejection,
  requirePkiTools,
} from '../../../support/tools';

let t: TestCore;
let core: CoreApi;
const scratch = tempDir('anchorage-pki-out-');
const out = scratch.dir;

beforeAll(async () => {
  requirePkiTools();
  t = await testCore('running'); // openssl checks validity against the real time
  core = t.core;
});
afterAll(async () => {
  await t.cleanup();
  scratch.cleanup();
});

/** `ca create` and `cert issue` as the CLI calls them, on this file's core. */
const createCa = (...args: Tail<Parameters<typeof makeCa>>) => makeCa(core, ...args);
const issue = (...args: Tail<Parameters<typeof issueCert>>) => issueCert(core, ...args);
type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

/** Export `ref` as PEM (or chain) into the scratch dir and return the path. */
async function exportPem(ref: string, file: string, format: ExportFormat = 'pem'): Promise<string> {
  const path = join(out, file);
  writeFileSync(path, (await core.exportCertificate({ ref, format })).bytes);
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
  const ext = opensslExtensionMap(certPath);
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
  const ext = opensslExtensionMap(certPath);
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
    it(`${keyType}: create CA + issue → openssl verify -x509_strict -purpose sslclient; exact extensions; summary fields`, async () => {
      const caName = `ca-${keyType}`;
      const clientName = `client-${keyType}`;
      const ca = await createCa(caName, keyType);
      const client = await issue(caName, clientName, keyType);
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

  it('root → intermediate (parent) → client: the exported chain verifies with -untrusted', async () => {
    await createCa('chain-root', 'ec-p256');
    const int = await createCa('chain-int', 'ec-p384', { parent: 'chain-root' });
    expect(int.issuer).toContain('CN=chain-root');
    await issue('chain-int', 'chain-client', 'ec-p256');

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
    expect(opensslExtensionMap(intPem).get('X509v3 Basic Constraints')?.value).toMatch(
      /^CA:TRUE, pathlen:\d+$/,
    );
  });
});

describe('subject fields and subject alternative names', () => {
  it('O, OU, C, ST, L on the CA and dns:/uri: SANs on the client reach the certificates; openssl verify still passes', async () => {
    await createCa('subj-ca', 'ec-p256', {
      subject: {
        commonName: 'Subject Test CA',
        organization: 'Example BV',
        organizationalUnit: 'Platform',
        country: 'NL',
        state: 'Utrecht',
        locality: 'Utrecht',
      },
    });
    await issue('subj-ca', 'agent7', 'ec-p256', {
      subject: { organization: 'Example BV' },
      sans: ['dns:agent7.example.com', 'uri:spiffe://example.org/agent7'],
    });
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
    const ext = opensslExtensionMap(clientPem);
    expect(ext.get('X509v3 Subject Alternative Name')).toEqual({
      critical: false,
      value: 'DNS:agent7.example.com, URI:spiffe://example.org/agent7',
    });
    expect(verify(caPem, clientPem)).toMatchObject({ code: 0 });
  });
});

describe('signing a CSR that openssl made', () => {
  it("issue from a CSR: openssl verify passes, the key is the CSR's, and Anchorage holds no key", async () => {
    await createCa('csr-ca', 'ec-p256');
    const key = join(out, 'csr.key');
    const csr = join(out, 'req.csr');
    opensslOk([
      'req',
      '-new',
      ...EC_P256_NEWKEY,
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/CN=csr-client/O=Example',
    ]);
    // As `cert issue --csr FILE` calls it: no CN given, the key type is the CSR's.
    const issued = await core.issueCert({
      ca: 'csr-ca',
      subject: { commonName: '' },
      keyType: 'ec-p256',
      days: 365,
      sans: [],
      csr: readFileSync(csr),
    });
    expect(issued).toMatchObject({ kind: 'client', hasPrivateKey: false, keyType: 'ec-p256' });
    expect(issued.subject).toContain('CN=csr-client');

    const caPem = await exportPem('csr-ca', 'csr-ca.pem');
    const clientPem = await exportPem(issued.id, 'csr-client.pem');
    expect(verify(caPem, clientPem)).toMatchObject({ code: 0 });
    expectClientExtensions(clientPem, expectCaExtensions(caPem));
    const csrKey = opensslOk(['req', '-in', csr, '-noout', '-pubkey']).stdout;
    expect(certPublicKeyDer(clientPem)).toEqual(
      opensslOk(['pkey', '-pubin', '-outform', 'DER'], { input: csrKey }).raw,
    );

    // The key stayed with its owner: the list says so, and there is nothing to export.
    const list = await core.listCertificates();
    expect(list.find((c) => c.id === issued.id)).toMatchObject({ hasPrivateKey: false });
    const pfx = await rejection(() =>
      core.exportCertificate({ ref: issued.id, format: 'pfx', password: 'export-pw-123' }),
    );
    expect(pfx.code).toBe('MISSING_KEY');
    expect(pfx.message).toMatch(/has no private key in Anchorage/);
  });
});

describe('revocation', () => {
  it('revoke + crl: openssl crl -verify passes, lists the revoked serial only, and verify -crl_check rejects it', async () => {
    await createCa('crl-ca', 'ec-p256');
    const revoked = await issue('crl-ca', 'crl-bad', 'ec-p256');
    const kept = await issue('crl-ca', 'crl-good', 'ec-p256');
    const after = await core.revokeCertificate('crl-bad');
    expect(after).toMatchObject({ status: 'revoked', id: revoked.id });
    expect(after.revokedAt).toBeTruthy();

    const crl = join(out, 'crl-ca.crl.pem');
    writeFileSync(crl, await core.crl('crl-ca'));
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
    // A second CRL gets a higher number (RFC 5280 §5.2.3).
    const crl2 = join(out, 'crl-ca-2.crl.pem');
    writeFileSync(crl2, await core.crl('crl-ca'));
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

  const inspect = (path: string): Promise<Inspection> => core.inspectBytes(readFileSync(path));
  const failing = (rules: Inspection['checks']) =>
    (rules ?? []).filter((r) => r.level === 'fail').map((r) => r.rule);

  it('an Anchorage CA passes every trust-anchor rule; its client passes every end-entity rule', async () => {
    await createCa('inspect-ca', 'ec-p256');
    const client = await issue('inspect-ca', 'inspect-client', 'ec-p256');
    const caPem = await exportPem('inspect-ca', 'inspect-ca.pem');
    const clientPem = await exportPem('inspect-client', 'inspect-client.pem');

    const ca = await inspect(caPem);
    expect(ca.type).toBe('certificate');
    expect(ca.role).toBe('trust-anchor');
    expect(ca.checks?.length).toBeGreaterThanOrEqual(8);
    expect(failing(ca.checks)).toEqual([]);
    expect(ca.sha256Fingerprint).toBe(opensslIdentity(caPem).sha256);

    const leaf = await inspect(clientPem);
    expect(leaf.role).toBe('end-entity');
    expect(failing(leaf.checks)).toEqual([]);
    expect(leaf.serialNumber).toBe(client.serialNumber);
    expect(leaf.serialHex?.toUpperCase().replace(/^0+/, '')).toBe(
      opensslIdentity(clientPem).serialHex.replace(/^0+/, ''),
    );
  });

  it('a SHA-1-signed CA fails the signature-algorithm rule (and only it)', async () => {
    const pem = opensslCa('sha1-ca.pem', EC_P256_NEWKEY, 'sha1');
    const result = await inspect(pem);
    expect(failing(result.checks)).toEqual(['signature-algorithm']);
    const rule = result.checks?.find((r) => r.rule === 'signature-algorithm');
    expect(rule?.detail).toMatch(/sha-?1/i);
  });

  it('an RSA-1024 CA fails the key-type rule (and only it)', async () => {
    const pem = opensslCa('rsa1024-ca.pem', ['-newkey', 'rsa:1024'], 'sha256');
    const result = await inspect(pem);
    expect(failing(result.checks)).toEqual(['key-type']);
    expect(result.checks?.find((r) => r.rule === 'key-type')?.detail).toMatch(/1024/);
  });
});
