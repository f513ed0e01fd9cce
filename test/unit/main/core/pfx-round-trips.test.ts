/**
 * Issue 2 acceptance, in process through `createCore` (test/support/core-harness.ts): PFX export with both
 * presets for RSA and EC, opened by openssl (without -legacy) and Java's keytool; and the round trips (PFX,
 * encrypted PKCS#8, PEM made by openssl in PKCS#8/PKCS#1/SEC1, a CA certificate alone) into fresh data
 * directories. How the CLI takes passwords (env, stdin, --generate-password) and words its refusals stays in
 * test/integration/cli-pki-pfx.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../main/core/api';
import type { KeyType } from '../../../../shared/domain/key-types';
import type { CertificateSummary } from '../../../../shared/schemas/models';
import { createCa, issueCert, testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';
import { tempDir } from '../../../support/fs';
import {
  certPublicKeyDer,
  keyPublicKeyDer,
  keytool,
  openssl,
  opensslIdentity,
  opensslOk,
  rejection,
  requirePkiTools,
} from '../../../support/tools';

const cores: TestCore[] = [];
let core: CoreApi;
const scratch = tempDir('anchorage-pfx-out-');
const out = scratch.dir;

/** A fresh, empty data directory (cleaned up after the file); its clock runs, as openssl's does. */
async function freshCore(): Promise<CoreApi> {
  const t = await testCore('running');
  cores.push(t);
  return t.core;
}

beforeAll(async () => {
  requirePkiTools();
  core = await freshCore();
  await createCa(core, 'pfx-ca-rsa', 'rsa-2048');
  await createCa(core, 'pfx-ca-ec', 'ec-p256');
  await issueCert(core, 'pfx-ca-rsa', 'pfx-rsa', 'rsa-2048');
  await issueCert(core, 'pfx-ca-ec', 'pfx-ec', 'ec-p256');
});
afterAll(async () => {
  for (const t of cores.splice(0)) await t.cleanup();
  scratch.cleanup();
});

/** Export into the scratch dir (as `export --out`) and return the path. */
async function exportTo(
  c: CoreApi,
  file: string,
  input: Parameters<CoreApi['exportCertificate']>[0],
): Promise<string> {
  const path = join(out, file);
  writeFileSync(path, (await c.exportCertificate(input)).bytes);
  return path;
}

const exportPem = (c: CoreApi, ref: string, file: string) => exportTo(c, file, { ref, format: 'pem' });
const importFiles = (c: CoreApi, paths: string[], extra: { name?: string; password?: string } = {}) =>
  c.importCertificate({ files: paths.map((p) => readFileSync(p)), ...extra });

/** The first certificate and the key inside a PFX, read by openssl (PEM). */
function pfxContents(pfx: string, password: string): { certPem: string; keyPem: string; bags: string } {
  const env = { PW: password };
  const certPem = opensslOk(['pkcs12', '-in', pfx, '-clcerts', '-nokeys', '-passin', 'env:PW'], {
    env,
  }).stdout;
  const keyPem = opensslOk(['pkcs12', '-in', pfx, '-nocerts', '-nodes', '-passin', 'env:PW'], { env }).stdout;
  const bags = opensslOk(['pkcs12', '-in', pfx, '-nokeys', '-passin', 'env:PW'], { env }).stdout;
  return { certPem, keyPem, bags };
}

/** What `openssl pkcs12 -info` must report for each preset (issue 2, PKCS#12 export). */
const PRESET_INFO = {
  modern: [/MAC: sha256/, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/],
  legacy: [/MAC: sha1, Iteration 2048/, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/],
} as const;

describe('PFX export, both presets, RSA and EC', () => {
  const cases = [
    { profile: 'modern', key: 'rsa' },
    { profile: 'modern', key: 'ec' },
    { profile: 'legacy', key: 'rsa' },
    { profile: 'legacy', key: 'ec' },
  ] as const;

  for (const { profile, key } of cases) {
    it(`${profile} / ${key}: openssl without -legacy and keytool open it; key matches; wrong password fails; round trip`, async () => {
      const ref = `pfx-${key}`;
      const password = `Pfx-${profile}-${key}-pw!`;
      const pfx = await exportTo(core, `${ref}-${profile}.pfx`, {
        ref,
        format: 'pfx',
        pfxProfile: profile,
        password,
      });

      // openssl 3 opens it with its default provider: no -legacy needed, for either preset.
      const info = opensslOk(['pkcs12', '-info', '-noout', '-in', pfx, '-passin', 'env:PW'], {
        env: { PW: password },
      });
      for (const pattern of PRESET_INFO[profile]) expect(info.stdout + info.stderr).toMatch(pattern);

      const listed = keytool(
        ['-list', '-v', '-storetype', 'PKCS12', '-keystore', pfx, '-storepass:env', 'PW'],
        { env: { PW: password } },
      );
      expect(listed.stderr + listed.stdout).toContain('Entry type: PrivateKeyEntry');
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('Certificate chain length: 2');
      expect(listed.stdout).toContain(`Alias name: ${ref}`); // the friendlyName

      // The key inside is the certificate's key, and the certificate is the one in Anchorage.
      const certPem = await exportPem(core, ref, `${ref}-${profile}.pem`);
      const inside = pfxContents(pfx, password);
      expect(keyPublicKeyDer(inside.keyPem)).toEqual(certPublicKeyDer(certPem));
      expect(opensslIdentity(certPem).sha256).toBe(
        opensslOk(['x509', '-noout', '-fingerprint', '-sha256'], { input: inside.certPem })
          .stdout.split('=')[1]
          ?.trim(),
      );
      expect(inside.bags).toContain(`friendlyName: ${ref}`);
      expect(inside.bags.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2); // leaf + its CA

      // A wrong password: openssl, keytool and Anchorage all refuse; Anchorage's message never holds it.
      const wrong = { PW: `${password}x` };
      const bad = openssl(['pkcs12', '-info', '-noout', '-in', pfx, '-passin', 'env:PW'], { env: wrong });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/invalid password/i);
      expect(
        keytool(['-list', '-storetype', 'PKCS12', '-keystore', pfx, '-storepass:env', 'PW'], { env: wrong })
          .code,
      ).not.toBe(0);
      const refused = await rejection(() => core.inspectBytes(readFileSync(pfx), wrong.PW));
      expect(refused.code).toBe('WRONG_PASSWORD');
      expect(`${refused.message} ${refused.hint}`).not.toContain(wrong.PW);

      // Round trip: import into a fresh data directory → the same certificate, with its key.
      const fresh = await freshCore();
      const [imported] = await importFiles(fresh, [pfx], { password });
      const original = (await core.listCertificates()).find((c) => c.name === ref);
      expect(imported).toMatchObject({
        sha256Fingerprint: original?.sha256Fingerprint,
        hasPrivateKey: true,
        kind: 'client',
      });
      expect(imported?.sha256Fingerprint).toBe(opensslIdentity(certPem).sha256);
      // The key really arrived: the fresh data directory exports it, and it is the certificate's key.
      const keyOut = await exportTo(fresh, `${ref}-${profile}-reexport.key.pem`, {
        ref,
        format: 'key',
        password: 'reexport-pw',
      });
      expect(keyPublicKeyDer(readFileSync(keyOut, 'utf8'), 'reexport-pw')).toEqual(certPublicKeyDer(certPem));
    });
  }

  it('generated passwords are strong, printable, and differ each time; one opens its file', async () => {
    const password = core.generatePassword();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(password).toMatch(/^[\x21-\x7e]+$/); // printable ASCII, as Java needs
    expect(core.generatePassword()).not.toBe(password);
    const pfx = await exportTo(core, 'generated.pfx', { ref: 'pfx-ec', format: 'pfx', password });
    expect(
      keytool(['-list', '-storetype', 'PKCS12', '-keystore', pfx, '-storepass:env', 'PW'], {
        env: { PW: password },
      }).code,
    ).toBe(0);
  });

  it('a PFX or key export without a password is refused', async () => {
    for (const format of ['pfx', 'key'] as const) {
      const r = await rejection(() => core.exportCertificate({ ref: 'pfx-ec', format }));
      expect(r.code, format).toBe('INVALID_PASSWORD');
    }
  });
});

describe('round trips into a fresh data directory', () => {
  it('encrypted PKCS#8 (key export) + certificate PEM → import: same fingerprint', async () => {
    const certPem = await exportPem(core, 'pfx-rsa', 'p8-rsa.pem');
    const keyFile = await exportTo(core, 'p8-rsa.key.pem', {
      ref: 'pfx-rsa',
      format: 'key',
      password: 'pkcs8-password',
    });
    const keyPem = readFileSync(keyFile, 'utf8');
    expect(keyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(keyPem).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY/);
    // openssl needs the password, and with it finds the certificate's key.
    expect(
      openssl(['pkey', '-passin', 'env:PW', '-noout'], { input: keyPem, env: { PW: 'wrong' } }).code,
    ).not.toBe(0);
    expect(keyPublicKeyDer(keyPem, 'pkcs8-password')).toEqual(certPublicKeyDer(certPem));

    const fresh = await freshCore();
    // Without the password: refused; with a wrong one too; with the right one it imports.
    expect((await rejection(() => importFiles(fresh, [certPem, keyFile]))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(() => importFiles(fresh, [certPem, keyFile], { password: 'nope' }))).code).toBe(
      'WRONG_PASSWORD',
    );
    expect(await fresh.listCertificates()).toEqual([]);
    const [imported] = await importFiles(fresh, [certPem, keyFile], { password: 'pkcs8-password' });
    expect(imported).toMatchObject({
      sha256Fingerprint: opensslIdentity(certPem).sha256,
      hasPrivateKey: true,
      keyType: 'rsa-2048',
    });
  });

  /** A client-style certificate and key made entirely by openssl. */
  function opensslClient(name: string, keyArgs: string[]): { cert: string; key: string } {
    const cert = join(out, `${name}.crt.pem`);
    const key = join(out, `${name}.key.pem`);
    opensslOk([
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      '-sha256',
      '-days',
      '30',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      key,
      '-out',
      cert,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'keyUsage=critical,digitalSignature',
      '-addext',
      'extendedKeyUsage=clientAuth',
    ]);
    return { cert, key };
  }

  /** Import cert + key into a fresh data directory and prove the key Anchorage stored is the certificate's. */
  async function importAndCheck(cert: string, key: string, keyType: KeyType, header: RegExp): Promise<void> {
    expect(readFileSync(key, 'utf8')).toMatch(header);
    const fresh = await freshCore();
    const [imported] = await importFiles(fresh, [cert, key]);
    expect(imported).toMatchObject({
      sha256Fingerprint: opensslIdentity(cert).sha256,
      hasPrivateKey: true,
      keyType,
      kind: 'client',
    });
    const pfx = await exportTo(fresh, `${imported?.id}.pfx`, {
      ref: imported?.id ?? '',
      format: 'pfx',
      password: 'check-pw',
    });
    expect(keyPublicKeyDer(pfxContents(pfx, 'check-pw').keyPem)).toEqual(certPublicKeyDer(cert));
  }

  it('openssl req -x509 RSA certificate + PKCS#8 key imports with the same fingerprint', async () => {
    const { cert, key } = opensslClient('ossl-rsa-p8', ['-newkey', 'rsa:2048']);
    await importAndCheck(cert, key, 'rsa-2048', /^-----BEGIN PRIVATE KEY-----/);
  });

  it('openssl RSA certificate + PKCS#1 key (openssl rsa -traditional) imports', async () => {
    const { cert, key } = opensslClient('ossl-rsa-p1', ['-newkey', 'rsa:2048']);
    const pkcs1 = join(out, 'ossl-rsa-p1.pkcs1.pem');
    opensslOk(['rsa', '-in', key, '-traditional', '-out', pkcs1]);
    await importAndCheck(cert, pkcs1, 'rsa-2048', /^-----BEGIN RSA PRIVATE KEY-----/);
  });

  it('openssl EC P-384 certificate + SEC1 key (openssl ec) imports', async () => {
    const { cert, key } = opensslClient('ossl-ec-sec1', [
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-384',
    ]);
    const sec1 = join(out, 'ossl-ec-sec1.sec1.pem');
    opensslOk(['ec', '-in', key, '-out', sec1]);
    await importAndCheck(cert, sec1, 'ec-p384', /^-----BEGIN EC PRIVATE KEY-----/);
  });

  it('a CA certificate alone imports without a key; issuing from it is MISSING_KEY, naming it', async () => {
    const caPem = await exportPem(core, 'pfx-ca-ec', 'alone-ca.pem');
    const fresh = await freshCore();
    const [imported] = await importFiles(fresh, [caPem], { name: 'their-anchor' });
    expect(imported).toMatchObject({
      kind: 'ca',
      hasPrivateKey: false,
      name: 'their-anchor',
      sha256Fingerprint: opensslIdentity(caPem).sha256,
    });
    const r = await rejection(() => issueCert(fresh, 'their-anchor', 'x', 'ec-p256'));
    expect(r.code).toBe('MISSING_KEY');
    expect(r.message).toContain('"their-anchor"');
    expect((await fresh.listCertificates()).map((c: CertificateSummary) => c.name)).toEqual(['their-anchor']);
  });
});
