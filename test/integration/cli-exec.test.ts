/**
 * Issue 11 §2, what only processes show: `anchorage exec PROFILE [--serve] [--force] -- CMD …` gives the
 * command the profile's credentials (as variables, or as an endpoint), passes its exit status and the signal
 * that ended it through, forwards SIGINT and SIGTERM to it, and refuses to nest.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, makeWorld } from './aws-fixtures';
import type { SessionJson, World } from './aws-fixtures';
import { BIN, cliFailure } from './cli-harness';
import {
  boto3CallerIdentity,
  killLeftovers,
  PYTHON,
  requireAwsTools,
  spawnCli,
  toolEnv,
} from './cli-serve-harness';

const NODE = process.execPath;
/** A child that prints the AWS variables it got, its arguments, and whether its token file exists. */
const DUMP = `
const fs = require('node:fs');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_') || k === 'ANCHORAGE_EXEC'));
const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
console.log(JSON.stringify({ env, argv: process.argv.slice(1), token: file ? fs.readFileSync(file, 'utf8') : null }));`;
/** A child that reports the first stop signal it gets and exits 3. */
const TRAP = `
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => { console.log('got ' + s); process.exit(3); });
console.log('ready');
setInterval(() => {}, 1000);`;

interface Dump {
  env: Record<string, string>;
  argv: string[];
  token: string | null;
}

// One world for the file (its CLI-made PKI costs a dozen processes); every test uses its profile `dev`, whose
// session the first test creates and every later one finds in the cache.
let shared: World | undefined;
beforeAll(async () => {
  shared = await makeWorld();
  await shared.profile('dev');
});
afterEach(killLeftovers);
afterAll(async () => {
  await shared?.close();
});

async function world(): Promise<World> {
  return shared!;
}

describe('anchorage exec', () => {
  it('runs the command with the session as variables, secrets only in its environment', async () => {
    requireAwsTools();
    const w = await world();
    const r = await w.h.run(['exec', 'dev', '--', NODE, '-e', DUMP, 'plain-argument'], {
      env: { AWS_PROFILE: 'elsewhere', AWS_DEFAULT_PROFILE: 'elsewhere', AWS_REGION: 'ap-south-1' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dump = JSON.parse(r.stdout) as Dump;
    const session = JSON.parse(await w.r.ok<string>(['session', 'dev', '--format', 'json'])) as SessionJson;
    expect(dump.env).toMatchObject({
      AWS_ACCESS_KEY_ID: session.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: session.SecretAccessKey,
      AWS_SESSION_TOKEN: session.SessionToken,
      AWS_CREDENTIAL_EXPIRATION: session.Expiration,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      ANCHORAGE_EXEC: 'dev',
    });
    // A named profile would come before these in the SDKs' chain: it is not passed on.
    expect(dump.env.AWS_PROFILE).toBeUndefined();
    expect(dump.env.AWS_DEFAULT_PROFILE).toBeUndefined();
    expect(dump.env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBeUndefined();
    expect(dump.argv).toEqual(['plain-argument']);

    const aws = await w.h.run(
      ['exec', 'dev', '--', AWS_CLI, '--endpoint-url', w.emu.url, 'sts', 'get-caller-identity'],
      {
        env: toolEnv(w),
      },
    );
    expect(aws.code).toBe(0);
    expect(aws.stdout).toContain('assumed-role/anchorage-it/');
    expect(w.emu.stats().createSession).toBe(1);
  });

  it('--serve gives the command an endpoint and its token file, no keys, and removes the file after', async () => {
    requireAwsTools();
    const w = await world();
    const r = await w.h.run(['exec', 'dev', '--serve', '--', NODE, '-e', DUMP]);
    expect(r.code).toBe(0);
    const { env, token } = JSON.parse(r.stdout) as Dump;
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials\/dev$/);
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE).toMatch(/\/serve\/\d+\/dev\.token$/);
    // For the AWS CLI before 2.14 and older SDKs, the same token as the file's.
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe(token);
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
    ]) {
      expect(env[name], name).toBeUndefined();
    }
    expect(env).toMatchObject({ AWS_REGION: 'us-east-1', ANCHORAGE_EXEC: 'dev' });
    expect(existsSync(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE!)).toBe(false);

    const aws = await w.h.run(
      ['exec', 'dev', '--serve', '--', AWS_CLI, '--endpoint-url', w.emu.url, 'sts', 'get-caller-identity'],
      { env: toolEnv(w) },
    );
    expect(aws.stderr).toBe('');
    expect(aws.stdout).toContain('assumed-role/anchorage-it/');
    const boto = spawnCli(
      w.h,
      ['exec', 'dev', '--serve', '--', PYTHON, '-c', boto3CallerIdentity(w)],
      toolEnv(w),
    );
    expect(await boto.exited).toEqual({ code: 0, signal: null });
    expect(boto.stdout().split('\n')[0]).toBe('container-role');
    expect(w.emu.stats().createSession).toBe(1);
    expect(readdirSync(join(w.h.home, 'serve'))).toEqual([]);
  });

  it('passes the exit status and the signal that ended the command through', async () => {
    const w = await world();
    expect((await w.h.run(['exec', 'dev', '--', NODE, '-e', 'process.exit(7)'])).code).toBe(7);
    for (const serve of [[], ['--serve']]) {
      const killed = spawnCli(w.h, [
        'exec',
        'dev',
        ...serve,
        '--',
        NODE,
        '-e',
        'process.kill(process.pid, "SIGTERM")',
      ]);
      expect(await killed.exited).toEqual({ code: null, signal: 'SIGTERM' });
    }
    const interrupted = spawnCli(w.h, ['exec', 'dev', '--', 'sh', '-c', 'kill -INT $$']);
    expect(await interrupted.exited).toEqual({ code: null, signal: 'SIGINT' });
    // The signal re-raised killed us: what a clean exit would have done, stop() did before.
    expect(readdirSync(join(w.h.home, 'serve'))).toEqual([]);
  });

  it('forwards SIGTERM and SIGINT to the command and leaves as it does', async () => {
    const w = await world();
    for (const [signal, serve] of [
      ['SIGTERM', []],
      ['SIGINT', []],
      ['SIGTERM', ['--serve']],
    ] as const) {
      const p = spawnCli(w.h, ['exec', 'dev', ...serve, '--', NODE, '-e', TRAP]);
      await p.waitFor(/^ready$/m);
      p.child.kill(signal);
      expect(await p.exited, signal).toEqual({ code: 3, signal: null });
      expect(p.stdout()).toContain(`got ${signal}`);
      expect(p.stderr()).toBe('');
    }
    expect(readdirSync(join(w.h.home, 'serve'))).toEqual([]);
  });

  it('refuses to nest unless --force, which replaces what was there', async () => {
    const w = await world();
    const marker = join(w.scratch, 'ran');
    const touch = [NODE, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`];
    for (const env of [
      { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'old-secret-of-the-outer-shell' },
      { ANCHORAGE_EXEC: 'dev' },
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/credentials/x' },
    ]) {
      const line = cliFailure(await w.h.run(['exec', 'dev', '--', ...touch], { env }));
      expect(line).toContain(Object.keys(env)[0]);
      expect(line).toContain('--force');
      expect(line).not.toContain('old-secret-of-the-outer-shell');
    }
    expect(existsSync(marker)).toBe(false);

    const forced = await w.h.run(['exec', 'dev', '--force', '--', NODE, '-e', DUMP], {
      env: {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SESSION_TOKEN: 'old-token',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/old',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'old',
        ANCHORAGE_EXEC: 'outer',
      },
    });
    expect(forced.code).toBe(0);
    const { env } = JSON.parse(forced.stdout) as Dump;
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(env.AWS_SESSION_TOKEN).not.toBe('old-token');
    expect(env.ANCHORAGE_EXEC).toBe('dev');
    for (const gone of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']) {
      expect(env[gone], gone).toBeUndefined();
    }

    // An exec inside an exec: the inner one refuses, and the outer passes its status on.
    const nested = await w.h.run(['exec', 'dev', '--', NODE, BIN, 'exec', 'dev', '--', ...touch]);
    expect(nested.code).toBe(1);
    expect(nested.stderr).toMatch(
      /^error: AWS credentials are already in the environment \(.*ANCHORAGE_EXEC\)/,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('says what is wrong when there is no command, no such command, or no such profile', async () => {
    const w = await world();
    expect(cliFailure(await w.h.run(['exec', 'dev']))).toMatch(/No command.*-- aws sts get-caller-identity/);
    const missing = await w.h.run(['exec', 'dev', '--', 'no-such-command-anchorage']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(
      /^error: The command "no-such-command-anchorage" was not found\. \(hint: .*PATH.*\)\n$/,
    );
    expect((await w.h.run(['exec', 'dev', '--', w.scratch])).code).toBe(126);
    expect(cliFailure(await w.h.run(['exec', 'nope', '--', 'true']))).toMatch(/profile list/);
  });
});
