// PFX and key files through the built CLI: how it takes passwords (ANCHORAGE_EXPORT_PASSWORD, --password-stdin,
// --generate-password) and how it refuses. What the files hold (both presets, RSA and EC, opened by openssl
// and keytool) and the import round trips are checked in process, in
// test/unit/main/core/pfx-round-trips.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/schemas/models';
import { cliFailure, homePool } from './cli-harness';
import type { CliHarness } from './cli-harness';
import {
  certPublicKeyDer,
  keyPublicKeyDer,
  keytool,
  opensslIdentity,
  opensslOk,
  requirePkiTools,
} from '../support/tools';
import { filesContaining, tempDir } from '../support/fs';

const homes = homePool();
let cli: CliHarness;
const scratch = tempDir('anchorage-pfx-out-');
const out = scratch.dir;

beforeAll(async () => {
  requirePkiTools();
  cli = homes.fresh();
  await cli.ok(['ca', 'create', '--name', 'pfx-ca-ec', '--key-type', 'ec-p256']);
  await cli.ok(['cert', 'issue', '--ca', 'pfx-ca-ec', '--cn', 'pfx-ec', '--key-type', 'ec-p256']);
});
afterAll(() => {
  homes.cleanup();
  scratch.cleanup();
});

/** `export pfx-ec` as a legacy-profile PFX (the rest of argv follows). */
const LEGACY_PFX = ['export', 'pfx-ec', '--format', 'pfx', '--pfx-profile', 'legacy'];

const openWith = (pfx: string, password: string) =>
  opensslOk(['pkcs12', '-info', '-noout', '-in', pfx, '-passin', 'env:PW'], { env: { PW: password } }).code;

describe('passwords through the CLI', () => {
  it('export with ANCHORAGE_EXPORT_PASSWORD and with --password-stdin; import with --password-stdin; a wrong one is one error line', async () => {
    const viaEnv = join(out, 'env.pfx');
    const viaStdin = join(out, 'stdin.pfx');
    await cli.ok(['export', 'pfx-ec', '--format', 'pfx', '--out', viaEnv], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'Env-pw-1!' },
    });
    await cli.ok([...LEGACY_PFX, '--out', viaStdin, '--password-stdin'], {
      stdin: 'Stdin-pw-2!\n',
    });
    expect(openWith(viaEnv, 'Env-pw-1!')).toBe(0);
    expect(openWith(viaStdin, 'Stdin-pw-2!')).toBe(0); // the trailing newline is not part of it

    const wrong = await cli.run(['inspect', viaEnv, '--password-stdin'], { stdin: 'Env-pw-1!x' });
    expect(cliFailure(wrong)).toMatch(/^error: The PFX password is wrong/);
    expect(wrong.stderr).not.toContain('Env-pw-1!x');

    const fresh = homes.fresh();
    const [imported] = await fresh.ok<CertificateSummary[]>(
      ['import', viaStdin, '--password-stdin', '--json'],
      {
        stdin: 'Stdin-pw-2!',
      },
    );
    const certPem = join(out, 'pfx-ec.pem');
    await cli.ok(['export', 'pfx-ec', '--format', 'pem', '--out', certPem]);
    expect(imported).toMatchObject({
      sha256Fingerprint: opensslIdentity(certPem).sha256,
      hasPrivateKey: true,
    });
  });

  it('--generate-password prints a strong password exactly once, which opens the file; it is stored nowhere', async () => {
    const pfx = join(out, 'generated.pfx');
    const r = await cli.run(['export', 'pfx-ec', '--format', 'pfx', '--generate-password', '--out', pfx]);
    expect(r.code, r.stderr).toBe(0);
    const password = /Password \(shown once, store it now\): (\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(password).toMatch(/^[\x21-\x7e]+$/); // printable ASCII, as Java needs
    expect(r.stdout.split(password).length - 1).toBe(1);
    expect(r.stderr).toBe('');
    expect(openWith(pfx, password)).toBe(0);
    expect(
      keytool(['-list', '-storetype', 'PKCS12', '-keystore', pfx, '-storepass:env', 'PW'], {
        env: { PW: password },
      }).code,
    ).toBe(0);
    expect(filesContaining(cli.home, password)).toEqual([]);

    // The --json form carries it once too, and two runs never give the same password.
    const json = await cli.ok<{ password: string; path: string }>([
      ...LEGACY_PFX,
      '--generate-password',
      '--out',
      join(out, 'generated2.pfx'),
      '--json',
    ]);
    expect(json.password).not.toBe(password);
    expect(openWith(json.path, json.password)).toBe(0);
  });

  it('export without any password source refuses, and writes no file', async () => {
    const pfx = join(out, 'nopassword.pfx');
    const r = await cli.run(['export', 'pfx-ec', '--format', 'pfx', '--out', pfx], {
      env: { ANCHORAGE_EXPORT_PASSWORD: '' },
    });
    expect(cliFailure(r)).toMatch(/--password-stdin|ANCHORAGE_EXPORT_PASSWORD/);
    expect(() => readFileSync(pfx)).toThrow();
  });

  it('a key export needs --include-private-key; with it, an encrypted PKCS#8 of the certificate key', async () => {
    const keyFile = join(out, 'p8.key.pem');
    expect(
      cliFailure(
        await cli.run(['export', 'pfx-ec', '--format', 'key', '--out', keyFile], {
          env: { ANCHORAGE_EXPORT_PASSWORD: 'k' },
        }),
      ),
    ).toMatch(/--include-private-key/);
    expect(() => readFileSync(keyFile)).toThrow();
    await cli.ok(['export', 'pfx-ec', '--format', 'key', '--include-private-key', '--out', keyFile], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'pkcs8-password' },
    });
    const certPem = join(out, 'pfx-ec-2.pem');
    await cli.ok(['export', 'pfx-ec', '--format', 'pem', '--out', certPem]);
    expect(keyPublicKeyDer(readFileSync(keyFile, 'utf8'), 'pkcs8-password')).toEqual(
      certPublicKeyDer(certPem),
    );
  });
});
