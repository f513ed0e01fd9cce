import type { Locator } from '@playwright/test';
import { TESTIDS } from '../../renderer/testids';
import type { CoreApi } from '../../main/core/api';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import { ARNS, id, openPage } from './flows';

/**
 * Issue 10 §3: the lifecycle in the Certificates page, against the real core through the bridge. Rename with
 * Undo, renew a client certificate that a profile uses (the profile moves, the old one is superseded), revoke
 * with the affected profiles named, delete refused while a profile uses the certificate and allowed after, a
 * CA's delete that needs "delete anyway"; search, filters, sort and the hierarchy; and long names that keep the
 * table inside the page at 1024×700 and 800×600. Start state comes from `app.seed()`, a second real core.
 */

const row = (app: AppHandle, name: string): Locator =>
  app.page.locator(`[data-testid="${TESTIDS.certRow}"][data-cert-name="${name}"]`);
const rowById = (app: AppHandle, certId: string): Locator =>
  app.page.locator(`[data-testid="${TESTIDS.certRow}"][data-cert-id="${certId}"]`);
const rowNames = (app: AppHandle) =>
  id(app, TESTIDS.certRow).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cert-name')));

/** A CA, one client certificate from it, and a profile that signs with it. */
async function seedAgent(app: AppHandle): Promise<{ core: CoreApi; caId: string; agentId: string }> {
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Lifecycle CA',
    subject: { commonName: 'Lifecycle CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const agent = await core.issueCert({
    ca: ca.id,
    name: 'agent',
    subject: { commonName: 'agent.example' },
    keyType: 'ec-p256',
    days: 90,
  });
  await core.addProfile({
    name: 'dev',
    certificate: agent.id,
    trustAnchorArn: ARNS.trustAnchor,
    profileArn: ARNS.profile,
    roleArn: ARNS.role,
    region: 'us-east-1',
  });
  await app.page.reload();
  await openPage(app, 'certificates');
  await expect(id(app, TESTIDS.certRow)).toHaveCount(2);
  return { core, caId: ca.id, agentId: agent.id };
}

test('rename with Undo, renew moves the profile, revoke names it, delete refused then allowed, CA delete anyway', async ({
  app,
}) => {
  const { page } = app;
  const { core, caId, agentId } = await seedAgent(app);

  // Rename, from the row's actions menu by keyboard alone.
  const actions = rowById(app, agentId).getByTestId(TESTIDS.certRowActions);
  await actions.focus();
  await page.keyboard.press('Enter');
  await expect(id(app, TESTIDS.certAction('details'))).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(id(app, TESTIDS.certAction('rename'))).toBeFocused();
  await page.keyboard.press('Enter');
  const rename = page.getByRole('dialog', { name: 'Rename “agent”' });
  const name = rename.getByTestId(TESTIDS.renameName);
  await expect(name).toBeFocused();
  await expect(rename).toContainText('1 profile (“dev”) keep working');
  await name.fill('lifecycle ca');
  await expect(rename).toContainText('“Lifecycle CA” is taken (names ignore upper and lower case).');
  await expect(rename.getByTestId(TESTIDS.renameConfirm)).toBeDisabled();
  await name.fill('agent-prod');
  await page.keyboard.press('Enter');
  await expect(rename).toBeHidden();
  const snackbar = id(app, TESTIDS.lifecycleSnackbar);
  await expect(snackbar).toContainText('Renamed “agent” to “agent-prod”');
  await expect(actions).toBeFocused();
  await expect(rowById(app, agentId)).toHaveAttribute('data-cert-name', 'agent-prod');
  expect((await core.getCertificate(agentId)).name).toBe('agent-prod');
  await screenshot(app, '4x-rename-undo');
  await snackbar.getByTestId(TESTIDS.lifecycleUndo).click();
  await expect(snackbar).toContainText('Renamed back to “agent”');
  await expect(rowById(app, agentId)).toHaveAttribute('data-cert-name', 'agent');
  expect((await core.getCertificate(agentId)).name).toBe('agent');

  // Renew: the confirmation names the profile that moves; the drawer then shows the new certificate.
  await rowById(app, agentId).getByRole('button', { name: 'agent: show details' }).click();
  const drawer = page.getByRole('dialog', { name: 'agent', exact: true });
  await expect(drawer.getByTestId(TESTIDS.certDrawer)).toHaveAttribute('data-cert-id', agentId);
  await drawer.getByTestId(TESTIDS.certRenew).click();
  const renew = page.getByRole('dialog', { name: 'Renew “agent”' });
  const days = renew.getByTestId(TESTIDS.renewDays);
  await expect(days).toBeFocused();
  await expect(days).toHaveValue('90');
  await expect(renew.getByTestId(TESTIDS.renewAffects)).toHaveText(
    'Profile “dev” moves to the new certificate (their cached sessions are dropped).',
  );
  await days.fill('120');
  await screenshot(app, '4x-renew-client');
  await renew.getByTestId(TESTIDS.renewConfirm).click();
  await expect(renew).toBeHidden();
  const details = id(app, TESTIDS.certDrawer);
  await expect(details).not.toHaveAttribute('data-cert-id', agentId);
  const renewedId = (await details.getAttribute('data-cert-id'))!;
  await expect(details.getByTestId(TESTIDS.certNotice)).toContainText(
    'Profile “dev” now signs with this one.',
  );
  await expect(details.getByTestId(TESTIDS.certDrawerTitle)).toBeFocused();
  expect((await core.getProfile('dev')).certificateId).toBe(renewedId);
  // The old one stays, renamed and superseded.
  await expect(rowById(app, agentId)).toHaveAttribute('data-status', 'superseded');
  await expect(rowById(app, agentId)).toHaveAttribute('data-cert-name', /^agent \(old [0-9a-f]+\)$/);
  await screenshot(app, '4x-renewed-drawer');

  // Revoke the new one: the profile that stops working is named; the drawer then says revoked first.
  await details.getByTestId(TESTIDS.certRevoke).click();
  const revoke = page.getByRole('dialog', { name: 'Revoke “agent”?' });
  await expect(revoke.getByTestId(TESTIDS.revokeAffects)).toContainText('The profile “dev” stops working');
  await expect(revoke.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(app, '4x-revoke-confirm');
  await revoke.getByTestId(TESTIDS.revokeConfirm).click();
  await expect(revoke).toBeHidden();
  const readiness = details.getByTestId(TESTIDS.certReadiness);
  await expect(readiness).toHaveText(
    /^Roles Anywhere readiness · Revoked, not usable · \d+ of \d+ checks passed$/,
  );
  await expect(readiness).toBeFocused();
  await expect(details.getByTestId(TESTIDS.certVerdict)).not.toContainText('Ready');
  await expect(details.getByTestId(TESTIDS.certCrlReminder)).toContainText('Export CRL…');
  expect((await core.getCertificate(renewedId)).status).toBe('revoked');
  await screenshot(app, '4x-revoked-drawer');

  // Delete is refused while the profile signs with it: the dialog says what to do, and where.
  const deleteButton = details.getByTestId(TESTIDS.certDelete);
  await deleteButton.click();
  const refused = page.getByRole('dialog', { name: 'Delete “agent”?' });
  await expect(refused.getByTestId(TESTIDS.deleteBlocked)).toHaveText(
    'It cannot be deleted while a profile signs with it. Point profile “dev” at another certificate, or remove it, on the Credentials page first.',
  );
  await expect(refused.getByTestId(TESTIDS.deleteConfirm)).toBeDisabled();
  await screenshot(app, '4x-delete-refused');
  await refused.getByRole('button', { name: 'Cancel' }).click();
  await expect(refused).toBeHidden();
  await expect(deleteButton).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // Once the profile is gone (as the Credentials page would remove it), the delete goes through.
  await core.removeProfile('dev');
  await page.reload();
  await expect(rowById(app, renewedId)).toBeVisible();
  await rowById(app, renewedId).getByRole('button', { name: 'agent: show details' }).click();
  await id(app, TESTIDS.certDelete).click();
  const allowed = page.getByRole('dialog', { name: 'Delete “agent”?' });
  await expect(allowed).toContainText('its private key is destroyed');
  await expect(allowed.getByTestId(TESTIDS.deleteBlocked)).toHaveCount(0);
  await allowed.getByTestId(TESTIDS.deleteConfirm).click();
  await expect(allowed).toBeHidden();
  await expect(snackbar).toContainText('Deleted “agent” and its private key');
  await expect(rowById(app, renewedId)).toHaveCount(0);
  await expect(id(app, TESTIDS.certSearch)).toBeFocused();
  expect((await core.listCertificates()).map((c) => c.id)).not.toContain(renewedId);

  // The CA still issued the old (superseded, unrevoked) certificate: its delete needs "delete anyway".
  await rowById(app, caId).getByTestId(TESTIDS.certRowActions).click();
  await id(app, TESTIDS.certAction('delete')).click();
  const caDelete = page.getByRole('dialog', { name: 'Delete “Lifecycle CA”?' });
  await expect(caDelete.getByTestId(TESTIDS.deleteOrphans)).toContainText(
    'It issued 1 certificate that is not revoked: “agent (old',
  );
  const confirm = caDelete.getByTestId(TESTIDS.deleteConfirm);
  await expect(confirm).toHaveText('Delete anyway');
  await expect(confirm).toBeDisabled();
  await expect(caDelete.getByTestId(TESTIDS.deleteForce)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(confirm).toBeEnabled();
  await screenshot(app, '4x-delete-ca-anyway');
  await confirm.click();
  await expect(caDelete).toBeHidden();
  await expect(snackbar).toContainText('Deleted “Lifecycle CA”; 1 certificate stays without an issuer');
  await expect(rowById(app, caId)).toHaveCount(0);
  // The orphan keeps its issuer's DN, now outside Anchorage.
  await expect(rowById(app, agentId).getByTestId(TESTIDS.certIssuer)).toHaveText('CN=Lifecycle CA');
});

test('search, filter by status and kind, sort by expiry, and the hierarchy view', async ({ app }) => {
  const { page } = app;
  const core = await app.seed();
  const root = await core.createCa({
    name: 'Root CA',
    subject: { commonName: 'Root CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const issuing = await core.createCa({
    name: 'Issuing CA',
    subject: { commonName: 'Issuing CA' },
    keyType: 'ec-p256',
    days: 1800,
    parent: root.id,
  });
  const issue = (ca: string, name: string, days: number) =>
    core.issueCert({ ca, name, subject: { commonName: `${name}.example` }, keyType: 'ec-p256', days });
  const web = await issue(issuing.id, 'web', 30);
  await issue(issuing.id, 'edge', 100);
  const batch = await issue(root.id, 'batch', 400);
  await core.revokeCertificate(batch.id);
  await page.reload();
  await openPage(app, 'certificates');
  await expect(id(app, TESTIDS.certRow)).toHaveCount(5);
  await expect(row(app, 'Issuing CA').getByTestId(TESTIDS.certIssuer)).toHaveText('Root CA');
  await expect(row(app, 'web').getByTestId(TESTIDS.certIssuer)).toHaveText('Issuing CA');
  await expect(row(app, 'Root CA').getByTestId(TESTIDS.certIssuer)).toHaveText('Self-signed');

  const search = id(app, TESTIDS.certSearch);
  await search.fill('edge.EXAMPLE');
  await expect.poll(() => rowNames(app)).toEqual(['edge']);
  await search.fill(web.serialHex.replace(/:/g, '').slice(0, 10));
  await expect.poll(() => rowNames(app)).toEqual(['web']);
  await search.fill('');
  await id(app, TESTIDS.certFilterStatus).selectOption('revoked');
  await expect.poll(() => rowNames(app)).toEqual(['batch']);
  await id(app, TESTIDS.certFilterStatus).selectOption('all');
  await id(app, TESTIDS.certFilterKind).selectOption('ca');
  await expect.poll(() => rowNames(app)).toEqual(['Issuing CA', 'Root CA']);
  await screenshot(app, '4x-certificates-filtered');
  await id(app, TESTIDS.certFilterKind).selectOption('all');

  const expires = page.getByRole('columnheader', { name: 'Expires' });
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await id(app, TESTIDS.certSort('expiry')).click();
  await expect(expires).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).not.toHaveAttribute('aria-sort', /./);
  await expect.poll(() => rowNames(app)).toEqual(['web', 'edge', 'batch', 'Issuing CA', 'Root CA']);
  // The sort label is a button: the keyboard sorts too.
  await id(app, TESTIDS.certSort('expiry')).focus();
  await page.keyboard.press('Enter');
  await expect(expires).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => rowNames(app)).toEqual(['Root CA', 'Issuing CA', 'batch', 'edge', 'web']);
  await id(app, TESTIDS.certSort('name')).click();

  await id(app, TESTIDS.certView('tree')).click();
  await expect(id(app, TESTIDS.certView('tree'))).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(() =>
      id(app, TESTIDS.certRow).evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-depth')}:${r.getAttribute('data-cert-name')}`),
      ),
    )
    .toEqual(['0:Root CA', '1:Issuing CA', '2:edge', '2:web', '1:batch']);
  await screenshot(app, '4x-certificates-hierarchy');
});

test('a long name and subject stay inside the page at 1024×700 and 800×600', async ({ app }) => {
  const { page } = app;
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Layout CA',
    subject: { commonName: 'Layout CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  // Names stop at 64 characters (core's rule), CNs too (X.509); the subject's other fields make it long.
  const longName = 'Extraordinarily-long-certificate-name-without-any-space-in-it-x';
  const word = (n: number) => 'Subjectwordwithoutspaces'.repeat(6).slice(0, n);
  const cert = await core.issueCert({
    ca: ca.id,
    name: longName,
    subject: {
      commonName: `cn-${word(61)}`,
      organization: word(64),
      organizationalUnit: word(64),
      locality: word(128),
      state: word(128),
    },
    keyType: 'ec-p256',
    days: 365,
  });
  expect(cert.subject.length).toBeGreaterThan(400);
  await page.reload();
  await openPage(app, 'certificates');

  for (const size of [
    { width: 1024, height: 700 },
    { width: 800, height: 600 },
  ]) {
    await page.setViewportSize(size);
    await expect(row(app, longName)).toBeVisible();
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const table = document.querySelector('[data-testid="cert-table"]')!.parentElement!;
      return {
        main: main.scrollWidth - main.clientWidth,
        table: table.scrollWidth - table.clientWidth,
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(overflow, `no horizontal overflow at ${size.width}×${size.height}`).toEqual({
      main: 0,
      table: 0,
      page: 0,
    });
    // The name ellipsizes on one line; hovering it shows the whole name.
    const nameButton = row(app, longName).getByRole('button', { name: `${longName}: show details` });
    const clipped = await nameButton.evaluate((el) => ({
      clipped: el.scrollWidth > el.clientWidth,
      oneLine: el.getBoundingClientRect().height < 30,
    }));
    expect(clipped).toEqual({ clipped: true, oneLine: true });
    await nameButton.hover();
    await expect(page.getByRole('tooltip')).toHaveText(longName);
    await screenshot(app, `4x-long-name-${size.width}`);
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toHaveCount(0);
  }
});
