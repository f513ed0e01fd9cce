import { AnchorageError } from '../../shared/errors';
import type { StaticCredential } from '../../shared/schemas/models';
import type { ProfileStore } from './profiles';
import { namedRecordId } from './vault/record-id';
import type { Vault } from './vault/vault';

/** The vault record of a static credential set's secret access key (case-exact). */
export const staticRecordId = (name: string) => namedRecordId('static', name);

/**
 * Before this version the record id was `static.<name lower-cased>`, so "Prod" and "prod" shared one
 * record, which held the secret of whichever was saved last (issue 7 §4). The migration gives that secret
 * to its owner's case-exact id; a set whose secret was overwritten then reads as having none (it is asked
 * for again) instead of signing with another set's secret.
 */
const CASE_EXACT_MIGRATION = 'static-case-exact';
const legacyRecordId = (name: string) => `static.${name.toLowerCase()}`;

/** Static credential sets: the access key id in profiles.json, the secret access key in the vault. */
export class StaticCredentials {
  constructor(
    private readonly profiles: ProfileStore,
    private readonly vault: Vault,
    private readonly now: () => Date,
  ) {}

  async add(name: string, accessKeyId: string, secretAccessKey: string): Promise<StaticCredential> {
    if (!/^[A-Za-z0-9/+=]{40}$/.test(secretAccessKey)) {
      throw new AnchorageError(
        'INVALID_INPUT',
        'That does not look like a secret access key (40 characters of A–Z, a–z, 0–9, /, +).',
        'Copy it again from the IAM console or your credentials file.',
      );
    }
    await this.migrated();
    const entry = await this.profiles.putStatic(name, accessKeyId, this.now());
    await this.vault.put(staticRecordId(name), new TextEncoder().encode(secretAccessKey));
    return entry;
  }

  list(): Promise<StaticCredential[]> {
    return this.profiles.listStatic();
  }

  /** The set and its secret access key. */
  async get(name: string): Promise<{ entry: StaticCredential; secretAccessKey: string }> {
    await this.migrated();
    const entry = await this.profiles.getStatic(name);
    let bytes: Uint8Array;
    try {
      bytes = await this.vault.get(staticRecordId(name));
    } catch (error) {
      if (!(error instanceof AnchorageError && error.code === 'NOT_FOUND')) throw error;
      throw new AnchorageError(
        'NOT_FOUND',
        `The vault holds no secret access key for static credential set "${name}".`,
        `Store the secret access key of "${name}" again.`,
        { facts: { what: 'static-secret', name } },
      );
    }
    return { entry, secretAccessKey: new TextDecoder().decode(bytes) };
  }

  async remove(name: string): Promise<void> {
    await this.migrated();
    await this.profiles.removeStatic(name);
    await this.vault.delete(staticRecordId(name));
  }

  private migrated(): Promise<void> {
    return this.profiles.migrateStatics(CASE_EXACT_MIGRATION, async (statics) => {
      const groups = new Map<string, StaticCredential[]>();
      for (const s of statics)
        groups.set(s.name.toLowerCase(), [...(groups.get(s.name.toLowerCase()) ?? []), s]);
      for (const [lower, members] of groups) {
        const legacy = legacyRecordId(lower);
        // putStatic appends, so the last member of a group is the one saved last: the legacy record is its.
        const owner = members.at(-1)!;
        if (staticRecordId(owner.name) === legacy || !(await this.vault.has(legacy))) continue;
        await this.vault.put(staticRecordId(owner.name), await this.vault.get(legacy));
        // A lower-case member's new id is the legacy id: it must not read the owner's secret as its own.
        await this.vault.delete(legacy);
      }
    });
  }
}
