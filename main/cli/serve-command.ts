import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { quoteSh } from '../../shared/credentials';
import { AnchorageError } from '../../shared/errors';
import type { ErrorInfo } from '../../shared/errors';
import type { CoreApi } from '../core/api';
import { containerVariables, imdsVariables, pasteLines } from '../core/serve/client-env';
import type { CredentialServer, ServeEvent } from '../core/serve/credential-server';
import { resolveDataDir } from '../core/store/data-dir';
import { cliErrorLine, cliHint } from './error-words';
import { action } from './run';

/** The official helper's `serve` port (aws_signing_helper), so its IMDS users find Anchorage where it was. */
const DEFAULT_PORT = 9911;
/** What stops a server: Ctrl-C, a service manager, a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parse `--port`: 0 (a free port) to 65535. */
export function portOption(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `--port must be a whole number from 0 to 65535 (got "${value}").`,
      'Pass --port 0 for a free port.',
      { facts: { field: 'port', reason: 'invalid' } },
    );
  }
  return port;
}

/** The words a tool's user reads when the endpoint cannot give credentials: the message and the CLI's hint. */
export function clientWords(info: ErrorInfo): string {
  return `${info.message} (hint: ${cliHint(info)})`;
}

/**
 * Start a credentials server over the CLI's core and data directory, and get every profile's session before
 * anything is printed, so that a broken profile fails here, as one error line, not in a tool later.
 */
export async function serveFromCli(
  core: CoreApi,
  home: string | undefined,
  options: { profiles: string[]; port: number; imds?: string; onEvent?: (event: ServeEvent) => void },
): Promise<CredentialServer> {
  const { startCredentialServer } = await import('../core/serve/credential-server');
  const server = await startCredentialServer({
    core,
    profiles: options.profiles,
    port: options.port,
    tokenRoot: join(resolveDataDir(home), 'serve'),
    ...(options.imds === undefined ? {} : { imds: options.imds }),
    words: clientWords,
    // A failure while warming becomes the command's one error line; reported as an event, it would be two.
    onEvent: (event) => (warming && event.type === 'error') || options.onEvent?.(event),
  });
  let warming = true;
  // Whatever ends the process, the token files go with it (stop() removes them on the orderly path).
  process.once('exit', () => {
    for (const e of server.endpoints) rmSync(e.tokenFile, { force: true });
  });
  return { ...server, warm: () => server.warm().finally(() => (warming = false)) };
}

/** The one `--json` line: where each profile is served, and the IMDS endpoint with `--imds`. */
export function readyJson(server: CredentialServer): string {
  return JSON.stringify({
    url: server.url,
    profiles: Object.fromEntries(server.endpoints.map((e) => [e.profile, containerVariables(e)])),
    ...(server.imds ? { imds: { profile: server.imds.profile, ...imdsVariables(server.imds.url) } } : {}),
  });
}

/** Ready-to-paste `export` lines per profile (POSIX shells), and the IMDS lines with `--imds`. */
export function readyText(server: CredentialServer): string {
  const exports = (vars: Record<string, string>) =>
    Object.entries(vars).map(([name, value]) => `export ${name}=${quoteSh(value)}`);
  const lines = [`# Anchorage serves credentials on ${server.url} until Ctrl-C (or SIGTERM).`];
  for (const e of server.endpoints) {
    lines.push(
      `# Profile ${e.profile}: paste these lines into the shell that runs the AWS CLI or an SDK.`,
      ...pasteLines(e),
    );
  }
  if (server.imds) {
    lines.push(
      `# Or IMDSv2 (profile ${server.imds.profile}), for tools that know only the instance metadata service:`,
      'unset AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE AWS_CONTAINER_AUTHORIZATION_TOKEN AWS_EC2_METADATA_DISABLED',
      ...exports(imdsVariables(server.imds.url)),
    );
  }
  return `${lines.join('\n')}\n`;
}

const REFUSED: Record<Extract<ServeEvent, { type: 'refused' }>['reason'], string> = {
  host: 'a foreign Host header (DNS rebinding?)',
  origin: 'an Origin header (a web page)',
  'token-missing': 'no token',
  'token-wrong': 'a wrong token',
  method: 'a method not allowed',
  'not-found': 'no such endpoint',
  'imds-token': 'no valid IMDS token',
  'imds-ttl': 'a missing or bad token TTL',
  forwarded: 'X-Forwarded-For (a proxy)',
};

/** An event as one stderr line (JSON with `--json`); no event carries a secret. */
export function eventLine(event: ServeEvent | { type: 'stopped' }, json: boolean): string {
  if (json) {
    const { type, ...rest } = event;
    if (type === 'error' && 'error' in rest) {
      return JSON.stringify({
        event: type,
        profile: rest.profile,
        error: { ...rest.error, hint: cliHint(rest.error) },
      });
    }
    return JSON.stringify({ event: type, ...rest });
  }
  switch (event.type) {
    case 'session':
      return `serve: ${event.profile}: session valid until ${event.expiration} (${event.fromCache ? 'from the cache' : 'new'})`;
    case 'error':
      return `serve: ${event.profile}: ${cliErrorLine(event.error)}`;
    case 'refused':
      return `serve: refused ${event.method} ${event.path}: ${REFUSED[event.reason]}`;
    case 'stopped':
      return 'serve: stopped; the token files are removed';
  }
}

/**
 * `stopped` resolves on the first stop signal (SIGINT, SIGTERM, SIGHUP), which then no longer ends the process
 * by default; `cancel` gives the signals back. The listeners go with either.
 */
export function stopSignal(): { stopped: Promise<NodeJS.Signals>; cancel(): void } {
  let cancel = () => undefined as void;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      cancel();
      resolve(signal);
    };
    cancel = () => {
      for (const s of STOP_SIGNALS) process.off(s, on);
    };
    for (const s of STOP_SIGNALS) process.on(s, on);
  });
  return { stopped, cancel };
}

/** `anchorage serve`: a credentials endpoint on 127.0.0.1 for the AWS CLI, SDKs and IMDS-only tools. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve session credentials on 127.0.0.1 to the AWS CLI and SDKs (ECS container protocol; --imds: IMDSv2) until Ctrl-C',
    )
    .option('--profile <name>', 'a profile to serve (repeatable)', collect, [])
    .option(
      '--port <port>',
      `TCP port on 127.0.0.1; 0 picks a free one (default ${DEFAULT_PORT})`,
      portOption,
    )
    .option(
      '--imds [profile]',
      'also serve one profile as an IMDSv2 endpoint (AWS_EC2_METADATA_SERVICE_ENDPOINT)',
    )
    .addHelpText(
      'after',
      '\nEach profile gets a URL and a fresh token per run, in a 0600 file under the data directory (removed on exit).\nTools read them from AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE.',
    )
    .action(
      action(async (core, o) => {
        const imdsValue = o.imds as string | boolean | undefined;
        // `--imds NAME` serves NAME too; a profile named twice is served once.
        const profiles = [
          ...new Set([...(o.profile as string[]), ...(typeof imdsValue === 'string' ? [imdsValue] : [])]),
        ];
        if (profiles.length === 0) {
          throw new AnchorageError(
            'INVALID_INPUT',
            'Name a profile to serve.',
            'For example: anchorage serve --profile dev',
            {
              facts: { field: 'profile', reason: 'required' },
            },
          );
        }
        const imds = imdsProfile(imdsValue, profiles);
        const json = Boolean(o.json);
        const log = (event: ServeEvent | { type: 'stopped' }) =>
          process.stderr.write(`${eventLine(event, json)}\n`);
        const { stopped: stopping } = stopSignal();
        const server = await serveFromCli(core, o.home, {
          profiles,
          port: (o.port as number | undefined) ?? DEFAULT_PORT,
          ...(imds === undefined ? {} : { imds }),
          onEvent: log,
        });
        try {
          // A stop signal during the first CreateSession ends the run as cleanly as one after it.
          const first = await Promise.race([server.warm().then(() => 'warm' as const), stopping]);
          if (first === 'warm') {
            process.stdout.write(json ? `${readyJson(server)}\n` : readyText(server));
            await stopping;
          }
        } finally {
          await server.stop();
        }
        log({ type: 'stopped' });
        return undefined;
      }),
    );
}

/** `--imds` alone serves the only profile; with several, it must name one of them. */
function imdsProfile(value: string | boolean | undefined, profiles: string[]): string | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value === 'string') return value;
  if (profiles.length === 1) return profiles[0];
  throw new AnchorageError(
    'INVALID_INPUT',
    'IMDS serves one profile, and several are served.',
    'Name it: --imds PROFILE.',
    { facts: { field: 'imds', reason: 'ambiguous' } },
  );
}
