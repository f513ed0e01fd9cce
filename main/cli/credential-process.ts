import { formatCredentials } from '../../shared/credentials';
import { resolveDataDir } from '../core/store/data-dir';
import { readWarmSession } from '../core/warm-session';

/**
 * `anchorage credential-process NAME`: the AWS CLI's and SDKs' credential source
 * (AWS SDKs and Tools reference guide, "Process credential provider"): print
 * `{"Version":1,"AccessKeyId",…,"Expiration"}` on stdout.
 *
 * A warm cache is served without loading the full core; otherwise the full core gets the session
 * (CreateSession, single-flight across processes) and reports any problem.
 */
export async function credentialProcess(profileName: string, home: string | undefined): Promise<void> {
  const dataDir = resolveDataDir(home);
  let credentials = await readWarmSession(dataDir, profileName);
  if (!credentials) {
    const { createCore } = await import('../core/services');
    credentials = await (await createCore({ dataDir })).session(profileName);
  }
  process.stdout.write(`${formatCredentials(credentials, 'process')}\n`);
}
