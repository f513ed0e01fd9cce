import { createPrivateKey } from 'node:crypto';
import { TESTIDS } from '../../renderer/testids';
import { EXAMPLE_OPERATOR } from '../emulator';
import type { Emulator } from '../emulator';
import { signedCreateSession } from '../emulator/test-client';
import type { CoreApi } from '../../main/core/api';
import { expectNoSeriousAxeViolations } from './a11y';
import { expect, screenshot, test } from './fixtures';
import { id, openPage } from './flows';

/**
 * Issue 12 §4 in the app: after a revocation, the drawer's "Push the CRL to AWS" imports the CA's CRL into its
 * trust anchor, and the emulator (like AWS) then refuses CreateSession for that certificate. The account is
 * registered first through core's `awsSetup` (the wizard's "Register for me" has its own spec). Screenshots:
 * test-results/screenshots/7x-register-crl-*.png.
 */

test.use({ controlPlane: true });

const OPERATOR_SET = 'aws-operator';
const KEY_PASSWORD = 'e2e-key-export-pw';

/**
 * CreateSession signed with the certificate's own key, outside Anchorage (test/emulator/test-client.ts), as
 * any Roles Anywhere client would: Anchorage itself no longer signs with a revoked certificate, so only a
 * direct call shows what AWS decides.
 */
async function directCreateSession(
  core: CoreApi,
  emulator: Emulator,
  certId: string,
  profile: { trustAnchorArn: string; profileArn: string; roleArn: string },
): Promise<number> {
  const pem = await core.certificatePem(certId);
  const cert = (await core.listCertificates()).find((c) => c.id === certId)!;
  const key = await core.exportCertificate({ ref: certId, format: 'key', password: KEY_PASSWORD });
  const privateKey = createPrivateKey({
    key: Buffer.from(key.bytes),
    format: 'pem',
    passphrase: KEY_PASSWORD,
  });
  const derBase64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const response = await signedCreateSession({
    url: emulator.url,
    region: 'us-east-1',
    arns: profile,
    leaf: { pem, derBase64, serialDecimal: cert.serialNumber, privateKey, kind: 'p256' },
  });
  return response.status;
}

test('revoke, then Push CRL from the drawer: the emulator refuses the certificate’s CreateSession', async ({
  app,
  emulator,
}) => {
  const { page } = app;
  emulator.setConfig({ operators: [{ ...EXAMPLE_OPERATOR }] });
  const core = await app.seed();
  await core.addStatic(OPERATOR_SET, EXAMPLE_OPERATOR.accessKeyId, EXAMPLE_OPERATOR.secretAccessKey);
  const ca = await core.createCa({
    name: 'CRL Root CA',
    subject: { commonName: 'CRL Root CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const client = await core.issueCert({
    ca: ca.id,
    name: 'crl-workload',
    subject: { commonName: 'crl-workload' },
    keyType: 'ec-p256',
    days: 365,
  });
  const setup = await core.awsSetup({
    operator: { kind: 'static', name: OPERATOR_SET },
    region: 'us-east-1',
    ca: ca.id,
    certificate: client.id,
    roleName: 'Anchorage-crl-workload',
    conditions: ['cn', 'source-arn'],
    endpoint: emulator.url,
  });
  expect(setup.complete, JSON.stringify(setup.steps.find((s) => s.error)?.error)).toBe(true);
  const profile = await core.getProfile(setup.profile!);
  expect(await directCreateSession(core, emulator, client.id, profile)).toBe(201);

  // Revoke in the app: Anchorage refuses it at once, AWS does not know yet.
  await page.reload();
  await openPage(app, 'certificates');
  await page.getByRole('button', { name: 'crl-workload: show details' }).click();
  const drawer = id(app, TESTIDS.certDrawer);
  await drawer.getByTestId(TESTIDS.certRevoke).click();
  await id(app, TESTIDS.revokeConfirm).click();
  await expect(drawer).toHaveAttribute('data-status', 'revoked');
  expect(await directCreateSession(core, emulator, client.id, profile), 'before the CRL reaches AWS').toBe(
    201,
  );

  // The revoked drawer offers to push its CA's CRL: the stored set, the emulator's region.
  await drawer.getByTestId(TESTIDS.crlReminderPush).click();
  const dialog = id(app, TESTIDS.awsDialog);
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(TESTIDS.awsSource).selectOption(`static:${OPERATOR_SET}`);
  await dialog.getByTestId(TESTIDS.awsRegion).selectOption('us-east-1');
  await expectNoSeriousAxeViolations(page, 'Push CRL dialog', { soft: true });
  await dialog.getByTestId(TESTIDS.awsSubmit).click();
  const result = dialog.getByTestId(TESTIDS.awsResult);
  await expect(result).toContainText('Imported the CRL', { timeout: 60_000 });
  await expect(result).toContainText('1 revoked certificate');
  await expect(result).toContainText(profile.trustAnchorArn);
  await expect.poll(() => result.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await screenshot(app, '75-register-crl-pushed');
  expect(emulator.calls().some((c) => c.operation === 'ImportCrl' && c.status < 300)).toBe(true);

  // AWS (the emulator) now refuses the certificate. The app refuses it before asking AWS: the revocation
  // cleared the profile's cached session, so the Credentials page's first CreateSession for it fails at once
  // with REVOKED (a card without a session has no "Refresh now", only the alert's Retry), and no
  // CreateSession reaches the emulator (core's session-service checks `revokedAt` before signing).
  expect(await directCreateSession(core, emulator, client.id, profile), 'after the CRL').toBe(403);
  const createSessions = () => emulator.calls().filter((c) => c.operation === 'CreateSession').length;
  const sessionsBefore = createSessions();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Escape');
  await openPage(app, 'credentials');
  const card = id(app, TESTIDS.credentialsCard);
  await expect(card).toHaveAttribute('data-profile', setup.profile!);
  await expect(card).toHaveAttribute('data-state', 'failed');
  await expect(card.getByTestId(TESTIDS.errorAlert)).toHaveAttribute('data-code', 'REVOKED');
  expect(createSessions(), 'the app signs nothing with a revoked certificate').toBe(sessionsBefore);
  // The setup names the profile after its role ("Anchorage-<CN>"): in the list, the name ends before Edit.
  const name = (await id(app, TESTIDS.profileRowName).boundingBox())!;
  const edit = (await id(app, TESTIDS.profileRowEdit).boundingBox())!;
  expect(name.x + name.width, 'the profile name runs under its Edit button').toBeLessThanOrEqual(edit.x);
  await screenshot(app, '76-register-crl-refused');

  // A second push updates the same CRL.
  await openPage(app, 'certificates');
  await page.getByRole('button', { name: 'CRL Root CA: show details' }).click();
  await id(app, TESTIDS.certPushCrl).click();
  await dialog.getByTestId(TESTIDS.awsSource).selectOption(`static:${OPERATOR_SET}`);
  await dialog.getByTestId(TESTIDS.awsRegion).selectOption('us-east-1');
  await dialog.getByTestId(TESTIDS.awsSubmit).click();
  await expect(dialog.getByTestId(TESTIDS.awsResult)).toContainText('Updated the CRL', { timeout: 60_000 });
});
