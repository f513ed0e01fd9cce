import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import CertificatesPage from '../../../../renderer/pages/CertificatesPage';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

describe('CertificatesPage', () => {
  it('lists CAs first with a status chip per certificate', async () => {
    const certs = [
      fakeCert({ name: 'client-b', status: 'expiring' }),
      fakeCert({ name: 'Root', kind: 'ca' }),
      fakeCert({ name: 'client-a', status: 'revoked' }),
      fakeCert({ name: 'client-c', status: 'expired' }),
    ];
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs }).bridge);
    await screen.findByTestId(TESTIDS.certTable);
    const rows = screen.getAllByTestId(TESTIDS.certRow);
    expect(rows.map((r) => r.getAttribute('data-cert-name'))).toEqual([
      'Root',
      'client-a',
      'client-b',
      'client-c',
    ]);
    expect(rows.map((r) => within(r).getByTestId(TESTIDS.certStatus).textContent)).toEqual([
      'Valid',
      'Revoked',
      'Expiring soon',
      'Expired',
    ]);
  });

  it('opens the details drawer with the readiness checks, and revokes after confirmation', async () => {
    const client = fakeCert({ name: 'agent' });
    const { bridge, calls } = createFakeBridge(
      { certs: [client] },
      {
        certInspect: () =>
          Promise.resolve({
            ok: true,
            value: {
              type: 'certificate',
              subject: 'CN=agent',
              keyType: 'ec-p256',
              role: 'end-entity',
              checks: [
                { rule: 'key-usage', level: 'pass', detail: 'digitalSignature' },
                { rule: 'serial-number', level: 'warn', detail: 'serial is 01' },
                { rule: 'version', level: 'fail', detail: 'X.509 v1' },
              ],
              verdict: { level: 'fail', failures: 1, warnings: 1, role: 'end-entity' },
            },
          }),
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const row = await screen.findByTestId(TESTIDS.certRow);
    // The name is a native button: the keyboard path (Enter/Space) into the drawer.
    const open = within(row).getByRole('button', { name: 'agent: show details' });
    expect(open.tagName).toBe('BUTTON');
    fireEvent.click(open);
    const drawer = await screen.findByTestId(TESTIDS.certDrawer);
    await waitFor(() => expect(within(drawer).getAllByTestId(TESTIDS.certCheck)).toHaveLength(3));
    const checks = within(drawer).getAllByTestId(TESTIDS.certCheck);
    expect(checks.map((c) => c.getAttribute('data-level'))).toEqual(['pass', 'warn', 'fail']);
    // WARN is shown distinctly from FAIL: its own icon and text alternative.
    expect(within(checks[1]!).getByTitle('Warning')).toBeTruthy();
    expect(within(checks[2]!).getByTitle('Failed')).toBeTruthy();
    expect(drawer.textContent).toContain('1 of 3 passed');
    expect(within(drawer).getByTestId(TESTIDS.certVerdict).textContent).toBe(
      'AWS would reject it: 1 failure, 1 warning.',
    );

    fireEvent.click(within(drawer).getByTestId(TESTIDS.certRevoke));
    expect(callsOf(calls, 'certRevoke')).toHaveLength(0);
    fireEvent.click(await screen.findByTestId(TESTIDS.revokeConfirm));
    await waitFor(() => expect(callsOf(calls, 'certRevoke')).toEqual([{ ref: client.id }]));
  });

  it('exports a PFX with a typed password only when it is ASCII', async () => {
    const client = fakeCert({ name: 'agent' });
    const { bridge, calls } = createFakeBridge({ certs: [client] });
    renderWithApp(<CertificatesPage />, bridge);
    fireEvent.click(await screen.findByTestId(TESTIDS.certRow));
    fireEvent.click(await screen.findByTestId(TESTIDS.certExport));
    const dialog = await screen.findByTestId(TESTIDS.exportDialog);
    expect(dialog.textContent).toContain('Mendix Cloud / older Java (legacy)');
    expect(dialog.textContent).toContain('Modern (AES-256)');
    fireEvent.click(screen.getByTestId(TESTIDS.exportPreset('modern')));
    fireEvent.click(screen.getByTestId(TESTIDS.exportPasswordTyped));
    fireEvent.change(screen.getByTestId(TESTIDS.exportPassword), { target: { value: 'pässwört-123' } });
    expect(dialog.textContent).toContain('ASCII characters only');
    expect((screen.getByTestId(TESTIDS.exportSubmit) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId(TESTIDS.exportPassword), { target: { value: 'correct-horse-9' } });
    fireEvent.click(screen.getByTestId(TESTIDS.exportSubmit));
    await screen.findByTestId(TESTIDS.exportResult);
    expect(callsOf(calls, 'certExport')).toEqual([
      {
        ref: client.id,
        format: 'pfx',
        pfxProfile: 'modern',
        password: { kind: 'typed', value: 'correct-horse-9' },
      },
    ]);
    // A typed password is the user's own: nothing is put on the clipboard.
    expect(screen.queryByTestId(TESTIDS.clipboardNotice)).toBeNull();
  });
});
