/**
 * Issue 9, items 5 and 6, through the built CLI on the real Secret Service (scripts/with-keyring.sh):
 * `vault status|backup|restore|migrate|passphrase`, the recorded vault kind's hint, `--json` errors,
 * did-you-mean without destructive verbs, and `export --out -`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from './aws-fixtures';
import { cliHarness } from './cli-harness';
import type { CliHarness } from './cli-harness';

const BACKUP_PW = 'vault test backup passphrase';
const FILE_PW = 'vault test file passphrase';
let h: CliHarness;
const scratch = scratchDir('anchorage-it-vault-');

beforeAll(() => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('Run under scripts/with-keyring.sh: these tests use the real Secret Service.');
  }
  h = cliHarness({ vault: 'keychain' });
});
afterAll(() => {
  h.cleanup();
  scratch.cleanup();
});

const service = () => h.env.ANCHORAGE_KEYCHAIN_SERVICE as string;
const wipeKeychainItem = () =>
  spawnSync('secret-tool', ['clear', 'service', service(), 'username', 'vault-key']);
const keychainHasKey = () =>
  spawnSync('secret-tool', ['lookup', 'service', service(), 'username', 'vault-key']).status === 0;
const asFile = (passphrase = FILE_PW) => ({
  ANCHORAGE_VAULT: 'file',
  ANCHORAGE_VAULT_PASSPHRASE: passphrase,
});

interface Report {
  kind: string;
  state: string;
  records: number;
  key: string;
  recordedKind?: string;
}

describe('vault management on the OS keychain', () => {
  it('backs up the key, survives a wiped keychain item by restoring it, and every record decrypts', async () => {
    await h.ok(['--json', 'ca', 'create', '--name', 'vault-ca', '--key-type', 'ec-p256']);
    const status = await h.ok<Report>(['--json', 'vault', 'status']);
    expect(status).toMatchObject({ kind: 'keychain', state: 'available', key: 'present', records: 1 });

    const backup = join(scratch.dir, 'vault-key.backup');
    const env = { ANCHORAGE_BACKUP_PASSPHRASE: BACKUP_PW };
    await h.ok(['vault', 'backup', '--out', backup], { env });
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readFileSync(backup, 'utf8')).toContain('anchorage-vault-key-backup');
    const again = await h.run(['vault', 'backup', '--out', backup], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: .*already exists/);
    const short = await h.run(['vault', 'backup', '--out', join(scratch.dir, 'b2'), '--passphrase-stdin'], {
      stdin: 'too short',
    });
    expect(short.stderr).toMatch(/at least 12/);

    wipeKeychainItem();
    const missing = await h.run(['--json', 'cert', 'issue', '--ca', 'vault-ca', '--cn', 'agent-1']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(missing.stderr) as { error: { code: string; message: string; hint: string } };
    expect(parsed.error.code).toBe('VAULT_KEY_MISSING');
    expect(Object.keys(parsed.error)).toEqual(['code', 'message', 'hint']);

    const wrong = await h.run(['vault', 'restore', backup, '--passphrase-stdin'], {
      stdin: 'not the passphrase',
    });
    expect(wrong.code).toBe(1);
    await h.ok(['vault', 'restore', backup, '--passphrase-stdin'], { stdin: BACKUP_PW });
    await h.ok(['--json', 'cert', 'issue', '--ca', 'vault-ca', '--cn', 'agent-1']);
  });

  it('migrates to the passphrase file and back; a missing ANCHORAGE_VAULT then gets the right hint', async () => {
    const moved = await h.ok<{ from: string; to: string; records: number }>(
      ['--json', 'vault', 'migrate', '--to', 'file'],
      {
        env: { ANCHORAGE_VAULT_PASSPHRASE: FILE_PW },
      },
    );
    expect(moved).toMatchObject({ from: 'keychain', to: 'passphrase-file', records: 2 });
    expect(keychainHasKey()).toBe(false);

    const hint = await h.run(['cert', 'issue', '--ca', 'vault-ca', '--cn', 'agent-2']);
    expect(hint.code).toBe(1);
    expect(hint.stderr).toContain('keeps its vault key in a passphrase file');
    expect(hint.stderr).toContain('ANCHORAGE_VAULT=file');
    expect(hint.stderr).not.toContain('missing from the OS keychain');
    await h.ok(['cert', 'issue', '--ca', 'vault-ca', '--cn', 'agent-2'], { env: asFile() });

    // A new passphrase from stdin; the old one no longer opens the file.
    const next = 'a second vault test passphrase';
    await h.ok(['vault', 'passphrase'], { env: asFile(), stdin: next });
    const old = await h.run(['export', 'agent-2', '--format', 'key', '--include-private-key', '--out', '-'], {
      env: { ...asFile(), ANCHORAGE_EXPORT_PASSWORD: 'export password' },
    });
    expect(old.stderr).toMatch(/does not open/);
    const tooShort = await h.run(['vault', 'passphrase'], { env: asFile(next), stdin: 'short' });
    expect(tooShort.stderr).toMatch(/at least 12/);

    const back = await h.ok<{ to: string }>(['--json', 'vault', 'migrate', '--to', 'keychain'], {
      env: asFile(next),
    });
    expect(back.to).toBe('keychain');
    expect(keychainHasKey()).toBe(true);
    expect(await h.ok<Report>(['--json', 'vault', 'status'])).toMatchObject({ key: 'present', records: 3 });
  });
});

describe('output conventions', () => {
  it('writes PEM (and a piped PFX) to stdout with --out -, and the summary to stderr', async () => {
    const pem = await h.run(['export', 'agent-1', '--out', '-']);
    expect(pem.code).toBe(0);
    expect(pem.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(pem.stderr).toMatch(/^Wrote standard output/);
    const pfx = await h.run(['export', 'agent-1', '--format', 'pfx', '--out', '-', '--password-stdin'], {
      stdin: 'a fine export password',
    });
    expect(pfx.code).toBe(0);
    expect(pfx.stdout.length).toBeGreaterThan(500);
  });

  it('never suggests a destructive verb, and prints commander errors as JSON with --json', async () => {
    for (const typo of ['remove', 'revok', 'delet']) {
      const r = await h.run([typo, 'x']);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/revoke\?|delete\?|remove\?/);
    }
    const profileTypo = await h.run(['profile', 'remov', 'x']);
    expect(profileTypo.stderr).not.toMatch(/Did you mean remove/);
    const listTypo = await h.run(['lst']);
    expect(listTypo.stderr).toMatch(/Did you mean list\?/);
    const json = await h.run(['--json', 'bogus']);
    expect(json.code).toBe(1);
    expect(json.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
