import { Command, Option } from 'commander';
import { registerAwsCommands } from './aws-commands';
import { registerPkiCommands } from './pki-commands';
import { registerSettingsCommands } from './settings-commands';

/** The `anchorage` command line: the same core as the app (ARCHITECTURE §2). */
export function buildProgram(): Command {
  const program = new Command('anchorage')
    .description('Short-lived AWS credentials from outside AWS, through IAM Roles Anywhere.')
    .version(process.env.ANCHORAGE_VERSION ?? '0.1.0')
    .addOption(
      new Option('--home <dir>', 'data directory (default: the OS app-data dir)').env('ANCHORAGE_HOME'),
    )
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      outputError: (text, write) =>
        write(`error: ${text.replace(/^error: /, '').trim()} (hint: see anchorage --help)\n`),
    })
    .addHelpText(
      'after',
      `
Secrets never go on the command line: passwords come from --password-stdin or ANCHORAGE_EXPORT_PASSWORD,
static secrets from --secret-stdin or AWS_SECRET_ACCESS_KEY.
Keys live encrypted in the data directory; the vault key lives in the OS keychain
(or, with ANCHORAGE_VAULT=file, behind ANCHORAGE_VAULT_PASSPHRASE).`,
    );
  registerPkiCommands(program);
  registerAwsCommands(program);
  registerSettingsCommands(program);
  return program;
}
