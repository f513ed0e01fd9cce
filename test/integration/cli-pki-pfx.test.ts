// Issue 2 acceptance, through the built `anchorage` CLI: PFX export with both presets for RSA and EC, opened
// by openssl (without -legacy) and Java's keytool; generated passwords; and the round trips (PFX, encrypted
// PKCS#8, PEM made by openssl in PKCS#8/PKCS#1/SEC1, a CA certificate alone) into fresh data directories.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/models';
import { homePool } from './cli-harness';
import type { CliHarness } from './cli-harness';
import {
  certPublicKeyDer,
  cleanupDirs,
  cliFailure,
  filesContaining,
  keyPublicKeyDer,
  keytool,
  openssl,
  opensslIdentity,
  opensslOk,
  requirePkiTools,
  tempDir,
} from './pki-tools';

const dirs: string[] = [];
const homes = homePool();
let cli: CliHarness;
let out: string;

/** A fresh, empty data directory (cleaned up after the file). */
const freshHome = () => homes.fresh();

beforeAll(async () => {
  requirePkiTools();
  cli = freshHome();
  out = tempDir('anchorage-pfx-out-');
  dirs.push(out);
  await cli.ok(['ca', 'create', '--name', 'pfx-ca-rsa', '--key-type', 'rsa-2048']);
  await cli.ok(['ca', 'create', '--name', 'pfx-ca-ec', '--key-type', 'ec-p256']);
  await cli.ok(['cert', 'issue', '--ca', 'pfx-ca-rsa', '--cn', 'pfx-rsa', '--key-type', 'rsa-2048']);
  await cli.ok(['cert', 'issue', '--ca', 'pfx-ca-ec', '--cn', 'pfx-ec', '--key-type', 'ec-p256']);
});
afterAll(() => {
  homes.cleanup();
  cleanupDirs(dirs);
});

async function exportPem(h: CliHarness, ref: string, file: string): Promise<string> {
  const path = join(out, file);
  await h.ok(['export', ref, '--format', 'pem', '--out', path]);
  return path;
}

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
    { profile: 'modern', key: 'rsa', via: 'env' },
    { profile: 'modern', key: 'ec', via: 'stdin' },
    { profile: 'legacy', key: 'rsa', via: 'stdin' },
    { profile: 'legacy', key: 'ec', via: 'env' },
  ] as const;

  for (const { profile, key, via } of cases) {
    it(`${profile} / ${key} (password via ${via}): openssl without -legacy and keytool open it; key matches; wrong password fails; round trip`, async () => {
      const ref = `pfx-${key}`;
      const password = `Pfx-${profile}-${key}-pw!`;
      const pfx = join(out, `${ref}-${profile}.pfx`);
      const args = ['export', ref, '--format', 'pfx', '--pfx-profile', profile, '--out', pfx];
      if (via === 'env') await cli.ok(args, { env: { ANCHORAGE_EXPORT_PASSWORD: password } });
      else await cli.ok([...args, '--password-stdin'], { stdin: `${password}\n` });

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
      const certPem = await exportPem(cli, ref, `${ref}-${profile}.pem`);
      const inside = pfxContents(pfx, password);
      expect(keyPublicKeyDer(inside.keyPem)).toEqual(certPublicKeyDer(certPem));
      expect(opensslIdentity(certPem).sha256).toBe(
        opensslOk(['x509', '-noout', '-fingerprint', '-sha256'], { stdin: inside.certPem })
          .stdout.split('=')[1]
          ?.trim(),
      );
      expect(inside.bags).toContain(`friendlyName: ${ref}`);
      expect(inside.bags.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2); // leaf + its CA

      // A wrong password: openssl, keytool and Anchorage all refuse, Anchorage with a clear message.
      const wrong = { PW: `${password}x` };
      const bad = openssl(['pkcs12', '-info', '-noout', '-in', pfx, '-passin', 'env:PW'], { env: wrong });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/invalid password/i);
      expect(
        keytool(['-list', '-storetype', 'PKCS12', '-keystore', pfx, '-storepass:env', 'PW'], { env: wrong })
          .code,
      ).not.toBe(0);
      const refused = await cli.run(['inspect', pfx, '--password-stdin'], { stdin: wrong.PW });
      expect(cliFailure(refused)).toMatch(/^error: The PFX password is wrong/);
      expect(refused.stderr).not.toContain(wrong.PW);

      // Round trip: import into a fresh home (password on stdin) → the same certificate, with its key.
      const fresh = freshHome();
      const [imported] = await fresh.ok<CertificateSummary[]>(['import', pfx, '--password-stdin', '--json'], {
        stdin: password,
      });
      const original = (await cli.ok<CertificateSummary[]>(['list', '--json'])).find((c) => c.name === ref);
      expect(imported).toMatchObject({
        sha256Fingerprint: original?.sha256Fingerprint,
        hasPrivateKey: true,
        kind: 'client',
      });
      expect(imported?.sha256Fingerprint).toBe(opensslIdentity(certPem).sha256);
      // The key really arrived: the fresh home exports it, and it is the certificate's key.
      const keyOut = join(out, `${ref}-${profile}-reexport.key.pem`);
      await fresh.ok(['export', ref, '--format', 'key', '--include-private-key', '--out', keyOut], {
        env: { ANCHORAGE_EXPORT_PASSWORD: 'reexport-pw' },
      });
      expect(keyPublicKeyDer(readFileSync(keyOut, 'utf8'), 'reexport-pw')).toEqual(certPublicKeyDer(certPem));
    });
  }

  it('--generate-password prints a strong password exactly once, which opens the file; it is stored nowhere', async () => {
    const pfx = join(out, 'generated.pfx');
    const r = await cli.run(['export', 'pfx-ec', '--format', 'pfx', '--generate-password', '--out', pfx]);
    expect(r.code, r.stderr).toBe(0);
    const password = /Password \(shown once, store it now\): (\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(password).toMatch(/^[\x21-\x7e]+$/); // printable ASCII, as Java needs
    expect(r.stdout.split(password).length - 1).toBe(1);
    expect(r.stderr).toBe('');
    expect(
      opensslOk(['pkcs12', '-info', '-noout', '-in', pfx, '-passin', 'env:PW'], { env: { PW: password } })
        .code,
    ).toBe(0);
    expect(
      keytool(['-list', '-storetype', 'PKCS12', '-keystore', pfx, '-storepass:env', 'PW'], {
        env: { PW: password },
      }).code,
    ).toBe(0);
    expect(filesContaining(cli.home, password)).toEqual([]);

    // The --json form carries it once too, and two runs never give the same password.
    const json = await cli.ok<{ password: string; path: string }>([
      'export',
      'pfx-ec',
      '--format',
      'pfx',
      '--pfx-profile',
      'legacy',
      '--generate-password',
      '--out',
      join(out, 'generated2.pfx'),
      '--json',
    ]);
    expect(json.password).not.toBe(password);
    expect(
      opensslOk(['pkcs12', '-info', '-noout', '-in', json.path, '-passin', 'env:PW'], {
        env: { PW: json.password },
      }).code,
    ).toBe(0);
  });

  it('export without any password source refuses, and writes no file', async () => {
    const pfx = join(out, 'nopassword.pfx');
    const r = await cli.run(['export', 'pfx-ec', '--format', 'pfx', '--out', pfx], {
      env: { ANCHORAGE_EXPORT_PASSWORD: '' },
    });
    expect(cliFailure(r)).toMatch(/--password-stdin|ANCHORAGE_EXPORT_PASSWORD/);
    expect(() => readFileSync(pfx)).toThrow();
  });
});

describe('round trips into a fresh data directory', () => {
  it('encrypted PKCS#8 (export --format key --include-private-key) + certificate PEM → import: same fingerprint', async () => {
    const certPem = await exportPem(cli, 'pfx-rsa', 'p8-rsa.pem');
    const keyFile = join(out, 'p8-rsa.key.pem');
    // The flag is required: without it nothing is written.
    expect(
      cliFailure(
        await cli.run(['export', 'pfx-rsa', '--format', 'key', '--out', keyFile], {
          env: { ANCHORAGE_EXPORT_PASSWORD: 'k' },
        }),
      ),
    ).toMatch(/--include-private-key/);
    await cli.ok(['export', 'pfx-rsa', '--format', 'key', '--include-private-key', '--out', keyFile], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'pkcs8-password' },
    });
    const keyPem = readFileSync(keyFile, 'utf8');
    expect(keyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(keyPem).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY/);
    // openssl needs the password, and with it finds the certificate's key.
    expect(
      openssl(['pkey', '-passin', 'env:PW', '-noout'], { stdin: keyPem, env: { PW: 'wrong' } }).code,
    ).not.toBe(0);
    expect(keyPublicKeyDer(keyPem, 'pkcs8-password')).toEqual(certPublicKeyDer(certPem));

    const fresh = freshHome();
    // Without the password: a clear refusal; with a wrong one too; with the right one (stdin) it imports.
    expect(cliFailure(await fresh.run(['import', certPem, keyFile]))).toMatch(
      /encrypted and needs its password/,
    );
    expect(
      cliFailure(await fresh.run(['import', certPem, keyFile, '--password-stdin'], { stdin: 'nope' })),
    ).toMatch(/password is wrong/);
    const [imported] = await fresh.ok<CertificateSummary[]>(
      ['import', certPem, keyFile, '--password-stdin', '--json'],
      { stdin: 'pkcs8-password' },
    );
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

  /** Import cert + key into a fresh home and prove the key Anchorage stored is the certificate's key. */
  async function importAndCheck(cert: string, key: string, keyType: string, header: RegExp): Promise<void> {
    expect(readFileSync(key, 'utf8')).toMatch(header);
    const fresh = freshHome();
    const [imported] = await fresh.ok<CertificateSummary[]>(['import', cert, key, '--json']);
    expect(imported).toMatchObject({
      sha256Fingerprint: opensslIdentity(cert).sha256,
      hasPrivateKey: true,
      keyType,
      kind: 'client',
    });
    const pfx = join(out, `${imported?.id}.pfx`);
    await fresh.ok(['export', imported?.id ?? '', '--format', 'pfx', '--out', pfx], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'check-pw' },
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

  it("a CA certificate alone imports without a key; cert issue from it fails with MISSING_KEY's message", async () => {
    const caPem = await exportPem(cli, 'pfx-ca-ec', 'alone-ca.pem');
    const fresh = freshHome();
    const [imported] = await fresh.ok<CertificateSummary[]>([
      'import',
      caPem,
      '--name',
      'their-anchor',
      '--json',
    ]);
    expect(imported).toMatchObject({
      kind: 'ca',
      hasPrivateKey: false,
      name: 'their-anchor',
      sha256Fingerprint: opensslIdentity(caPem).sha256,
    });
    const r = await fresh.run([
      'cert',
      'issue',
      '--ca',
      'their-anchor',
      '--cn',
      'x',
      '--key-type',
      'ec-p256',
    ]);
    expect(cliFailure(r)).toMatch(
      /^error: "their-anchor" has no private key in Anchorage .*\(hint: Import the certificate together with its key/,
    );
    expect((await fresh.ok<CertificateSummary[]>(['list', '--json'])).map((c) => c.name)).toEqual([
      'their-anchor',
    ]);
  });
});
