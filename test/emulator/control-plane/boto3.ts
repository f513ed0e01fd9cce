/**
 * Test-only: run calls through boto3 (Debian's python3-boto3 under /usr/bin/python3, never pyenv's) against
 * the emulator, with boto3_driver.py. Asynchronous, so the in-process emulator keeps serving while Python
 * waits; credentials go through the environment, never argv.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SYSTEM_PYTHON = '/usr/bin/python3';
const DRIVER = fileURLToPath(new URL('./boto3_driver.py', import.meta.url));

export interface Boto3Call {
  service: 'iam' | 'rolesanywhere' | 'sts';
  op: string;
  params?: Record<string, unknown>;
  /** botocore.config.Config keyword arguments, e.g. `{ retries: { mode: 'standard', max_attempts: 3 } }`. */
  config?: Record<string, unknown>;
}

export interface Boto3Error {
  code: string;
  message: string;
  status: number;
  attempts: number;
}

export type Boto3Result = { ok: Record<string, unknown> } | { error: Boto3Error };

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Bytes as the driver passes them (botocore takes bytes for blob members such as crlData). */
export const bytes = (data: Buffer | string): { __bytes_b64: string } => ({
  __bytes_b64: Buffer.from(data).toString('base64'),
});

export function boto3(
  endpoint: string,
  keys: Keys,
  region: string,
  calls: Boto3Call[],
): Promise<Boto3Result[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      SYSTEM_PYTHON,
      [DRIVER],
      {
        env: {
          PATH: '/usr/bin:/bin',
          HOME: '/nonexistent',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(
            new Error(
              `boto3 driver failed (${err.message}); python3-boto3 must be installed for /usr/bin/python3 (apt-get install -y python3-boto3):\n${stderr}`,
            ),
          );
        } else resolve(JSON.parse(stdout) as Boto3Result[]);
      },
    );
    child.stdin?.end(JSON.stringify({ endpoint, region, calls }));
  });
}

/** The successful answer of a result, failing the test with the error otherwise. */
export function ok(result: Boto3Result | undefined): Record<string, unknown> {
  if (!result || !('ok' in result)) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.ok;
}

/** The error of a result, failing the test when it succeeded. */
export function error(result: Boto3Result | undefined): Boto3Error {
  if (!result || !('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}
