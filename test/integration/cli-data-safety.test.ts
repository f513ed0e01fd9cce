// Issue 2 acceptance, through the built `anchorage` CLI: the data directory never holds a private key in the
// clear (PEM headers, PKCS#8/PKCS#1/SEC1 DER, their base64 and hex, the raw private numbers), every file is
// 0600 and every directory 0700, with the passphrase vault and with the real Secret Service (ARCHITECTURE §4,
// §7); a locked or absent keychain and a wrong passphrase fail clearly and write nothing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/models';
import { homePool, REPO } from './cli-harness';
import type { CliHarness, CliResult } from './cli-harness';
import {
  requireKeyringSession,
  secretToolClear,
  secretToolLookup,
  WITH_KEYRING,
} from '../unit/main/core/vault/keyring-env';
import {
  cleanupDirs,
  cliFailure,
  filesContaining,
  opensslOk,
  requirePkiTools,
  snapshot,
  tempDir,
} from './pki-tools';

const dirs: string[] = [];
const homes = homePool();
const services: string[] = [];

beforeAll(() => {
  requirePkiTools();
  requireKeyringSession();
});
afterAll(() => {
  homes.cleanup();
  cleanupDirs(dirs);
  for (const service of services.splice(0)) {
    try {
      secretToolClear(service, 'vault-key');
    } catch {
      // already gone
    }
  }
});

/**
 * A harness on `vault`; a keychain harness gets a keychain service of its own, so its vault key is a
 * separate item in the shared test keyring.
 */
function home(vault: 'file' | 'keychain'): CliHarness & { service?: string } {
  const h = homes.fresh({ vault });
  if (vault === 'file') return h;
  const service = `anchorage-it-${randomBytes(4).toString('hex')}`;
  services.push(service);
  const extra = { ANCHORAGE_KEYCHAIN_SERVICE: service };
  return {
    ...h,
    service,
    run: (args, o = {}) => h.run(args, { ...o, env: { ...extra, ...o.env } }),
    ok: (args, o = {}) => h.ok(args, { ...o, env: { ...extra, ...o.env } }),
  };
}

/** Every encoding of a private key we must never find in the data directory. */
function keyNeedles(pkcs8Pem: string): { label: string; bytes: Buffer }[] {
  const pkcs8 = opensslOk(['pkey', '-outform', 'DER'], { stdin: pkcs8Pem }).raw;
  const traditional = opensslOk(['pkey', '-traditional', '-outform', 'DER'], { stdin: pkcs8Pem }).raw;
  const text = opensslOk(['pkey', '-noout', '-text'], { stdin: pkcs8Pem }).stdout;
  // The secret number itself: RSA's private exponent, EC's private scalar (openssl prints them as hex blocks).
  const secretHex =
    /(?:privateExponent|priv):\n((?:\s+[0-9a-f:]+\n)+)/.exec(text)?.[1]?.replace(/[\s:]/g, '') ?? '';
  const secret = Buffer.from(secretHex.replace(/^(00)+/, ''), 'hex');
  expect(secret.length).toBeGreaterThanOrEqual(32);
  const needles: { label: string; bytes: Buffer }[] = [];
  for (const [name, der] of [
    ['PKCS#8 DER', pkcs8],
    ['PKCS#1/SEC1 DER', traditional],
    ['private number', secret],
  ] as const) {
    needles.push({ label: `${name}`, bytes: der });
    needles.push({ label: `${name} base64`, bytes: Buffer.from(der.toString('base64')) });
    needles.push({
      label: `${name} base64 (first PEM line)`,
      bytes: Buffer.from(der.toString('base64').slice(0, 64)),
    });
    needles.push({ label: `${name} base64url`, bytes: Buffer.from(der.toString('base64url').slice(0, 64)) });
    needles.push({ label: `${name} hex`, bytes: Buffer.from(der.toString('hex')) });
    needles.push({ label: `${name} HEX`, bytes: Buffer.from(der.toString('hex').toUpperCase()) });
  }
  return needles;
}

/** The data directory's invariants: modes, no PEM private-key header, none of the needles. */
function expectClean(root: string, needles: { label: string; bytes: Buffer }[]): void {
  expect(statSync(root).mode & 0o777).toBe(0o700);
  const entries = snapshot(root);
  expect(entries.length).toBeGreaterThan(0);
  for (const e of entries)
    expect({ path: e.path, mode: e.mode }).toEqual({ path: e.path, mode: e.type === 'dir' ? 0o700 : 0o600 });
  expect(filesContaining(root, 'PRIVATE KEY')).toEqual([]);
  expect(filesContaining(root, '-----BEGIN ENCRYPTED')).toEqual([]);
  for (const n of needles) expect(filesContaining(root, n.bytes), n.label).toEqual([]);
}

for (const vault of ['file', 'keychain'] as const) {
  describe(`data directory with the ${vault === 'file' ? 'passphrase' : 'keychain'} vault`, () => {
    it('after issuing RSA and EC certificates and exporting them: no private key in any form, files 0600, dirs 0700', async () => {
      const h = home(vault);
      const out = tempDir('anchorage-ds-out-');
      dirs.push(out);
      await h.ok(['ca', 'create', '--name', 'ds-ca-rsa', '--key-type', 'rsa-2048']);
      await h.ok(['ca', 'create', '--name', 'ds-ca-ec', '--key-type', 'ec-p384']);
      await h.ok(['ca', 'create', '--name', 'ds-int', '--parent', 'ds-ca-ec', '--key-type', 'ec-p256']);
      await h.ok(['cert', 'issue', '--ca', 'ds-ca-rsa', '--cn', 'ds-rsa', '--key-type', 'rsa-2048']);
      await h.ok(['cert', 'issue', '--ca', 'ds-int', '--cn', 'ds-ec', '--key-type', 'ec-p256']);
      const names = ['ds-ca-rsa', 'ds-ca-ec', 'ds-int', 'ds-rsa', 'ds-ec'];

      // Export every way, and extract each private key through a PFX and openssl.
      const password = 'data-safety-pw';
      const env = { ANCHORAGE_EXPORT_PASSWORD: password };
      const needles: { label: string; bytes: Buffer }[] = [];
      for (const name of names) {
        await h.ok(['export', name, '--format', 'pem', '--out', join(out, `${name}.pem`)]);
        await h.ok(['export', name, '--format', 'chain', '--out', join(out, `${name}-chain.pem`)]);
        await h.ok(
          ['export', name, '--format', 'key', '--include-private-key', '--out', join(out, `${name}.key`)],
          { env },
        );
        await h.ok(
          [
            'export',
            name,
            '--format',
            'pfx',
            '--pfx-profile',
            'legacy',
            '--out',
            join(out, `${name}-legacy.pfx`),
          ],
          { env },
        );
        const pfx = join(out, `${name}.pfx`);
        await h.ok(['export', name, '--format', 'pfx', '--out', pfx], { env });
        const keyPem = opensslOk(['pkcs12', '-in', pfx, '-nocerts', '-nodes', '-passin', 'env:PW'], {
          env: { PW: password },
        }).stdout;
        expect(keyPem).toContain('-----BEGIN PRIVATE KEY-----');
        needles.push(...keyNeedles(keyPem).map((n) => ({ ...n, label: `${name}: ${n.label}` })));
      }
      // What goes out is owner-only too: the PFX and key files are 0600.
      for (const file of ['ds-rsa.pfx', 'ds-rsa-legacy.pfx', 'ds-rsa.key', 'ds-ec.pfx']) {
        expect(statSync(join(out, file)).mode & 0o777, file).toBe(0o600);
      }
      await h.ok(['revoke', 'ds-rsa']);
      await h.ok(['crl', 'ds-ca-rsa', '--out', join(out, 'ds.crl')]);

      expectClean(h.home, needles);
      expect(needles.length).toBe(names.length * 18);
      // Exactly one encrypted vault record per key, and the inventory: nothing else lies around.
      const files = snapshot(h.home)
        .filter((e) => e.type === 'file')
        .map((e) => e.path);
      expect(files.filter((p) => p.startsWith('vault/'))).toHaveLength(names.length);
      expect(files.filter((p) => !p.startsWith('vault/')).sort()).toEqual(
        vault === 'file' ? ['inventory.json', 'secrets.json'] : ['inventory.json'],
      );

      if (vault === 'keychain') {
        // The vault key is in the Secret Service (found by libsecret's own client) and in no file.
        const key = secretToolLookup(h.service ?? '', 'vault-key') ?? '';
        expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        const raw = Buffer.from(key, 'base64');
        for (const needle of [raw, key, raw.toString('hex')])
          expect(filesContaining(h.home, needle)).toEqual([]);
      } else {
        expect(filesContaining(h.home, 'integration-test-passphrase')).toEqual([]);
      }
    });
  });
}

describe('vault failures write nothing', () => {
  it("a locked keychain: KEYCHAIN_LOCKED's message for issue, create and export; data dir unchanged; works once unlocked", async () => {
    // Locking the shared login collection would break tests running beside this one, so the child runs in a
    // keyring of its own (a nested scripts/with-keyring.sh), as test/unit/main/core/vault does.
    const child = await new Promise<CliResult>((resolve, reject) => {
      const p = spawn(
        WITH_KEYRING,
        [process.execPath, '--import', 'tsx', join(REPO, 'test/integration/cli-data-locked-child.ts')],
        {
          cwd: REPO,
          env: process.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      p.on('error', reject);
      p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    const last = child.stdout.trim().split('\n').pop() ?? '';
    const report = JSON.parse(last) as {
      ok: boolean;
      locked: boolean;
      attempts: Record<string, CliResult>;
      list: CliResult;
      before: unknown;
      after: unknown;
      emptyAfter: unknown[];
      pfxWritten: boolean;
      unlockedIssue: CliResult;
    };
    expect(report.ok, `${last}\n${child.stderr}`).toBe(true);
    expect(report.locked).toBe(true);
    for (const [what, attempt] of Object.entries(report.attempts)) {
      expect(cliFailure(attempt), what).toMatch(/^error: The keychain is locked\. .*\(hint: Unlock it/);
      expect(attempt.stderr, what).toContain('ANCHORAGE_VAULT=file');
    }
    expect(report.after).toEqual(report.before);
    expect(report.emptyAfter).toEqual([]);
    expect(report.pfxWritten).toBe(false);
    expect(report.list.code).toBe(0);
    expect((JSON.parse(report.list.stdout) as CertificateSummary[]).map((c) => c.name)).toEqual([
      'locked-ca',
    ]);
    expect(report.unlockedIssue.code, report.unlockedIssue.stderr).toBe(0);
  });

  it('an absent keychain (no D-Bus): the keychain-unavailable message, and nothing written', async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    // A new data directory stays empty…
    const fresh = home('keychain');
    const r = await fresh.run(['ca', 'create', '--name', 'nobus', '--key-type', 'ec-p256'], { env: noBus });
    expect(cliFailure(r)).toMatch(/^error: No usable OS keychain: .*\(hint: .*ANCHORAGE_VAULT=file/);
    expect(snapshot(fresh.home)).toEqual([]);

    // …and an existing one is left exactly as it was.
    const h = home('keychain');
    await h.ok(['ca', 'create', '--name', 'bus-ca', '--key-type', 'ec-p256']);
    const before = snapshot(h.home);
    const out = tempDir('anchorage-ds-nobus-');
    dirs.push(out);
    for (const args of [
      ['cert', 'issue', '--ca', 'bus-ca', '--cn', 'nobus-client', '--key-type', 'ec-p256'],
      ['ca', 'create', '--name', 'nobus-ca', '--key-type', 'ec-p256'],
      ['export', 'bus-ca', '--format', 'pfx', '--out', join(out, 'x.pfx')],
    ]) {
      const fail = await h.run(args, { env: { ...noBus, ANCHORAGE_EXPORT_PASSWORD: 'pw-nobus' } });
      expect(cliFailure(fail), args.join(' ')).toMatch(/^error: No usable OS keychain/);
    }
    expect(snapshot(h.home)).toEqual(before);
    expect(existsSync(join(out, 'x.pfx'))).toBe(false);
  });

  it('the passphrase store with a wrong passphrase: its message, and nothing changed', async () => {
    const h = home('file');
    await h.ok(['ca', 'create', '--name', 'pp-ca', '--key-type', 'ec-p256']);
    await h.ok(['cert', 'issue', '--ca', 'pp-ca', '--cn', 'pp-client', '--key-type', 'ec-p256']);
    const before = snapshot(h.home);
    const out = tempDir('anchorage-ds-pp-');
    dirs.push(out);
    const wrong = { ANCHORAGE_VAULT_PASSPHRASE: 'not-the-passphrase', ANCHORAGE_EXPORT_PASSWORD: 'pw-pp' };
    for (const args of [
      ['cert', 'issue', '--ca', 'pp-ca', '--cn', 'pp-other', '--key-type', 'ec-p256'],
      ['ca', 'create', '--name', 'pp-ca-2', '--key-type', 'ec-p256'],
      ['export', 'pp-client', '--format', 'pfx', '--out', join(out, 'pp.pfx')],
    ]) {
      const fail = await h.run(args, { env: wrong });
      expect(cliFailure(fail), args.join(' ')).toMatch(
        /^error: ANCHORAGE_VAULT_PASSPHRASE does not open .*secrets\.json\. \(hint: .*has not been changed/,
      );
      expect(fail.stderr).not.toContain('not-the-passphrase');
    }
    // No passphrase at all: its own message.
    const none = await h.run(['cert', 'issue', '--ca', 'pp-ca', '--cn', 'pp-none', '--key-type', 'ec-p256'], {
      env: { ANCHORAGE_VAULT_PASSPHRASE: '' },
    });
    expect(cliFailure(none)).toMatch(/no passphrase was given/);
    expect(snapshot(h.home)).toEqual(before);
    expect(existsSync(join(out, 'pp.pfx'))).toBe(false);
    // The right passphrase still opens everything.
    await h.ok(['export', 'pp-client', '--format', 'pfx', '--out', join(out, 'pp.pfx')], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'pw-pp' },
    });
  });
});
