/**
 * Runs inside a keyring of its own (a nested scripts/with-keyring.sh, started by cli-data-safety.test.ts), so
 * that locking its `login` collection cannot disturb tests running beside it. It drives the built CLI:
 * creates a CA while unlocked, locks the keychain, tries what needs the vault, unlocks, tries again.
 * The last stdout line is a JSON report.
 *
 *   scripts/with-keyring.sh node --import tsx test/integration/cli-data-locked-child.ts
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isLoginCollectionLocked,
  lockLoginCollection,
  unlockLoginCollection,
} from '../unit/main/core/vault/keyring-env';
import { snapshot } from '../support/fs';

const BIN = fileURLToPath(new URL('../../bin/anchorage.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(home: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        ANCHORAGE_HOME: home,
        ANCHORAGE_VAULT: 'keychain',
        ANCHORAGE_KEYCHAIN_SERVICE: 'anchorage-it-locked',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function main(): Promise<object> {
  const home = mkdtempSync(join(tmpdir(), 'anchorage-it-locked-'));
  const empty = mkdtempSync(join(tmpdir(), 'anchorage-it-locked-empty-'));
  const out = mkdtempSync(join(tmpdir(), 'anchorage-it-locked-out-'));
  try {
    const setup = await cli(home, ['ca', 'create', '--name', 'locked-ca', '--key-type', 'ec-p256']);
    if (setup.code !== 0) return { ok: false, step: 'setup', stderr: setup.stderr };

    lockLoginCollection();
    const locked = isLoginCollectionLocked();
    const before = snapshot(home);
    const pfx = join(out, 'locked.pfx');
    const attempts = {
      issue: await cli(home, [
        'cert',
        'issue',
        '--ca',
        'locked-ca',
        '--cn',
        'while-locked',
        '--key-type',
        'ec-p256',
      ]),
      createCa: await cli(home, ['ca', 'create', '--name', 'second-ca', '--key-type', 'ec-p256']),
      exportPfx: await cli(
        home,
        ['export', 'locked-ca', '--format', 'pfx', '--include-private-key', '--out', pfx],
        {
          ANCHORAGE_EXPORT_PASSWORD: 'pw-locked',
        },
      ),
      // A vault that has no key yet: creating the key fails the same way.
      createInEmpty: await cli(empty, ['ca', 'create', '--name', 'first-ca', '--key-type', 'ec-p256'], {
        ANCHORAGE_KEYCHAIN_SERVICE: 'anchorage-it-locked-fresh',
      }),
    };
    // Public data needs no keychain: `list` still works while locked.
    const list = await cli(home, ['list', '--json']);
    const after = snapshot(home);
    const emptyAfter = snapshot(empty);
    const pfxWritten = existsSync(pfx);

    await unlockLoginCollection();
    const unlockedIssue = await cli(home, [
      'cert',
      'issue',
      '--ca',
      'locked-ca',
      '--cn',
      'after-unlock',
      '--key-type',
      'ec-p256',
    ]);
    return { ok: true, locked, attempts, list, before, after, emptyAfter, pfxWritten, unlockedIssue };
  } finally {
    for (const dir of [home, empty, out]) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
    process.exitCode = 1;
  },
);
