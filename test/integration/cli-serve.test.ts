/**
 * Issue 11 §1, what only a process shows: `anchorage serve` as the AWS CLI and boto3 (Debian's, which nobody
 * here wrote) use it, in container mode and in IMDS mode; its one `--json` line and its pasteable `export`
 * lines; SIGINT and SIGTERM; refusals at start as one error line; and no secret in anything it prints.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, containsSecret, makeWorld } from './aws-fixtures';
import type { World } from './aws-fixtures';
import { cliFailure } from './cli-harness';
import {
  callerIdentityWithAwsCli,
  callerIdentityWithBoto3,
  killLeftovers,
  requireAwsTools,
  spawnCli,
  toolEnv,
} from './cli-serve-harness';
import type { Live, Ran } from './cli-serve-harness';
import { send } from '../unit/main/core/serve/serve-harness';

// One world for the file (its CLI-made PKI costs a dozen processes) with the profiles dev and ops; a test that
// revokes adds a profile of its own.
let shared: (World & { certs: Record<string, string> }) | undefined;
beforeAll(async () => {
  const w = Object.assign(await makeWorld(), { certs: {} as Record<string, string> });
  shared = w;
  for (const p of ['dev', 'ops']) w.certs[p] = (await w.profile(p)).name;
});
afterEach(killLeftovers);
afterAll(async () => {
  await shared?.close();
});

/** The shared world, with `profiles` added to it. */
async function world(...profiles: string[]): Promise<World & { certs: Record<string, string> }> {
  requireAwsTools();
  const w = shared!;
  for (const p of profiles) w.certs[p] = (await w.profile(p)).name;
  return w;
}

interface Ready {
  url: string;
  profiles: Record<
    string,
    { AWS_CONTAINER_CREDENTIALS_FULL_URI: string; AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: string }
  >;
  imds?: { profile: string; AWS_EC2_METADATA_SERVICE_ENDPOINT: string };
}

async function serveJson(w: World, args: string[]): Promise<{ serve: Live; ready: Ready }> {
  const serve = spawnCli(w.h, ['--json', 'serve', '--port', '0', ...args]);
  const ready = JSON.parse((await serve.waitFor(/\n/)).trim()) as Ready;
  return { serve, ready };
}

/**
 * The container variables of a profile as a tool gets them. Debian's awscli 2.9 and boto3 1.26 predate
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (botocore 1.33), so they get the token itself, as the printed lines give it.
 */
function containerEnv(w: World, endpoint: Ready['profiles'][string]): NodeJS.ProcessEnv {
  return toolEnv(w, {
    ...endpoint,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: readFileSync(endpoint.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, 'utf8'),
  });
}

function expectRole(ran: Ran): void {
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  expect(ran.stdout).toContain('arn:aws:sts::123456789012:assumed-role/anchorage-it/');
}

function bash(script: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) =>
    execFile('bash', ['-c', script], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('anchorage serve', () => {
  it('serves the AWS CLI and boto3 in container mode, one profile per URL, and stops on SIGTERM', async () => {
    const w = await world();
    const { serve, ready } = await serveJson(w, ['--profile', 'dev', '--profile', 'ops']);
    const port = new URL(ready.url).port;
    expect(ready.url).toBe(`http://127.0.0.1:${port}`);
    expect(Object.keys(ready)).toEqual(['url', 'profiles']);
    expect(ready.profiles).toEqual({
      dev: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${ready.url}/credentials/dev`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(w.h.home, 'serve', port, 'dev.token'),
      },
      ops: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${ready.url}/credentials/ops`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(w.h.home, 'serve', port, 'ops.token'),
      },
    });
    // Warm before ready: one CreateSession per profile, and none for the tools' calls after.
    expect(w.emu.stats().createSession).toBe(2);
    for (let i = 0; i < 2; i++) {
      expectRole(await callerIdentityWithAwsCli(w, containerEnv(w, ready.profiles.dev!)));
      const boto = await callerIdentityWithBoto3(w, containerEnv(w, ready.profiles.ops!));
      expectRole(boto);
      expect(boto.stdout.split('\n')[0]).toBe('container-role');
    }
    expect(w.emu.stats().createSession).toBe(2);
    expect(w.emu.stats().getCallerIdentity).toBe(4);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(w.h.home, 'serve', port))).toBe(false);
    expect(serve.stderr().trim().split('\n').at(-1)).toBe('{"event":"stopped"}');
  });

  it('prints export lines a shell runs as they are, serves IMDSv2 with --imds, and stops on SIGINT', async () => {
    const w = await world();
    const sessions = w.emu.stats().createSession;
    const serve = spawnCli(w.h, ['serve', '--port', '0', '--profile', 'dev', '--imds']);
    const text = await serve.waitFor(/AWS_EC2_METADATA_SERVICE_ENDPOINT=.+\n/);
    const [container, imds] = text.split(/^# Or IMDSv2.*$/m);
    expect(container).toMatch(
      /^export AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/credentials\/dev'$/m,
    );
    expect(container).toMatch(/^export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='.+\/dev\.token'$/m);

    // Pasted into a shell as printed (a shell that had static keys, which the lines unset).
    const pasted = await bash(
      `${container}\n${AWS_CLI} --endpoint-url ${w.emu.url} sts get-caller-identity`,
      {
        ...toolEnv(w),
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-key-for-this-test',
      },
    );
    expectRole(pasted);

    // IMDS mode: only the metadata endpoint, no container variable, IMDS not disabled.
    const endpoint = /^export AWS_EC2_METADATA_SERVICE_ENDPOINT='(.+)'$/m.exec(imds!)?.[1];
    expect(endpoint).toBe(`${/http:\/\/127\.0\.0\.1:\d+/.exec(container!)?.[0]}/`);
    const env = toolEnv(w, { AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint });
    delete env.AWS_EC2_METADATA_DISABLED;
    expect(Object.keys(env).filter((k) => k.startsWith('AWS_CONTAINER_'))).toEqual([]);
    expectRole(await callerIdentityWithAwsCli(w, env));
    const boto = await callerIdentityWithBoto3(w, env);
    expectRole(boto);
    expect(boto.stdout.split('\n')[0]).toBe('iam-role');
    // The session the first test's server made is still in the cache.
    expect(w.emu.stats().createSession).toBe(sessions);

    const tokenDir = dirname(/TOKEN_FILE='(.+)'/.exec(container!)![1]!);
    expect(existsSync(tokenDir)).toBe(true);
    serve.child.kill('SIGINT');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(tokenDir)).toBe(false);
    expect(serve.stderr()).toMatch(/^serve: dev: session valid until \S+ \(from the cache\)$/m);
    expect(serve.stderr()).toMatch(/^serve: stopped; the token files are removed$/m);
  });

  it('refuses bad requests, turns a revoke elsewhere into a clear error, and prints no secret', async () => {
    const w = await world('doomed');
    const { serve, ready } = await serveJson(w, ['--profile', 'doomed']);
    const endpoint = ready.profiles.doomed!;
    const url = endpoint.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    const token = readFileSync(endpoint.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, 'utf8');
    const served = (await send(url, { headers: { Authorization: token } })).json();
    const refused = [
      await send(url),
      await send(url, { headers: { Authorization: 'wrong' } }),
      await send(url, { headers: { Authorization: token, Origin: 'https://attacker.example' } }),
      await send(url, { headers: { Authorization: token }, host: 'attacker.example' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 403, 403, 403]);
    await serve.waitFor(/"reason":"host"/, 'stderr');

    await w.r.ok(['revoke', w.certs.doomed!]);
    const after = await callerIdentityWithAwsCli(w, containerEnv(w, endpoint));
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/REVOKED/);
    expect(after.stderr).toMatch(/was revoked on/);
    await serve.waitFor(/"event":"error".*"code":"REVOKED"/, 'stderr');

    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
    const printed = serve.stdout() + serve.stderr();
    for (const secret of [token, served.SecretAccessKey!, served.Token!]) {
      expect(containsSecret(printed, secret)).toBe(false);
    }
    expect(
      serve
        .stderr()
        .trim()
        .split('\n')
        .map(
          (l) =>
            (JSON.parse(l) as { event: string; reason?: string }).reason ??
            (JSON.parse(l) as { event: string }).event,
        ),
    ).toEqual(['session', 'token-missing', 'token-wrong', 'origin', 'host', 'error', 'stopped']);
  });

  it('refuses to start with one error line: an unknown or revoked profile, a port in use, bad options', async () => {
    const w = await world('late');
    const { serve, ready } = await serveJson(w, ['--profile', 'dev']);
    const port = new URL(ready.url).port;
    const taken = cliFailure(await w.h.run(['serve', '--port', port, '--profile', 'ops']));
    expect(taken).toMatch(/already in use.*--port 0/);
    serve.child.kill('SIGTERM');
    await serve.exited;

    expect(cliFailure(await w.h.run(['serve', '--port', '0', '--profile', 'nope']))).toMatch(/profile list/);
    expect(cliFailure(await w.h.run(['serve', '--port', '0']))).toMatch(/--profile dev/);
    expect(cliFailure(await w.h.run(['serve', '--port', '70000', '--profile', 'dev']))).toMatch(/--port 0/);
    expect(
      cliFailure(await w.h.run(['serve', '--port', '0', '--profile', 'dev', '--profile', 'ops', '--imds'])),
    ).toMatch(/--imds PROFILE/);
    await w.r.ok(['revoke', w.certs.ops!]);
    expect(cliFailure(await w.h.run(['serve', '--port', '0', '--profile', 'ops']))).toMatch(
      /revoked.*profile set ops/,
    );
    // Nothing is left behind by a run that never got ready.
    expect(readdirSync(join(w.h.home, 'serve'))).toEqual([]);
  });
});
