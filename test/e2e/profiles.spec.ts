import { webcrypto } from 'node:crypto';
// @peculiar/x509 bound to Node's WebCrypto, with its reflect-metadata polyfill, as core uses it.
import { x509 } from '../../main/core/pki/provider';
import { TESTIDS } from '../../renderer/testids';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import { ARNS, id, openPage, seedWorkspace, windowScreenshot } from './flows';

/**
 * Issue 10 §2, profiles: edited in place, an existing name replaced only when the user says so, an empty region
 * said on the field, a certificate picker that never preselects an unusable certificate, and a list that shows
 * each profile's certificate, region and session. The renderer in Chromium, the real core, the emulator as AWS.
 */

const DAY = 86_400_000;

/**
 * A client certificate with its key, valid from `notBefore` to `notAfter`, as PEM: the expired and not-yet-valid
 * certificates a user may import (core issues only from now on, so they are built here, with @peculiar/x509).
 */
async function clientPem(cn: string, notBefore: Date, notAfter: Date): Promise<Uint8Array> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '5a3c91e07d',
    name: `CN=${cn}`,
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return new TextEncoder().encode(`${cert.toString('pem')}\n${key}`);
}

/** The row of profile `name` in the list. */
const row = (app: AppHandle, name: string) =>
  app.page.getByTestId(TESTIDS.profileRow).and(app.page.locator(`[data-profile="${name}"]`));

test('a profile is edited in place: every field prefilled, the change shown in the list and used', async ({
  app,
  emulator,
}) => {
  const seeded = await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');
  const seededRow = row(app, seeded.profile);
  await expect(seededRow.getByTestId(TESTIDS.profileRowCertificate)).toHaveText('seeded-workload · valid');
  const port = new URL(emulator.url).port;
  await expect(seededRow.getByTestId(TESTIDS.profileRowRegion)).toHaveText(
    `us-east-1 · 1 hour sessions · 127.0.0.1:${port}`,
  );
  // The card's session shows in the list too.
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
  await expect(seededRow.getByTestId(TESTIDS.profileRowSession)).toHaveAttribute('data-state', 'cached');
  await expect(seededRow.getByTestId(TESTIDS.profileRowSession)).toHaveText(/^Session until /);

  await seededRow.getByTestId(TESTIDS.profileRowEdit).click();
  const dialog = id(app, TESTIDS.profileEditDialog);
  await expect(app.page.getByRole('dialog', { name: `Edit profile “${seeded.profile}”` })).toBeVisible();
  await expect(dialog.getByTestId(TESTIDS.profileName)).toHaveValue(seeded.profile);
  await expect(dialog.getByTestId(TESTIDS.profileName)).toHaveAttribute('readonly', '');
  await expect(dialog.getByTestId(TESTIDS.arnTrustAnchor)).toHaveValue(ARNS.trustAnchor);
  await expect(dialog.getByTestId(TESTIDS.arnProfile)).toHaveValue(ARNS.profile);
  await expect(dialog.getByTestId(TESTIDS.arnRole)).toHaveValue(ARNS.role);
  await expect(dialog.getByTestId(TESTIDS.region)).toHaveValue('us-east-1');
  await expect(dialog.getByTestId(TESTIDS.endpoint)).toHaveValue(emulator.url);
  await expect(dialog.getByTestId(TESTIDS.profileDuration)).toHaveValue('3600');
  await expect(dialog.getByTestId(TESTIDS.profileSelect)).toHaveValue(seeded.clientId);
  await expect(dialog.getByTestId(TESTIDS.profileSave)).toHaveText('Save changes');
  await expect(dialog.getByTestId(TESTIDS.profileSave)).toBeDisabled();

  // The same emulator under another loopback name, and 15-minute sessions.
  const endpoint = `http://localhost:${port}`;
  await dialog.getByTestId(TESTIDS.profileDuration).selectOption('900');
  await dialog.getByTestId(TESTIDS.endpoint).fill(endpoint);
  await windowScreenshot(app, '3x-profile-edit');
  await dialog.getByTestId(TESTIDS.profileSave).click();
  await expect(dialog).toBeHidden();
  // The dialog gives the focus back to the Edit button it came from.
  await expect(seededRow.getByTestId(TESTIDS.profileRowEdit)).toBeFocused();

  await expect(seededRow.getByTestId(TESTIDS.profileRowRegion)).toHaveText(
    `us-east-1 · 15 minutes sessions · localhost:${port}`,
  );
  const core = await app.seed();
  const saved = await core.getProfile(seeded.profile);
  expect(saved).toMatchObject({ durationSeconds: 900, endpoint, roleArn: ARNS.role, region: 'us-east-1' });
  // The card got a session of the new length through the new endpoint.
  await expect
    .poll(async () => Number(await id(app, TESTIDS.countdown).getAttribute('data-remaining-seconds')))
    .toBeLessThanOrEqual(900);
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
  await screenshot(app, '3x-profile-edited-list');
});

test('adding under an existing name needs the explicit, confirmed Replace', async ({ app, emulator }) => {
  const seeded = await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');
  await expect(row(app, seeded.profile)).toBeVisible();
  await id(app, TESTIDS.profileAddOpen).click();
  const dialog = id(app, TESTIDS.profileAddDialog);
  // The proposal is free; the taken name is the user's choice.
  await expect(dialog.getByTestId(TESTIDS.profileName)).toHaveValue('anchorage');
  await expect(dialog.getByTestId(TESTIDS.profileSave)).toHaveText('Save profile');
  await dialog.getByTestId(TESTIDS.profileName).fill(seeded.profile);
  await expect(dialog.getByTestId(TESTIDS.profileNameNote)).toContainText(
    `A profile named “${seeded.profile}” already exists`,
  );
  const otherRole = 'arn:aws:iam::123456789012:role/Replacement';
  await dialog.getByTestId(TESTIDS.arnTrustAnchor).fill(ARNS.trustAnchor);
  await dialog.getByTestId(TESTIDS.arnProfile).fill(ARNS.profile);
  await dialog.getByTestId(TESTIDS.arnRole).fill(otherRole);
  await expect(dialog.getByTestId(TESTIDS.region)).toHaveValue('us-east-1');
  const save = dialog.getByTestId(TESTIDS.profileSave);
  await expect(save).toHaveText(`Replace profile “${seeded.profile}”…`);

  // Enter in a field asks too: never a silent replace. Cancel leaves the profile as it was.
  await dialog.getByTestId(TESTIDS.arnRole).press('Enter');
  const confirm = app.page.getByRole('dialog', { name: `Replace profile “${seeded.profile}”?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await windowScreenshot(app, '3x-profile-replace-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  const core = await app.seed();
  expect((await core.getProfile(seeded.profile)).roleArn).toBe(ARNS.role);

  await save.click();
  await id(app, TESTIDS.profileReplaceConfirm).click();
  await expect(dialog).toBeHidden();
  expect((await core.getProfile(seeded.profile)).roleArn).toBe(otherRole);
  await expect(app.page.getByTestId(TESTIDS.profileRow)).toHaveCount(1);
});

test('an empty region without a trust anchor ARN is marked on the field, never a schema message', async ({
  app,
  emulator,
}) => {
  await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');
  await id(app, TESTIDS.profileAddOpen).click();
  const dialog = id(app, TESTIDS.profileAddDialog);
  await dialog.getByTestId(TESTIDS.profileName).fill('no-region');
  await dialog.getByTestId(TESTIDS.arnProfile).fill(ARNS.profile);
  await dialog.getByTestId(TESTIDS.arnRole).fill(ARNS.role);
  await dialog.getByTestId(TESTIDS.region).fill('eu-west-1');
  await dialog.getByTestId(TESTIDS.region).fill('');
  await expect(dialog.getByTestId(TESTIDS.regionNote)).toHaveText(
    'Fill in the region, or paste the trust anchor ARN first.',
  );
  await expect(dialog.getByTestId(TESTIDS.region)).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId(TESTIDS.profileSave)).toBeDisabled();
  await expect(dialog).not.toContainText(/expected string|Too small|>=1 characters/);
  await windowScreenshot(app, '3x-profile-region-missing');

  // The trust anchor ARN brings its region; the profile saves.
  await dialog.getByTestId(TESTIDS.arnTrustAnchor).fill(ARNS.trustAnchor);
  await expect(dialog.getByTestId(TESTIDS.regionNote)).toContainText('the trust anchor’s region (us-east-1)');
  await expect(dialog.getByTestId(TESTIDS.region)).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByTestId(TESTIDS.endpoint).fill(emulator.url);
  await dialog.getByTestId(TESTIDS.profileSave).click();
  await expect(dialog).toBeHidden();
  await expect(row(app, 'no-region').getByTestId(TESTIDS.profileRowRegion)).toContainText('us-east-1');
  // The new profile's row has the focus, and its card is the one shown.
  await expect(row(app, 'no-region').getByRole('button').first()).toBeFocused();
  await expect(id(app, TESTIDS.credentialsCard)).toHaveAttribute('data-profile', 'no-region');
});

test('the certificate picker shows every status and never preselects an expired or revoked certificate', async ({
  app,
}) => {
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Picker CA',
    subject: { commonName: 'Picker CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const issue = (name: string, days: number) =>
    core.issueCert({ ca: ca.id, name, subject: { commonName: name }, keyType: 'ec-p256', days });
  const revoked = await issue('revoked-one', 365);
  await core.revokeCertificate(revoked.id);
  const now = Date.now();
  const [expired] = await core.importCertificate({
    name: 'expired-one',
    files: [await clientPem('expired-one', new Date(now - 30 * DAY), new Date(now - DAY))],
  });
  const [future] = await core.importCertificate({
    name: 'future-one',
    files: [await clientPem('future-one', new Date(now + 2 * DAY), new Date(now + 60 * DAY))],
  });
  const short = await issue('short-lived', 5);
  const long = await issue('long-lived', 365);
  await app.page.reload();
  await openPage(app, 'credentials');

  await id(app, TESTIDS.profileAddOpen).click();
  const picker = id(app, TESTIDS.profileAddDialog).getByTestId(TESTIDS.profileSelect);
  const options = await picker.locator('option').evaluateAll((all) =>
    (all as HTMLOptionElement[]).map((o) => ({
      value: o.value,
      text: o.textContent,
      disabled: o.disabled,
    })),
  );
  expect(options).toEqual([
    { value: revoked.id, text: 'revoked-one · revoked', disabled: true },
    { value: expired!.id, text: 'expired-one · expired', disabled: true },
    { value: future!.id, text: 'future-one · not yet valid', disabled: true },
    {
      value: short.id,
      text: expect.stringMatching(/^short-lived · expiring in [45] days$/),
      disabled: false,
    },
    { value: long.id, text: 'long-lived · valid', disabled: false },
  ]);
  // The first usable one, though unusable ones come first.
  await expect(picker).toHaveValue(short.id);
  await expect(id(app, TESTIDS.profileCertificateNote)).toHaveText(
    'Expiring soon: renew it on the Certificates page.',
  );
  await windowScreenshot(app, '3x-profile-certificate-picker');
});
