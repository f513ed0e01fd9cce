/**
 * The PFX export the certificate service makes (pkcs12-export.ts exportPfx): built from the stored
 * certificates' DER without @peculiar/x509 and read back, it must open in OpenSSL 3 and keytool, hold what
 * createPfx (the reference, which parses every certificate) puts in a file from the same inputs, and keep
 * createPfx's checks and ordering for every input the DER path does not take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntermediateCa, createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { pemToDer } from '../../../../../main/core/pki/pem';
import { exportPfx } from '../../../../../main/core/pki/pkcs12-export';
import type { ExportPfxOptions } from '../../../../../main/core/pki/pkcs12-export';
import { createPfx, readPfx } from '../../../../../main/core/pki/pkcs12';
import { openPfx } from '../../../../../main/core/pki/pfx-open';
import { tempDir } from '../../../../support/fs';
import { keytool, ok, openssl, opensslOk, rejection, requirePkiTools } from '../../../../support/tools';
import { signerOf } from '../../../../support/pki';

const tmp = tempDir();
const PASSWORD = 'Export pass 9!';
const env = { PFXPW: PASSWORD };
const fixtures: Record<string, { ca: IssuedCertificate; client: IssuedCertificate }> = {};
let root: IssuedCertificate;
let intermediate: IssuedCertificate;
let leaf: IssuedCertificate;

beforeAll(async () => {
  requirePkiTools();
  for (const keyType of ['rsa-2048', 'ec-p256'] as const) {
    const ca = await createRootCa({ subject: { commonName: `Export Root ${keyType}` }, keyType });
    const client = await issueClientCertificate({
      issuer: signerOf(ca),
      subject: { commonName: `export client ${keyType}` },
      keyType,
    });
    fixtures[keyType] = { ca, client };
  }
  root = await createRootCa({ subject: { commonName: 'Export chain root' }, keyType: 'ec-p256' });
  intermediate = await createIntermediateCa({
    issuer: signerOf(root),
    subject: { commonName: 'Export chain intermediate' },
    keyType: 'ec-p256',
  });
  leaf = await issueClientCertificate({
    issuer: signerOf(intermediate),
    subject: { commonName: 'export chain leaf' },
    keyType: 'ec-p256',
  });
});
afterAll(() => tmp.cleanup());

const der = (pem: string) => Buffer.from(pemToDer(pem, 'CERTIFICATE'));
/** The certificates of a PFX in file order, as DER, and what else it holds. */
const contents = async (pfx: Uint8Array) => {
  const opened = await openPfx(pfx, PASSWORD);
  return { ...opened, certificates: opened.certificates.map((c) => Buffer.from(c)) };
};

describe.each(['rsa-2048', 'ec-p256'] as const)('%s', (keyType) => {
  describe.each(['modern', 'legacy'] as const)('%s profile', (profile) => {
    let options: ExportPfxOptions;
    let pfx: Uint8Array;
    let path: string;
    beforeAll(async () => {
      const { ca, client } = fixtures[keyType]!;
      options = {
        certificatePem: client.certificatePem,
        chainPem: [ca.certificatePem],
        privateKeyPkcs8: client.privateKeyPkcs8,
        password: PASSWORD,
        profile,
        friendlyName: 'exported client',
      };
      pfx = await exportPfx(options);
      path = tmp.write(`${keyType}-${profile}.pfx`, pfx);
    });

    it('opens in openssl without -legacy: leaf then CA, the friendlyName, the key of the leaf', () => {
      const { ca, client } = fixtures[keyType]!;
      const out = ok('openssl', ['pkcs12', '-in', path, '-passin', 'env:PFXPW', '-nodes'], { env });
      const certs = out.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
      expect(certs.map((pem) => der(pem))).toEqual([der(client.certificatePem), der(ca.certificatePem)]);
      expect(out).toContain('friendlyName: exported client');
      const keyPem = ok('openssl', ['pkcs12', '-in', path, '-passin', 'env:PFXPW', '-nocerts', '-nodes'], {
        env,
      });
      const keyPub = ok('openssl', ['pkey', '-pubout'], { input: keyPem });
      expect(keyPub).toBe(ok('openssl', ['x509', '-noout', '-pubkey'], { input: client.certificatePem }));
    });

    it('opens in keytool as a PrivateKeyEntry with a chain of 2', () => {
      const r = keytool(
        ['-list', '-v', '-storetype', 'PKCS12', '-keystore', path, '-storepass:env', 'PFXPW'],
        {
          env,
        },
      );
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Alias name: exported client');
      expect(r.stdout).toContain('Entry type: PrivateKeyEntry');
      expect(r.stdout).toContain('Certificate chain length: 2');
    });

    it('is refused by openssl and by readPfx with another password', async () => {
      const r = openssl(['pkcs12', '-in', path, '-passin', 'pass:not the password', '-nodes']);
      expect(r.code).not.toBe(0);
      expect((await rejection(() => readPfx(pfx, 'not the password'))).code).toBe('WRONG_PASSWORD');
    });

    it('holds what createPfx puts in a file from the same inputs, under the same protection', async () => {
      const reference = createPfx({
        certificate: options.certificatePem,
        chain: options.chainPem,
        privateKeyPkcs8: options.privateKeyPkcs8,
        password: PASSWORD,
        preset: profile,
        friendlyName: 'exported client',
      });
      expect(await contents(pfx)).toEqual(await contents(reference));
    });
  });
});

describe('inputs the DER path leaves to createPfx', () => {
  const base = (): ExportPfxOptions => ({
    certificatePem: leaf.certificatePem,
    chainPem: [intermediate.certificatePem, root.certificatePem],
    privateKeyPkcs8: leaf.privateKeyPkcs8,
    password: PASSWORD,
    profile: 'modern',
    friendlyName: 'chain leaf',
  });
  const inOrder = () => [leaf, intermediate, root].map((c) => der(c.certificatePem));

  it('a chain in the stored order: leaf, intermediate, root', async () => {
    expect((await contents(await exportPfx(base()))).certificates).toEqual(inOrder());
  });

  it('a chain out of order is put leaf → root, as createPfx does', async () => {
    const pfx = await exportPfx({ ...base(), chainPem: [root.certificatePem, intermediate.certificatePem] });
    expect((await contents(pfx)).certificates).toEqual(inOrder());
  });

  it('a copy of the leaf in the chain is dropped', async () => {
    const chainPem = [leaf.certificatePem, intermediate.certificatePem, root.certificatePem];
    expect((await contents(await exportPfx({ ...base(), chainPem }))).certificates).toEqual(inOrder());
  });

  it('PEM in another form (CRLF lines, text before the block) gives the same certificates', async () => {
    const crlf = (pem: string) => `Bag Attributes\r\n${pem.replace(/\n/g, '\r\n')}`;
    const pfx = await exportPfx({
      ...base(),
      certificatePem: crlf(leaf.certificatePem),
      chainPem: [intermediate.certificatePem, root.certificatePem].map(crlf),
    });
    expect((await contents(pfx)).certificates).toEqual(inOrder());
  });

  it('without a friendlyName the leaf’s CN names it', async () => {
    const { friendlyName: _, ...options } = base();
    expect((await contents(await exportPfx(options))).friendlyNames).toEqual([
      'export chain leaf',
      'export chain leaf',
    ]);
  });

  it('refuses the key of another certificate (KEY_MISMATCH)', async () => {
    const err = await rejection(() =>
      exportPfx({ ...base(), privateKeyPkcs8: intermediate.privateKeyPkcs8 }),
    );
    expect(err.code).toBe('KEY_MISMATCH');
  });

  it('refuses a key Roles Anywhere does not accept (an Ed25519 certificate from openssl)', async () => {
    const keyPath = `${tmp.dir}/ed25519.key`;
    const certPem = opensslOk([
      'req',
      '-x509',
      '-newkey',
      'ed25519',
      '-nodes',
      '-keyout',
      keyPath,
      '-subj',
      '/CN=ed25519 leaf',
      '-days',
      '1',
    ]).stdout;
    const pkcs8 = opensslOk(['pkey', '-in', keyPath, '-outform', 'DER']).raw;
    const err = await rejection(() =>
      exportPfx({ ...base(), certificatePem: certPem, chainPem: [], privateKeyPkcs8: new Uint8Array(pkcs8) }),
    );
    expect(err.code).toBe('UNSUPPORTED_KEY');
  });

  it('refuses an empty password and an unknown profile', async () => {
    expect((await rejection(() => exportPfx({ ...base(), password: '' }))).code).toBe('INVALID_PASSWORD');
    const profile = 'fancy' as ExportPfxOptions['profile'];
    expect((await rejection(() => exportPfx({ ...base(), profile }))).code).toBe('INVALID_INPUT');
  });
});
