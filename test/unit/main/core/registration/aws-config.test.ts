// Endpoint resolution for the registration calls (main/core/registration/aws-config.ts) must be the AWS SDK's:
// for each configuration, a current SDK client (@aws-sdk/client-iam, which resolves configured endpoints
// itself) is sent to a loopback server, and the server it reached must be the one Anchorage's resolver names.
// This file sets process.env, which vitest isolates per test file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import {
  configuredEndpoint,
  configuredRegion,
  operatorRegion,
} from '../../../../../main/core/registration/aws-config';

interface Listener {
  url: string;
  hits: number;
  server: Server;
}

async function listener(): Promise<Listener> {
  const l = { url: '', hits: 0 } as Listener;
  l.server = createServer((req, res) => {
    l.hits++;
    res.writeHead(500, { 'content-type': 'text/xml' }).end('<ErrorResponse/>');
  });
  await new Promise<void>((resolve) => l.server.listen(0, '127.0.0.1', resolve));
  l.url = `http://127.0.0.1:${(l.server.address() as AddressInfo).port}`;
  return l;
}

let dir: string;
let a: Listener;
let b: Listener;
let c: Listener;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anchorage-aws-config-'));
  [a, b, c] = await Promise.all([listener(), listener(), listener()]);
});
afterAll(async () => {
  await Promise.all([a, b, c].map((l) => new Promise((r) => l.server.close(r))));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  });
  a.hits = b.hits = c.hits = 0;
});
afterAll(() => {
  process.env = saved;
});

/** Which listener the SDK's own IAM client reaches, with no endpoint given (profile: AWS_PROFILE's). */
async function sdkReaches(profile?: string): Promise<string | undefined> {
  const client = new IAMClient({ region: 'us-east-1', maxAttempts: 1, ...(profile ? { profile } : {}) });
  await client.send(new ListRolesCommand({})).catch(() => undefined);
  client.destroy();
  return [a, b, c].find((l) => l.hits > 0)?.url;
}

const configs: Array<[string, Record<string, string>, string, string | undefined]> = [
  [
    'AWS_ENDPOINT_URL_IAM over AWS_ENDPOINT_URL',
    { AWS_ENDPOINT_URL_IAM: 'A', AWS_ENDPOINT_URL: 'B' },
    '',
    undefined,
  ],
  ['AWS_ENDPOINT_URL alone', { AWS_ENDPOINT_URL: 'B' }, '', undefined],
  [
    'the environment over the config file',
    { AWS_ENDPOINT_URL: 'A' },
    '[default]\nendpoint_url = B\n',
    undefined,
  ],
  [
    'a services section over the profile’s endpoint_url',
    {},
    '[default]\nservices = local\nendpoint_url = B\n[services local]\niam =\n  endpoint_url = C\n',
    undefined,
  ],
  ['the profile’s endpoint_url', {}, '[default]\nendpoint_url = C\n', undefined],
  [
    'a named profile',
    {},
    '[default]\nendpoint_url = A\n[profile ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret\nendpoint_url = B\n',
    'ops',
  ],
];

describe('configured endpoints agree with the AWS SDK', () => {
  for (const [title, env, configFile, profile] of configs) {
    it(title, async () => {
      const url = (x: string) => ({ A: a.url, B: b.url, C: c.url })[x] ?? x;
      await writeFile(
        join(dir, 'config'),
        configFile.replace(/= ([ABC])$/gm, (_m, x: string) => `= ${url(x)}`),
      );
      for (const [k, v] of Object.entries(env)) process.env[k] = url(v);
      if (profile) process.env.AWS_PROFILE = profile;
      const ours = await configuredEndpoint(
        'IAM',
        { kind: 'aws-profile', ...(profile ? { profile } : {}) },
        process.env,
      );
      expect(ours).toBeDefined();
      expect(await sdkReaches(profile)).toBe(ours);
    });
  }

  it('none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true', async () => {
    await writeFile(join(dir, 'config'), `[default]\nendpoint_url = ${a.url}\n`);
    process.env.AWS_ENDPOINT_URL = a.url;
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true';
    expect(await configuredEndpoint('IAM', { kind: 'aws-profile' }, process.env)).toBeUndefined();
  });

  it('the Roles Anywhere key is its own', async () => {
    await writeFile(join(dir, 'config'), '');
    const env = { ...process.env, AWS_ENDPOINT_URL_ROLESANYWHERE: a.url, AWS_ENDPOINT_URL_IAM: b.url };
    expect(await configuredEndpoint('ROLESANYWHERE', { kind: 'aws-profile' }, env)).toBe(a.url);
    expect(await configuredEndpoint('IAM', { kind: 'aws-profile' }, env)).toBe(b.url);
  });
});

describe('region', () => {
  it('the input, then AWS_REGION, then the profile’s region; none is an error that says so', async () => {
    await writeFile(
      join(dir, 'config'),
      '[default]\nregion = eu-west-1\n[profile ops]\nregion = ap-south-1\n',
    );
    expect(await operatorRegion('us-west-2', { kind: 'aws-profile' }, process.env)).toBe('us-west-2');
    expect(await operatorRegion(undefined, { kind: 'aws-profile' }, process.env)).toBe('eu-west-1');
    expect(await operatorRegion(undefined, { kind: 'aws-profile', profile: 'ops' }, process.env)).toBe(
      'ap-south-1',
    );
    expect(
      await configuredRegion({ kind: 'aws-profile' }, { ...process.env, AWS_REGION: 'ca-central-1' }),
    ).toBe('ca-central-1');
    await writeFile(join(dir, 'config'), '');
    await expect(operatorRegion(undefined, { kind: 'aws-profile' }, process.env)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      facts: { field: 'region', reason: 'missing' },
    });
    await expect(operatorRegion('mars-1', { kind: 'aws-profile' }, process.env)).rejects.toMatchObject({
      facts: { field: 'region', reason: 'malformed' },
    });
  });
});
