/**
 * A separate process for the vault tests: a new process has no cached key, so this is how the tests see
 * what the CLI's credential_process sees, race several writers, or run without a Secret Service.
 *
 *   node --import tsx vault-child.ts put <id>            plaintext (base64) on stdin, after printing `ready`
 *   node --import tsx vault-child.ts get <id>            prints the plaintext (base64) and the time taken
 *   node --import tsx vault-child.ts store-get <account> times one secret-store read (never prints the value)
 *   node --import tsx vault-child.ts locked-scenario     run inside its own keyring: lock, try, unlock
 *
 * The data directory comes from VAULT_TEST_DATA_DIR and the store from ANCHORAGE_VAULT & co. The last
 * stdout line is a JSON report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnchorageError } from '../../../../../shared/errors';
import { KeychainStore } from '../../../../../main/core/vault/keychain-store';
import { createSecretStore } from '../../../../../main/core/vault/select-store';
import { Vault } from '../../../../../main/core/vault/vault';
import { snapshot } from '../../../../support/fs';
import { isLoginCollectionLocked, lockLoginCollection, unlockLoginCollection } from './keyring-env';

function report(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function failure(error: unknown): object {
  if (error instanceof AnchorageError)
    return { ok: false, code: error.code, message: error.message, hint: error.hint };
  return { ok: false, code: 'UNEXPECTED', message: String(error), hint: '' };
}

async function capture(fn: () => Promise<unknown>): Promise<object> {
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function dataDir(): string {
  const dir = process.env.VAULT_TEST_DATA_DIR;
  if (!dir) throw new Error('VAULT_TEST_DATA_DIR is not set');
  return dir;
}

async function lockedScenario(): Promise<object> {
  const dirA = mkdtempSync(join(tmpdir(), 'anchorage-locked-a-'));
  const dirB = mkdtempSync(join(tmpdir(), 'anchorage-locked-b-'));
  try {
    const store = new KeychainStore({ service: 'anchorage-test-locked' });
    await new Vault(dirA, store).put('seed', Buffer.from('seed-secret'));
    lockLoginCollection();
    const locked = isLoginCollectionLocked();

    const beforeA = snapshot(dirA);
    const getSeed = await capture(() => new Vault(dirA, store).get('seed'));
    const putOther = await capture(() => new Vault(dirA, store).put('other', Buffer.from('x')));
    const afterA = snapshot(dirA);
    const status = await new Vault(dirA, store).status();

    // A vault with no key yet: creating the key must fail the same way, leaving nothing behind.
    const beforeB = snapshot(dirB);
    const putFresh = await capture(() =>
      new Vault(dirB, new KeychainStore({ service: 'anchorage-test-locked-fresh' })).put(
        'x',
        Buffer.from('x'),
      ),
    );
    const afterB = snapshot(dirB);

    await unlockLoginCollection();
    const recovered = Buffer.from(await new Vault(dirA, store).get('seed')).toString('utf8');
    return {
      ok: true,
      locked,
      getSeed,
      putOther,
      putFresh,
      beforeA,
      afterA,
      beforeB,
      afterB,
      status,
      recovered,
    };
  } finally {
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
}

async function main(): Promise<object> {
  const [op, arg = ''] = process.argv.slice(2);
  switch (op) {
    case 'put': {
      const vault = new Vault(dataDir(), createSecretStore(dataDir()));
      process.stdout.write('ready\n');
      const plaintext = Buffer.from(await readStdin(), 'base64');
      const start = performance.now();
      await vault.put(arg, plaintext);
      return { ok: true, ms: performance.now() - start };
    }
    case 'get': {
      const start = performance.now();
      const value = await new Vault(dataDir(), createSecretStore(dataDir())).get(arg);
      return { ok: true, value: Buffer.from(value).toString('base64'), ms: performance.now() - start };
    }
    case 'store-get': {
      const start = performance.now();
      const value = await createSecretStore(dataDir()).get(arg);
      return { ok: true, found: value !== undefined, ms: performance.now() - start };
    }
    case 'locked-scenario':
      return lockedScenario();
    default:
      throw new Error(`unknown op ${op}`);
  }
}

main().then(report, (error: unknown) => {
  report(failure(error));
  process.exitCode = 1;
});
