import { join } from 'node:path';
import { z } from 'zod';
import { parseArnSet } from '../../shared/arn';
import { rolesAnywhereEndpoint } from '../../shared/regions';
import { AnchorageError } from '../../shared/errors';
import { ProfileSchema, StaticCredentialSchema } from '../../shared/models';
import type { Profile, StaticCredential } from '../../shared/models';
import type { ProfileInput } from './api';
import { JsonDocument } from './store/document';

/** CreateSession accepts 900–43200 s (Roles Anywhere API reference, CreateSession durationSeconds). */
export const MIN_DURATION = 900;
export const MAX_DURATION = 43_200;
export const DEFAULT_DURATION = 3600;

const ProfilesDocSchema = z.object({
  schemaVersion: z.literal(1),
  profiles: z.array(ProfileSchema),
  statics: z.array(StaticCredentialSchema),
  /** One-time data migrations already applied to this document (e.g. `static-case-exact`). */
  migrations: z.array(z.string()).optional(),
});
type ProfilesDoc = z.infer<typeof ProfilesDocSchema>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Profile and static-set names become vault record ids and `~/.aws/config` section names. */
export function checkName(name: string, what: string): string {
  if (!NAME.test(name)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The ${what} name "${name}" is not allowed.`,
      'Use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
    );
  }
  return name;
}

/** Check a session duration locally, before anything is sent. */
export function checkDuration(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < MIN_DURATION || seconds > MAX_DURATION) {
    throw new AnchorageError(
      'INVALID_DURATION',
      `The session duration must be a whole number of seconds from ${MIN_DURATION} to ${MAX_DURATION} (got ${seconds}).`,
      'CreateSession accepts 15 minutes to 12 hours; the role’s maximum session duration may be lower.',
    );
  }
  return seconds;
}

/** FIPS endpoints exist in US and GovCloud regions only (AWS FIPS endpoints list). */
function checkFips(region: string): true {
  rolesAnywhereEndpoint(region, { fips: true }); // throws INVALID_INPUT, naming the region, elsewhere
  return true;
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The endpoint "${endpoint}" is not a URL.`,
      'Use https://host[:port], e.g. a VPC endpoint URL.',
    );
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The endpoint ${endpoint} is not HTTPS.`,
      'Only loopback endpoints (a local emulator) may use plain http.',
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
      durationSeconds: checkDuration(input.durationSeconds ?? DEFAULT_DURATION),
      ...(input.sessionName ? { sessionName: input.sessionName } : {}),
      ...(input.endpoint ? { endpoint: checkEndpoint(input.endpoint) } : {}),
      ...(input.stsEndpoint ? { stsEndpoint: checkEndpoint(input.stsEndpoint) } : {}),
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
        'See `anchorage profile list`, or add one with `anchorage profile add`.',
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
          'See `anchorage profile list`.',
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
        'See `anchorage static list`.',
      );
    return found;
  }

  async removeStatic(name: string): Promise<void> {
    await this.doc.update((doc) => {
      if (!doc.statics.some((s) => s.name === name)) {
        throw new AnchorageError(
          'NOT_FOUND',
          `There is no static credential set named "${name}".`,
          'See `anchorage static list`.',
        );
      }
      doc.statics = doc.statics.filter((s) => s.name !== name);
    });
  }
}
