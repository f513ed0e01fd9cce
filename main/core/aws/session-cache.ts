import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AnchorageError } from '../../../shared/errors';
import { readFileIfExists, removeDeadTempFiles, writeFileAtomic } from '../store/atomic-file';
import { withLock } from '../store/lock';
import { namedRecordId } from '../vault/record-id';
import type { CachedSession } from '../../../shared/credentials';
import { safeFileName } from '../../../shared/domain/file-names';

/**
 * The part of the vault the cache uses (main/core/vault's `Vault`): encrypted records by id. A missing
 * record is `undefined` or a NOT_FOUND error (the Vault's way). `put` returns the record file's bytes as
 * written and `sealed` reads them back without the key (undefined: no record).
 */
export interface SessionVault {
  get(id: string): Promise<Uint8Array | undefined>;
  put(id: string, bytes: Uint8Array): Promise<Uint8Array>;
  sealed(id: string): Promise<Uint8Array | undefined>;
  delete(id: string): Promise<void>;
}

/** When a cached session ends, on AWS's clock: all `profile list` needs of it, and no secret. */
export type SessionTimes = Pick<CachedSession, 'expiration' | 'clockOffsetMs'>;

/**
 * The state file beside a session's record (`<dataDir>/sessions/<record id>.json`): the record's fingerprint
 * and times in clear, with the SHA-256 of the record file it describes. No secret: the credentials stay in
 * the encrypted record (ARCHITECTURE §4).
 */
interface StateFile extends SessionTimes {
  v: 1;
  /** SHA-256 (hex) of the encrypted record file's bytes that this state was taken from. */
  record: string;
  fingerprint?: string;
}

/** Checked by hand, as the record: anything unexpected means "decrypt the record instead". */
function asStateFile(json: unknown): StateFile | undefined {
  const s = json as Partial<Record<keyof StateFile, unknown>> | null;
  if (!s || s.v !== 1 || typeof s.record !== 'string' || typeof s.expiration !== 'string') return undefined;
  if (s.fingerprint !== undefined && typeof s.fingerprint !== 'string') return undefined;
  if (s.clockOffsetMs !== undefined && typeof s.clockOffsetMs !== 'number') return undefined;
  return s as StateFile;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface GetOrCreateOptions {
  /** Reuse cached credentials only while at least this many seconds remain (default 300). */
  minRemainingSeconds?: number;
  /** Skip the cache read and always create (the result is still cached for the next caller). */
  noCache?: boolean;
  /**
   * What the credentials were made for (profile ARNs, certificate): a cached session made for another
   * fingerprint is a miss, so editing a profile never serves the old role's credentials.
   */
  fingerprint?: string;
  /** How long to wait for another process that is creating the same session (default 60 s). */
  lockTimeoutMs?: number;
}

export interface CacheResult {
  credentials: CachedSession;
  fromCache: boolean;
}

/** The decrypted cache record. */
interface CacheRecord {
  v: 1;
  fingerprint?: string;
  credentials: CachedSession;
}

/**
 * Checked by hand, not with zod: this runs on credential_process's warm path, where loading zod would
 * cost more than everything else together. Anything unexpected is a miss (the record is disposable).
 */
function asCacheRecord(json: unknown): CacheRecord | undefined {
  const r = json as { v?: unknown; fingerprint?: unknown; credentials?: Record<string, unknown> } | null;
  const c = r?.credentials;
  if (!r || r.v !== 1 || !c || typeof c !== 'object') return undefined;
  if (r.fingerprint !== undefined && typeof r.fingerprint !== 'string') return undefined;
  for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const) {
    if (typeof c[key] !== 'string' || c[key] === '') return undefined;
  }
  if (typeof c.roleArn !== 'string') return undefined;
  if (c.assumedRoleArn !== undefined && typeof c.assumedRoleArn !== 'string') return undefined;
  if (c.clockOffsetMs !== undefined && typeof c.clockOffsetMs !== 'number') return undefined;
  if (c.endsWithCertificate !== undefined && c.endsWithCertificate !== true) return undefined;
  return r as unknown as CacheRecord;
}

/** CreateSession with its retries can take ~45 s (4 × 10 s timeouts plus backoff): wait longer than that. */
const CREATE_LOCK_TIMEOUT_MS = 60_000;

/** Decrypt/parse failures of a cache record: the record is disposable, so they count as a miss. */
const DISPOSABLE: ReadonlySet<string> = new Set([
  'NOT_FOUND',
  'VAULT_DECRYPT_FAILED',
  'CORRUPT_DATA',
  'UNSUPPORTED_SCHEMA',
]);

/**
 * Session credentials cached per profile, encrypted in the vault (record `session.<profile>`;
 * ARCHITECTURE §4: a session token is a secret and never lies on disk in clear).
 *
 * `getOrCreate` is single-flight across processes: when twenty `credential_process` calls start at once,
 * one calls CreateSession and the others wait on a lock and read its result. The warm path (a fresh
 * cached session) takes no lock and does one vault read, because credential_process runs before every
 * AWS CLI command.
 */
export class SessionCache {
  constructor(
    private readonly dataDir: string,
    private readonly vault: SessionVault,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Cached credentials with at least `minRemainingSeconds` left, or undefined. */
  async get(
    profileName: string,
    minRemainingSeconds = 300,
    fingerprint?: string,
  ): Promise<CachedSession | undefined> {
    const record = await this.read(profileName);
    if (!record) return undefined;
    if (fingerprint !== undefined && record.fingerprint !== fingerprint) return undefined;
    const needed = record.credentials.endsWithCertificate ? 1 : minRemainingSeconds * 1000;
    return this.remainingMs(record.credentials) >= needed ? record.credentials : undefined;
  }

  /**
   * Store credentials for a profile, replacing any earlier ones; then its state file, which names the record
   * file's bytes by hash. No order or lock is needed between the two writes: a state file that does not match
   * the record (a crash between them, another writer in between) is never believed ({@link times}).
   */
  async put(profileName: string, credentials: CachedSession, fingerprint?: string): Promise<void> {
    const id = recordId(profileName);
    const json = JSON.stringify({
      v: 1,
      ...(fingerprint === undefined ? {} : { fingerprint }),
      credentials: pick(credentials),
    } satisfies CacheRecord);
    const sealed = await this.vault.put(id, new TextEncoder().encode(json));
    // What a read of this record will find, from the same text: a record that reads as a miss gets no state
    // file, and any older one no longer matches.
    const stored = asCacheRecord(JSON.parse(json));
    if (!stored) return;
    const state: StateFile = {
      v: 1,
      record: sha256(sealed),
      ...(stored.fingerprint === undefined ? {} : { fingerprint: stored.fingerprint }),
      expiration: stored.credentials.expiration,
      ...(stored.credentials.clockOffsetMs === undefined
        ? {}
        : { clockOffsetMs: stored.credentials.clockOffsetMs }),
    };
    // Only a shortcut for `times`: if it cannot be written, the record is decrypted instead, so the
    // credentials (stored) are not failed for it. The temp files of writers that died go with the next put.
    await removeDeadTempFiles(this.stateDir())
      .then(() => writeFileAtomic(this.statePath(id), `${JSON.stringify(state)}\n`))
      .catch(() => undefined);
  }

  /**
   * Forget a profile's cached session (logout, profile removed or changed, certificate revoked). Taken under
   * the profile's session lock, so a CreateSession in flight in another process stores its result first
   * and is forgotten with it, rather than after.
   */
  async clear(profileName: string): Promise<void> {
    const id = recordId(profileName);
    await withLock(
      this.lockPath(profileName),
      async () => {
        await this.vault.delete(id);
        // Without its record a state file is never believed; removed so that none outlives its profile.
        await rm(this.statePath(id), { force: true });
      },
      { timeoutMs: CREATE_LOCK_TIMEOUT_MS },
    );
  }

  /**
   * Cached credentials when fresh enough, else `create()`'s, created by exactly one process at a time:
   * check → lock → check again (another process may have just created them) → create → store.
   */
  async getOrCreate(
    profileName: string,
    create: () => Promise<CachedSession>,
    options: GetOrCreateOptions = {},
  ): Promise<CacheResult> {
    const {
      minRemainingSeconds = 300,
      noCache = false,
      fingerprint,
      lockTimeoutMs = CREATE_LOCK_TIMEOUT_MS,
    } = options;
    if (noCache) {
      const credentials = pick(await create());
      await this.put(profileName, credentials, fingerprint);
      return { credentials, fromCache: false };
    }
    const warm = await this.get(profileName, minRemainingSeconds, fingerprint);
    if (warm) return { credentials: warm, fromCache: true };

    return withLock(
      this.lockPath(profileName),
      async () => {
        const fresh = await this.get(profileName, minRemainingSeconds, fingerprint);
        if (fresh) return { credentials: fresh, fromCache: true };
        // The stored shape, so a caller sees the same fields whether or not the cache answered.
        const credentials = pick(await create());
        await this.put(profileName, credentials, fingerprint);
        return { credentials, fromCache: false };
      },
      { timeoutMs: lockTimeoutMs },
    );
  }

  /**
   * The cached credentials for this fingerprint whatever their age (expired ones too), without a lock or a
   * refresh: what `profile list` shows. A record for another fingerprint would never be served: undefined.
   */
  async peek(profileName: string, fingerprint?: string): Promise<CachedSession | undefined> {
    const record = await this.read(profileName);
    if (!record || (fingerprint !== undefined && record.fingerprint !== fingerprint)) return undefined;
    return record.credentials;
  }

  /**
   * {@link peek}'s expiration and clock offset, from the state file when it describes the record file as it
   * is now (same SHA-256), without the vault key: no keychain call, no prompt, no scrypt (issue 11 §3,
   * `profile list`). Otherwise (no state file, a damaged one, one of another version of the record) from
   * decrypting the record, as `peek`. Either way the answer is the record's as read during this call.
   */
  async times(profileName: string, fingerprint?: string): Promise<SessionTimes | undefined> {
    const id = recordId(profileName);
    const [sealed, stateBytes] = await Promise.all([
      this.vault.sealed(id),
      readFileIfExists(this.statePath(id)).catch(() => undefined),
    ]);
    if (sealed === undefined) return undefined; // no record: what `peek` says too
    const state = stateBytes && parseState(stateBytes);
    if (state?.record === sha256(sealed)) {
      if (fingerprint !== undefined && state.fingerprint !== fingerprint) return undefined;
      return {
        expiration: state.expiration,
        ...(state.clockOffsetMs === undefined ? {} : { clockOffsetMs: state.clockOffsetMs }),
      };
    }
    const cached = await this.peek(profileName, fingerprint);
    if (!cached) return undefined;
    return {
      expiration: cached.expiration,
      ...(cached.clockOffsetMs === undefined ? {} : { clockOffsetMs: cached.clockOffsetMs }),
    };
  }

  /** Milliseconds the credentials have left, on AWS's clock. */
  remainingMs(credentials: SessionTimes): number {
    const expires = Date.parse(credentials.expiration);
    if (Number.isNaN(expires)) return -Infinity;
    return expires - (this.now().getTime() + (credentials.clockOffsetMs ?? 0));
  }

  private lockPath(profileName: string): string {
    // Collisions between names that differ only in unsafe characters cost only some shared waiting.
    return join(this.dataDir, 'locks', `session-${safeFileName(profileName)}.lock`);
  }

  private stateDir(): string {
    return join(this.dataDir, 'sessions');
  }

  private statePath(id: string): string {
    return join(this.stateDir(), `${id}.json`);
  }

  private async read(profileName: string): Promise<CacheRecord | undefined> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.vault.get(recordId(profileName));
    } catch (error) {
      if (error instanceof AnchorageError && DISPOSABLE.has(error.code)) return undefined;
      throw error;
    }
    if (!bytes) return undefined;
    try {
      return asCacheRecord(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      return undefined; // not JSON: an older or damaged record, replaced on the next put
    }
  }
}

function parseState(bytes: Uint8Array): StateFile | undefined {
  try {
    return asStateFile(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return undefined; // torn or damaged: the record is decrypted instead
  }
}

/** The vault record id of a profile's session: `session.<profile>` (see namedRecordId). */
export function recordId(profileName: string): string {
  return namedRecordId('session', profileName);
}

function pick(c: CachedSession): CachedSession {
  // Copy field by field so that nothing else a caller's object carries ends up in the record.
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
    roleArn: c.roleArn,
    ...(c.assumedRoleArn === undefined ? {} : { assumedRoleArn: c.assumedRoleArn }),
    ...(c.clockOffsetMs === undefined ? {} : { clockOffsetMs: c.clockOffsetMs }),
    ...(c.endsWithCertificate ? { endsWithCertificate: true } : {}),
  };
}
