/**
 * Issue 9: the README's example table ("The CLI"), run top to bottom in a fresh home against the emulator,
 * as a new user would copy it: each row's commands in a shell, in order. Only what a user fills in is
 * substituted: the trust anchor, profile and role ARNs (and the endpoint) of the emulator, an access key id, an
 * API URL, the STS endpoint for the AWS CLI, and the shell variables ($PW from the export row's generated
 * password, $SECRET, $BACKUP_PW). The emulator's trust anchor holds the `ca.pem` that the table's own export
 * row wrote, as the AWS console would.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/index';
import { arnsFor, AWS_CLI } from './aws-fixtures';
import { REPO } from './cli-harness';

interface Row {
  what: string;
  commands: string[];
}

/** The rows of the README's CLI table: a description and the commands in its example cell. */
function readmeRows(): Row[] {
  const md = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = md.indexOf('## The CLI');
  const section = md.slice(start, md.indexOf('\n## ', start + 1));
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| ') || /^\| -+ \|/.test(line)) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    const [what, example] = cells;
    if (!what || !example || what === 'Command') continue;
    const commands = [...example.matchAll(/`([^`]+)`/g)].map((m) => (m[1] as string).replace(/\\\|/g, '|'));
    rows.push({ what, commands });
  }
  return rows;
}

const REGION = 'eu-west-1';
const ARNS = arnsFor(REGION);

/** What a user types in place of the table's placeholders. */
function fillIn(command: string, emulatorUrl: string): string {
  let c = command;
  if (/^anchorage profile add /.test(c)) {
    c = c
      .replace(/--trust-anchor-arn \S+/, `--trust-anchor-arn ${ARNS.trustAnchorArn}`)
      .replace(/--profile-arn \S+/, `--profile-arn ${ARNS.profileArn}`)
      .replace(/--role-arn \S+/, `--role-arn ${ARNS.roleArn}`);
    c += ` --endpoint ${emulatorUrl} --sts-endpoint ${emulatorUrl}`;
  }
  c = c.replace(/^aws sts /, `${AWS_CLI} --endpoint-url ${emulatorUrl} sts `);
  c = c.replace('AKIA…', 'AKIAIOSFODNN7EXAMPLE');
  c = c.replace('https://…/items', `https://abc123def4.execute-api.${REGION}.amazonaws.com/items`);
  // `eval "$(…)"` succeeds even when the command inside fails: check that it set the credentials.
  if (c.startsWith('eval ')) c += ' && test -n "$AWS_SESSION_TOKEN"';
  return c;
}

const scratch = mkdtempSync(join(tmpdir(), 'anchorage-readme-'));
let emulator: Emulator | undefined;
afterAll(async () => {
  await emulator?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function sh(
  command: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      'bash',
      ['-o', 'pipefail', '-c', command],
      { cwd: scratch, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe("the README's CLI table", () => {
  it('runs top to bottom in a fresh home, against the emulator', async () => {
    execFileSync(AWS_CLI, ['--version'], { stdio: 'pipe' });
    if (!existsSync(join(REPO, 'out', 'cli', 'anchorage.mjs')))
      throw new Error('Run `npm run build:cli` first.');
    const rows = readmeRows();
    expect(rows.length).toBeGreaterThan(10);
    const home = join(scratch, 'user');
    mkdirSync(home);
    const env: NodeJS.ProcessEnv = {
      PATH: `${join(REPO, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
      HOME: home,
      ANCHORAGE_HOME: join(scratch, 'data'),
      ANCHORAGE_VAULT: 'file',
      ANCHORAGE_VAULT_PASSPHRASE: 'readme test vault passphrase',
      ANCHORAGE_KEYCHAIN_SERVICE: `anchorage-readme-${randomBytes(6).toString('hex')}`,
      AWS_CONFIG_FILE: join(home, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      SECRET: randomBytes(30).toString('base64'),
      BACKUP_PW: 'readme test backup passphrase',
    };
    const ran: string[] = [];
    for (const row of rows) {
      for (const command of row.commands) {
        if (/anchorage profile add /.test(command) && !emulator) {
          // The user creates the trust anchor from the CA certificate an earlier row exported.
          const caPem = readFileSync(join(scratch, 'ca.pem'), 'utf8');
          emulator = await startEmulator({
            region: REGION,
            trustAnchors: [{ arn: ARNS.trustAnchorArn, certificatesPem: [caPem] }],
            profiles: [{ arn: ARNS.profileArn, roleArns: [ARNS.roleArn], durationSeconds: 3600 }],
          });
        }
        const filled = fillIn(command, emulator?.url ?? 'http://127.0.0.1:9');
        expect(filled, `${row.what}: a placeholder is left`).not.toContain('…');
        const result = await sh(filled, env);
        ran.push(filled);
        expect(result.code, `${row.what}\n$ ${filled}\n${result.stderr}`).toBe(0);
        expect(result.stderr, `${row.what}\n$ ${filled}`).not.toMatch(/^error: /m);
        if (filled.startsWith(AWS_CLI)) expect(result.stdout).toContain(ARNS.roleArn.split(':')[4]);
        const password = /Password \(shown once, store it now\): (\S+)/.exec(result.stdout)?.[1];
        if (password) env.PW = password;
      }
    }
    expect(emulator, 'the table adds a profile').toBeDefined();
    expect(ran.some((c) => c.includes('revoke'))).toBe(true);
    // Revoking comes after every row that uses the certificate.
    const revokedAt = ran.findIndex((c) => c.includes(' revoke '));
    expect(ran.slice(revokedAt + 1).some((c) => /--profile dev|session dev|whoami dev/.test(c))).toBe(false);
  }, 180_000);
});
