/**
 * Issue 3, "CLI → emulator": the built `anchorage` CLI gets Roles Anywhere sessions from the emulator
 * (which verifies the AWS4-X509 signature, the serial, the scope and the chain independently of main/).
 * Every CA and certificate is made through the CLI; the trust anchors hold the PEM `export` wrote.
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
/** One trust anchor per root CA; the profile ARN is shared. */
const rsaArns: SessionArns = arnsFor(REGION, 'a');
const ecArns: SessionArns = { ...arnsFor(REGION, 'b'), profileArn: rsaArns.profileArn };

beforeAll(async () => {
  const rsaRoot = await createCa(r, 'rsa-root', { keyType: 'rsa-2048', org: 'Anchorage IT' });
  const ecRoot = await createCa(r, 'ec-root', { keyType: 'ec-p256' });
  // The chain case: root → intermediate (EC, different key type on purpose) → client; the trust anchor
  // holds only the root, so the intermediate must travel in X-Amz-X509-Chain.
  await createCa(r, 'rsa-intermediate', { parent: 'rsa-root', keyType: 'ec-p384' });
  const rsaPem = await exportPem(r, rsaRoot.id, scratch.dir);
  const ecPem = await exportPem(r, ecRoot.id, scratch.dir);
  expect(rsaPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(rsaPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [
      { arn: rsaArns.trustAnchorArn, certificatesPem: [rsaPem] },
      { arn: ecArns.trustAnchorArn, certificatesPem: [ecPem] },
    ],
    profiles: [{ arn: rsaArns.profileArn, roleArns: [rsaArns.roleArn] }],
  });

  await issueCert(r, 'rsa-root', 'rsa-client', 'rsa-2048');
  await issueCert(r, 'ec-root', 'ec256-client', 'ec-p256');
  await issueCert(r, 'rsa-root', 'ec384-client', 'ec-p384');
  await issueCert(r, 'rsa-intermediate', 'chained-client', 'rsa-2048');
  await addProfile(r, 'rsa', 'rsa-client', rsaArns, emu.url, ['--session-name', 'it-rsa']);
  await addProfile(r, 'ec256', 'ec256-client', ecArns, emu.url);
  await addProfile(r, 'ec384', 'ec384-client', rsaArns, emu.url);
  await addProfile(r, 'chained', 'chained-client', rsaArns, emu.url);
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
  it('works with an RSA-2048 client certificate', async () => {
    const before = emu.stats().createSession;
    const s = await session('rsa');
    expectCredentials(s);
    expect(s.Region).toBe(REGION);
    expect(emu.stats().createSession).toBe(before + 1);
    expect(emu.issued().find((i) => i.accessKeyId === s.AccessKeyId)?.subjectCn).toBe('rsa-client');
  });

  it('works with EC P-256 (under an EC root) and EC P-384 (under an RSA root) client certificates', async () => {
    const p256 = await session('ec256');
    const p384 = await session('ec384');
    expectCredentials(p256);
    expectCredentials(p384);
    expect(p256.AccessKeyId).not.toBe(p384.AccessKeyId);
    const cns = emu.issued().map((i) => i.subjectCn);
    expect(cns).toEqual(expect.arrayContaining(['ec256-client', 'ec384-client']));
  });

  it('works through an intermediate CA when the trust anchor holds only the root', async () => {
    const s = await session('chained');
    expectCredentials(s);
    expect(emu.issued().find((i) => i.accessKeyId === s.AccessKeyId)?.subjectCn).toBe('chained-client');
  });

  it('reuses the cached session, and --no-cache calls CreateSession again', async () => {
    const first = await session('rsa');
    const before = emu.stats().createSession;
    const again = await session('rsa');
    expect(again.AccessKeyId).toBe(first.AccessKeyId);
    expect(emu.stats().createSession).toBe(before);
    const fresh = await session('rsa', '--no-cache');
    expect(fresh.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(emu.stats().createSession).toBe(before + 1);
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

  it('prints account and user id as well with --json', async () => {
    const out = await r.ok<{ arn: string; account: string; userId: string }>(['--json', 'whoami', 'rsa']);
    expect(out.arn).toMatch(/assumed-role\/anchorage-it\/it-rsa$/);
    expect(out.account).toBe('123456789012');
    expect(out.userId).toMatch(/:it-rsa$/);
  });
});
