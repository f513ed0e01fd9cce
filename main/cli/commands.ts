/**
 * The command table: every top-level command, in the order `anchorage --help` lists them, with the module
 * that registers it. A command line that names one of them gets a program with that command alone
 * (program.ts), so a process loads and builds only its own command's module; `--help`, a typo and anything
 * unusual get the whole program, and with it commander's complete help and did-you-mean.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

/** A module's register function, loaded on demand. */
function register<M, K extends { [P in keyof M]: M[P] extends Register ? P : never }[keyof M]>(
  load: () => Promise<M>,
  name: K,
): () => Promise<Register> {
  return async () => (await load())[name] as Register;
}

const pki = () => import('./pki-commands');
const lifecycle = () => import('./lifecycle-commands');
const aws = () => import('./aws-commands');

const COMMANDS: ReadonlyArray<readonly [name: string, registers: ReadonlyArray<() => Promise<Register>>]> = [
  // `ca renew` and `cert renew` join their groups, as `anchorage ca --help` lists them.
  ['ca', [register(pki, 'registerCaCommand'), register(lifecycle, 'registerCaRenewCommand')]],
  ['cert', [register(pki, 'registerCertCommand'), register(lifecycle, 'registerCertRenewCommand')]],
  ['list', [register(pki, 'registerListCommand')]],
  ['export', [register(pki, 'registerExportCommand')]],
  ['import', [register(pki, 'registerImportCommand')]],
  ['inspect', [register(() => import('./inspect-command'), 'registerInspectCommand')]],
  ['revoke', [register(pki, 'registerRevokeCommand')]],
  ['crl', [register(pki, 'registerCrlCommand')]],
  ['rename', [register(lifecycle, 'registerRenameCommand')]],
  ['delete', [register(lifecycle, 'registerDeleteCommand')]],
  ['profile', [register(aws, 'registerProfileCommand')]],
  ['static', [register(aws, 'registerStaticCommand')]],
  ['session', [register(aws, 'registerSessionCommand')]],
  ['credential-process', [register(aws, 'registerCredentialProcessCommand')]],
  ['whoami', [register(aws, 'registerWhoamiCommand')]],
  ['configure-aws', [register(aws, 'registerConfigureAwsCommand')]],
  ['trust-policy', [register(aws, 'registerTrustPolicyCommand')]],
  ['sign', [register(aws, 'registerSignCommand')]],
  ['aws', [register(() => import('./registration-commands'), 'registerAwsCommand')]],
  ['serve', [register(() => import('./serve-command'), 'registerServeCommand')]],
  ['exec', [register(() => import('./exec-command'), 'registerExecCommand')]],
  ['settings', [register(() => import('./settings-commands'), 'registerSettingsCommands')]],
  ['vault', [register(() => import('./vault-commands'), 'registerVaultCommands')]],
];

/** The registrations for the command `name`, or for every command (in help order) when `name` is not one. */
export async function registrations(name: string | undefined): Promise<Register[]> {
  const one = COMMANDS.find(([command]) => command === name);
  const registers = one ? one[1] : COMMANDS.flatMap(([, all]) => all);
  return Promise.all(registers.map((load) => load()));
}

/** Options of the program itself that may come before the command, and whether each takes a value. */
const GLOBAL_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['--home', true],
  ['--json', false],
]);

/**
 * The command a command line names: its first word after the program's own options (`--home DIR`,
 * `--home=DIR`, `--json`). Anything else before it (`--help`, `--version`, an unknown option) gives
 * `undefined`, and so the whole program.
 */
export function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-')) return word;
    if (word.startsWith('--home=')) continue;
    const takesValue = GLOBAL_OPTIONS.get(word);
    if (takesValue === undefined) return undefined;
    if (takesValue) i++;
  }
  return undefined;
}
