/**
 * For the `serve` and `exec` suites (issue 11): the built CLI as a long-running child process whose output is
 * awaited line by line (never slept on), and the AWS tools nobody here wrote, Debian's AWS CLI and boto3, in
 * an environment that holds only what a test gives them.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AWS_CLI } from './aws-fixtures';
import type { World } from './aws-fixtures';
import { BIN } from './cli-harness';
import type { CliHarness } from './cli-harness';

/** Debian's python3 (python3-boto3), not whichever python comes first on PATH. */
export const PYTHON = '/usr/bin/python3';

/** Fail, never skip, with the install command when the AWS CLI or boto3 is missing. */
export function requireAwsTools(): void {
  try {
    execFileSync(AWS_CLI, ['--version'], { stdio: 'pipe' });
    execFileSync(PYTHON, ['-c', 'import boto3'], { stdio: 'pipe' });
  } catch {
    throw new Error('The AWS CLI and boto3 are required: sudo apt-get install -y awscli python3-boto3');
  }
}

export interface Live {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the output so far once `stream` matches `pattern` (rejects if the process ends first). */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live: Live[] = [];

/** `anchorage ARGS` with the harness's environment (and `env`), running until it exits or is killed. */
export function spawnCli(h: CliHarness, args: string[], env: NodeJS.ProcessEnv = {}): Live {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...h.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.setEncoding('utf8');
    child[stream]!.on('data', (chunk: string) => {
      out[stream] += chunk;
      for (const w of waiters.splice(0)) w();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      resolve({ code, signal });
      for (const w of waiters.splice(0)) w();
    }),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  const process_: Live = {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    exited,
    waitFor: (pattern, stream = 'stdout') =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(out[stream])) return resolve(out[stream]);
          if (ended)
            return reject(new Error(`exited before ${String(pattern)}:\n${out.stdout}\n${out.stderr}`));
          waiters.push(check);
        };
        check();
      }),
  };
  live.push(process_);
  return process_;
}

/** Kill whatever a test left running (after a failed assertion). */
export function killLeftovers(): void {
  for (const p of live.splice(0))
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}

/**
 * An environment for the AWS CLI and boto3 with no credentials of its own: no config or credentials file, no
 * instance metadata (unless a test points it somewhere), one attempt, the world's region.
 */
export function toolEnv(w: World, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: w.scratch,
    AWS_CONFIG_FILE: join(w.scratch, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(w.scratch, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_DEFAULT_REGION: w.region,
    ...extra,
  };
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `/usr/bin/aws sts get-caller-identity` against the world's emulator (Debian's CLI 2.9 needs --endpoint-url). */
export function callerIdentityWithAwsCli(w: World, env: NodeJS.ProcessEnv): Promise<Ran> {
  return run(AWS_CLI, ['--endpoint-url', w.emu.url, 'sts', 'get-caller-identity', '--output', 'json'], env);
}

/** A boto3 program: GetCallerIdentity against the emulator, printing the credential provider's method first. */
export function boto3CallerIdentity(w: World): string {
  return [
    'import boto3',
    'session = boto3.Session()',
    'print(session.get_credentials().method)',
    `print(session.client("sts", endpoint_url="${w.emu.url}").get_caller_identity()["Arn"])`,
  ].join('\n');
}

/** Run {@link boto3CallerIdentity} with Debian's python3. */
export function callerIdentityWithBoto3(w: World, env: NodeJS.ProcessEnv): Promise<Ran> {
  return run(PYTHON, ['-c', boto3CallerIdentity(w)], env);
}
