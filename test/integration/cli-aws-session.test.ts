/**
 * Issue 3, "CLI → emulator": the built `anchorage` CLI gets a Roles Anywhere session from the emulator
 * (which verifies the AWS4-X509 signature, the serial, the scope and the chain independently of main/) and
 * prints it in every --format, and `whoami`. The CA and certificate are made through the CLI; the trust anchor
 * holds the PEM `export` wrote. Sessions for every key type, through an intermediate, and the cache are
 * checked in process in test/unit/main/core/session-key-types.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/index';
import { addProfile, arnsFor, createCa, exportPem, issueCert, Recorder, scratchDir } from './aws-fixtures';
import type { SessionArns, SessionJson } from './aws-fixtures';
import { cliHarness } from './cli-harness';

const REGION = 'us-east-1';
const h = cliHarness({ vault: 'file' });
const r = new Recorder(h);
const scratch = scratchDir();
let emu: Emulator;
const rsaArns: SessionArns = arnsFor(REGION, 'a');

beforeAll(async () => {
  const rsaRoot = await createCa(r, 'rsa-root', { keyType: 'rsa-2048', org: 'Anchorage IT' });
  const rsaPem = await exportPem(r, rsaRoot.id, scratch.dir);
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [{ arn: rsaArns.trustAnchorArn, certificatesPem: [rsaPem] }],
    profiles: [{ arn: rsaArns.profileArn, roleArns: [rsaArns.roleArn] }],
  });
  await issueCert(r, 'rsa-root', 'rsa-client', 'rsa-2048');
  await addProfile(r, 'rsa', 'rsa-client', rsaArns, emu.url, ['--session-name', 'it-rsa']);
});

afterAll(async () => {
  await emu?.close();
  h.cleanup();
  scratch.cleanup();
  // Every stderr of the file, checked against every credential any stdout carried.
  expect(r.leaks()).toEqual([]);
});

function session(name: string, ...extra: string[]): Promise<SessionJson> {
  return r
    .ok<string>(['session', name, '--format', 'json', ...extra])
    .then((s) => JSON.parse(s) as SessionJson);
}

function expectCredentials(s: SessionJson): void {
  expect(s.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
  expect(s.SecretAccessKey).toMatch(/^[A-Za-z0-9/+=]{40}$/);
  expect(s.SessionToken.length).toBeGreaterThan(20);
  const left = Date.parse(s.Expiration) - Date.now();
  expect(left).toBeGreaterThan(3500_000);
  expect(left).toBeLessThanOrEqual(3601_000);
  expect(emu.issued().map((i) => i.accessKeyId)).toContain(s.AccessKeyId);
}

describe('session NAME --format json against the emulator', () => {
  it('prints the credentials CreateSession issued, and a second run reuses the cache', async () => {
    const before = emu.stats().createSession;
    const s = await session('rsa');
    expectCredentials(s);
    expect(s.Region).toBe(REGION);
    expect(emu.issued().find((i) => i.accessKeyId === s.AccessKeyId)?.subjectCn).toBe('rsa-client');
    expect((await session('rsa')).AccessKeyId).toBe(s.AccessKeyId);
    expect(emu.stats().createSession).toBe(before + 1);
    expect((await session('rsa', '--no-cache')).AccessKeyId).not.toBe(s.AccessKeyId);
    expect(emu.stats().createSession).toBe(before + 2);
  });
});

describe('every --format prints the right shape', () => {
  let ref: SessionJson;
  beforeAll(async () => {
    // All formats below come from the same cached session, so they must all carry these values.
    ref = await session('rsa');
  });

  const text = (format: string) => r.ok<string>(['session', 'rsa', '--format', format]);

  it('env: eval-ed by bash, it sets the AWS_* variables', async () => {
    const out = await text('env');
    expect(
      out
        .trim()
        .split('\n')
        .every((l) => l.startsWith('export AWS_')),
    ).toBe(true);
    // The credentials go to bash on stdin, never in argv.
    const printed = execFileSync(
      'bash',
      [
        '-c',
        'eval "$(cat)"; printf "%s\\n" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION" "$AWS_REGION" "$AWS_DEFAULT_REGION"',
      ],
      { input: out, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(printed.split('\n').slice(0, 6)).toEqual([
      ref.AccessKeyId,
      ref.SecretAccessKey,
      ref.SessionToken,
      ref.Expiration,
      REGION,
      REGION,
    ]);
  });

  it('json: the credentials, expiration and region', async () => {
    const json = JSON.parse(await text('json')) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual([
      'AccessKeyId',
      'Expiration',
      'Region',
      'SecretAccessKey',
      'SessionToken',
    ]);
    expect(json).toEqual({ ...ref });
  });

  it('process: credential_process JSON with Version 1', async () => {
    const out = await text('process');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({
      Version: 1,
      AccessKeyId: ref.AccessKeyId,
      SecretAccessKey: ref.SecretAccessKey,
      SessionToken: ref.SessionToken,
      Expiration: ref.Expiration,
    });
  });

  const vars = () => ({
    AWS_ACCESS_KEY_ID: ref.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: ref.SecretAccessKey,
    AWS_SESSION_TOKEN: ref.SessionToken,
    AWS_CREDENTIAL_EXPIRATION: ref.Expiration,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
  });

  function parseLines(out: string, re: RegExp): Record<string, string> {
    const lines = out.trim().split('\n');
    const result: Record<string, string> = {};
    for (const line of lines) {
      const m = re.exec(line);
      if (!m) throw new Error(`unexpected line: ${line.replace(/[A-Za-z0-9/+=]{16,}/g, '…')}`);
      result[m[1] as string] = m[2] as string;
    }
    return result;
  }

  it("fish: set -gx NAME 'value'", async () => {
    expect(parseLines(await text('fish'), /^set -gx (AWS_[A-Z_]+) '([^'\\]*)'$/)).toEqual(vars());
  });

  it("powershell: $Env:NAME = 'value'", async () => {
    expect(parseLines(await text('powershell'), /^\$Env:(AWS_[A-Z_]+) = '([^']*)'$/)).toEqual(vars());
  });

  it('cmd: set "NAME=value"', async () => {
    expect(parseLines(await text('cmd'), /^set "(AWS_[A-Z_]+)=([^"%!]*)"$/)).toEqual(vars());
  });

  it("dotenv: NAME='value'", async () => {
    expect(parseLines(await text('dotenv'), /^(AWS_[A-Z_]+)='([^']*)'$/)).toEqual(vars());
  });

  it('ini: a [NAME] section that Python configparser (as botocore) reads back', async () => {
    const out = await text('ini');
    expect(out.split('\n')[0]).toBe('[rsa]');
    const parsed = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          'import configparser,json,sys\nc=configparser.RawConfigParser()\nc.read_string(sys.stdin.read())\nprint(json.dumps({s: dict(c[s]) for s in c.sections()}))',
        ],
        { input: out, encoding: 'utf8' },
      ),
    ) as Record<string, Record<string, string>>;
    expect(parsed).toEqual({
      rsa: {
        aws_access_key_id: ref.AccessKeyId,
        aws_secret_access_key: ref.SecretAccessKey,
        aws_session_token: ref.SessionToken,
        region: REGION,
      },
    });
  });
});

describe('whoami NAME', () => {
  it('prints the assumed-role ARN from STS GetCallerIdentity', async () => {
    const before = emu.stats().getCallerIdentity;
    const out = await r.ok<string>(['whoami', 'rsa']);
    expect(out.trim()).toBe(
      `arn:aws:sts::123456789012:assumed-role/${rsaArns.roleArn.split('/').pop()}/it-rsa`,
    );
    expect(emu.stats().getCallerIdentity).toBe(before + 1);
  });

  it('prints UserId, Account and Arn with --json, as `aws sts get-caller-identity` names them', async () => {
    const out = await r.ok<Record<string, string>>(['--json', 'whoami', 'rsa']);
    expect(Object.keys(out)).toEqual(['UserId', 'Account', 'Arn']);
    expect(out.Arn).toMatch(/assumed-role\/anchorage-it\/it-rsa$/);
    expect(out.Account).toBe('123456789012');
    expect(out.UserId).toMatch(/:it-rsa$/);
  });
});

describe('profile add, set and list; trust-policy (issue 9)', () => {
  const addArgs = (name: string) => [
    'profile',
    'add',
    name,
    '--cert',
    'rsa-client',
    '--trust-anchor-arn',
    rsaArns.trustAnchorArn,
    '--profile-arn',
    rsaArns.profileArn,
    '--role-arn',
    rsaArns.roleArn,
    '--endpoint',
    emu.url,
    '--sts-endpoint',
    emu.url,
  ];

  it('profile add refuses an existing name unless --replace', async () => {
    await r.ok(addArgs('edit'));
    const before = await r.ok<unknown>(['--json', 'profile', 'show', 'edit']);
    const refused = await r.fails([...addArgs('edit'), '--duration', '900']);
    expect(refused).toMatch(/already a profile named "edit"/);
    expect(refused).toContain('`anchorage profile set edit …`');
    expect(refused).toContain('--replace');
    expect(await r.ok<unknown>(['--json', 'profile', 'show', 'edit'])).toEqual(before);
    const replaced = await r.ok<{ durationSeconds: number }>([
      '--json',
      ...addArgs('edit'),
      '--duration',
      '900',
      '--replace',
    ]);
    expect(replaced.durationSeconds).toBe(900);
  });

  it('profile set changes the given fields, drops the cached session, and prints the profile with --json', async () => {
    const first = await session('edit');
    const before = emu.stats().createSession;
    const changed = await r.ok<Record<string, unknown>>([
      '--json',
      'profile',
      'set',
      'edit',
      '--session-name',
      'edited',
      '--duration',
      '1800',
    ]);
    expect(changed).toMatchObject({
      name: 'edit',
      sessionName: 'edited',
      durationSeconds: 1800,
      roleArn: rsaArns.roleArn,
      endpoint: emu.url,
    });
    const second = await session('edit');
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(emu.stats().createSession).toBe(before + 1);
    const who = await r.ok<{ Arn: string }>(['--json', 'whoami', 'edit']);
    expect(who.Arn).toMatch(/\/edited$/);
  });

  it('profile set refuses a bad whole, or nothing to change, and writes nothing', async () => {
    const before = await r.ok<unknown>(['--json', 'profile', 'show', 'edit']);
    expect(await r.fails(['profile', 'set', 'edit', '--region', 'eu-west-1'])).toMatch(/eu-west-1/);
    expect(await r.fails(['profile', 'set', 'edit', '--cert', 'rsa-root'])).toContain('--cert');
    expect(await r.fails(['profile', 'set', 'edit'])).toMatch(/Nothing to change/);
    expect(await r.fails(['profile', 'set', 'nope', '--duration', '900'])).toContain('profile list');
    expect(await r.ok<unknown>(['--json', 'profile', 'show', 'edit'])).toEqual(before);
  });

  it('profile list shows certificate names and session state', async () => {
    await r.ok(addArgs('fresh'));
    const out = await r.ok<string>(['profile', 'list']);
    expect(out).toMatch(/^NAME\s+REGION\s+ROLE\s+CERTIFICATE\s+SESSION/);
    expect(out).toMatch(/^edit\s+us-east-1\s+\S+\s+rsa-client\s+cached until \d{4}-/m);
    expect(out).toMatch(/^fresh\s+us-east-1\s+\S+\s+rsa-client\s+none$/m);
    const json = await r.ok<Array<{ name: string; certificateName: string; session: { state: string } }>>([
      '--json',
      'profile',
      'list',
    ]);
    expect(json.find((p) => p.name === 'fresh')).toMatchObject({
      certificateName: 'rsa-client',
      session: { state: 'none' },
    });
  });

  it('trust-policy prints the policy, scoped by --cn and --source-arn, or from --profile', async () => {
    const plain = JSON.parse(await r.ok<string>(['trust-policy'])) as {
      Statement: Array<{ Principal: unknown; Action: string[]; Condition?: unknown }>;
    };
    expect(plain.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
    });
    const scoped = JSON.parse(
      await r.ok<string>(['trust-policy', '--cn', 'agent 7', '--source-arn', rsaArns.trustAnchorArn]),
    ) as { Statement: Array<{ Condition: unknown }> };
    expect(scoped.Statement[0]!.Condition).toEqual({
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'agent 7' },
      ArnEquals: { 'aws:SourceArn': rsaArns.trustAnchorArn },
    });
    const fromProfile = await r.ok<{ Statement: Array<{ Condition: unknown }> }>([
      '--json',
      'trust-policy',
      '--profile',
      'rsa',
    ]);
    expect(fromProfile.Statement[0]!.Condition).toEqual({
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'rsa-client' },
      ArnEquals: { 'aws:SourceArn': rsaArns.trustAnchorArn },
    });
    expect(await r.fails(['trust-policy', '--source-arn', rsaArns.roleArn])).toMatch(/trust anchor/i);
  });
});
