import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TESTIDS } from '../../renderer/testids';
import { AWS_CLI } from '../support/tools';
import { expect, screenshot, test } from './fixtures';
import { ARNS, id, openPage, seedWorkspace } from './flows';

/**
 * Issue 11 §1, in the app: the Credentials page's "Serve to local tools" switch starts an endpoint in main,
 * shows the lines to paste, and the real AWS CLI, in a shell with exactly those lines, gets the profile's
 * credentials from it (GetCallerIdentity against the emulator). Switched off, the same shell gets nothing.
 */

function callerIdentity(lines: string, sts: string): Promise<{ code: number; out: string }> {
  const home = mkdtempSync(join(tmpdir(), 'anchorage-e2e-aws-'));
  const script = `${lines}\nexec ${AWS_CLI} --endpoint-url "$STS" sts get-caller-identity --output json`;
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', script],
      {
        // No credentials of its own: only what the pasted lines point at.
        env: {
          PATH: process.env.PATH,
          HOME: home,
          STS: sts,
          AWS_CONFIG_FILE: join(home, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_MAX_ATTEMPTS: '1',
          AWS_DEFAULT_REGION: 'us-east-1',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` });
      },
    );
  });
}

test('serve to local tools: the pasted lines give the AWS CLI this profile’s credentials, until switched off', async ({
  app,
  emulator,
}) => {
  await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');
  const panel = id(app, TESTIDS.localServe);
  await expect(panel).toHaveAttribute('data-serving', 'false');
  await id(app, TESTIDS.localServeSwitch).check();
  await expect(panel).toHaveAttribute('data-serving', 'true');
  const lines = (await id(app, TESTIDS.localServeLines).textContent()) ?? '';
  expect(lines).toMatch(
    /AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/credentials\/seeded'/,
  );
  expect(lines).toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=');
  await screenshot(app, '60-credentials-serving');

  const served = await callerIdentity(lines, emulator.url);
  expect(served.code, served.out).toBe(0);
  expect(JSON.parse(served.out.slice(served.out.indexOf('{'))).Arn).toContain(ARNS.role.split('/')[1]);

  await id(app, TESTIDS.localServeSwitch).uncheck();
  await expect(panel).toHaveAttribute('data-serving', 'false');
  const stopped = await callerIdentity(lines, emulator.url);
  expect(stopped.code).not.toBe(0);
});
