import { describe, expect, it } from 'vitest';
import type { Profile, WizardProgress } from '../../../../shared/schemas/models';
import {
  completedSteps,
  reachableSteps,
  resolveProgress,
  unusableReason,
  usableCa,
  usableClientOf,
} from '../../../../renderer/wizard/progress';
import { fakeCert } from '../fake-bridge';

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';

function profileOf(name: string, certificateId: string): Profile {
  return {
    name,
    certificateId,
    trustAnchorArn: TA,
    profileArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/2cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
    roleArn: 'arn:aws:iam::123456789012:role/Demo',
    region: 'eu-west-1',
    durationSeconds: 3600,
    createdAt: new Date().toISOString(),
  };
}

/** A CA, a client it issued, and a profile that signs with the client: the state after step 4. */
function world() {
  const ca = fakeCert({ kind: 'ca', name: 'Team CA' });
  const client = fakeCert({ kind: 'client', name: 'workload', issuerId: ca.id });
  const profile = profileOf('anchorage', client.id);
  const done: WizardProgress = {
    step: 'test',
    caId: ca.id,
    certificateId: client.id,
    registered: true,
    trustAnchorArn: TA,
    region: 'eu-west-1',
    profileName: 'anchorage',
    connected: false,
  };
  return { ca, client, profile, done };
}

describe('usable certificates', () => {
  it('needs the key and a valid or expiring status', () => {
    expect(unusableReason(fakeCert())).toBeUndefined();
    expect(unusableReason(fakeCert({ status: 'expiring' }))).toBeUndefined();
    expect(unusableReason(fakeCert({ status: 'revoked' }))).toBe('revoked');
    expect(unusableReason(fakeCert({ status: 'expired' }))).toBe('expired');
    expect(unusableReason(fakeCert({ status: 'not-yet-valid' }))).toBe('not valid yet');
    expect(unusableReason(fakeCert({ status: 'superseded' }))).toMatch(/renewed/);
    expect(unusableReason(fakeCert({ hasPrivateKey: false }))).toMatch(/private key/);
  });

  it('a CA is a CA; a client must come from the given CA', () => {
    const ca = fakeCert({ kind: 'ca' });
    expect(usableCa(ca)).toBe(true);
    expect(usableCa(fakeCert({ kind: 'client' }))).toBe(false);
    expect(usableClientOf(fakeCert({ issuerId: ca.id }), ca.id)).toBe(true);
    expect(usableClientOf(fakeCert({ issuerId: 'other' }), ca.id)).toBe(false);
    expect(usableClientOf(fakeCert({ issuerId: null }), undefined)).toBe(false);
  });
});

describe('steps', () => {
  it('are reachable once every earlier step is done', () => {
    const completed = completedSteps({ ca: 1, client: 1, registered: false, profile: undefined });
    expect(completed).toEqual([true, true, false, false, false, false]);
    expect(reachableSteps(completed)).toEqual([true, true, true, false, false, false]);
    expect(
      reachableSteps(completedSteps({ ca: 1, client: 1, registered: true, profile: 1, connected: true })),
    ).toEqual([true, true, true, true, true, true]);
  });
});

describe('resolveProgress', () => {
  it('keeps progress whose ids all resolve, unchanged and without a note', () => {
    const { ca, client, profile, done } = world();
    const result = resolveProgress(done, [ca, client], [profile]);
    expect(result).toEqual({ progress: done, changed: false });
  });

  it('starts a fresh wizard on step 1', () => {
    expect(resolveProgress({ step: 'ca' }, [], [])).toEqual({ progress: { step: 'ca' }, changed: false });
  });

  it('never opens a step whose earlier steps are not done', () => {
    const { ca, client } = world();
    // Stored at the test step, but the console steps were never confirmed and no profile saved.
    const result = resolveProgress({ step: 'test', caId: ca.id, certificateId: client.id }, [ca, client], []);
    expect(result.progress.step).toBe('register');
    expect(result.note).toBeUndefined();
    expect(result.changed).toBe(true);
  });

  it.each([
    ['deleted', undefined, /no longer in Anchorage/],
    ['revoked', { status: 'revoked' as const }, /“Team CA” chosen before is revoked/],
    ['expired', { status: 'expired' as const }, /“Team CA” chosen before is expired/],
    ['keyless', { hasPrivateKey: false }, /does not hold its private key/],
  ])('goes back to step 1 when the CA is %s, dropping what depended on it', (_what, patch, note) => {
    const { ca, client, profile, done } = world();
    const certs = patch ? [{ ...ca, ...patch }, client] : [client];
    const result = resolveProgress(done, certs, [profile]);
    expect(result.progress).toEqual({ step: 'ca', trustAnchorArn: TA, region: 'eu-west-1' });
    expect(result.note).toMatch(note);
    expect(result.note).toMatch(/Choose or create another\.$/);
    expect(result.changed).toBe(true);
  });

  it.each([
    ['revoked', { status: 'revoked' as const }, /“workload” chosen before is revoked/],
    ['expired', { status: 'expired' as const }, /is expired/],
    ['from another CA', { issuerId: 'someone-else' }, /was not issued by this CA/],
  ])('goes back to step 2 when the client certificate is %s', (_what, patch, note) => {
    const { ca, client, done } = world();
    const stored = { ...done, profileName: undefined, connected: undefined, step: 'arns' as const };
    const result = resolveProgress(stored, [ca, { ...client, ...patch }], []);
    expect(result.progress).toEqual({
      step: 'client',
      caId: ca.id,
      registered: true,
      trustAnchorArn: TA,
      region: 'eu-west-1',
    });
    expect(result.note).toMatch(note);
  });

  it('follows a profile to the certificate that renewed the stored one', () => {
    const { ca, client, profile, done } = world();
    const renewed = fakeCert({ kind: 'client', name: 'workload', issuerId: ca.id });
    const old = { ...client, status: 'superseded' as const, name: 'workload (old 1a2b)' };
    const result = resolveProgress(done, [ca, old, renewed], [{ ...profile, certificateId: renewed.id }]);
    expect(result.progress).toEqual({ ...done, certificateId: renewed.id });
    expect(result.note).toBeUndefined();
  });

  it('goes back to step 4 when the profile is gone or signs with an unusable certificate', () => {
    const { ca, client, profile, done } = world();
    const gone = resolveProgress({ ...done, step: 'done', connected: true }, [ca, client], []);
    expect(gone.progress.step).toBe('arns');
    expect(gone.progress.profileName).toBeUndefined();
    expect(gone.progress.connected).toBeUndefined();
    expect(gone.note).toMatch(/profile “anchorage” chosen before is no longer in Anchorage/);

    const revoked = fakeCert({ kind: 'client', issuerId: ca.id, status: 'revoked' });
    const moved = resolveProgress(done, [ca, client, revoked], [{ ...profile, certificateId: revoked.id }]);
    expect(moved.progress).toMatchObject({ step: 'arns', certificateId: client.id });
    expect(moved.progress.profileName).toBeUndefined();
    expect(moved.note).toMatch(/no longer signs with a usable certificate/);
  });

  it('keeps the step the user went back to', () => {
    const { ca, client, profile, done } = world();
    expect(resolveProgress({ ...done, step: 'client' }, [ca, client], [profile]).progress.step).toBe(
      'client',
    );
  });
});
