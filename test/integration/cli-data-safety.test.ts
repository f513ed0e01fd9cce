// Data safety through the built `anchorage` CLI: the files it writes are owner-only, and a locked or absent
// keychain fails with one clear line and writes nothing (ARCHITECTURE §4, §7). That the data directory never
// holds a private key in any encoding, with either vault, and that a wrong passphrase changes nothing, is
// checked in process in test/unit/main/core/data-safety.test.ts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/schemas/models';
import { homePool, REPO } from './cli-harness';
import type { CliHarness, CliResult } from './cli-harness';
import { requireKeyringSession, secretToolClear, WITH_KEYRING } from '../unit/main/core/vault/keyring-env';
import { requirePkiTools } from '../support/tools';
import { cleanupDirs, filesContaining, snapshot, tempDir } from '../support/fs';
import { cliFailure } from './cli-harness';

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

describe('what the CLI writes', () => {
  it('exported PFX and key files are 0600, and the data directory is 0700 with 0600 files', async () => {
    const h = home('file');
    await h.ok(['ca', 'create', '--name', 'ds-ca', '--key-type', 'ec-p256']);
    await h.ok(['cert', 'issue', '--ca', 'ds-ca', '--cn', 'ds-ec', '--key-type', 'ec-p256']);
    const out = tempDir('anchorage-ds-out-').dir;
    dirs.push(out);
    const env = { ANCHORAGE_EXPORT_PASSWORD: 'data-safety-pw' };
    await h.ok(['export', 'ds-ec', '--format', 'pfx', '--out', join(out, 'ds-ec.pfx')], { env });
    await h.ok(
      [
        'export',
        'ds-ec',
        '--format',
        'pfx',
        '--pfx-profile',
        'legacy',
        '--out',
        join(out, 'ds-ec-legacy.pfx'),
      ],
      {
        env,
      },
    );
    await h.ok(
      ['export', 'ds-ec', '--format', 'key', '--include-private-key', '--out', join(out, 'ds-ec.key')],
      {
        env,
      },
    );
    for (const file of ['ds-ec.pfx', 'ds-ec-legacy.pfx', 'ds-ec.key']) {
      expect(statSync(join(out, file)).mode & 0o777, file).toBe(0o600);
    }
    // What the data directory holds in detail is checked in process (test/unit/main/core/data-safety.test.ts).
    expect(statSync(h.home).mode & 0o777).toBe(0o700);
    for (const e of snapshot(h.home))
      expect({ path: e.path, mode: e.mode }).toEqual({
        path: e.path,
        mode: e.type === 'dir' ? 0o700 : 0o600,
      });
    expect(filesContaining(h.home, 'PRIVATE KEY')).toEqual([]);
  });
});

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
    const out = tempDir('anchorage-ds-nobus-').dir;
    dirs.push(out);
    for (const args of [
      ['cert', 'issue', '--ca', 'bus-ca', '--cn', 'nobus-client', '--key-type', 'ec-p256'],
      ['ca', 'create', '--name', 'nobus-ca', '--key-type', 'ec-p256'],
      ['export', 'bus-ca', '--format', 'pfx', '--include-private-key', '--out', join(out, 'x.pfx')],
    ]) {
      const fail = await h.run(args, { env: { ...noBus, ANCHORAGE_EXPORT_PASSWORD: 'pw-nobus' } });
      expect(cliFailure(fail), args.join(' ')).toMatch(/^error: No usable OS keychain/);
    }
    expect(snapshot(h.home)).toEqual(before);
    expect(existsSync(join(out, 'x.pfx'))).toBe(false);
  });
});
