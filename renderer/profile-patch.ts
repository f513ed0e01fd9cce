import type { ChannelRequest } from '../shared/schemas/contract';
import type { Profile } from '../shared/schemas/models';

/** What `profile.set` changes: any field of `profile.add` but the name; an empty endpoint clears it. */
export type ProfilePatch = ChannelRequest<'profile.set'>['patch'];

/** The profile fields the form edits, as typed (trimmed here). */
export interface ProfileFormValues {
  certificate: string;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  region: string;
  durationSeconds: number;
  endpoint: string;
}

/**
 * Only the fields that differ from `before` (issue 10 §2: edit in place), so that a field the form does not show
 * (session name, FIPS, STS endpoint) and a field left alone stay as they are. A cleared endpoint is sent as `''`,
 * which core takes as "remove it"; an empty certificate (none usable to switch to) keeps the current one.
 */
export function profilePatch(before: Profile, values: ProfileFormValues): ProfilePatch {
  const patch: ProfilePatch = {};
  const text = (value: string) => value.trim();
  if (values.certificate !== '' && values.certificate !== before.certificateId) {
    patch.certificate = values.certificate;
  }
  if (text(values.trustAnchorArn) !== before.trustAnchorArn)
    patch.trustAnchorArn = text(values.trustAnchorArn);
  if (text(values.profileArn) !== before.profileArn) patch.profileArn = text(values.profileArn);
  if (text(values.roleArn) !== before.roleArn) patch.roleArn = text(values.roleArn);
  if (text(values.region) !== before.region) patch.region = text(values.region);
  if (values.durationSeconds !== before.durationSeconds) patch.durationSeconds = values.durationSeconds;
  if (text(values.endpoint) !== (before.endpoint ?? '')) patch.endpoint = text(values.endpoint);
  return patch;
}
