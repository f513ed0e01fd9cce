import { createHash } from 'node:crypto';
import type { Profile } from '../../shared/schemas/models';

/**
 * What a cached session was made for. Editing a profile (ARNs, certificate, duration, endpoint) changes
 * it, so the cache never serves credentials of the profile's previous role.
 */
export function profileFingerprint(profile: Profile): string {
  const parts = [
    profile.certificateId,
    profile.trustAnchorArn,
    profile.profileArn,
    profile.roleArn,
    profile.region,
    profile.durationSeconds,
    profile.sessionName ?? '',
    profile.endpoint ?? '',
    profile.stsEndpoint ?? '',
    profile.fips ? 'fips' : '',
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
