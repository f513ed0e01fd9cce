/**
 * Issue 12 through the built CLI, for what only a process shows: `anchorage aws setup` with the operator's
 * credentials from the environment (the SDK's default chain) and the endpoints from AWS_ENDPOINT_URL_*; the
 * exit status of a run that stops halfway and the CLI's words for it; `--dry-run` calling nothing; and the
 * saved profile used by the real AWS CLI through `configure-aws`. Core's own behaviour is tested in process
 * (test/unit/main/core/registration/setup.test.ts).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/index';
import { cliHarness } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { AWS_CLI, scratchDir } from './aws-fixtures';

const OPERATOR = {
  accessKeyId: 'AKIACLIOPERATOR00001',
  secretAccessKey: 'cli/operator/secret/00000000000000000001',
};
const READ_ONLY = {
  accessKeyId: 'AKIACLIREADONLY00001',
  secretAccessKey: 'cli/readonly/secret/00000000000000000001',
};

let emu: Emulator;
let h: CliHarness;
const scratch = scratchDir();
/** The operator as the AWS SDK finds it: the environment, and the endpoints the SDK's way. */
let awsEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  emu = await startEmulator({
    region: 'us-east-2',
    trustAnchors: [],
    profiles: [],
    operators: [OPERATOR, { ...READ_ONLY, allow: ['rolesanywhere:List*', 'iam:Get*', 'iam:List*'] }],
  });
  h = cliHarness();
  awsEnv = {
    AWS_ACCESS_KEY_ID: OPERATOR.accessKeyId,
    AWS_SECRET_ACCESS_KEY: OPERATOR.secretAccessKey,
    AWS_REGION: 'us-east-2',
    AWS_ENDPOINT_URL_ROLESANYWHERE: emu.url,
    AWS_ENDPOINT_URL_IAM: emu.url,
    AWS_ENDPOINT_URL_STS: emu.url,
    AWS_CONFIG_FILE: join(scratch.dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch.dir, 'no-credentials'),
  };
  await h.ok(['ca', 'create', '--name', 'edge-ca', '--key-type', 'ec-p256']);
  await h.ok([
    'cert',
    'issue',
    '--ca',
    'edge-ca',
    '--cn',
    'edge-7',
    '--name',
    'edge-7',
    '--key-type',
    'ec-p256',
  ]);
});
afterAll(async () => {
  await emu?.close();
  h?.cleanup();
  scratch.cleanup();
});

const SETUP = [
  'aws',
  'setup',
  '--ca',
  'edge-ca',
  '--cert',
  'edge-7',
  '--role-name',
  'edge-workload',
  '--condition',
  'cn',
  '--condition',
  'source-arn',
];

describe('anchorage aws setup', () => {
  it('--dry-run prints the calls and the operator policy, and the emulator sees no request', async () => {
    const out = await h.ok<string>([...SETUP, '--dry-run'], { env: awsEnv });
    expect(emu.calls()).toEqual([]);
    expect(out).toContain('nothing was called');
    expect(out).toContain('rolesanywhere:CreateTrustAnchor');
    expect(out).toContain('"iam:PassRole"');
    expect(out).toContain('arn:aws:iam::*:role/edge-workload');
  });

  it('credentials that may only look: exit 1, the failed call named, and the CLI’s hint', async () => {
    const r = await h.run(SETUP, {
      env: {
        ...awsEnv,
        AWS_ACCESS_KEY_ID: READ_ONLY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: READ_ONLY.secretAccessKey,
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED\s+trust anchor/m);
    expect(r.stdout).toContain('rolesanywhere:CreateTrustAnchor');
    expect(r.stdout).toMatch(/not run\s+role/);
    expect(r.stdout).toContain('run the same command again to continue');
    expect(r.stdout).not.toContain(READ_ONLY.secretAccessKey);
  });

  it('then works with the operator, saves a profile the real AWS CLI uses, and a rerun creates nothing', async () => {
    const first = await h.ok<{ complete: boolean; steps: Array<{ id: string; status: string }> }>(
      [...SETUP, '--endpoint', emu.url, '--json'],
      { env: awsEnv },
    );
    expect(first.complete).toBe(true);
    expect(first.steps.map((s) => s.status)).toEqual(['created', 'created', 'created', 'created', 'passed']);

    const before = emu.calls().length;
    const again = await h.ok<string>([...SETUP, '--endpoint', emu.url], { env: awsEnv });
    expect(again).toMatch(/^exists\s+trust anchor/m);
    expect(again).toMatch(/^passed\s+test/m);
    const made = emu
      .calls()
      .slice(before)
      .map((c) => c.operation);
    expect(made.filter((op) => /^(Create(?!Session)|Update|Attach|Import)/.test(op))).toEqual([]);

    await h.ok(['configure-aws', 'edge-workload'], { env: awsEnv });
    const identity = await new Promise<string>((resolve, reject) =>
      execFile(
        AWS_CLI,
        [
          '--profile',
          'edge-workload',
          '--endpoint-url',
          emu.url,
          'sts',
          'get-caller-identity',
          '--output',
          'json',
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: scratch.dir,
            AWS_CONFIG_FILE: awsEnv.AWS_CONFIG_FILE,
            AWS_SHARED_CREDENTIALS_FILE: awsEnv.AWS_SHARED_CREDENTIALS_FILE,
            AWS_EC2_METADATA_DISABLED: 'true',
            ANCHORAGE_VAULT: 'file',
            ANCHORAGE_VAULT_PASSPHRASE: h.env.ANCHORAGE_VAULT_PASSPHRASE,
          },
          timeout: 60_000,
        },
        (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)),
      ),
    );
    expect(JSON.parse(identity)).toMatchObject({
      Arn: expect.stringContaining('assumed-role/edge-workload/'),
    });
  });

  it('aws discover lists what setup made; aws template emits it as CloudFormation', async () => {
    const found = await h.ok<{ trustAnchors: Array<{ name: string; matches: Array<{ name: string }> }> }>(
      ['aws', 'discover', '--json'],
      { env: awsEnv },
    );
    expect(found.trustAnchors.map((a) => [a.name, a.matches.map((m) => m.name)])).toEqual([
      ['edge-ca', ['edge-ca']],
    ]);
    const text = await h.ok<string>(['aws', 'discover'], { env: awsEnv });
    expect(text).toMatch(/edge-workload/);

    const template = JSON.parse(
      await h.ok<string>([
        'aws',
        'template',
        '--format',
        'cloudformation',
        '--ca',
        'edge-ca',
        '--role-name',
        'edge-workload',
      ]),
    ) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(template.Resources).map((r) => r.Type)).toEqual(
      expect.arrayContaining([
        'AWS::RolesAnywhere::TrustAnchor',
        'AWS::IAM::Role',
        'AWS::RolesAnywhere::Profile',
      ]),
    );
  });

  it('no operator credentials at all: one error line, with the CLI’s flags in its hint', async () => {
    const r = await h.run(['aws', 'discover'], {
      env: { ...awsEnv, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: No AWS credentials/);
    expect(r.stderr).toContain('--aws-profile');
  });
});
