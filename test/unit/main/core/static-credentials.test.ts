// Issue 7 §4: static credential sets whose names differ only in case keep separate secrets, and data written
// by the earlier version (one lower-cased record for both) migrates without serving one set's secret as another's.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../../main/core/profiles';
import { StaticCredentials, staticRecordId } from '../../../../main/core/static-credentials';
import { createSecretStore } from '../../../../main/core/vault/select-store';
import { Vault } from '../../../../main/core/vault/vault';
import { TEST_ENV } from '../../../support/core-harness';

const SECRET = (c: string) => c.repeat(40);
const NOW = new Date('2026-12-01T08:00:00Z');
let dataDir: string;
let profiles: ProfileStore;
let vault: Vault;
let statics: StaticCredentials;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'anchorage-static-'));
  profiles = new ProfileStore(dataDir);
  vault = new Vault(dataDir, createSecretStore(dataDir, TEST_ENV));
  statics = new StaticCredentials(profiles, vault, () => NOW);
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** What the earlier version wrote: entries in profiles.json, and the secret under `static.<lower-cased name>`. */
async function legacyAdd(name: string, secret: string): Promise<void> {
  await profiles.putStatic(name, 'AKIAIOSFODNN7EXAMPLE', NOW);
  await vault.put(`static.${name.toLowerCase()}`, new TextEncoder().encode(secret));
}

const secretOf = async (name: string) => (await statics.get(name)).secretAccessKey;
const records = async () =>
  (await readdir(join(dataDir, 'vault'))).filter((n) => n.startsWith('static')).sort();

describe('static credential record ids', () => {
  it('"Prod" and "prod" keep their own secrets', async () => {
    await statics.add('Prod', 'AKIAIOSFODNN7EXAMPLE', SECRET('P'));
    await statics.add('prod', 'AKIAIOSFODNN7EXAMPLE', SECRET('p'));
    expect(await secretOf('Prod')).toBe(SECRET('P'));
    expect(await secretOf('prod')).toBe(SECRET('p'));
    expect(staticRecordId('prod')).toBe('static.prod');
    expect(staticRecordId('Prod')).toMatch(/^static-h\.[0-9a-f]{40}$/);
    await statics.remove('Prod');
    expect(await secretOf('prod')).toBe(SECRET('p'));
    expect(await records()).toEqual(['static.prod.json']);
  });
});

describe('migration of pre-0.2 records', () => {
  it('a mixed-case set alone: its secret moves to its case-exact id, and the old record goes', async () => {
    await legacyAdd('Dev', SECRET('D'));
    expect(await secretOf('Dev')).toBe(SECRET('D'));
    expect(await records()).toEqual([`${staticRecordId('Dev')}.json`]);
  });

  it('"Prod" saved after "prod": Prod keeps the secret, and prod is refused rather than signing with it', async () => {
    await legacyAdd('prod', SECRET('p'));
    await legacyAdd('Prod', SECRET('P')); // overwrote prod's secret in the shared record
    expect(await secretOf('Prod')).toBe(SECRET('P'));
    await expect(statics.get('prod')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The vault holds no secret access key for static credential set "prod".',
      hint: 'Store the secret access key of "prod" again.',
    });
  });

  it('"prod" saved after "Prod": prod keeps its record, and Prod is refused', async () => {
    await legacyAdd('Prod', SECRET('P'));
    await legacyAdd('prod', SECRET('p'));
    expect(await secretOf('prod')).toBe(SECRET('p'));
    await expect(statics.get('Prod')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs once: a set re-added afterwards is never overwritten by the migration', async () => {
    await legacyAdd('prod', SECRET('p'));
    await legacyAdd('Prod', SECRET('P'));
    await statics.list();
    await secretOf('Prod'); // migrates
    await statics.add('prod', 'AKIAIOSFODNN7EXAMPLE', SECRET('q')); // the user stores prod's secret again
    const again = new StaticCredentials(new ProfileStore(dataDir), vault, () => NOW);
    expect(await again.get('prod')).toMatchObject({ secretAccessKey: SECRET('q') });
    expect(await again.get('Prod')).toMatchObject({ secretAccessKey: SECRET('P') });
  });
});
