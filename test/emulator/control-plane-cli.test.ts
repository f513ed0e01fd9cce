/**
 * The standalone emulator's operator (`tsx test/emulator/cli.ts`): by default AWS's public example key
 * pair, printed at start; with --operator-key-id, the secret comes from ANCHORAGE_EMULATOR_OPERATOR_SECRET
 * and is never printed. Checked with the official Roles Anywhere SDK client against the child process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListTrustAnchorsCommand, RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { killEmulatorClis, startEmulatorCli } from './cli-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATOR } from './index';
import { createCa } from './test-pki';

const dir = mkdtempSync(path.join(os.tmpdir(), 'anchorage-emulator-cp-cli-'));
let caFile = '';

afterAll(() => {
  killEmulatorClis();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, (await createCa('Control Plane CLI CA')).pem);
});

async function listAs(
  url: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<number> {
  const client = new RolesAnywhereClient({
    region: 'eu-west-1',
    endpoint: url,
    credentials: { ...credentials },
    maxAttempts: 1,
  });
  try {
    const out = await client.send(new ListTrustAnchorsCommand({}));
    return out.trustAnchors?.length ?? -1;
  } finally {
    client.destroy();
  }
}

describe('the standalone emulator’s operator', () => {
  it('defaults to the public example pair, printed at start, allowed the control plane', async () => {
    const { child, banner } = await startEmulatorCli([
      '--region',
      'eu-west-1',
      '--trust-anchor-cert',
      caFile,
    ]);
    expect(banner).toContain(`operator key id:  ${EXAMPLE_OPERATOR.accessKeyId}`);
    expect(banner).toContain(EXAMPLE_OPERATOR.secretAccessKey);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    // The config's trust anchor is not an API record: the account starts empty.
    expect(await listAs(url, EXAMPLE_OPERATOR)).toBe(0);
    child.kill('SIGTERM');
  });

  it('takes another key id with its secret from the environment, and never prints that secret', async () => {
    const keys = {
      accessKeyId: 'AKIACLIOPERATOR00001',
      secretAccessKey: 'cli-operator-secret-never-printed-000000',
    };
    const { child, banner } = await startEmulatorCli(
      ['--region', 'eu-west-1', '--trust-anchor-cert', caFile, '--operator-key-id', keys.accessKeyId],
      { ANCHORAGE_EMULATOR_OPERATOR_SECRET: keys.secretAccessKey },
    );
    expect(banner).toContain(keys.accessKeyId);
    expect(banner).not.toContain(keys.secretAccessKey);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    expect(await listAs(url, keys)).toBe(0);
    await expect(listAs(url, EXAMPLE_OPERATOR)).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    child.kill('SIGTERM');
  });

  it('fails with a hint when the key id comes without its secret', async () => {
    await expect(
      startEmulatorCli(['--trust-anchor-cert', caFile, '--operator-key-id', 'AKIACLIOPERATOR00001'], {
        ANCHORAGE_EMULATOR_OPERATOR_SECRET: '',
      }),
    ).rejects.toThrow(/ANCHORAGE_EMULATOR_OPERATOR_SECRET/);
  });
});
