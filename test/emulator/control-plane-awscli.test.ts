/**
 * The control plane through the real AWS CLI (Debian's /usr/bin/aws), as an operator would type it:
 * create-trust-anchor from a PEM file, list-trust-anchors across pages (the CLI's own paginator follows
 * nextToken), import-crl from a DER file (fileb://), iam create-role and get-role. Credentials reach the
 * CLI through the environment, never argv.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI } from '../support/tools';
import { EXAMPLE_OPERATOR, startEmulator, type Emulator } from './index';
import { createCa, createCrl, issueLeaf, type TestCa } from './test-pki';

const REGION = 'ap-southeast-2';
const ACCOUNT = '123456789012';
const home = mkdtempSync(path.join(os.tmpdir(), 'anchorage-emulator-cp-awscli-'));
let emu: Emulator;
let ca: TestCa;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `aws ARGS --output json` against the emulator as the example operator. */
function aws(args: string[], region = REGION): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      AWS_CLI,
      // Debian's awscli 2.9 predates AWS_ENDPOINT_URL (CLI 2.13), so the endpoint also goes as --endpoint-url.
      ['--endpoint-url', emu.url, '--region', region, '--output', 'json', ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_ACCESS_KEY_ID: EXAMPLE_OPERATOR.accessKeyId,
          AWS_SECRET_ACCESS_KEY: EXAMPLE_OPERATOR.secretAccessKey,
          AWS_ENDPOINT_URL: emu.url,
          AWS_MAX_ATTEMPTS: '1',
          AWS_PAGER: '',
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function awsJson(args: string[], region?: string): Promise<Record<string, unknown>> {
  const r = await aws(args, region);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
}

function file(name: string, content: string | Buffer): string {
  const p = path.join(home, name);
  writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  try {
    execFileSync(AWS_CLI, ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'The AWS CLI is required for this test: install it with `sudo apt-get install -y awscli`.',
    );
  }
  ca = await createCa('AWS CLI Control Plane CA');
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [],
    profiles: [],
    operators: [EXAMPLE_OPERATOR],
  });
});

afterAll(async () => {
  await emu?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('aws rolesanywhere against the emulator', () => {
  let trustAnchorArn = '';

  it('creates trust anchors from a PEM file and lists them across pages', async () => {
    const source = file(
      'source.json',
      JSON.stringify({ sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: ca.pem } }),
    );
    const created = await awsJson([
      'rolesanywhere',
      'create-trust-anchor',
      '--name',
      'cli-anchor',
      '--source',
      `file://${source}`,
      '--enabled',
    ]);
    const anchor = created.trustAnchor as Record<string, unknown>;
    expect(anchor).toMatchObject({ name: 'cli-anchor', enabled: true });
    trustAnchorArn = String(anchor.trustAnchorArn);
    expect(trustAnchorArn).toMatch(new RegExp(`^arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/`));
    await awsJson([
      'rolesanywhere',
      'create-trust-anchor',
      '--name',
      'cli-anchor-2',
      '--source',
      `file://${source}`,
    ]);

    const before = emu.calls().length;
    const listed = await awsJson(['rolesanywhere', 'list-trust-anchors', '--page-size', '1']);
    expect((listed.trustAnchors as { name: string }[]).map((t) => t.name)).toEqual([
      'cli-anchor',
      'cli-anchor-2',
    ]);
    // One page per anchor: the CLI followed the nextToken the emulator handed out.
    expect(
      emu
        .calls()
        .slice(before)
        .map((c) => c.operation),
    ).toEqual(['ListTrustAnchors', 'ListTrustAnchors']);
  });

  it('imports a DER CRL with fileb://', async () => {
    const pem = await createCrl(ca, [await issueLeaf(ca, { cn: 'gone' })]);
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
    const crlFile = file('ca.crl', der);
    const imported = await awsJson([
      'rolesanywhere',
      'import-crl',
      '--name',
      'cli-crl',
      '--trust-anchor-arn',
      trustAnchorArn,
      '--crl-data',
      `fileb://${crlFile}`,
      '--enabled',
    ]);
    expect(imported.crl).toMatchObject({
      name: 'cli-crl',
      enabled: true,
      trustAnchorArn,
      crlData: der.toString('base64'),
    });
  });

  it('reports a ValidationException for a bundle that is not a CA', async () => {
    const leaf = await issueLeaf(ca);
    const source = file(
      'leaf.json',
      JSON.stringify({ sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: leaf.pem } }),
    );
    const r = await aws([
      'rolesanywhere',
      'create-trust-anchor',
      '--name',
      'leaf',
      '--source',
      `file://${source}`,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /\(ValidationException\) when calling the CreateTrustAnchor operation.*: .*not a CA/,
    );
  });
});

describe('aws iam against the emulator', () => {
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      },
    ],
  };

  it('creates a role and gets it back with its trust policy decoded', async () => {
    const policy = file('trust.json', JSON.stringify(trust, null, 2));
    // IAM is global: the CLI signs it for us-east-1.
    const created = await awsJson(
      ['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', `file://${policy}`],
      'us-east-1',
    );
    expect(created.Role).toMatchObject({
      RoleName: 'cli-role',
      Arn: `arn:aws:iam::${ACCOUNT}:role/cli-role`,
    });
    const got = await awsJson(['iam', 'get-role', '--role-name', 'cli-role'], 'us-east-1');
    expect((got.Role as Record<string, unknown>).AssumeRolePolicyDocument).toEqual(trust);
  });

  it('reports EntityAlreadyExists for a second role of that name', async () => {
    const policy = file('trust2.json', JSON.stringify(trust));
    const r = await aws(
      ['iam', 'create-role', '--role-name', 'CLI-ROLE', '--assume-role-policy-document', `file://${policy}`],
      'us-east-1',
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /\(EntityAlreadyExists\) when calling the CreateRole operation.*: Role with name CLI-ROLE already exists/,
    );
  });
});
