import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { TESTIDS } from '../../renderer/testids';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import {
  ARNS,
  createCa,
  expectStep,
  id,
  issueClient,
  next,
  openPage,
  registerWithEmulator,
  reloadApp,
  waitProgressSaved,
} from './flows';

/**
 * Issue 10 §1: the wizard keeps its place in core. Leaving it for another page, or reloading the app, resumes
 * at the same step with the same choices; every step offers an existing CA, certificate or profile; default
 * names never collide; the trust anchor ARN typed in step 3 reaches step 4; an unfinished policy is not copied
 * without a warning. Everything runs against the real core (a second core seeds state) and the emulator.
 */

/** Leave the wizard for `page` and come back to it. */
async function leaveAndReturn(app: AppHandle, page: string): Promise<void> {
  await openPage(app, page);
  await openPage(app, 'wizard');
}

/** The certificate id a summary card shows. */
const cardCertId = async (app: AppHandle, testId: string) =>
  (await id(app, testId).getAttribute('data-cert-id')) ?? '';

/** The focus is inside `testId` (the result of the action just taken), never on <body>. */
async function expectFocusIn(app: AppHandle, testId: string): Promise<void> {
  await expect
    .poll(() =>
      app.page.evaluate((tid) => {
        const box = document.querySelector(`[data-testid="${tid}"]`);
        return Boolean(box && document.activeElement && box.contains(document.activeElement));
      }, testId),
    )
    .toBe(true);
}

test('resumes after leaving at steps 2, 3 and 4 and after reloads; the trust anchor ARN of step 3 fills step 4', async ({
  app,
  emulator,
}) => {
  await expectStep(app, 'ca');
  await createCa(app, { name: 'Resume CA', keyType: 'ec-p256' });
  const caId = await cardCertId(app, TESTIDS.caCreated);
  await next(app, 'client');

  // Step 2: away and back; the CA is still chosen (its step is done and opens its card).
  await leaveAndReturn(app, 'certificates');
  await expectStep(app, 'client');
  await screenshot(app, '2x-wizard-resume-client');
  await issueClient(app, { cn: 'resume-workload', keyType: 'ec-p256' });
  const clientId = await cardCertId(app, TESTIDS.certIssued);
  await next(app, 'register');

  // Step 3: the aws:SourceArn condition with the trust anchor ARN, and the region; away, back, reload.
  await id(app, TESTIDS.trustPolicySourceArn).check();
  await id(app, TESTIDS.trustPolicySourceArnValue).fill(ARNS.trustAnchor);
  await id(app, TESTIDS.registerRegion).selectOption('us-east-1');
  await expect(id(app, TESTIDS.trustPolicy)).toContainText(ARNS.trustAnchor);
  await leaveAndReturn(app, 'settings');
  await expectStep(app, 'register');
  await expect(id(app, TESTIDS.trustPolicySourceArnValue)).toHaveValue(ARNS.trustAnchor);
  await expect(id(app, TESTIDS.registerRegion)).toHaveValue('us-east-1');
  await expect(id(app, TESTIDS.trustPolicy)).toContainText(ARNS.trustAnchor);
  await reloadApp(app);
  await expectStep(app, 'register');
  await expect(id(app, TESTIDS.trustPolicySourceArnValue)).toHaveValue(ARNS.trustAnchor);
  await screenshot(app, '2x-wizard-resume-register');
  const seed = await app.seed();
  registerWithEmulator(emulator, await seed.certificatePem(caId));
  await next(app, 'arns');

  // Step 4: the ARN typed in step 3 and its region are there already; away and back, and a reload, keep it.
  await expect(id(app, TESTIDS.arnTrustAnchor)).toHaveValue(ARNS.trustAnchor);
  await expect(id(app, TESTIDS.region)).toHaveValue('us-east-1');
  await screenshot(app, '2x-wizard-arns-prefilled');
  await leaveAndReturn(app, 'credentials');
  await expectStep(app, 'arns');
  await reloadApp(app);
  await expectStep(app, 'arns');
  await expect(id(app, TESTIDS.arnTrustAnchor)).toHaveValue(ARNS.trustAnchor);
  await id(app, TESTIDS.arnProfile).fill(ARNS.profile);
  await id(app, TESTIDS.arnRole).fill(ARNS.role);
  await id(app, TESTIDS.endpoint).fill(emulator.url);
  await id(app, TESTIDS.profileSave).click();
  await expect(id(app, TESTIDS.profileSaved)).toBeVisible();
  await expectFocusIn(app, TESTIDS.profileSaved);
  await next(app, 'test');

  // Step 5 and 6: the passed test survives a reload, and so does the end.
  await id(app, TESTIDS.testConnection).click();
  await expect(id(app, TESTIDS.whoamiArn)).toContainText('AnchorageE2E', { timeout: 60_000 });
  await expectFocusIn(app, TESTIDS.connectionOk);
  await reloadApp(app);
  await expectStep(app, 'test');
  await expect(id(app, TESTIDS.connectionOk)).toContainText('The connection works');
  await next(app, 'done');
  await reloadApp(app);
  await expectStep(app, 'done');
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);

  // What core holds is what the wizard showed.
  expect(await seed.wizardProgress()).toEqual({
    step: 'done',
    caId,
    certificateId: clientId,
    registered: true,
    trustAnchorArn: ARNS.trustAnchor,
    region: 'us-east-1',
    profileName: 'anchorage',
    connected: true,
  });
});

test('uses an existing CA, client certificate and profile, with statuses, never preselecting an unusable one', async ({
  app,
  emulator,
}) => {
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Seeded CA',
    subject: { commonName: 'Seeded CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const issue = (name: string) =>
    core.issueCert({ ca: ca.id, name, subject: { commonName: name }, keyType: 'ec-p256', days: 90 });
  const agent = await issue('agent');
  const old = await issue('old-agent');
  await core.revokeCertificate(old.id);
  registerWithEmulator(emulator, await core.certificatePem(ca.id));
  await core.addProfile({
    name: 'seeded',
    certificate: agent.id,
    trustAnchorArn: ARNS.trustAnchor,
    profileArn: ARNS.profile,
    roleArn: ARNS.role,
    region: 'us-east-1',
    endpoint: emulator.url,
  });
  await reloadApp(app);
  await openPage(app, 'wizard');
  await expectStep(app, 'ca');

  // Step 1: the seeded CA, chosen in the "existing" tab; the focus lands on the result.
  await id(app, TESTIDS.caModeExisting).click();
  await expect(id(app, TESTIDS.existingOption(ca.id))).toBeChecked();
  await screenshot(app, '2x-wizard-existing-ca');
  await id(app, TESTIDS.caExistingUse).click();
  expect(await cardCertId(app, TESTIDS.caCreated)).toBe(ca.id);
  await expectFocusIn(app, TESTIDS.caCreated);
  await next(app, 'client');

  // Step 2: the revoked certificate is listed with its status, disabled, and not preselected.
  await id(app, TESTIDS.clientModeExisting).click();
  const list = id(app, TESTIDS.clientExistingList);
  await expect(list).toContainText('Revoked');
  await expect(list).toContainText('Cannot be used: revoked.');
  await expect(id(app, TESTIDS.existingOption(old.id))).toBeDisabled();
  await expect(id(app, TESTIDS.existingOption(old.id))).not.toBeChecked();
  await expect(id(app, TESTIDS.existingOption(agent.id))).toBeChecked();
  await screenshot(app, '2x-wizard-existing-client');
  await id(app, TESTIDS.clientExistingUse).click();
  expect(await cardCertId(app, TESTIDS.certIssued)).toBe(agent.id);
  await expectFocusIn(app, TESTIDS.certIssued);
  await next(app, 'register');
  await next(app, 'arns');

  // Step 4: the profile that signs with it; picking it goes straight to the test.
  await id(app, TESTIDS.arnsModeExisting).click();
  await expect(id(app, TESTIDS.existingOption('seeded'))).toBeChecked();
  await expect(id(app, TESTIDS.profileExistingList)).toContainText('signs with “agent”');
  await screenshot(app, '2x-wizard-existing-profile');
  await id(app, TESTIDS.profileExistingUse).click();
  await expectStep(app, 'test');
  await id(app, TESTIDS.testConnection).click();
  await expect(id(app, TESTIDS.whoamiArn)).toContainText('AnchorageE2E', { timeout: 60_000 });
  await next(app, 'done');
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
});

test('proposes free default names when "Anchorage Root CA" and "workload" are taken', async ({ app }) => {
  const core = await app.seed();
  const taken = await core.createCa({
    name: 'Anchorage Root CA',
    subject: { commonName: 'Anchorage Root CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  await core.issueCert({
    ca: taken.id,
    name: 'workload',
    subject: { commonName: 'workload' },
    keyType: 'ec-p256',
    days: 90,
  });
  await reloadApp(app);
  await openPage(app, 'wizard');
  await expectStep(app, 'ca');
  await expect(id(app, TESTIDS.caName)).toHaveValue('Anchorage Root CA-2');
  await screenshot(app, '2x-wizard-name-proposal');
  // Accepting the defaults just works: no "the name is taken".
  await id(app, TESTIDS.caCreate).click();
  await expect(id(app, TESTIDS.caCreated)).toContainText('Anchorage Root CA-2', { timeout: 60_000 });
  await next(app, 'client');
  await expect(id(app, TESTIDS.clientCn)).toHaveValue('workload');
  await expect(id(app, TESTIDS.clientName)).toHaveValue('workload-2');
  await id(app, TESTIDS.certIssue).click();
  await expect(id(app, TESTIDS.certIssued)).toContainText('workload-2', { timeout: 60_000 });
  await expect(id(app, TESTIDS.errorAlert)).toHaveCount(0);
});

test('falls back with a note when a stored choice is gone, and starts over after a confirmation', async ({
  app,
}) => {
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Doomed CA',
    subject: { commonName: 'Doomed CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const client = await core.issueCert({
    ca: ca.id,
    name: 'doomed-workload',
    subject: { commonName: 'doomed-workload' },
    keyType: 'ec-p256',
    days: 90,
  });
  await core.saveWizardProgress({
    step: 'register',
    caId: ca.id,
    certificateId: client.id,
    region: 'eu-west-1',
  });
  await reloadApp(app);
  await openPage(app, 'wizard');
  await expectStep(app, 'register');

  // The client certificate is revoked elsewhere (the CLI, the Certificates page): back to step 2, with why.
  await core.revokeCertificate(client.id);
  await reloadApp(app);
  await expectStep(app, 'client');
  await expect(id(app, TESTIDS.wizardNote)).toContainText(
    'The client certificate “doomed-workload” chosen before is revoked. Choose or issue another.',
  );
  await screenshot(app, '2x-wizard-fallback-client');

  // The CA is deleted: back to step 1.
  await core.deleteCertificate(ca.id, { force: true });
  await reloadApp(app);
  await expectStep(app, 'ca');
  await expect(id(app, TESTIDS.wizardNote)).toContainText('The CA chosen before is no longer in Anchorage.');
  await waitProgressSaved(app);
  expect(await core.wizardProgress()).toEqual({ step: 'ca', region: 'eu-west-1' });

  // Start over: asks first, then forgets the choices (not the data).
  await createCa(app, { name: 'Fresh CA', keyType: 'ec-p256' });
  await next(app, 'client');
  await id(app, TESTIDS.wizardStartOver).click();
  await expect(app.page.getByRole('dialog')).toContainText('Your CAs, certificates and profiles stay');
  await screenshot(app, '2x-wizard-start-over');
  await id(app, TESTIDS.wizardStartOverConfirm).click();
  await expectStep(app, 'ca');
  await expect(id(app, TESTIDS.caCreated)).toHaveCount(0);
  await waitProgressSaved(app);
  expect(await core.wizardProgress()).toEqual({ step: 'ca' });
  expect((await core.listCertificates()).map((c) => c.name)).toContain('Fresh CA');
  await reloadApp(app);
  await expectStep(app, 'ca');
});

test('an unfinished policy is copied or saved only after a warning; console links open for the region', async ({
  app,
}) => {
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Policy CA',
    subject: { commonName: 'Policy CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const client = await core.issueCert({
    ca: ca.id,
    name: 'policy-workload',
    subject: { commonName: 'policy-workload' },
    keyType: 'ec-p256',
    days: 90,
  });
  await core.saveWizardProgress({ step: 'register', caId: ca.id, certificateId: client.id });
  await reloadApp(app);
  await openPage(app, 'wizard');
  await expectStep(app, 'register');

  // The aws:SourceArn condition without an ARN: the policy holds the placeholder, and says so.
  await id(app, TESTIDS.trustPolicySourceArn).check();
  await expect(id(app, TESTIDS.trustPolicy)).toContainText('TRUST_ANCHOR_ID');
  await expect(id(app, TESTIDS.trustPolicyPlaceholder)).toContainText('placeholder');
  await id(app, TESTIDS.trustPolicyCopy).click();
  const dialog = app.page.getByRole('dialog');
  await expect(dialog).toContainText('no session will match it');
  await screenshot(app, '2x-wizard-placeholder-warning');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(id(app, TESTIDS.clipboardNotice)).toHaveCount(0);

  // "Save anyway" saves what is shown, placeholder and all.
  await id(app, TESTIDS.trustPolicySave).click();
  await id(app, TESTIDS.trustPolicyCopyAnyway).click();
  const saved = join(app.saveDir, 'trust-policy.json');
  await expect.poll(() => existsSync(saved)).toBe(true);
  expect(readFileSync(saved, 'utf8')).toContain('TRUST_ANCHOR_ID');

  // With the real ARN the warning is gone and the copy goes straight through.
  await id(app, TESTIDS.trustPolicySourceArnValue).fill(ARNS.trustAnchor);
  await expect(id(app, TESTIDS.trustPolicyPlaceholder)).toHaveCount(0);
  await id(app, TESTIDS.trustPolicyCopy).click();
  await expect(dialog).toHaveCount(0);
  await expect(id(app, TESTIDS.clipboardNotice)).toContainText('Trust policy');

  // The console links follow the region picker and open through main (a click is a user gesture).
  await id(app, TESTIDS.registerRegion).selectOption('eu-west-2');
  const link = id(app, TESTIDS.consoleLink('trust-anchor'));
  const url = 'https://eu-west-2.console.aws.amazon.com/rolesanywhere/home?region=eu-west-2';
  await expect(link).toHaveAttribute('href', url);
  await expect(id(app, TESTIDS.consoleLink('role'))).toHaveAttribute(
    'href',
    'https://console.aws.amazon.com/iam/home?region=eu-west-2#/roles',
  );
  await screenshot(app, '2x-wizard-console-links');
  await link.click();
  await expect.poll(() => app.opened()).toEqual([url]);
  // The window itself never navigated away.
  await expectStep(app, 'register');
});
