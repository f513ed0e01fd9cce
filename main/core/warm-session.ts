import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_REFRESH_MARGIN_SECONDS, effectiveRefreshMargin } from '../../shared/domain/defaults';
import type { Profile } from '../../shared/schemas/models';
import { SessionCache } from './aws/session-cache';
import type { CachedSession } from '../../shared/credentials';
import { profileFingerprint } from './profile-fingerprint';
import { keychainStoreFromEnv } from './vault/keychain-store';
import { Vault } from './vault/vault';

/**
 * The warm path of `credential_process`: cached credentials for a profile, or `undefined`.
 *
 * It runs before every AWS CLI command, so it is optimistic and light (benchmarked against `node -e 0`):
 * it reads profiles.json and settings.json as plain JSON, one vault record and the keychain's vault key,
 * and loads neither zod nor the PKI code. Anything unexpected (no cache, a stale one, an unreadable file,
 * the passphrase vault whose scrypt dominates anyway) returns `undefined`; the caller then takes the full
 * path, which validates every file and reports problems properly.
 */
export async function readWarmSession(
  dataDir: string,
  profileName: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CachedSession | undefined> {
  const vaultKind = (env.ANCHORAGE_VAULT ?? '').trim().toLowerCase();
  if (vaultKind !== '' && vaultKind !== 'keychain') return undefined;
  try {
    // Both at once: the warm path is a handful of small reads, and each costs a trip to the thread pool.
    const files = Promise.all([
      readJson(join(dataDir, 'profiles.json')),
      readJson(join(dataDir, 'settings.json')).catch(() => ({})),
    ]);
    // The keychain's answer meanwhile: every credential_process needs the vault key, warm or cold.
    const vault = new Vault(dataDir, keychainStoreFromEnv(env));
    vault.prefetchKey();
    const [profiles, settings] = (await files) as [
      { profiles?: Profile[] },
      { settings?: { refreshMarginSeconds?: unknown } },
    ];
    const profile = profiles.profiles?.find((p) => p.name === profileName);
    if (!profile) return undefined;
    const margin = settings.settings?.refreshMarginSeconds;
    return await new SessionCache(dataDir, vault).get(
      profileName,
      effectiveRefreshMargin(
        typeof margin === 'number' ? margin : DEFAULT_REFRESH_MARGIN_SECONDS,
        profile.durationSeconds,
      ),
      profileFingerprint(profile),
    );
  } catch {
    return undefined;
  }
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}
