import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/schemas/models';
import { profilePatch } from '../../../renderer/profile-patch';
import type { ProfileFormValues } from '../../../renderer/profile-patch';

const before: Profile = {
  name: 'dev',
  certificateId: 'c1',
  trustAnchorArn: 'ta',
  profileArn: 'pa',
  roleArn: 'ra',
  region: 'eu-west-1',
  durationSeconds: 3600,
  endpoint: 'https://vpce.example',
  sessionName: 'kept',
  createdAt: '2025-01-01T00:00:00.000Z',
};
const same: ProfileFormValues = {
  certificate: 'c1',
  trustAnchorArn: 'ta',
  profileArn: 'pa',
  roleArn: 'ra',
  region: 'eu-west-1',
  durationSeconds: 3600,
  endpoint: 'https://vpce.example',
};

describe('profilePatch', () => {
  it('is empty when nothing changed (spaces typed around a value do not count)', () => {
    expect(profilePatch(before, same)).toEqual({});
    expect(profilePatch(before, { ...same, roleArn: ' ra ' })).toEqual({});
  });

  it('carries only the changed fields, trimmed; a cleared endpoint is sent as ""', () => {
    expect(
      profilePatch(before, {
        ...same,
        durationSeconds: 900,
        endpoint: '  ',
        certificate: 'c2',
        region: ' us-east-1 ',
      }),
    ).toEqual({ durationSeconds: 900, endpoint: '', certificate: 'c2', region: 'us-east-1' });
  });

  it('adds an endpoint to a profile without one, and keeps the certificate when none is chosen', () => {
    const { endpoint: _gone, ...plain } = before;
    expect(profilePatch(plain, { ...same, endpoint: 'http://127.0.0.1:1', certificate: '' })).toEqual({
      endpoint: 'http://127.0.0.1:1',
    });
    expect(profilePatch(plain, { ...same, endpoint: '' })).toEqual({});
  });
});
