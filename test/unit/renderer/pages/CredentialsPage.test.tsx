import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Profile } from '../../../../shared/schemas/models';
import CredentialsPage from '../../../../renderer/pages/CredentialsPage';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const PR = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/2cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const ROLE = 'arn:aws:iam::123456789012:role/Demo';

function setup() {
  const cert = fakeCert({ name: 'workload' });
  const revoked = fakeCert({ name: 'old', status: 'revoked' });
  const dev: Profile = {
    name: 'dev',
    certificateId: cert.id,
    trustAnchorArn: TA,
    profileArn: PR,
    roleArn: ROLE,
    region: 'eu-west-1',
    durationSeconds: 3600,
    endpoint: 'http://127.0.0.1:4567',
    createdAt: new Date().toISOString(),
  };
  return { cert, revoked, ...createFakeBridge({ certs: [revoked, cert], profiles: [dev] }) };
}

describe('CredentialsPage', () => {
  it('Edit opens the profile in place, prefilled; saving shows the change in the list', async () => {
    const { bridge, calls } = setup();
    renderWithApp(<CredentialsPage />, bridge);
    const row = await screen.findByTestId(TESTIDS.profileRow);
    expect(within(row).getByTestId(TESTIDS.profileRowRegion).textContent).toBe(
      'eu-west-1 · 1 hour sessions · 127.0.0.1:4567',
    );
    fireEvent.click(within(row).getByRole('button', { name: 'Edit profile dev' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit profile “dev”' });
    const field = (id: string) => within(dialog).getByTestId(id) as HTMLInputElement;
    expect(field(TESTIDS.profileName).value).toBe('dev');
    expect(field(TESTIDS.arnRole).value).toBe(ROLE);
    fireEvent.change(field(TESTIDS.profileDuration), { target: { value: '900' } });
    fireEvent.change(field(TESTIDS.endpoint), { target: { value: '' } });
    fireEvent.click(within(dialog).getByTestId(TESTIDS.profileSave));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.profileRowRegion).textContent).toBe(
        'eu-west-1 · 15 minutes sessions',
      ),
    );
    expect(callsOf(calls, 'profileSet')).toEqual([
      { name: 'dev', patch: { durationSeconds: 900, endpoint: '' } },
    ]);
    expect(callsOf(calls, 'profileAdd')).toEqual([]);
  });

  it('Add profile lists every client certificate, proposes a free name, and focuses the new row', async () => {
    const { bridge, cert, revoked } = setup();
    renderWithApp(<CredentialsPage />, bridge);
    await screen.findByTestId(TESTIDS.profileRow);
    fireEvent.click(screen.getByTestId(TESTIDS.profileAddOpen));
    const dialog = await screen.findByRole('dialog', { name: 'Add a Roles Anywhere profile' });
    const picker = within(dialog).getByTestId(TESTIDS.profileSelect) as HTMLSelectElement;
    expect([...picker.options].map((o) => [o.value, o.disabled])).toEqual([
      [revoked.id, true],
      [cert.id, false],
    ]);
    expect(picker.value).toBe(cert.id);
    const name = within(dialog).getByTestId(TESTIDS.profileName) as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('anchorage'));
    for (const [id, value] of [
      [TESTIDS.arnTrustAnchor, TA],
      [TESTIDS.arnProfile, PR],
      [TESTIDS.arnRole, ROLE],
    ] as const) {
      fireEvent.change(within(dialog).getByTestId(id), { target: { value } });
    }
    fireEvent.click(within(dialog).getByTestId(TESTIDS.profileSave));
    await waitFor(() => expect(screen.getAllByTestId(TESTIDS.profileRow)).toHaveLength(2));
    await waitFor(() => expect(document.activeElement?.textContent).toContain('anchorage'));
    expect(screen.getByTestId(TESTIDS.credentialsCard).getAttribute('data-profile')).toBe('anchorage');
  });

  it('after Remove, the focus goes to Add profile when no profile is left; adding a static set refocuses Name', async () => {
    const { bridge, state, calls } = setup();
    bridge.profileRemove = (req) => {
      calls.push({ method: 'profileRemove', request: req });
      state.profiles = state.profiles.filter((p) => p.name !== req.name);
      return Promise.resolve({ ok: true, value: null });
    };
    renderWithApp(<CredentialsPage />, bridge);
    const row = await screen.findByTestId(TESTIDS.profileRow);
    fireEvent.click(within(row).getByRole('button', { name: 'Remove profile dev' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove profile “dev”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('No profile yet')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.profileAddOpen)));

    fireEvent.change(screen.getByTestId(TESTIDS.staticName), { target: { value: 'demo' } });
    fireEvent.change(screen.getByTestId(TESTIDS.staticKeyId), { target: { value: 'AKIAIOSFODNN7EXAMPLE' } });
    fireEvent.change(screen.getByTestId(TESTIDS.staticSecret), { target: { value: 'secret' } });
    fireEvent.click(screen.getByTestId(TESTIDS.staticAdd));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.staticName)));
    expect(callsOf(calls, 'staticAdd')).toEqual([
      { name: 'demo', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
    ]);
  });

  it('a failed list load offers Retry', async () => {
    let fail = true;
    const { bridge } = createFakeBridge(
      {},
      {
        profileList: () =>
          Promise.resolve(
            fail
              ? {
                  ok: false,
                  error: { code: 'IO_ERROR', message: 'profiles.json cannot be read.', hint: 'Check it.' },
                }
              : { ok: true, value: [] },
          ),
      },
    );
    renderWithApp(<CredentialsPage />, bridge);
    const alert = await screen.findByTestId(TESTIDS.errorAlert);
    fail = false;
    fireEvent.click(within(alert).getByTestId(TESTIDS.errorRetry));
    expect(await screen.findByText('No profile yet')).toBeTruthy();
    expect(screen.queryByTestId(TESTIDS.errorAlert)).toBeNull();
  });
});
