import { TESTIDS } from '../../renderer/testids';
import { expect, screenshot, test } from './fixtures';
import { ARNS, id, openPage } from './flows';

/**
 * Issue 10 §4, expiry at a glance: the "Expiring soon" panel on the Certificates page lists certificates and
 * CAs by days to expiry, grouped (within 7 days, within 30 days), soonest first, leaves out what expires later,
 * and renews one click away. The real core through the bridge; the start state from `app.seed()`.
 */

test('certificates and CAs expiring in 5, 20 and 25 days are listed in order; 200 days is not; Renew works', async ({
  app,
}) => {
  const { page } = app;
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Timeline CA',
    subject: { commonName: 'Timeline CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  await core.createCa({
    name: 'Short CA',
    subject: { commonName: 'Short CA' },
    keyType: 'ec-p256',
    days: 25,
  });
  const issue = (name: string, days: number) =>
    core.issueCert({ ca: ca.id, name, subject: { commonName: name }, keyType: 'ec-p256', days });
  await issue('due-in-20', 20);
  const soon = await issue('due-in-5', 5);
  await issue('due-in-200', 200);
  await core.addProfile({
    name: 'ops',
    certificate: soon.id,
    trustAnchorArn: ARNS.trustAnchor,
    profileArn: ARNS.profile,
    roleArn: ARNS.role,
    region: 'us-east-1',
  });
  await page.reload();
  await openPage(app, 'certificates');

  const panel = page.getByRole('region', { name: 'Expiring soon' });
  await expect(panel.getByTestId(TESTIDS.expiringItem)).toHaveCount(3);
  const groups = () =>
    panel
      .getByTestId(TESTIDS.expiringGroup)
      .evaluateAll((els) =>
        els.map((g) => [
          g.getAttribute('data-group'),
          [...g.querySelectorAll('[data-testid="expiring-item"]')].map((i) =>
            i.getAttribute('data-cert-name'),
          ),
        ]),
      );
  expect(await groups()).toEqual([
    ['week', ['due-in-5']],
    ['month', ['due-in-20', 'Short CA']],
  ]);
  const dueIn5 = panel.getByTestId(TESTIDS.expiringItem).filter({ hasText: 'due-in-5' });
  await expect(dueIn5).toContainText('Used by “ops”');
  await expect(dueIn5).toContainText(/Expires in [45] days/);
  await expect(panel).not.toContainText('due-in-200');
  await screenshot(app, '4x-expiring-soon');

  // Renew, one click away: the confirmation opens prefilled with the old validity.
  const renewButton = panel.getByRole('button', { name: 'Renew “due-in-5”' });
  await renewButton.click();
  const renew = page.getByRole('dialog', { name: 'Renew “due-in-5”' });
  const days = renew.getByTestId(TESTIDS.renewDays);
  await expect(days).toBeFocused();
  await expect(days).toHaveValue('5');
  await expect(renew.getByTestId(TESTIDS.renewAffects)).toContainText(
    'Profile “ops” moves to the new certificate',
  );
  await days.fill('365');
  await renew.getByTestId(TESTIDS.renewConfirm).click();
  await expect(renew).toBeHidden();

  const drawer = id(app, TESTIDS.certDrawer);
  await expect(drawer).not.toHaveAttribute('data-cert-id', soon.id);
  await expect(drawer.getByTestId(TESTIDS.certNotice)).toContainText(
    'Profile “ops” now signs with this one.',
  );
  await expect(drawer.getByTestId(TESTIDS.certDrawerTitle)).toHaveText('due-in-5');
  const renewedId = (await drawer.getAttribute('data-cert-id'))!;
  expect((await core.getProfile('ops')).certificateId).toBe(renewedId);
  expect((await core.getCertificate(renewedId)).daysToExpiry).toBeGreaterThanOrEqual(364);
  await screenshot(app, '4x-expiring-renewed');

  // The renewed certificate no longer needs renewing; the old one is superseded and left out too.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(panel.getByTestId(TESTIDS.expiringItem)).toHaveCount(2);
  expect(await groups()).toEqual([['month', ['due-in-20', 'Short CA']]]);
});
