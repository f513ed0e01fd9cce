/**
 * The standalone emulator (`tsx test/emulator/cli.ts`) as a user runs it: a child process that prints its
 * URL and ARNs, vends a session for a certificate from the given CA, and stops cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killEmulatorClis, startEmulatorCli } from './cli-harness';
import { afterAll, describe, expect, it } from 'vitest';
import { signedCreateSession } from './test-client';
import { createCa, issueLeaf } from './test-pki';

const dir = mkdtempSync(path.join(os.tmpdir(), 'anchorage-emulator-cli-'));

afterAll(() => {
  killEmulatorClis();
  rmSync(dir, { recursive: true, force: true });
});

describe('emulator CLI', () => {
  it('prints the URL and deterministic ARNs, serves CreateSession, and stops on SIGTERM', async () => {
    const ca = await createCa('Anchorage CLI Test CA', { kind: 'p256' });
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, ca.pem);
    const { child, banner } = await startEmulatorCli([
      '--region',
      'eu-west-2',
      '--trust-anchor-cert',
      caFile,
    ]);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    const trustAnchorArn = /trust anchor ARN: (\S+)/.exec(banner)?.[1] ?? '';
    const profileArn = /profile ARN:\s+(\S+)/.exec(banner)?.[1] ?? '';
    const roleArn = /role ARN:\s+(\S+)/.exec(banner)?.[1] ?? '';
    expect(trustAnchorArn).toMatch(
      /^arn:aws:rolesanywhere:eu-west-2:123456789012:trust-anchor\/[0-9a-f-]{36}$/,
    );
    expect(profileArn).toMatch(/^arn:aws:rolesanywhere:eu-west-2:123456789012:profile\/[0-9a-f-]{36}$/);

    const leaf = await issueLeaf(ca, { kind: 'p256', cn: 'cli-user' });
    const res = await signedCreateSession({
      url,
      leaf,
      region: 'eu-west-2',
      arns: { trustAnchorArn, profileArn, roleArn },
    });
    expect(res.status).toBe(201);
    const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as { createSession: number };
    expect(stats.createSession).toBe(1);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // The same region gives the same ARNs on the next run.
    const again = await startEmulatorCli(['--region', 'eu-west-2', '--trust-anchor-cert', caFile]);
    expect(again.banner).toContain(trustAnchorArn);
    expect(again.banner).toContain(profileArn);
    again.child.kill('SIGTERM');
  });

  it('fails with a hint when the trust anchor certificate is missing', async () => {
    await expect(startEmulatorCli(['--region', 'us-east-1'])).rejects.toThrow(/error: --trust-anchor-cert/);
  });
});
