import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/services';
import { createSecretStore } from '../../main/core/vault/select-store';
import { startBridge } from './server';
import type { Bridge } from './server';

/**
 * A bridge over the REAL core in a fresh temp data directory (ARCHITECTURE §7). The vault is the passphrase
 * file (`ANCHORAGE_VAULT=file` semantics, a random passphrase per run) unless `vault: 'keychain'` asks for the
 * OS keychain (which then needs a running Secret Service).
 */
export interface LaunchedBridge extends Bridge {
  dataDir: string;
  saveDir: string;
  /** The vault environment of the core (a second core over `dataDir` opens the same vault with it). */
  vaultEnv: NodeJS.ProcessEnv;
  /** Closes the bridge and deletes both temp directories. */
  dispose(): Promise<void>;
}

export async function launchBridge(
  options: {
    vault?: 'file' | 'keychain';
    rendererDir?: string;
    /** Extra environment for the core (e.g. AWS_ENDPOINT_URL_IAM), over this process's; default: none. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<LaunchedBridge> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchorage-e2e-data-'));
  const saveDir = mkdtempSync(join(tmpdir(), 'anchorage-e2e-saved-'));
  const env =
    options.vault === 'keychain'
      ? {
          ANCHORAGE_VAULT: 'keychain',
          ANCHORAGE_KEYCHAIN_SERVICE: `Anchorage-e2e-${randomBytes(4).toString('hex')}`,
        }
      : { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: randomBytes(18).toString('base64url') };
  const core = await createCore({
    dataDir,
    secretStore: createSecretStore(dataDir, env),
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  const bridge = await startBridge({
    core,
    saveDir,
    serveRoot: join(dataDir, 'serve'),
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
  });
  return {
    ...bridge,
    dataDir,
    saveDir,
    vaultEnv: env,
    async dispose() {
      await bridge.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(saveDir, { recursive: true, force: true });
    },
  };
}
