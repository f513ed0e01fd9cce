/**
 * STS GetCallerIdentity as the real AWS CLI (botocore) sends it, pointed at the emulator through
 * AWS_ENDPOINT_URL_STS: proof that the emulator's SigV4 verification accepts a signer nobody here wrote.
 * Credentials go to the child through the environment, never argv.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index';
import { signedCreateSession } from './test-client';
import { createCa, issueLeaf } from './test-pki';

/** Debian's awscli (installed by .ci/run), not whatever `aws` comes first on PATH. */
const AWS_CLI = '/usr/bin/aws';
const REGION = 'us-east-1';
const TA = `arn:aws:rolesanywhere:${REGION}:444455556666:trust-anchor/5b6fcf93-bc60-4fc3-8f83-539facbc1ed5`;
const PROFILE = `arn:aws:rolesanywhere:${REGION}:444455556666:profile/6c70d0a4-cd71-40d4-9094-64a0bdcd2fe6`;
const ROLE = 'arn:aws:iam::444455556666:role/cli-check';

let emu: Emulator;
let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
const home = mkdtempSync(path.join(os.tmpdir(), 'anchorage-emulator-awscli-'));

function requireAwsCli(): void {
  try {
    execFileSync(AWS_CLI, ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'The AWS CLI is required for this test: install it with `sudo apt-get install -y awscli`.',
    );
  }
}

/** Run `aws sts get-caller-identity` against the emulator with the given credentials in the environment. */
function callerIdentity(
  c: typeof creds,
  region: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      AWS_CLI,
      // Debian's awscli 2.9 predates the service-specific AWS_ENDPOINT_URL_STS (CLI 2.13), so the endpoint
      // also goes as --endpoint-url, which every version honours; the variable is kept for newer CLIs.
      ['--endpoint-url', emu.url, 'sts', 'get-caller-identity', '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_ACCESS_KEY_ID: c.accessKeyId,
          AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
          AWS_SESSION_TOKEN: c.sessionToken,
          AWS_DEFAULT_REGION: region,
          AWS_ENDPOINT_URL_STS: emu.url,
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  requireAwsCli();
  const ca = await createCa('Anchorage AWS CLI Test CA');
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [{ arn: TA, certificatesPem: [ca.pem] }],
    profiles: [{ arn: PROFILE, roleArns: [ROLE] }],
  });
  const leaf = await issueLeaf(ca, { cn: 'cli' });
  const res = await signedCreateSession({
    url: emu.url,
    leaf,
    region: REGION,
    arns: { trustAnchorArn: TA, profileArn: PROFILE, roleArn: ROLE },
    body: { roleSessionName: 'aws-cli' },
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { credentialSet: { credentials: typeof creds }[] };
  creds = body.credentialSet[0]?.credentials as typeof creds;
});

afterAll(async () => {
  await emu?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the AWS CLI against the emulator STS', () => {
  it('gets the caller identity with the vended credentials, whatever region the CLI signs for', async () => {
    for (const region of ['us-east-1', 'ap-southeast-2']) {
      const { code, stdout, stderr } = await callerIdentity(creds, region);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({
        Account: '444455556666',
        Arn: 'arn:aws:sts::444455556666:assumed-role/cli-check/aws-cli',
      });
    }
  });

  it('is refused with SignatureDoesNotMatch when the secret is wrong', async () => {
    const { code, stderr } = await callerIdentity({ ...creds, secretAccessKey: 'x'.repeat(40) }, REGION);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/SignatureDoesNotMatch/);
  });

  it('is refused with InvalidClientTokenId when the session token is wrong', async () => {
    const { code, stderr } = await callerIdentity({ ...creds, sessionToken: 'bm90LXRoZS10b2tlbg==' }, REGION);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/InvalidClientTokenId/);
  });
});
