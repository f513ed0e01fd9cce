import { formatCredentials } from '../../shared/credentials';
import type { AwsCredentials, ServedSession } from '../../shared/credentials';
import { resolveDataDir } from '../core/store/data-dir';
import { readWarmSession } from '../core/warm-session';

/**
 * `anchorage credential-process NAME`: the AWS CLI's and SDKs' credential source
 * (AWS SDKs and Tools reference guide, "Process credential provider"): print
 * `{"Version":1,"AccessKeyId",…,"Expiration"}` on stdout.
 *
 * A warm cache is served without loading the full core (main/cli.ts serves it before the argument parser is
 * even loaded); otherwise the full core gets the session (CreateSession, single-flight across processes) and
 * reports any problem.
 */
export async function credentialProcess(profileName: string, home: string | undefined): Promise<void> {
  const warm = await readWarmSession(resolveDataDir(home), profileName);
  process.stdout.write(processOutput(warm ?? (await coldSession(profileName, home))));
}

/** The cold path: the full core, which validates every file and reports problems properly. */
export async function coldSession(profileName: string, home: string | undefined): Promise<ServedSession> {
  const { createCore } = await import('../core/services');
  return (await createCore({ dataDir: resolveDataDir(home) })).session(profileName);
}

/** What credential_process prints: one line of the process credential format. */
export function processOutput(credentials: AwsCredentials): string {
  return `${formatCredentials(credentials, 'process')}\n`;
}
