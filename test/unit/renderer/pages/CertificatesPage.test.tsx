import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import CertificatesPage from '../../../../renderer/pages/CertificatesPage';
import { TESTIDS } from '../../../../renderer/testids';
import type { CertificateSummary, Profile } from '../../../../shared/schemas/models';
import { callsOf, createFakeBridge, fakeCert } from '../fake-bridge';
import { renderWithApp } from '../render';
import { ok, openDrawer, press } from '../user-actions';

afterEach(cleanup);

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function profile(name: string, certificateId: string): Profile {
  return {
    name,
    certificateId,
    trustAnchorArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/ta',
    profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/p',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    region: 'us-east-1',
    durationSeconds: 3600,
    createdAt: new Date().toISOString(),
  };
}

const rowNames = () => screen.getAllByTestId(TESTIDS.certRow).map((r) => r.getAttribute('data-cert-name'));
const row = (name: string) =>
  screen.getAllByTestId(TESTIDS.certRow).find((r) => r.getAttribute('data-cert-name') === name)!;

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
    expect(rowNames()).toEqual(['Root', 'client-a', 'client-b', 'client-c']);
    const rows = screen.getAllByTestId(TESTIDS.certRow);
    expect(rows.map((r) => within(r).getByTestId(TESTIDS.certStatus).textContent)).toEqual([
      'Valid',
      'Revoked',
      'Expiring soon',
      'Expired',
    ]);
  });

  it('opens the details drawer, named by its title, with the readiness checks, and revokes after confirmation', async () => {
    const client = fakeCert({ name: 'agent' });
    const { bridge, calls } = createFakeBridge(
      { certs: [client] },
      {
        certInspect: () =>
          ok({
            type: 'certificate' as const,
            subject: 'CN=agent',
            keyType: 'ec-p256',
            role: 'end-entity' as const,
            checks: [
              { rule: 'key-usage', level: 'pass' as const, detail: 'digitalSignature' },
              { rule: 'serial-number', level: 'warn' as const, detail: 'serial is 01' },
              { rule: 'version', level: 'fail' as const, detail: 'X.509 v1' },
            ],
            verdict: { level: 'fail' as const, failures: 1, warnings: 1, role: 'end-entity' as const },
          }),
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const row = await screen.findByTestId(TESTIDS.certRow);
    // The name is a native button: the keyboard path (Enter/Space) into the drawer.
    const open = within(row).getByRole('button', { name: 'agent: show details' });
    expect(open.tagName).toBe('BUTTON');
    fireEvent.click(open);
    // The drawer's dialog has an accessible name: the certificate's (aria-labelledby on its paper).
    const drawer = await screen.findByRole('dialog', { name: 'agent' });
    await waitFor(() => expect(within(drawer).getAllByTestId(TESTIDS.certCheck)).toHaveLength(3));
    const checks = within(drawer).getAllByTestId(TESTIDS.certCheck);
    expect(checks.map((c) => c.getAttribute('data-level'))).toEqual(['pass', 'warn', 'fail']);
    // WARN is shown distinctly from FAIL: its own icon and text alternative.
    expect(within(checks[1]!).getByTitle('Warning')).toBeTruthy();
    expect(within(checks[2]!).getByTitle('Failed')).toBeTruthy();
    expect(within(drawer).getByTestId(TESTIDS.certReadiness).textContent).toBe(
      'Roles Anywhere readiness · 1 of 3 checks passed',
    );
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

describe('CertificatesPage: table', () => {
  /** A root, an intermediate under it, clients under each, and one from a CA outside Anchorage. */
  function family() {
    const root = fakeCert({
      kind: 'ca',
      name: 'Root',
      subject: 'CN=Root',
      issuer: 'CN=Root',
      notAfter: at(3000),
    });
    const inter = fakeCert({
      kind: 'ca',
      name: 'Inter',
      subject: 'CN=Inter',
      issuer: 'CN=Root',
      issuerId: root.id,
      notAfter: at(1500),
    });
    const a = fakeCert({ name: 'alpha', issuer: 'CN=Inter', issuerId: inter.id, notAfter: at(90) });
    const b = fakeCert({
      name: 'beta',
      issuer: 'CN=Root',
      issuerId: root.id,
      status: 'revoked',
      serialHex: '7e:57:ab:cd',
      notAfter: at(45),
    });
    const stray = fakeCert({ name: 'stray', issuer: 'CN=Elsewhere CA', issuerId: null, notAfter: at(400) });
    return [stray, b, a, inter, root];
  }

  it('names the issuing CA, or the issuer DN when it is not in Anchorage', async () => {
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs: family() }).bridge);
    await screen.findByTestId(TESTIDS.certTable);
    const issuer = (name: string) => within(row(name)).getByTestId(TESTIDS.certIssuer).textContent;
    expect(issuer('Root')).toBe('Self-signed');
    expect(issuer('Inter')).toBe('Root');
    expect(issuer('alpha')).toBe('Inter');
    expect(issuer('stray')).toBe('CN=Elsewhere CA');
  });

  it('searches, filters by status and kind, and sorts by expiry with aria-sort on the header', async () => {
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs: family() }).bridge);
    await screen.findByTestId(TESTIDS.certTable);
    const search = screen.getByTestId(TESTIDS.certSearch);
    fireEvent.change(search, { target: { value: 'STRAY' } });
    expect(rowNames()).toEqual(['stray']);
    fireEvent.change(search, { target: { value: '7e57ab' } });
    expect(rowNames()).toEqual(['beta']);
    fireEvent.change(search, { target: { value: 'no such thing' } });
    expect(screen.queryAllByTestId(TESTIDS.certRow)).toHaveLength(0);
    expect(screen.getByText('No certificate matches the search and filters.').getAttribute('role')).toBe(
      'status',
    );
    fireEvent.change(search, { target: { value: '' } });

    fireEvent.change(screen.getByTestId(TESTIDS.certFilterStatus), { target: { value: 'revoked' } });
    expect(rowNames()).toEqual(['beta']);
    fireEvent.change(screen.getByTestId(TESTIDS.certFilterStatus), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId(TESTIDS.certFilterKind), { target: { value: 'ca' } });
    expect(rowNames()).toEqual(['Inter', 'Root']);
    fireEvent.change(screen.getByTestId(TESTIDS.certFilterKind), { target: { value: 'all' } });

    const header = (label: string) => screen.getByRole('columnheader', { name: label });
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Expires').getAttribute('aria-sort')).toBeNull();
    fireEvent.click(screen.getByTestId(TESTIDS.certSort('expiry')));
    expect(header('Expires').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Name').getAttribute('aria-sort')).toBeNull();
    expect(rowNames()).toEqual(['beta', 'alpha', 'stray', 'Inter', 'Root']);
    fireEvent.click(screen.getByTestId(TESTIDS.certSort('expiry')));
    expect(header('Expires').getAttribute('aria-sort')).toBe('descending');
    expect(rowNames()).toEqual(['Root', 'Inter', 'stray', 'alpha', 'beta']);
  });

  it('shows the hierarchy: each CA followed by what it issued, intermediates nested', async () => {
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs: family() }).bridge);
    await screen.findByTestId(TESTIDS.certTable);
    fireEvent.click(screen.getByTestId(TESTIDS.certView('tree')));
    const rows = screen.getAllByTestId(TESTIDS.certRow);
    expect(rows.map((r) => `${r.getAttribute('data-depth')}:${r.getAttribute('data-cert-name')}`)).toEqual([
      '0:Root',
      '1:Inter',
      '2:alpha',
      '1:beta',
      '0:stray',
    ]);
    // A match keeps its issuers in view.
    fireEvent.change(screen.getByTestId(TESTIDS.certSearch), { target: { value: 'alpha' } });
    expect(rowNames()).toEqual(['Root', 'Inter', 'alpha']);
  });

  it('keeps a 200-character name and subject on one ellipsized line in a fixed-layout table', async () => {
    const long = `${'Long-name-'.repeat(20)}`;
    expect(long).toHaveLength(200);
    const cert = fakeCert({ name: long, subject: `CN=${long}, O=${long}` });
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs: [cert] }).bridge);
    const table = await screen.findByTestId(TESTIDS.certTable);
    expect(getComputedStyle(table).tableLayout).toBe('fixed');
    const name = within(table).getByRole('button', { name: `${long}: show details` });
    for (const el of [name, within(table).getByText(cert.subject)]) {
      const style = getComputedStyle(el);
      expect([style.whiteSpace, style.overflow, style.textOverflow]).toEqual([
        'nowrap',
        'hidden',
        'ellipsis',
      ]);
    }
    // The whole text stays in the DOM for screen readers; the tooltip shows it when clipped.
    expect(name.textContent).toBe(long);
  });
});

describe('CertificatesPage: lifecycle', () => {
  it('renames with the name rule, then offers Undo, and gives the focus back to Rename', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Root' });
    const agent = fakeCert({ name: 'agent', issuerId: ca.id });
    const { bridge, calls } = createFakeBridge({ certs: [ca, agent], profiles: [profile('dev', agent.id)] });
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('agent');
    const renameButton = within(drawer).getByTestId(TESTIDS.certRename);
    press(renameButton);
    const dialog = await screen.findByRole('dialog', { name: 'Rename “agent”' });
    const field = within(dialog).getByTestId(TESTIDS.renameName) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(dialog.textContent).toContain('1 profile (“dev”) keep working');
    const confirm = within(dialog).getByTestId(TESTIDS.renameConfirm) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    const helper = (value: string) => {
      fireEvent.change(field, { target: { value } });
      return within(dialog).getByText((_, el) => el?.id === `${field.id}-helper-text`).textContent;
    };
    expect(helper('ROOT')).toBe('“Root” is taken (names ignore upper and lower case).');
    expect(confirm.disabled).toBe(true);
    expect(helper('x'.repeat(65))).toBe('At most 64 characters (this has 65).');
    expect(helper('crt-0123456789ab')).toMatch(/shape of an id/);
    expect(helper('  ')).toBe('A name is required.');
    helper('agent-7');
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    await waitFor(() => expect(callsOf(calls, 'certRename')).toEqual([{ ref: agent.id, name: 'agent-7' }]));
    const snackbar = await screen.findByTestId(TESTIDS.lifecycleSnackbar);
    expect(snackbar.textContent).toContain('Renamed “agent” to “agent-7”');
    await waitFor(() => expect(document.activeElement).toBe(renameButton));
    expect(within(drawer).getByTestId(TESTIDS.certDrawerTitle).textContent).toBe('agent-7');

    fireEvent.click(within(snackbar).getByTestId(TESTIDS.lifecycleUndo));
    await waitFor(() => expect(callsOf(calls, 'certRename')).toHaveLength(2));
    expect(callsOf(calls, 'certRename')[1]).toEqual({ ref: agent.id, name: 'agent' });
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.lifecycleSnackbar).textContent).toContain('Renamed back to “agent”'),
    );
    expect(within(drawer).getByTestId(TESTIDS.certDrawerTitle).textContent).toBe('agent');
    // Undo went with its snackbar: the focus is back on Rename. The snackbar sits inside the modal drawer, so
    // that it is announced and reachable by keyboard.
    expect(document.activeElement).toBe(renameButton);
    expect(drawer.closest('.MuiDrawer-paper')!.contains(screen.getByTestId(TESTIDS.lifecycleSnackbar))).toBe(
      true,
    );
  });

  it('renews a client certificate: names the profiles that move, then shows the new one in the drawer', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Root' });
    const agent = fakeCert({
      name: 'agent',
      issuerId: ca.id,
      status: 'expiring',
      notBefore: at(-10),
      notAfter: at(20),
    });
    const { bridge, calls, state } = createFakeBridge(
      { certs: [ca, agent], profiles: [profile('dev', agent.id), profile('ci', agent.id)] },
      {
        // As core does: the new one takes the name, the old is renamed and superseded, profiles move.
        certRenew: (req) => {
          const old = state.certs.find((c) => c.id === req.ref)!;
          const next = fakeCert({ name: old.name, issuerId: old.issuerId, notAfter: at(req.days ?? 30) });
          const previous: CertificateSummary = {
            ...old,
            name: `${old.name} (old 3e9)`,
            status: req.revokeOld ? 'revoked' : 'superseded',
          };
          state.certs = [...state.certs.filter((c) => c.id !== old.id), previous, next];
          for (const p of state.profiles) if (p.certificateId === old.id) p.certificateId = next.id;
          return ok({ certificate: next, previous, profilesMoved: ['dev', 'ci'] });
        },
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('agent');
    press(within(drawer).getByTestId(TESTIDS.certRenew));
    const dialog = await screen.findByRole('dialog', { name: 'Renew “agent”' });
    const days = within(dialog).getByTestId(TESTIDS.renewDays) as HTMLInputElement;
    // Prefilled with the old one's validity, and focused.
    expect(days.value).toBe('30');
    await waitFor(() => expect(document.activeElement).toBe(days));
    expect(within(dialog).getByTestId(TESTIDS.renewAffects).textContent).toBe(
      'Profiles “dev” and “ci” move to the new certificate (their cached sessions are dropped).',
    );
    fireEvent.change(days, { target: { value: '90' } });
    fireEvent.click(within(dialog).getByTestId(TESTIDS.renewRevokeOld));
    fireEvent.click(within(dialog).getByTestId(TESTIDS.renewConfirm));

    await waitFor(() =>
      expect(callsOf(calls, 'certRenew')).toEqual([{ ref: agent.id, days: 90, revokeOld: true }]),
    );
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.certDrawer).getAttribute('data-cert-id')).not.toBe(agent.id),
    );
    const renewedDrawer = screen.getByTestId(TESTIDS.certDrawer);
    expect(within(renewedDrawer).getByTestId(TESTIDS.certNotice).textContent).toBe(
      'Renewed. Profiles “dev” and “ci” now sign with this one. The old certificate is now “agent (old 3e9)”, revoked.',
    );
    expect(renewedDrawer.textContent).toContain('Profiles “dev” and “ci”.');
    await waitFor(() =>
      expect(document.activeElement).toBe(within(renewedDrawer).getByTestId(TESTIDS.certDrawerTitle)),
    );
    // The old one is in the table as revoked, under its new name.
    expect(row('agent (old 3e9)').getAttribute('data-status')).toBe('revoked');
  });

  it('renews a CA in place, lists what keeps working, and offers the new + old bundle for the trust anchor', async () => {
    const ca = fakeCert({
      kind: 'ca',
      name: 'Root',
      subject: 'CN=Root',
      issuer: 'CN=Root',
      notBefore: at(-100),
      notAfter: at(265),
    });
    const a = fakeCert({ name: 'a', issuerId: ca.id });
    const r = fakeCert({ name: 'r', issuerId: ca.id, status: 'revoked' });
    const bundlePem = '-----NEW-----\n-----OLD-----\n';
    const { bridge, calls } = createFakeBridge(
      { certs: [ca, a, r] },
      { caRenew: () => ok({ ca, bundlePem }) },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('Root');
    press(within(drawer).getByTestId(TESTIDS.certRenew));
    const dialog = await screen.findByRole('dialog', { name: 'Renew “Root”' });
    expect((within(dialog).getByTestId(TESTIDS.renewDays) as HTMLInputElement).value).toBe('365');
    expect(dialog.textContent).toContain('holds both the new and the old CA certificate');
    expect(within(dialog).getByTestId(TESTIDS.renewAffects).textContent).toBe('These keep working: “a”.');
    expect(within(dialog).queryByTestId(TESTIDS.renewRevokeOld)).toBeNull();
    fireEvent.click(within(dialog).getByTestId(TESTIDS.renewConfirm));
    await waitFor(() => expect(callsOf(calls, 'caRenew')).toEqual([{ ref: ca.id, days: 365 }]));
    const notice = await within(drawer).findByTestId(TESTIDS.certNotice);
    fireEvent.click(within(notice).getByTestId(TESTIDS.trustAnchorBundleSave));
    await waitFor(() =>
      expect(callsOf(calls, 'fileSaveText')).toEqual([
        { suggestedName: 'Root-trust-anchor-bundle.pem', text: bundlePem },
      ]),
    );
    expect((await within(notice).findByRole('status')).textContent).toBe('Saved to /tmp/saved.txt.');
  });

  it('refuses a delete while a profile uses the certificate, and names the profile and the page', async () => {
    const agent = fakeCert({ name: 'agent' });
    const { bridge, calls } = createFakeBridge({ certs: [agent], profiles: [profile('dev', agent.id)] });
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('agent');
    const deleteButton = within(drawer).getByTestId(TESTIDS.certDelete);
    press(deleteButton);
    const dialog = await screen.findByRole('dialog', { name: 'Delete “agent”?' });
    expect(dialog.textContent).toContain('its private key is destroyed');
    expect(within(dialog).getByTestId(TESTIDS.deleteBlocked).textContent).toBe(
      'It cannot be deleted while a profile signs with it. Point profile “dev” at another certificate, or remove it, on the Credentials page first.',
    );
    expect((within(dialog).getByTestId(TESTIDS.deleteConfirm) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(deleteButton));
    expect(callsOf(calls, 'certDelete')).toHaveLength(0);
  });

  it('deletes a CA that issued certificates only with "delete anyway", from the row menu, keyboard first', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Root' });
    const a = fakeCert({ name: 'a', issuerId: ca.id });
    const b = fakeCert({ name: 'b', issuerId: ca.id, status: 'expired' });
    const gone = fakeCert({ name: 'gone', issuerId: ca.id, status: 'revoked' });
    const { bridge, calls } = createFakeBridge(
      { certs: [ca, a, b, gone] },
      {
        certDelete: () =>
          ok({
            deleted: { id: ca.id, name: 'Root', kind: 'ca' as const },
            keyDeleted: true,
            orphaned: [a.id, b.id],
          }),
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    await screen.findByTestId(TESTIDS.certTable);
    const actions = within(row('Root')).getByRole('button', { name: 'Actions for “Root”' });
    press(actions);
    fireEvent.click(await screen.findByTestId(TESTIDS.certAction('delete')));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Root”?' });
    expect(within(dialog).getByTestId(TESTIDS.deleteOrphans).textContent).toContain(
      'It issued 2 certificates that are not revoked: “a” and “b”.',
    );
    const force = within(dialog).getByTestId(TESTIDS.deleteForce);
    // The first field has the focus; the button waits for the explicit yes.
    await waitFor(() => expect(document.activeElement).toBe(force));
    const confirm = within(dialog).getByTestId(TESTIDS.deleteConfirm) as HTMLButtonElement;
    expect(confirm.textContent).toBe('Delete anyway');
    expect(confirm.disabled).toBe(true);
    fireEvent.click(force);
    fireEvent.click(confirm);
    await waitFor(() => expect(callsOf(calls, 'certDelete')).toEqual([{ ref: ca.id, force: true }]));
    expect((await screen.findByTestId(TESTIDS.lifecycleSnackbar)).textContent).toContain(
      'Deleted “Root”; 2 certificates stay without an issuer',
    );
    // The row (and its menu button) went: the focus goes to the next control, the search field.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.certSearch)));
  });

  it("shows core's refusal (IN_USE) in the app's words", async () => {
    const agent = fakeCert({ name: 'agent' });
    const { bridge } = createFakeBridge(
      { certs: [agent] },
      {
        certDelete: () =>
          Promise.resolve({
            ok: false,
            error: {
              code: 'IN_USE',
              message: '"agent" is used by the profile late; nothing was deleted.',
              hint: 'Point those profiles at another certificate, or remove them, first.',
              facts: { reason: 'profiles', name: 'agent', profiles: 'late' },
            },
          }),
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('agent');
    press(within(drawer).getByTestId(TESTIDS.certDelete));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “agent”?' });
    fireEvent.click(within(dialog).getByTestId(TESTIDS.deleteConfirm));
    const alert = await within(dialog).findByTestId(TESTIDS.errorAlert);
    expect(alert.getAttribute('data-code')).toBe('IN_USE');
    expect(within(alert).getByTestId(TESTIDS.errorHint).textContent).toBe(
      'On the Credentials page, point the profiles using it (late) at another certificate (Edit), or remove them; then choose Delete again.',
    );
  });

  it('revokes naming the profiles that stop working; the readiness heading then says revoked first', async () => {
    const ca = fakeCert({ kind: 'ca', name: 'Root' });
    const agent = fakeCert({ name: 'agent', issuerId: ca.id });
    const { bridge, state } = createFakeBridge(
      { certs: [ca, agent], profiles: [profile('dev', agent.id), profile('ci', agent.id)] },
      {
        certRevoke: (req) => {
          const cert = state.certs.find((c) => c.id === req.ref)!;
          Object.assign(cert, { status: 'revoked', revokedAt: new Date().toISOString() });
          return ok({ ...cert });
        },
      },
    );
    renderWithApp(<CertificatesPage />, bridge);
    const drawer = await openDrawer('agent');
    const readiness = within(drawer).getByTestId(TESTIDS.certReadiness);
    await waitFor(() =>
      expect(readiness.textContent).toBe('Roles Anywhere readiness · 1 of 1 checks passed'),
    );
    press(within(drawer).getByTestId(TESTIDS.certRevoke));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “agent”?' });
    expect(within(dialog).getByTestId(TESTIDS.revokeAffects).textContent).toMatch(
      /^The profiles “dev” and “ci” stop working/,
    );
    // Cancel has the focus: Enter does not revoke by accident.
    await waitFor(() =>
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })),
    );
    fireEvent.click(within(dialog).getByTestId(TESTIDS.revokeConfirm));
    await waitFor(() =>
      expect(readiness.textContent).toBe(
        'Roles Anywhere readiness · Revoked, not usable · 1 of 1 checks passed',
      ),
    );
    // Never "ready" while revoked: the verdict speaks of its contents only.
    expect(within(drawer).getByTestId(TESTIDS.certVerdict).textContent).toBe(
      'Its contents meet the rules; its state does not.',
    );
    expect(within(drawer).getByTestId(TESTIDS.certCrlReminder).textContent).toContain('Export CRL…');
    expect(within(drawer).getByTestId(TESTIDS.certRevoke).textContent).toBe('Revoked');
    // The button is disabled now; the focus goes to the result instead.
    await waitFor(() => expect(document.activeElement).toBe(readiness));
  });

  it('says an expired certificate is expired before the check count', async () => {
    const old = fakeCert({ name: 'old', status: 'expired', notAfter: at(-2) });
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs: [old] }).bridge);
    const drawer = await openDrawer('old');
    await waitFor(() =>
      expect(within(drawer).getByTestId(TESTIDS.certReadiness).textContent).toBe(
        'Roles Anywhere readiness · Expired, not usable · 1 of 1 checks passed',
      ),
    );
  });
});

describe('CertificatesPage: expiring soon', () => {
  it('lists what expires within 30 days and expired certificates still in use, soonest first, with Renew', async () => {
    const ca = fakeCert({
      kind: 'ca',
      name: 'Root',
      subject: 'CN=Root',
      issuer: 'CN=Root',
      notBefore: at(-345),
      notAfter: at(20),
    });
    const in5 = fakeCert({ name: 'in5', issuerId: ca.id, status: 'expiring', notAfter: at(5) });
    const in200 = fakeCert({ name: 'in200', issuerId: ca.id, notAfter: at(200) });
    const used = fakeCert({ name: 'used', issuerId: ca.id, status: 'expired', notAfter: at(-3) });
    const unused = fakeCert({ name: 'unused', issuerId: ca.id, status: 'expired', notAfter: at(-1) });
    const { bridge } = createFakeBridge({
      certs: [in200, unused, ca, in5, used],
      profiles: [profile('prod', used.id)],
    });
    renderWithApp(<CertificatesPage />, bridge);
    const panel = await screen.findByRole('region', { name: 'Expiring soon' });
    await waitFor(() => expect(within(panel).getAllByTestId(TESTIDS.expiringItem)).toHaveLength(3));
    const groups = within(panel).getAllByTestId(TESTIDS.expiringGroup);
    expect(
      groups.map((g) => [
        g.getAttribute('data-group'),
        within(g)
          .getAllByTestId(TESTIDS.expiringItem)
          .map((i) => i.getAttribute('data-cert-name')),
      ]),
    ).toEqual([
      ['expired', ['used']],
      ['week', ['in5']],
      ['month', ['Root']],
    ]);
    expect(groups[0]!.textContent).toContain('Used by “prod”');

    const renew = within(panel).getByRole('button', { name: 'Renew “Root”' });
    press(renew);
    const dialog = await screen.findByRole('dialog', { name: 'Renew “Root”' });
    const days = within(dialog).getByTestId(TESTIDS.renewDays) as HTMLInputElement;
    expect(days.value).toBe('365');
    await waitFor(() => expect(document.activeElement).toBe(days));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(renew));
  });

  it('shows a long list a page at a time (50 by default), and a search keeps the page in range', async () => {
    const certs = Array.from({ length: 120 }, (_, i) =>
      fakeCert({ name: `w-${String(i).padStart(3, '0')}` }),
    );
    renderWithApp(<CertificatesPage />, createFakeBridge({ certs }).bridge);
    await waitFor(() => expect(screen.getAllByTestId(TESTIDS.certRow)).toHaveLength(50));
    expect(rowNames()[0]).toBe('w-000');
    const pagination = screen.getByTestId(TESTIDS.certPagination);
    fireEvent.click(within(pagination).getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(rowNames()[0]).toBe('w-050'));
    fireEvent.click(within(pagination).getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(screen.getAllByTestId(TESTIDS.certRow)).toHaveLength(20));
    // On page 3, a search down to 2 matches shows them (the page is clamped), without a pager.
    fireEvent.change(screen.getByTestId(TESTIDS.certSearch), { target: { value: 'w-01' } });
    await waitFor(() => expect(rowNames()).toHaveLength(10));
    expect(screen.queryByTestId(TESTIDS.certPagination)).toBeNull();
  });
});
