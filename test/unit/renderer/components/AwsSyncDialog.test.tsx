// The drawer keeps AWS in step with a CA (issue 12 §4, §6): Push CRL after a revocation, Update trust anchor
// after a CA renewal, each asking whose credentials and which region, then showing what happened or the error.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import CertificatesPage from '../../../../renderer/pages/CertificatesPage';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';
import { ok, openDrawer, press } from '../user-actions';

afterEach(cleanup);

function inventory() {
  const ca = fakeCert({ kind: 'ca', name: 'Root', subject: 'CN=Root', issuer: 'CN=Root' });
  const revoked = fakeCert({ name: 'agent', issuerId: ca.id, status: 'revoked' });
  const fine = fakeCert({ name: 'other', issuerId: ca.id });
  return { ca, revoked, certs: [ca, revoked, fine] };
}

describe('Push CRL and Update trust anchor', () => {
  it('pushes a CA’s CRL with the chosen credentials and region, shows what it did, and gives the focus back', async () => {
    const { ca, certs } = inventory();
    const { bridge, calls } = createFakeBridge({ certs });
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('Root');
    const button = within(drawer).getByTestId(TESTIDS.certPushCrl);
    press(button);
    const dialog = await screen.findByRole('dialog', { name: 'Push the CRL of “Root” to AWS' });
    expect(dialog.textContent).toContain('AWS then refuses sessions of the 1 revoked certificate.');
    const source = (await within(dialog).findByTestId(TESTIDS.awsSource)) as HTMLSelectElement;
    fireEvent.change(source, { target: { value: 'static:operator' } });
    fireEvent.change(within(dialog).getByTestId(TESTIDS.awsRegion), { target: { value: 'us-east-1' } });
    fireEvent.click(within(dialog).getByTestId(TESTIDS.awsSubmit));

    const result = await within(dialog).findByTestId(TESTIDS.awsResult);
    expect(callsOf(calls, 'awsPushCrl')).toEqual([
      { operator: { kind: 'static', name: 'operator' }, ca: ca.id, region: 'us-east-1' },
    ]);
    expect(result.textContent).toContain(
      'Imported the CRL “Anchorage-crl” and enabled it: AWS now refuses the 1 revoked certificate it lists.',
    );
    expect(result.textContent).toContain('arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/');
    await waitFor(() => expect(result.contains(document.activeElement)).toBe(true));
    expect(within(dialog).queryByTestId(TESTIDS.awsSubmit)).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('a revoked certificate’s drawer offers to push its CA’s CRL; a trust anchor ARN typed is checked and sent', async () => {
    const { ca, certs } = inventory();
    const { bridge, calls } = createFakeBridge({ certs });
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('agent');
    press(within(within(drawer).getByTestId(TESTIDS.certCrlReminder)).getByTestId(TESTIDS.crlReminderPush));
    const dialog = await screen.findByRole('dialog', { name: 'Push the CRL of “Root” to AWS' });
    const arn = (await within(dialog).findByTestId(TESTIDS.awsTrustAnchorArn)) as HTMLInputElement;
    fireEvent.change(arn, { target: { value: 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/x' } });
    expect((within(dialog).getByTestId(TESTIDS.awsSubmit) as HTMLButtonElement).disabled).toBe(true);
    const good =
      'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
    fireEvent.change(arn, { target: { value: good } });
    fireEvent.click(within(dialog).getByTestId(TESTIDS.awsSubmit));
    await within(dialog).findByTestId(TESTIDS.awsResult);
    // The AWS configuration (the default choice) and its region: neither is sent.
    expect(callsOf(calls, 'awsPushCrl')).toEqual([
      { operator: { kind: 'aws-profile' }, ca: ca.id, trustAnchorArn: good },
    ]);
  });

  it('after a CA renewal the notice offers Update trust anchor; an error shows the app’s hint and Try again', async () => {
    const { ca, certs } = inventory();
    let attempts = 0;
    const { bridge, calls } = createFakeBridge(
      { certs },
      {
        caRenew: () => ok({ ca, bundlePem: '-----NEW-----\n-----OLD-----\n' }),
        awsUpdateAnchor: () => {
          attempts += 1;
          return attempts === 1
            ? Promise.resolve({
                ok: false as const,
                error: {
                  code: 'AWS_NO_TRUST_ANCHOR' as const,
                  message: 'No trust anchor in eu-west-1 holds the CA "Root".',
                  hint: 'neutral',
                  facts: { ca: 'Root', region: 'eu-west-1' },
                },
              })
            : ok({
                trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-2:123456789012:trust-anchor/t',
                action: 'updated' as const,
                certificates: 2,
                calls: ['rolesanywhere:UpdateTrustAnchor'],
              });
        },
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('Root');
    press(within(drawer).getByTestId(TESTIDS.certRenew));
    const renew = await screen.findByRole('dialog', { name: 'Renew “Root”' });
    fireEvent.click(within(renew).getByTestId(TESTIDS.renewConfirm));
    const notice = await within(drawer).findByTestId(TESTIDS.certNotice);
    press(within(notice).getByTestId(TESTIDS.trustAnchorUpdate));

    const dialog = await screen.findByRole('dialog', { name: 'Update the trust anchor of “Root” in AWS' });
    await within(dialog).findByTestId(TESTIDS.awsSource);
    fireEvent.click(within(dialog).getByTestId(TESTIDS.awsSubmit));
    const hint = await within(dialog).findByTestId(TESTIDS.errorHint);
    expect(hint.textContent).toBe(
      'Register the CA with AWS first (the setup wizard’s step 3, Register for me), or choose the Region its trust anchor is in (not eu-west-1).',
    );
    const submit = within(dialog).getByTestId(TESTIDS.awsSubmit);
    expect(submit.textContent).toBe('Try again');
    fireEvent.change(within(dialog).getByTestId(TESTIDS.awsRegion), { target: { value: 'eu-west-2' } });
    fireEvent.click(submit);
    const result = await within(dialog).findByTestId(TESTIDS.awsResult);
    expect(result.textContent).toContain('Updated: the trust anchor’s bundle holds 2 certificates');
    expect(callsOf(calls, 'awsUpdateAnchor')).toEqual([
      { operator: { kind: 'aws-profile' }, ca: ca.id },
      { operator: { kind: 'aws-profile' }, ca: ca.id, region: 'eu-west-2' },
    ]);
  });

  it('the row menu of a CA offers both; a client certificate’s offers neither', async () => {
    const { certs } = inventory();
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs }).bridge);
    const table = await screen.findByTestId(TESTIDS.certTable);
    const menuOf = async (name: string) => {
      fireEvent.click(within(table).getByRole('button', { name: `Actions for “${name}”` }));
      return screen.findByRole('menu');
    };
    const caMenu = await menuOf('Root');
    expect(within(caMenu).getByTestId(TESTIDS.certAction('push-crl'))).toBeTruthy();
    fireEvent.click(within(caMenu).getByTestId(TESTIDS.certAction('update-anchor')));
    expect(
      await screen.findByRole('dialog', { name: 'Update the trust anchor of “Root” in AWS' }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const clientMenu = await menuOf('other');
    expect(within(clientMenu).queryByTestId(TESTIDS.certAction('push-crl'))).toBeNull();
    expect(within(clientMenu).queryByTestId(TESTIDS.certAction('update-anchor'))).toBeNull();
  });
});
