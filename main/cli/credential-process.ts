import { formatCredentials } from '../../shared/credentials';
import { SessionCache } from '../core/aws/session-cache';
import { ProfileStore, profileFingerprint } from '../core/profiles';
import { SettingsStore } from '../core/settings';
import { resolveDataDir } from '../core/store/data-dir';
import { createSecretStore } from '../core/vault/select-store';
import { Vault } from '../core/vault/vault';

/**
 * `anchorage credential-process NAME`: the AWS CLI's and SDKs' credential source
 * (AWS SDKs and Tools reference guide, "Process credential provider"): print
 * `{"Version":1,"AccessKeyId",…,"Expiration"}` on stdout.
 *
 * The warm path reads the profile, the settings and one vault record, and loads nothing else; only a
 * cache miss loads the full core to call CreateSession (single-flight across processes).
 */
export async function credentialProcess(profileName: string, home: string | undefined): Promise<void> {
  const dataDir = resolveDataDir(home);
  const vault = new Vault(dataDir, createSecretStore(dataDir));
  const profile = await new ProfileStore(dataDir).getProfile(profileName);
  const { refreshMarginSeconds } = await new SettingsStore(dataDir).get();
  let credentials = await new SessionCache(dataDir, vault).get(
    profileName,
    refreshMarginSeconds,
    profileFingerprint(profile),
  );
  if (!credentials) {
    const { createCore } = await import('../core/services');
    const core = await createCore({ dataDir, secretStore: undefined });
    credentials = await core.session(profileName);
  }
  process.stdout.write(`${formatCredentials(credentials, 'process')}\n`);
}
