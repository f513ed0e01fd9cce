import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { validateArn } from '../../../../shared/domain/arn';
import ProfileForm from '../../../../renderer/components/ProfileForm';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const PR = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/2cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const ROLE = 'arn:aws:iam::123456789012:role/Demo';

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const type = (id: string, value: string) => fireEvent.change(input(id), { target: { value } });
const message = (id: string) => screen.getByTestId(`${id}-message`).textContent ?? '';

afterEach(cleanup);

describe('ProfileForm', () => {
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
    expect((screen.getByTestId(TESTIDS.profileSave) as HTMLButtonElement).disabled).toBe(true);
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

  it('saves a valid profile with the region and the endpoint', async () => {
    const { bridge, calls } = createFakeBridge();
    const cert = fakeCert();
    let saved = '';
    renderWithApp(<ProfileForm certificates={[cert]} onSaved={(p) => (saved = p.name)} />, bridge);
    type(TESTIDS.arnTrustAnchor, TA);
    type(TESTIDS.arnProfile, PR);
    type(TESTIDS.arnRole, ROLE);
    type(TESTIDS.endpoint, 'not a url');
    expect(message(TESTIDS.arnRole)).toBe('Looks right.');
    expect((screen.getByTestId(TESTIDS.profileSave) as HTMLButtonElement).disabled).toBe(true);
    type(TESTIDS.endpoint, 'http://127.0.0.1:4567');
    fireEvent.click(screen.getByTestId(TESTIDS.profileSave));
    await waitFor(() => expect(saved).toBe('anchorage'));
    expect(callsOf(calls, 'profileAdd')).toEqual([
      {
        name: 'anchorage',
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
});
