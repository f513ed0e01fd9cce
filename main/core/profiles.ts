import { join } from 'node:path';
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
import type { Profile, StaticCredential } from '../../shared/schemas/models';
import type { ProfileInput, ProfilePatch } from './api';
import { JsonDocument } from './store/document';
import type { ProfilesDoc } from './store/document-schemas';
import { PROFILES_DOC } from './store/documents';

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

/** A profile from its input, validated as a whole: name, ARN set and region, duration, endpoints, FIPS. */
function buildProfile(input: ProfileInput & { certificateId: string }, createdAt: string): Profile {
  checkName(input.name, 'profile');
  const { region } = parseArnSet({
    trustAnchorArn: input.trustAnchorArn.trim(),
    profileArn: input.profileArn.trim(),
    roleArn: input.roleArn.trim(),
    region: input.region,
  });
  return {
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
    createdAt,
  };
}

/** Profiles and static credential sets, in `profiles.json`. Secrets are not here: they are in the vault. */
export class ProfileStore {
  private readonly doc: JsonDocument<ProfilesDoc>;

  constructor(dataDir: string) {
    this.doc = new JsonDocument(join(dataDir, 'profiles.json'), PROFILES_DOC, () => ({
      schemaVersion: 1,
      profiles: [],
      statics: [],
    }));
  }

  /**
   * Validate and add a profile; `certificateId` must already be resolved. An existing name is refused unless
   * `replace` (issue 9: adding never silently replaces).
   */
  async putProfile(
    input: ProfileInput & { certificateId: string },
    now: Date,
    options: { replace?: boolean } = {},
  ): Promise<Profile> {
    const profile = buildProfile(input, now.toISOString());
    await this.doc.update((doc) => {
      if (!options.replace && doc.profiles.some((p) => p.name === profile.name)) {
        throw new AnchorageError(
          'ALREADY_EXISTS',
          `There is already a profile named "${profile.name}".`,
          'Change its fields, or replace it as a whole.',
          { facts: { what: 'profile', reason: 'taken', name: profile.name } },
        );
      }
      doc.profiles = [...doc.profiles.filter((p) => p.name !== profile.name), profile];
    });
    return profile;
  }

  /**
   * Change some fields of a profile and revalidate it as a whole (ARN set, region agreement, endpoints,
   * duration), under the document's lock. An empty `sessionName`, `endpoint` or `stsEndpoint` clears it.
   * A new region is taken from the ARNs when they change and `region` is not given.
   */
  async updateProfile(
    name: string,
    patch: ProfilePatch & { certificateId?: string },
  ): Promise<{ before: Profile; after: Profile }> {
    let result: { before: Profile; after: Profile } | undefined;
    await this.doc.update((doc) => {
      const before = doc.profiles.find((p) => p.name === name);
      if (!before) {
        throw new AnchorageError(
          'NOT_FOUND',
          `There is no profile named "${name}".`,
          'Check the name against the list of profiles, or add the profile first.',
          { facts: { what: 'profile', name } },
        );
      }
      const arnsChange =
        patch.trustAnchorArn !== undefined || patch.profileArn !== undefined || patch.roleArn !== undefined;
      const optional = (value: string | undefined, old: string | undefined) =>
        value === undefined ? old : value.trim() === '' ? undefined : value;
      const after = buildProfile(
        {
          name,
          certificate: patch.certificateId ?? before.certificateId,
          certificateId: patch.certificateId ?? before.certificateId,
          trustAnchorArn: patch.trustAnchorArn ?? before.trustAnchorArn,
          profileArn: patch.profileArn ?? before.profileArn,
          roleArn: patch.roleArn ?? before.roleArn,
          region: patch.region ?? (arnsChange ? undefined : before.region),
          durationSeconds: patch.durationSeconds ?? before.durationSeconds,
          sessionName: optional(patch.sessionName, before.sessionName),
          endpoint: optional(patch.endpoint, before.endpoint),
          stsEndpoint: optional(patch.stsEndpoint, before.stsEndpoint),
          fips: patch.fips ?? before.fips,
        },
        before.createdAt,
      );
      doc.profiles = doc.profiles.map((p) => (p.name === name ? after : p));
      result = { before, after };
    });
    return result!;
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
