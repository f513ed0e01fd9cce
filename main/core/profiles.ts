import { join } from 'node:path';
import { z } from 'zod';
import { parseArnSet } from '../../shared/domain/arn';
import { rolesAnywhereEndpoint } from '../../shared/domain/regions';
import { AnchorageError } from '../../shared/errors';
import {
  DEFAULT_SESSION_DURATION,
  PROFILE_NAME,
  endpointProblem,
  profileNameProblem,
  assertSessionDuration,
} from '../../shared/domain/limits';
import { ProfileSchema, StaticCredentialSchema } from '../../shared/schemas/models';
import type { Profile, StaticCredential } from '../../shared/schemas/models';
import type { ProfileInput } from './api';
import { JsonDocument } from './store/document';

const ProfilesDocSchema = z.object({
  schemaVersion: z.literal(1),
  profiles: z.array(ProfileSchema),
  statics: z.array(StaticCredentialSchema),
  /** One-time data migrations already applied to this document (e.g. `static-case-exact`). */
  migrations: z.array(z.string()).optional(),
});
type ProfilesDoc = z.infer<typeof ProfilesDocSchema>;

/** Profile and static-set names become vault record ids and `~/.aws/config` section names. */
function checkName(name: string, what: string): string {
  const problem = profileNameProblem(name, what);
  if (problem) {
    throw new AnchorageError(
      'INVALID_INPUT',
      problem.message,
      `Use 1–${PROFILE_NAME.maxLength} letters, digits, ".", "_" or "-", starting with a letter or digit.`,
      { facts: problem.facts },
    );
  }
  return name;
}

/** FIPS endpoints exist in US and GovCloud regions only (AWS FIPS endpoints list). */
function checkFips(region: string): true {
  rolesAnywhereEndpoint(region, { fips: true }); // throws INVALID_INPUT, naming the region, elsewhere
  return true;
}

/** An endpoint override by the one rule (https, or http on loopback), without trailing slashes. */
function checkEndpoint(endpoint: string, field: 'endpoint' | 'stsEndpoint'): string {
  const problem = endpointProblem(endpoint);
  if (problem) {
    throw new AnchorageError(
      'INVALID_INPUT',
      problem.message,
      problem.facts.reason === 'not-a-url'
        ? 'Use https://host[:port], e.g. a VPC endpoint URL.'
        : 'Only loopback endpoints (a local emulator) may use plain http.',
      { facts: { ...problem.facts, field } },
    );
  }
  return endpoint.replace(/\/+$/, '');
}

/** Profiles and static credential sets, in `profiles.json`. Secrets are not here: they are in the vault. */
export class ProfileStore {
  private readonly doc: JsonDocument<ProfilesDoc>;

  constructor(dataDir: string) {
    this.doc = new JsonDocument(join(dataDir, 'profiles.json'), ProfilesDocSchema, () => ({
      schemaVersion: 1,
      profiles: [],
      statics: [],
    }));
  }

  /** Validate and add (or replace) a profile; `certificateId` must already be resolved. */
  async putProfile(input: ProfileInput & { certificateId: string }, now: Date): Promise<Profile> {
    checkName(input.name, 'profile');
    const { region } = parseArnSet({
      trustAnchorArn: input.trustAnchorArn.trim(),
      profileArn: input.profileArn.trim(),
      roleArn: input.roleArn.trim(),
      region: input.region,
    });
    const profile: Profile = {
      name: input.name,
      certificateId: input.certificateId,
      trustAnchorArn: input.trustAnchorArn.trim(),
      profileArn: input.profileArn.trim(),
      roleArn: input.roleArn.trim(),
      region,
      durationSeconds: assertSessionDuration(input.durationSeconds ?? DEFAULT_SESSION_DURATION),
      ...(input.sessionName ? { sessionName: input.sessionName } : {}),
      ...(input.endpoint ? { endpoint: checkEndpoint(input.endpoint, 'endpoint') } : {}),
      ...(input.stsEndpoint ? { stsEndpoint: checkEndpoint(input.stsEndpoint, 'stsEndpoint') } : {}),
      ...(input.fips ? { fips: checkFips(region) } : {}),
      createdAt: now.toISOString(),
    };
    await this.doc.update((doc) => {
      doc.profiles = [...doc.profiles.filter((p) => p.name !== profile.name), profile];
    });
    return profile;
  }

  async listProfiles(): Promise<Profile[]> {
    return (await this.doc.read()).profiles;
  }

  async getProfile(name: string): Promise<Profile> {
    const found = (await this.doc.read()).profiles.find((p) => p.name === name);
    if (!found) {
      throw new AnchorageError(
        'NOT_FOUND',
        `There is no profile named "${name}".`,
        'Check the name against the list of profiles, or add the profile first.',
        { facts: { what: 'profile', name } },
      );
    }
    return found;
  }

  async removeProfile(name: string): Promise<void> {
    await this.doc.update((doc) => {
      if (!doc.profiles.some((p) => p.name === name)) {
        throw new AnchorageError(
          'NOT_FOUND',
          `There is no profile named "${name}".`,
          'Check the name against the list of profiles.',
          { facts: { what: 'profile', name } },
        );
      }
      doc.profiles = doc.profiles.filter((p) => p.name !== name);
    });
  }

  async putStatic(name: string, accessKeyId: string, now: Date): Promise<StaticCredential> {
    checkName(name, 'static credential');
    if (!/^(AKIA|ASIA)[A-Z0-9]{12,124}$/.test(accessKeyId)) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${accessKeyId}" does not look like an AWS access key id.`,
        'Access key ids start with AKIA (long-term) or ASIA (temporary), then upper-case letters and digits.',
        { facts: { field: 'accessKeyId' } },
      );
    }
    const entry: StaticCredential = { name, accessKeyId, createdAt: now.toISOString() };
    await this.doc.update((doc) => {
      doc.statics = [...doc.statics.filter((s) => s.name !== name), entry];
    });
    return entry;
  }

  /**
   * Run the one-time migration `name` on the static sets, under this document's lock, unless it has run.
   * The mark is written in the same update, so it runs to completion once, or again after a crash.
   */
  async migrateStatics(
    name: string,
    migrate: (statics: readonly StaticCredential[]) => Promise<void>,
  ): Promise<void> {
    if ((await this.doc.read()).migrations?.includes(name)) return;
    await this.doc.update(async (doc) => {
      if (doc.migrations?.includes(name)) return;
      await migrate(doc.statics);
      doc.migrations = [...(doc.migrations ?? []), name];
    });
  }

  async listStatic(): Promise<StaticCredential[]> {
    return (await this.doc.read()).statics;
  }

  async getStatic(name: string): Promise<StaticCredential> {
    const found = (await this.doc.read()).statics.find((s) => s.name === name);
    if (!found)
      throw new AnchorageError(
        'NOT_FOUND',
        `There is no static credential set named "${name}".`,
        'Check the name against the list of static credential sets.',
        { facts: { what: 'static', name } },
      );
    return found;
  }

  async removeStatic(name: string): Promise<void> {
    await this.doc.update((doc) => {
      if (!doc.statics.some((s) => s.name === name)) {
        throw new AnchorageError(
          'NOT_FOUND',
          `There is no static credential set named "${name}".`,
          'Check the name against the list of static credential sets.',
          { facts: { what: 'static', name } },
        );
      }
      doc.statics = doc.statics.filter((s) => s.name !== name);
    });
  }
}
