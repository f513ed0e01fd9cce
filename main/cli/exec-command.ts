import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { isatty } from 'node:tty';
import type { Command } from 'commander';
import { AnchorageError, toErrorInfo } from '../../shared/errors';
import type { CoreApi } from '../core/api';
import {
  containerVariables,
  credentialsInEnvironment,
  EXEC_MARKER,
  withoutCredentials,
} from '../core/serve/client-env';
import type { CredentialServer } from '../core/serve/credential-server';
import { errorOutput } from './format';
import { action } from './run';
import { eventLine, serveFromCli, stopSignal } from './serve-command';

/** Signals a terminal sends to its whole foreground process group, the command included. */
const TERMINAL_SIGNALS: readonly NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGHUP'] : ['SIGINT', 'SIGQUIT', 'SIGHUP'];

type Outcome = { code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException };

/**
 * The command's environment: ours without any AWS credential (nor what selects other ones), plus the profile's
 * session as variables, or with `--serve` the endpoint that serves it. Secrets go only here, never into argv.
 */
export async function execEnvironment(
  core: CoreApi,
  profile: string,
  base: NodeJS.ProcessEnv,
  server: CredentialServer | undefined,
): Promise<NodeJS.ProcessEnv> {
  const { region } = await core.getProfile(profile);
  let credentials: Record<string, string>;
  if (server) {
    const [endpoint] = server.endpoints;
    credentials = {
      ...containerVariables(endpoint!),
      // The AWS CLI before 2.14 and SDKs from before late 2023 (Debian bookworm's awscli and boto3) read only
      // the token itself; newer ones prefer the file, which holds the same token.
      AWS_CONTAINER_AUTHORIZATION_TOKEN: await readFile(endpoint!.tokenFile, 'utf8'),
    };
  } else {
    const s = await core.session(profile);
    credentials = {
      AWS_ACCESS_KEY_ID: s.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
      AWS_SESSION_TOKEN: s.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: s.expiration,
    };
  }
  // botocore reads AWS_DEFAULT_REGION, the other SDKs AWS_REGION.
  return {
    ...withoutCredentials(base),
    ...credentials,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    [EXEC_MARKER]: profile,
  };
}

/**
 * Run the command, forwarding stop signals. A terminal's Ctrl-C (and Ctrl-\, hang-up) already reaches the
 * command, which shares our process group, so from a terminal those are not sent a second time: a second
 * SIGINT makes some tools (terraform) quit at once instead of shutting down cleanly. SIGTERM always is.
 */
function runCommand(command: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => {
      if (TERMINAL_SIGNALS.includes(signal) && isatty(0)) return;
      child.kill(signal);
    };
    const signals: NodeJS.Signals[] = ['SIGTERM', ...TERMINAL_SIGNALS];
    for (const s of signals) process.on(s, forward);
    const done = (outcome: Outcome) => {
      for (const s of signals) process.off(s, forward);
      resolve(outcome);
    };
    child.on('error', (error) => {
      if (child.pid === undefined) done({ error }); // it never started
    });
    child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/** Leave as the command left: its exit status, or the signal that killed it, raised again on ourselves. */
function exitLike(outcome: Outcome, command: string, json: boolean): never {
  if ('error' in outcome) {
    const missing = outcome.error.code === 'ENOENT';
    const error = missing
      ? new AnchorageError(
          'NOT_FOUND',
          `The command "${command}" was not found.`,
          'Check its name and the PATH.',
          {
            facts: { what: 'command', name: command },
          },
        )
      : new AnchorageError(
          'INVALID_INPUT',
          `The command "${command}" could not be run (${outcome.error.code ?? 'error'}).`,
          'Check that it is a program you may run.',
          { facts: { field: 'command', reason: 'not-runnable' } },
        );
    process.stderr.write(`${errorOutput(toErrorInfo(error), json)}\n`);
    // The shell's codes: 127 not found, 126 found but not runnable.
    process.exit(missing ? 127 : 126);
  }
  if (outcome.signal) {
    // With no listener left the default action applies, so the caller sees the same signal; a signal whose
    // default is not to terminate (or that cannot be raised here) ends as a shell reports it: 128 + number.
    process.kill(process.pid, outcome.signal);
    process.exit(128 + (constants.signals[outcome.signal] ?? 0));
  }
  process.exit(outcome.code ?? 1);
}

/** `anchorage exec PROFILE [--serve] [--force] -- CMD [ARGS…]`, as aws-vault's exec. */
export function registerExecCommand(program: Command): void {
  program
    .command('exec <profile> [command...]')
    .usage('[options] <profile> -- <command> [args...]')
    .description(
      'run a command with the profile’s session credentials in its environment; its exit status and signals pass through',
    )
    .option(
      '--serve',
      'through a local endpoint (ECS container protocol) that keeps them fresh, for a command that outlives a session',
    )
    .option('--force', 'replace AWS credentials already in the environment (e.g. inside another exec)')
    .action(
      action(async (core, o, [profile, ...command]) => {
        if (command.length === 0) {
          throw new AnchorageError(
            'INVALID_INPUT',
            'No command to run was given.',
            `Give it after --, e.g. anchorage exec ${profile ?? 'PROFILE'} -- aws sts get-caller-identity`,
            { facts: { field: 'command', reason: 'required' } },
          );
        }
        const present = credentialsInEnvironment(process.env);
        if (present.length > 0 && !o.force) {
          throw new AnchorageError(
            'NESTED_CREDENTIALS',
            `AWS credentials are already in the environment (${present.join(', ')}).`,
            'Unset them, or replace them for this command.',
            { facts: { variables: present.join(', ') } },
          );
        }
        const json = Boolean(o.json);
        // Stopped before the command starts: leave as an interrupted command would, with the token files gone.
        const early = stopSignal();
        let server: CredentialServer | undefined;
        let outcome: Outcome;
        try {
          if (o.serve) {
            // Only failures are worth a line while the command owns the terminal.
            server = await serveFromCli(core, o.home, {
              profiles: [profile!],
              port: 0,
              onEvent: (e) => e.type === 'error' && process.stderr.write(`${eventLine(e, json)}\n`),
            });
            await server.warm();
          }
          const env = await execEnvironment(core, profile!, process.env, server);
          const first = await Promise.race([early.stopped, Promise.resolve(env)]);
          if (typeof first === 'string') {
            outcome = { code: null, signal: first };
          } else {
            early.cancel();
            outcome = await runCommand(command, env);
          }
        } finally {
          early.cancel();
          await server?.stop();
        }
        exitLike(outcome, command[0]!, json);
      }),
    );
}
