/**
 * Issue 3, "Secrets": after sessions (every path that creates or reads one) and `static add`, no session
 * secret key, session token, static secret or vault passphrase appears in any file of the data directory —
 * in clear, base64 or hex — nor in the stderr of any command of this suite, failing ones included. The
 * failures are chosen so that the secret is right there when the error is made (a bad secret on stdin, an
 * STS that rejects the token, a signing request with session credentials and a bad URL, …).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/index';
import { addProfile, containsSecret, makeWorld } from './aws-fixtures';
import type { SessionJson, World } from './aws-fixtures';

const worlds: World[] = [];
let other: Emulator;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A random secret access key: 40 characters of the AWS alphabet. */
function randomSecret(): string {
  return randomBytes(30).toString('base64').slice(0, 40);
}

beforeAll(async () => {
  // An STS that never issued these sessions: GetCallerIdentity is refused there with the token in hand.
  other = await startEmulator({ region: 'us-east-1', trustAnchors: [], profiles: [] });
});

afterAll(async () => {
  await other?.close();
  for (const w of worlds) await w.close();
});

describe('the leak detector itself', () => {
  it('finds a secret in clear and inside base64 at every alignment, and nothing where it is not', () => {
    const secret = randomSecret();
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const blob = Buffer.from(`{"x":"${prefix}${secret}","y":1}`).toString('base64');
      expect(containsSecret(`data: ${blob} end`, secret)).toBe(true);
    }
    expect(containsSecret(`key=${secret}`, secret)).toBe(true);
    expect(containsSecret(Buffer.from(randomBytes(4096).toString('base64')), secret)).toBe(false);
  });
});

describe.each(['file', 'keychain'] as const)('secrets stay secret (%s vault)', (vault) => {
  let w: World;
  const sessions: SessionJson[] = [];
  const staticSecrets = [randomSecret(), randomSecret()];

  beforeAll(async () => {
    w = await makeWorld({ vault });
    worlds.push(w);
    await w.profile('alpha', { extra: ['--session-name', 'alpha'] });
    await w.profile('beta');
    for (const s of staticSecrets) w.r.remember(s);
    const passphrase = w.h.env.ANCHORAGE_VAULT_PASSPHRASE;
    if (passphrase) w.r.remember(passphrase);
  });

  it('uses sessions every way the CLI offers, and stores static secrets from stdin and the environment', async () => {
    for (const args of [
      ['session', 'alpha', '--format', 'json'],
      ['session', 'beta', '--format', 'json', '--no-cache'],
      ['session', 'beta', '--format', 'json'],
    ]) {
      sessions.push(JSON.parse(await w.r.ok<string>(args)) as SessionJson);
    }
    for (const format of ['env', 'ini', 'process', 'dotenv'])
      await w.r.ok(['session', 'alpha', '--format', format]);
    await w.r.ok(['credential-process', 'beta']);
    await w.r.ok(['whoami', 'alpha']);
    await w.r.ok([
      '--json',
      'sign',
      '--profile',
      'alpha',
      '--service',
      'sts',
      '--region',
      'us-east-1',
      '--url',
      `${w.emu.url}/`,
    ]);
    await w.r.ok(
      ['static', 'add', 'from-stdin', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-stdin'],
      {
        stdin: `${staticSecrets[0]}\n`,
      },
    );
    await w.r.ok(['static', 'add', 'from-env', '--access-key-id', 'AKIAI44QH8DHBEXAMPLE'], {
      env: { AWS_SECRET_ACCESS_KEY: staticSecrets[1] },
    });
    await w.r.ok([
      '--json',
      'sign',
      '--static',
      'from-stdin',
      '--service',
      'sts',
      '--region',
      'us-east-1',
      '--url',
      `${w.emu.url}/`,
    ]);
    expect(new Set(sessions.map((s) => s.AccessKeyId)).size).toBe(2);
    // The recorder has picked every session secret and token off stdout.
    for (const s of sessions) {
      expect(w.r.secrets).toContain(s.SecretAccessKey);
      expect(w.r.secrets).toContain(s.SessionToken);
    }
  });

  it('runs failing commands while secrets are at hand (each a one-line error)', async () => {
    // A secret that is almost right, on stdin and in the environment: the error must not echo it.
    const almost = `${randomSecret()}!`;
    w.r.remember(almost);
    await w.r.fails(['static', 'add', 'bad', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-stdin'], {
      stdin: almost,
    });
    await w.r.fails(['static', 'add', 'bad', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'], {
      env: { AWS_SECRET_ACCESS_KEY: almost },
    });
    // STS refuses a session it never issued (InvalidClientTokenId), with the token in the request.
    await addProfile(w.r, 'gamma', 'alpha-client', w.arns, w.emu.url, ['--sts-endpoint', other.url]);
    await w.r.ok(['session', 'gamma', '--format', 'env']);
    await w.r.fails(['whoami', 'gamma']);
    // Signing with session / static / env credentials, and a URL or time that is wrong.
    await w.r.fails([
      'sign',
      '--profile',
      'alpha',
      '--service',
      'sts',
      '--region',
      'us-east-1',
      '--url',
      'not a url',
    ]);
    await w.r.fails([
      'sign',
      '--static',
      'from-env',
      '--service',
      'sts',
      '--region',
      'us-east-1',
      '--url',
      'https://x/',
      '--time',
      'yesterday',
    ]);
    const s = sessions[0] as SessionJson;
    await w.r.fails(['sign', '--service', 'sts', '--region', 'us-east-1', '--url', '::'], {
      env: {
        AWS_ACCESS_KEY_ID: s.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: s.SecretAccessKey,
        AWS_SESSION_TOKEN: s.SessionToken,
      },
    });
    // CreateSession failures: denied, 503 until giving up, timeout.
    w.emu.inject({ status: 403, errorType: 'AccessDeniedException', count: 1 });
    await w.r.fails(['session', 'alpha', '--no-cache']);
    w.emu.inject({ status: 503, count: 10 });
    await w.r.fails(['session', 'beta', '--no-cache']);
    w.emu.inject({ delayMs: 2000, count: 10 });
    await w.r.fails(['session', 'beta', '--no-cache'], { env: { ANCHORAGE_HTTP_TIMEOUT_MS: '300' } });
    // Unknown names.
    await w.r.fails(['credential-process', 'nobody']);
    await w.r.fails([
      'sign',
      '--static',
      'nobody',
      '--service',
      's3',
      '--region',
      'us-east-1',
      '--url',
      'https://x/',
    ]);
    if (vault === 'file') {
      // The wrong vault passphrase: must not be echoed, and neither the right one.
      const wrong = `wrong-${randomSecret()}`;
      w.r.remember(wrong);
      await w.r.fails(['session', 'alpha', '--no-cache'], { env: { ANCHORAGE_VAULT_PASSPHRASE: wrong } });
      await w.r.fails(['credential-process', 'alpha'], { env: { ANCHORAGE_VAULT_PASSPHRASE: wrong } });
    }
    expect(w.r.results.filter((x) => x.result.code !== 0).length).toBeGreaterThanOrEqual(10);
  });

  it('no secret is in any file of the data directory, in clear, base64 or hex', () => {
    const secrets = [...w.r.secrets];
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const files = filesUnder(w.h.home);
    expect(files.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) {
        const hex = Buffer.from(secret).toString('hex');
        if (containsSecret(bytes, secret) || bytes.toString('latin1').toLowerCase().includes(hex)) {
          found.push(`${file.slice(w.h.home.length)}: ${secret.slice(0, 4)}…`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('no secret is in the stderr of any command run (failing ones included)', () => {
    expect(w.r.results.length).toBeGreaterThan(20);
    expect(w.r.leaks()).toEqual([]);
  });
});
