/**
 * The program bundle (out/cli/program.cjs, loaded by main/cli.ts through its code cache): the `anchorage`
 * command line over commander, and the cold path of credential_process. What main/cli.ts calls prints its
 * own errors: this bundle's AnchorageError is not the entry bundle's class.
 */
import { Command, Option } from 'commander';
import { toErrorInfo } from '../../shared/errors';
import { commandName, registrations } from './commands';
import { coldSession, processOutput } from './credential-process';
import { errorOutput, wantsJson } from './format';

/**
 * Verbs that destroy or replace something. Commander's did-you-mean never offers one (issue 9): a typo must
 * not be answered with "Did you mean revoke?", which a user may run without reading.
 */
const DESTRUCTIVE =
  /^(--)?(revoke|delete|del|remove|rm|purge|wipe|destroy|erase|clear|force|replace|revoke-old|restore|migrate)$/;

/** Drop destructive candidates from commander's `(Did you mean …?)` line, keeping the others. */
function withoutDestructiveSuggestions(text: string): string {
  return text.replace(/\n?\(Did you mean (?:one of )?([^?]+)\?\)/, (_match, list: string) => {
    const kept = list.split(', ').filter((candidate) => !DESTRUCTIVE.test(candidate.trim()));
    if (kept.length === 0) return '';
    return kept.length === 1 ? `\n(Did you mean ${kept[0]}?)` : `\n(Did you mean one of ${kept.join(', ')}?)`;
  });
}

/**
 * The `anchorage` command line: the same core as the app (ARCHITECTURE §2). With the commands that `argv`
 * names (commands.ts): the one it names, or all of them.
 */
async function buildProgram(argv: readonly string[]): Promise<Command> {
  const json = wantsJson(argv);
  const program = new Command('anchorage')
    .description('Short-lived AWS credentials from outside AWS, through IAM Roles Anywhere.')
    .version(process.env.ANCHORAGE_VERSION ?? '0.1.0')
    .addOption(
      new Option('--home <dir>', 'data directory (default: the OS app-data dir)').env('ANCHORAGE_HOME'),
    )
    .option('--json', 'print machine-readable JSON')
    // With --json an error is one line of JSON, so no help line follows it.
    .showHelpAfterError(json ? false : '(run with --help for usage)')
    .configureOutput({
      outputError: (text, write) => {
        const message = withoutDestructiveSuggestions(text.replace(/^error: /, '').trim())
          .replace(/\n\((Did you mean [^?]+\?)\)/, ' ($1)')
          .trim();
        write(`${errorOutput({ code: 'INVALID_INPUT', message, hint: 'see anchorage --help' }, json)}\n`);
      },
    })
    .addHelpText(
      'after',
      `
Secrets never go on the command line: passwords come from --password-stdin or ANCHORAGE_EXPORT_PASSWORD,
static secrets from --secret-stdin or AWS_SECRET_ACCESS_KEY.
Keys live encrypted in the data directory; the vault key lives in the OS keychain
(or, with ANCHORAGE_VAULT=file, behind ANCHORAGE_VAULT_PASSPHRASE); \`anchorage vault\` backs it up, restores
and moves it. With --json, errors too are JSON: {"error":{"code","message","hint"}} on stderr.`,
    );
  for (const register of await registrations(commandName(argv))) register(program);
  return program;
}

/** Run `anchorage ARGV…` (errors as one line, or JSON with `--json`; exit code 1). */
export async function runCommandLine(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
  } catch (error) {
    fail(error, argv);
  }
}

/** `[--home DIR] credential-process NAME` when the cache had nothing fresh: the full core gets the session. */
export async function runColdCredentialProcess(profile: string, home: string | undefined): Promise<void> {
  try {
    process.stdout.write(processOutput(await coldSession(profile, home)));
  } catch (error) {
    fail(error, []);
  }
}

function fail(error: unknown, argv: readonly string[]): void {
  process.stderr.write(`${errorOutput(toErrorInfo(error), wantsJson(argv))}\n`);
  process.exitCode = 1;
}

/**
 * For the build's code cache (bundle-loader.ts): load every command module and the core, build the whole
 * program, and run the PKI's hot paths once in memory, so that their compiled code goes into the cache. V8
 * caches only functions that have been compiled, which it does on their first call: without this, `ca create`,
 * `cert issue`, `inspect` and `export --format pfx` compile their functions (the DER certificate writer,
 * @peculiar/x509's and asn1js's for the summary, PKCS#12's) at every start (measured: 2–5 ms of each, `list` and
 * `settings` unchanged). Runs no command, touches no file.
 */
export async function warmUp(): Promise<void> {
  await buildProgram(['--help']);
  await (await import('../core/services')).loadCoreModules();
  await warmUpPki();
}

/** A CA, a client certificate, its summary, a PFX of it and an inspection of it, all in memory. */
async function warmUpPki(): Promise<void> {
  const [
    { createRootCa },
    { issueClientCertificate },
    { exportPfx },
    { x509CertificateFacts },
    { parseFile },
  ] = await Promise.all([
    import('../core/pki/ca'),
    import('../core/pki/issue'),
    import('../core/pki/pkcs12-export'),
    import('../core/pki/x509-summary'),
    import('../core/worker/parse-file'),
  ]);
  const ca = await createRootCa({ subject: { commonName: 'warm-up CA' }, keyType: 'ec-p256' });
  const client = await issueClientCertificate({
    issuer: { certificate: ca.certificatePem, privateKeyPkcs8: ca.privateKeyPkcs8 },
    subject: { commonName: 'warm-up client' },
    keyType: 'ec-p256',
  });
  x509CertificateFacts(client.certificatePem);
  await exportPfx({
    certificatePem: client.certificatePem,
    chainPem: [ca.certificatePem],
    privateKeyPkcs8: client.privateKeyPkcs8,
    password: 'warm-up-password',
    profile: 'modern',
    friendlyName: 'warm-up client',
  });
  await parseFile({
    kind: 'inspect',
    bytes: new TextEncoder().encode(client.certificatePem),
    now: new Date().toISOString(),
  });
}
