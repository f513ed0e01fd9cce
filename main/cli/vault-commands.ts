import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { AnchorageError, fileSystemError } from '../../shared/errors';
import type { VaultKindChoice } from '../core/vault/select-store';
import { assertNewFile, writeNewFile } from '../core/store/atomic-file';
import { fields } from './format';
import { action } from './run';
import { readSecret } from './secret-input';

const BACKUP_ENV = 'ANCHORAGE_BACKUP_PASSPHRASE';
/** A backup is a few hundred bytes; anything much larger is not one. */
const MAX_BACKUP_BYTES = 64 * 1024;

/** A passphrase from stdin or `envName`, never from an argument (ARCHITECTURE §4). */
async function passphrase(fromStdin: boolean, envName: string, what: string): Promise<string> {
  const value = await readSecret(fromStdin, envName, what);
  if (value === undefined) {
    throw new AnchorageError(
      'INVALID_PASSWORD',
      `A ${what} is required.`,
      `Pass --passphrase-stdin and pipe it in, or set ${envName}. It is never taken as an argument.`,
    );
  }
  return value;
}

async function readBackup(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.size > MAX_BACKUP_BYTES) {
      throw new AnchorageError(
        'INPUT_TOO_LARGE',
        `${path} is ${info.size} bytes, too large to be a vault key backup.`,
        'Give the file that `anchorage vault backup` wrote.',
      );
    }
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof AnchorageError) throw error;
    throw fileSystemError(error, { path, action: 'read' }) ?? error;
  }
}

const KIND_WORDS = { keychain: 'the OS keychain', 'passphrase-file': 'the passphrase file' } as const;

/** `vault status|backup|restore|migrate|passphrase` (issue 9). */
export function registerVaultCommands(program: Command): void {
  const vault = program
    .command('vault')
    .description('the vault key: status, backup, restore, move, passphrase');

  vault
    .command('status')
    .description('which store holds the vault key, its state, and how many records it opens')
    .action(
      action(
        (core) => core.vaultReport(),
        (r) =>
          fields([
            ['Store', KIND_WORDS[r.kind]],
            ['State', r.state],
            ['Vault key', r.key],
            ['Records', r.records],
            [
              'Recorded store',
              r.recordedKind && r.recordedKind !== r.kind ? KIND_WORDS[r.recordedKind] : undefined,
            ],
            ['Detail', r.detail],
          ]),
      ),
    );

  vault
    .command('backup')
    .description('write the vault key, wrapped under a passphrase, to a new file (mode 0600)')
    .requiredOption('--out <file>', 'where to write; never replaced')
    .option('--passphrase-stdin', `read the backup passphrase from stdin (else ${BACKUP_ENV})`)
    .action(
      action(
        async (core, o) => {
          const out = resolve(o.out as string);
          await assertNewFile(out);
          const secret = await passphrase(Boolean(o.passphraseStdin), BACKUP_ENV, 'backup passphrase');
          const backup = await core.backupVaultKey(secret);
          await writeNewFile(out, backup.text);
          return { path: out, fingerprint: backup.fingerprint, records: backup.records };
        },
        (r) =>
          `Wrote ${r.path}: the vault key (fingerprint ${r.fingerprint}, opens ${r.records} records), wrapped under ` +
          'the passphrase. Keep it apart from the data directory; with both, `anchorage vault restore` rebuilds the vault.',
      ),
    );

  vault
    .command('restore <file>')
    .description('put the vault key of a backup into the current store')
    .option('--passphrase-stdin', `read the backup passphrase from stdin (else ${BACKUP_ENV})`)
    .action(
      action(
        async (core, o, [file]) => {
          const path = resolve(file as string);
          const bytes = await readBackup(path);
          const secret = await passphrase(Boolean(o.passphraseStdin), BACKUP_ENV, 'backup passphrase');
          return core.restoreVaultKey(bytes, secret, path);
        },
        (r) => {
          const where = KIND_WORDS[r.kind];
          if (r.outcome === 'unchanged')
            return `${where} already holds this vault key (${r.records} records).`;
          return `Restored the vault key into ${where}${r.outcome === 'replaced' ? ', replacing a key that did not open the records' : ''}; all ${r.records} records open with it.`;
        },
      ),
    );

  vault
    .command('migrate')
    .description('move the vault key to the other store; records stay as they are')
    .addOption(
      new Option('--to <store>', 'the target store').choices(['keychain', 'file']).makeOptionMandatory(),
    )
    .option(
      '--passphrase-stdin',
      'for --to file: read the new passphrase from stdin (else ANCHORAGE_VAULT_PASSPHRASE)',
    )
    .option('--keep-old', 'leave a copy of the key in the old store')
    .action(
      action(
        async (core, o) => {
          const to = o.to as VaultKindChoice;
          const secret =
            to === 'file' && o.passphraseStdin
              ? await passphrase(true, 'ANCHORAGE_VAULT_PASSPHRASE', 'vault passphrase')
              : undefined;
          return core.migrateVault(to, {
            ...(secret ? { passphrase: secret } : {}),
            keepOld: Boolean(o.keepOld),
          });
        },
        (r) =>
          [
            `Moved the vault key from ${KIND_WORDS[r.from]} to ${KIND_WORDS[r.to]}; all ${r.records} records open with it.`,
            r.removedFromOld ? '' : `A copy is still in ${KIND_WORDS[r.from]}.`,
            r.to === 'passphrase-file'
              ? 'From now on set ANCHORAGE_VAULT=file and ANCHORAGE_VAULT_PASSPHRASE (also for the AWS CLI’s credential_process).'
              : 'From now on leave ANCHORAGE_VAULT unset (or set it to keychain).',
          ]
            .filter(Boolean)
            .join('\n'),
      ),
    );

  vault
    .command('passphrase')
    .description(
      'change the passphrase of the passphrase-file vault (old: ANCHORAGE_VAULT_PASSPHRASE, new: stdin)',
    )
    .action(
      action(
        async (core) => {
          const next = await passphrase(true, 'ANCHORAGE_VAULT_PASSPHRASE', 'new vault passphrase');
          await core.changeVaultPassphrase(next);
          return { changed: true };
        },
        () => 'Changed the vault passphrase. Set ANCHORAGE_VAULT_PASSPHRASE to the new one from now on.',
      ),
    );
}
