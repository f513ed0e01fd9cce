import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { validateArn } from '../../../../shared/domain/arn';
import type { Profile } from '../../../../shared/schemas/models';
import ProfileForm, { REGION_MISSING } from '../../../../renderer/components/ProfileForm';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const PR = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/2cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const ROLE = 'arn:aws:iam::123456789012:role/Demo';

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const select = (id: string) => screen.getByTestId(id) as HTMLSelectElement;
const type = (id: string, value: string) => fireEvent.change(input(id), { target: { value } });
const message = (id: string) => screen.getByTestId(`${id}-message`).textContent ?? '';
const saveButton = () => screen.getByTestId(TESTIDS.profileSave) as HTMLButtonElement;

function profile(patch: Partial<Profile> = {}): Profile {
  return {
    name: 'dev',
    certificateId: 'id-x',
    trustAnchorArn: TA,
    profileArn: PR,
    roleArn: ROLE,
    region: 'eu-west-1',
    durationSeconds: 3600,
    endpoint: 'http://127.0.0.1:4567',
    createdAt: new Date().toISOString(),
    ...patch,
  };
}

function fillArns() {
  type(TESTIDS.arnTrustAnchor, TA);
  type(TESTIDS.arnProfile, PR);
  type(TESTIDS.arnRole, ROLE);
}

afterEach(cleanup);

describe('ProfileForm: validation as typed', () => {
  it('shows the specific shared/arn message under a bad ARN, live', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<ProfileForm certificates={[fakeCert()]} onSaved={() => undefined} />, bridge);
    const bad = 'arn:aws:rolesanywhere:eu-west-1:12345:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
    type(TESTIDS.arnTrustAnchor, bad);
    const expected = validateArn('trust-anchor', bad);
    expect(expected.ok).toBe(false);
    if (!expected.ok) expect(message(TESTIDS.arnTrustAnchor)).toBe(expected.message);
    expect(message(TESTIDS.arnTrustAnchor)).toContain('exactly 12');
    expect(input(TESTIDS.arnTrustAnchor).getAttribute('aria-invalid')).toBe('true');

    // A role ARN pasted into the profile field names the wrong service.
    type(TESTIDS.arnProfile, ROLE);
    expect(message(TESTIDS.arnProfile)).toContain('rolesanywhere');
    expect(saveButton().disabled).toBe(true);
  });

  it('fills the region from the trust anchor ARN and explains a mismatch', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<ProfileForm certificates={[fakeCert()]} onSaved={() => undefined} />, bridge);
    expect(input(TESTIDS.region).value).toBe('');
    type(TESTIDS.arnTrustAnchor, TA);
    expect(input(TESTIDS.region).value).toBe('eu-west-1');
    expect(screen.getByTestId(TESTIDS.regionNote).textContent).toContain(
      'Filled in from the trust anchor ARN',
    );

    type(TESTIDS.region, 'us-east-1');
    const note = screen.getByTestId(TESTIDS.regionNote).textContent ?? '';
    expect(note).toContain('us-east-1');
    expect(note).toContain('eu-west-1');
    expect(input(TESTIDS.region).getAttribute('aria-invalid')).toBe('true');

    // A profile in another region than the trust anchor is explained on the profile field.
    type(TESTIDS.arnProfile, PR.replace('eu-west-1', 'eu-central-1'));
    expect(message(TESTIDS.arnProfile)).toMatch(/eu-central-1.*eu-west-1/);
  });

  it('marks an empty region without a trust anchor region on the field, and Save stays disabled', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<ProfileForm certificates={[fakeCert()]} onSaved={() => undefined} />, bridge);
    // Pristine: the field says what to do, but is not marked yet.
    expect(screen.getByTestId(TESTIDS.regionNote).textContent).toBe(REGION_MISSING);
    expect(input(TESTIDS.region).getAttribute('aria-invalid')).toBe('false');

    type(TESTIDS.arnProfile, PR);
    type(TESTIDS.arnRole, ROLE);
    expect(screen.getByTestId(TESTIDS.regionNote).textContent).toBe(REGION_MISSING);
    expect(input(TESTIDS.region).getAttribute('aria-invalid')).toBe('true');
    expect(saveButton().disabled).toBe(true);

    // Typed and cleared again: still marked, never a schema message.
    type(TESTIDS.region, 'eu-west-1');
    type(TESTIDS.region, '');
    expect(screen.getByTestId(TESTIDS.regionNote).textContent).toBe(REGION_MISSING);
    expect(document.body.textContent).not.toMatch(/expected string|Too small/);

    // An emptied region with a trust anchor ARN means "the trust anchor's region".
    type(TESTIDS.arnTrustAnchor, TA);
    expect(screen.getByTestId(TESTIDS.regionNote).textContent).toContain(
      'the trust anchor’s region (eu-west-1)',
    );
    expect(input(TESTIDS.region).getAttribute('aria-invalid')).toBe('false');
  });
});

describe('ProfileForm: adding', () => {
  it('proposes the next free name and saves a valid profile with the region and the endpoint', async () => {
    const { bridge, calls } = createFakeBridge({
      profiles: [profile({ name: 'anchorage' }), profile({ name: 'anchorage-2' })],
    });
    const cert = fakeCert();
    let saved = '';
    renderWithApp(<ProfileForm certificates={[cert]} onSaved={(p) => (saved = p.name)} />, bridge);
    await waitFor(() => expect(input(TESTIDS.profileName).value).toBe('anchorage-3'));
    fillArns();
    type(TESTIDS.endpoint, 'not a url');
    expect(message(TESTIDS.arnRole)).toBe('Looks right.');
    expect(saveButton().disabled).toBe(true);
    type(TESTIDS.endpoint, 'http://127.0.0.1:4567');
    expect(saveButton().textContent).toBe('Save profile');
    fireEvent.click(saveButton());
    await waitFor(() => expect(saved).toBe('anchorage-3'));
    expect(callsOf(calls, 'profileAdd')).toEqual([
      {
        name: 'anchorage-3',
        certificate: cert.id,
        trustAnchorArn: TA,
        profileArn: PR,
        roleArn: ROLE,
        region: 'eu-west-1',
        durationSeconds: 3600,
        endpoint: 'http://127.0.0.1:4567',
      },
    ]);
  });

  it('uses the defaults it is given: name, trust anchor ARN and region', async () => {
    const { bridge } = createFakeBridge();
    renderWithApp(
      <ProfileForm
        certificates={[fakeCert()]}
        defaultName="workload"
        defaults={{ trustAnchorArn: TA }}
        onSaved={() => undefined}
      />,
      bridge,
    );
    expect(input(TESTIDS.profileName).value).toBe('workload');
    expect(input(TESTIDS.arnTrustAnchor).value).toBe(TA);
    expect(input(TESTIDS.region).value).toBe('eu-west-1');
    await waitFor(() => expect(input(TESTIDS.profileName).getAttribute('data-taken')).toBe('false'));
  });

  it('an existing name needs the explicit, confirmed Replace, which sends replace: true', async () => {
    const { bridge, calls } = createFakeBridge({ profiles: [profile({ name: 'dev' })] });
    let saved = '';
    renderWithApp(
      <ProfileForm certificates={[fakeCert()]} defaultName="dev" onSaved={(p) => (saved = p.name)} />,
      bridge,
    );
    fillArns();
    await waitFor(() => expect(input(TESTIDS.profileName).getAttribute('data-taken')).toBe('true'));
    expect(screen.getByTestId(TESTIDS.profileNameNote).textContent).toContain(
      'A profile named “dev” already exists',
    );
    expect(saveButton().textContent).toBe('Replace profile “dev”…');
    expect(saveButton().getAttribute('data-mode')).toBe('replace');

    // Cancel sends nothing.
    fireEvent.click(saveButton());
    const dialog = await screen.findByRole('dialog', { name: 'Replace profile “dev”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf(calls, 'profileAdd')).toEqual([]);

    // Enter in a field also asks first, never a silent replace; Replace sends replace: true.
    fireEvent.submit(input(TESTIDS.arnRole).closest('form')!);
    fireEvent.click(await screen.findByTestId(TESTIDS.profileReplaceConfirm));
    await waitFor(() => expect(saved).toBe('dev'));
    expect(callsOf(calls, 'profileAdd')).toEqual([expect.objectContaining({ name: 'dev', replace: true })]);

    // Another name is a plain add again.
    type(TESTIDS.profileName, 'dev-2');
    expect(saveButton().textContent).toBe('Save profile');
  });

  it('a name taken meanwhile (ALREADY_EXISTS) is worded with Replace, and Save turns into Replace', async () => {
    const { bridge, state } = createFakeBridge(
      {},
      {
        profileAdd: (req) => {
          state.profiles.push(profile({ name: req.name }));
          return Promise.resolve({
            ok: false,
            error: {
              code: 'ALREADY_EXISTS',
              message: `There is already a profile named "${req.name}".`,
              hint: 'Change its fields, or replace it as a whole.',
              facts: { what: 'profile', reason: 'taken', name: req.name },
            },
          });
        },
      },
    );
    renderWithApp(<ProfileForm certificates={[fakeCert()]} onSaved={() => undefined} />, bridge);
    await waitFor(() => expect(input(TESTIDS.profileName).value).toBe('anchorage'));
    fillArns();
    fireEvent.click(saveButton());
    expect((await screen.findByTestId(TESTIDS.errorHint)).textContent).toBe(
      'Choose Replace to overwrite it, or type another name.',
    );
    await waitFor(() => expect(saveButton().textContent).toBe('Replace profile “anchorage”…'));
  });
});

describe('ProfileForm: the certificate picker', () => {
  const valid = fakeCert({ name: 'good' });
  const expiring = fakeCert({ name: 'soon', status: 'expiring', daysToExpiry: 3 });
  const expired = fakeCert({ name: 'old', status: 'expired', daysToExpiry: -2 });
  const revoked = fakeCert({ name: 'bad', status: 'revoked' });
  const future = fakeCert({ name: 'later', status: 'not-yet-valid' });
  const superseded = fakeCert({ name: 'prev (old 1a)', status: 'superseded' });
  const keyless = fakeCert({ name: 'imported', hasPrivateKey: false });

  it('lists every certificate with its status; the unusable ones are disabled', () => {
    const { bridge } = createFakeBridge();
    const all = [expired, revoked, future, keyless, superseded, expiring, valid];
    renderWithApp(<ProfileForm certificates={all} onSaved={() => undefined} />, bridge);
    const options = [...select(TESTIDS.profileSelect).options].map((o) => ({
      text: o.textContent,
      disabled: o.disabled,
    }));
    expect(options).toEqual([
      { text: expect.stringMatching(/^old .*· expired$/), disabled: true },
      { text: expect.stringMatching(/^bad .*· revoked$/), disabled: true },
      { text: expect.stringMatching(/^later .*· not yet valid$/), disabled: true },
      { text: expect.stringMatching(/^imported .*· no private key in Anchorage$/), disabled: true },
      { text: expect.stringMatching(/· superseded$/), disabled: false },
      { text: expect.stringMatching(/^soon .*· expiring in 3 days$/), disabled: false },
      { text: expect.stringMatching(/^good .*· valid$/), disabled: false },
    ]);
    // Never an unusable one, and a current certificate before a superseded one.
    expect(select(TESTIDS.profileSelect).value).toBe(expiring.id);
    expect(screen.getByTestId(TESTIDS.profileCertificateNote).textContent).toContain('Expiring soon');
  });

  it('preselects the preferred certificate only when it is usable', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(
      <ProfileForm
        certificates={[expired, valid, expiring]}
        preferredCertificateId={expiring.id}
        onSaved={() => undefined}
      />,
      bridge,
    );
    expect(select(TESTIDS.profileSelect).value).toBe(expiring.id);
    cleanup();
    renderWithApp(
      <ProfileForm
        certificates={[revoked, expired, valid]}
        preferredCertificateId={revoked.id}
        onSaved={() => undefined}
      />,
      bridge,
    );
    expect(select(TESTIDS.profileSelect).value).toBe(valid.id);
  });

  it('with no usable certificate, says so and cannot save', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<ProfileForm certificates={[expired, revoked]} onSaved={() => undefined} />, bridge);
    fillArns();
    expect(select(TESTIDS.profileSelect).value).toBe('');
    expect(screen.getByTestId(TESTIDS.profileCertificateNote).textContent).toContain(
      'No client certificate can sign',
    );
    expect(saveButton().disabled).toBe(true);
  });
});

describe('ProfileForm: editing in place', () => {
  it('prefills every field, keeps the name, and sends only what changed (a cleared endpoint as "")', async () => {
    const cert = fakeCert({ name: 'workload' });
    const before = profile({ certificateId: cert.id, durationSeconds: 3600 });
    const { bridge, calls } = createFakeBridge({ profiles: [before], certs: [cert] });
    let saved: Profile | undefined;
    renderWithApp(
      <ProfileForm certificates={[cert]} initial={before} onSaved={(p) => (saved = p)} />,
      bridge,
    );
    expect(input(TESTIDS.profileName).value).toBe('dev');
    expect(input(TESTIDS.profileName).readOnly).toBe(true);
    expect(input(TESTIDS.arnTrustAnchor).value).toBe(TA);
    expect(input(TESTIDS.arnProfile).value).toBe(PR);
    expect(input(TESTIDS.arnRole).value).toBe(ROLE);
    expect(input(TESTIDS.region).value).toBe('eu-west-1');
    expect(input(TESTIDS.endpoint).value).toBe('http://127.0.0.1:4567');
    expect(select(TESTIDS.profileDuration).value).toBe('3600');
    expect(select(TESTIDS.profileSelect).value).toBe(cert.id);
    // Its own name is not "taken".
    await waitFor(() => expect(callsOf(calls, 'profileList')).toHaveLength(1));
    expect(input(TESTIDS.profileName).getAttribute('data-taken')).toBe('false');
    expect(saveButton().textContent).toBe('Save changes');
    expect(saveButton().disabled).toBe(true);
    expect(document.body.textContent).toContain('Nothing changed yet.');

    fireEvent.change(select(TESTIDS.profileDuration), { target: { value: '14400' } });
    type(TESTIDS.endpoint, '');
    expect(saveButton().disabled).toBe(false);
    fireEvent.click(saveButton());
    await waitFor(() => expect(saved?.durationSeconds).toBe(14400));
    expect(callsOf(calls, 'profileSet')).toEqual([
      { name: 'dev', patch: { durationSeconds: 14400, endpoint: '' } },
    ]);
    expect(callsOf(calls, 'profileAdd')).toEqual([]);
    expect(saved?.endpoint).toBeUndefined();
  });

  it('keeps a session length set elsewhere, and switches away from a revoked certificate, saying so', async () => {
    const revoked = fakeCert({ name: 'old-cert', status: 'revoked' });
    const fresh = fakeCert({ name: 'new-cert' });
    const before = profile({ certificateId: revoked.id, durationSeconds: 5400 });
    const { bridge, calls } = createFakeBridge({ profiles: [before] });
    renderWithApp(
      <ProfileForm certificates={[revoked, fresh]} initial={before} onSaved={() => undefined} />,
      bridge,
    );
    expect(select(TESTIDS.profileDuration).value).toBe('5400');
    expect(select(TESTIDS.profileDuration).selectedOptions[0]?.textContent).toBe('90 minutes');
    expect(select(TESTIDS.profileSelect).value).toBe(fresh.id);
    expect(screen.getByTestId(TESTIDS.profileCertificateNote).textContent).toBe(
      'The profile’s certificate “old-cert” is revoked; saving switches to “new-cert”.',
    );
    fireEvent.click(saveButton());
    await waitFor(() => expect(callsOf(calls, 'profileSet')).toHaveLength(1));
    expect(callsOf(calls, 'profileSet')).toEqual([{ name: 'dev', patch: { certificate: fresh.id } }]);
  });

  it('a region that follows the trust anchor ARN follows a new ARN too', async () => {
    const before = profile({ endpoint: undefined });
    const { bridge, calls } = createFakeBridge({ profiles: [before] });
    renderWithApp(
      <ProfileForm certificates={[fakeCert({ id: 'id-x' })]} initial={before} onSaved={() => undefined} />,
      bridge,
    );
    const ta2 = TA.replace('eu-west-1', 'us-east-2');
    const pr2 = PR.replace('eu-west-1', 'us-east-2');
    type(TESTIDS.arnTrustAnchor, ta2);
    type(TESTIDS.arnProfile, pr2);
    expect(input(TESTIDS.region).value).toBe('us-east-2');
    fireEvent.click(saveButton());
    await waitFor(() => expect(callsOf(calls, 'profileSet')).toHaveLength(1));
    expect(callsOf(calls, 'profileSet')).toEqual([
      { name: 'dev', patch: { trustAnchorArn: ta2, profileArn: pr2, region: 'us-east-2' } },
    ]);
  });
});
