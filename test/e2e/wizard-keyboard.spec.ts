import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { TESTIDS } from '../../renderer/testids';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import { ARNS, expectStep, id, registerWithEmulator } from './flows';

/**
 * Issue 10 §7: the whole wizard with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys, and typing),
 * against the emulator. After every key press the focus is somewhere on the page, never on <body>: after
 * Create CA, Issue, Save profile and Test connection it lands on the result.
 */

/** What has the focus, for failure messages; null when it is <body> (or nothing). */
function focusedElement(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const testId = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid');
    return `${el.tagName.toLowerCase()}${testId ? `[${testId}]` : ''} “${(el.textContent ?? '').slice(0, 40)}”`;
  });
}

async function expectFocusOnPage(page: Page, after: string): Promise<void> {
  expect(await focusedElement(page), `the focus fell to <body> after ${after}`).not.toBeNull();
}

/** Press a key and check that the focus is still on the page. */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await expectFocusOnPage(page, key);
}

/** Tab (or Shift+Tab) until `target` has the focus, every stop checked, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, options: { back?: boolean } = {}): Promise<void> {
  const max = 80;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await press(page, options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `${max} Tab presses did not reach the control; the focus is on ${await focusedElement(page)}`,
  );
}

/** Wait until the focus is inside `testId`: the result of the action just taken. */
async function expectFocusIn(app: AppHandle, testId: string): Promise<void> {
  await expect
    .poll(() =>
      app.page.evaluate((tid) => {
        const box = document.querySelector(`[data-testid="${tid}"]`);
        return Boolean(box && box.contains(document.activeElement));
      }, testId),
    )
    .toBe(true);
}

/** Tab to Continue, press Enter, and land on the next step's heading. */
async function continueTo(app: AppHandle, step: string): Promise<void> {
  await tabTo(app.page, id(app, TESTIDS.wizardNext));
  await press(app.page, 'Enter');
  await expectStep(app, step);
  await expect.poll(() => app.page.evaluate(() => document.activeElement?.id)).toBe('wizard-step-heading');
}

test('the whole wizard with the keyboard alone; the focus never falls to <body>', async ({
  app,
  emulator,
}) => {
  const { page } = app;
  await expectStep(app, 'ca');

  // 1. CA: the proposed name, a CN typed, Create (Enter on the button); the focus lands on the result.
  await expect(id(app, TESTIDS.caCreate)).toBeEnabled();
  await tabTo(page, id(app, TESTIDS.caCn));
  await page.keyboard.type('Keyboard Root CA');
  await expectFocusOnPage(page, 'typing the CN');
  await tabTo(page, id(app, TESTIDS.caCreate));
  await press(page, 'Enter');
  await expect(id(app, TESTIDS.caCreated)).toBeVisible({ timeout: 60_000 });
  await expectFocusIn(app, TESTIDS.caCreated);
  await continueTo(app, 'client');

  // 2. Client certificate: the default CN and name, Issue with Space this time.
  await expect(id(app, TESTIDS.certIssue)).toBeEnabled();
  await tabTo(page, id(app, TESTIDS.certIssue));
  await press(page, ' ');
  await expect(id(app, TESTIDS.certIssued)).toBeVisible({ timeout: 60_000 });
  await expectFocusIn(app, TESTIDS.certIssued);
  await continueTo(app, 'register');

  // 3. Register: save the PEM, turn on the aws:SourceArn condition (Space) and type the ARN, pick the region
  // with the arrow keys, open the console (Enter on the link).
  await expect(id(app, TESTIDS.trustAnchorPem)).toContainText('-----BEGIN CERTIFICATE-----');
  await tabTo(page, id(app, TESTIDS.trustAnchorSave));
  await press(page, 'Enter');
  const pemPath = join(app.saveDir, 'anchorage-root-ca.pem');
  await expect.poll(() => existsSync(pemPath)).toBe(true);
  await expect.poll(() => readFileSync(pemPath, 'utf8')).toContain('-----END CERTIFICATE-----');
  registerWithEmulator(emulator, readFileSync(pemPath, 'utf8'));
  await tabTo(page, id(app, TESTIDS.trustPolicySourceArn));
  await press(page, ' ');
  await expect(id(app, TESTIDS.trustPolicySourceArn)).toBeChecked();
  await tabTo(page, id(app, TESTIDS.trustPolicySourceArnValue));
  await page.keyboard.type(ARNS.trustAnchor);
  await expect(id(app, TESTIDS.trustPolicy)).toContainText(ARNS.trustAnchor);
  await tabTo(page, id(app, TESTIDS.registerRegion));
  await press(page, 'ArrowDown');
  await expect(id(app, TESTIDS.registerRegion)).toHaveValue('us-east-1');
  await tabTo(page, id(app, TESTIDS.consoleLink('trust-anchor')));
  await press(page, 'Enter');
  await expect
    .poll(() => app.opened())
    .toEqual(['https://us-east-1.console.aws.amazon.com/rolesanywhere/home?region=us-east-1']);
  await continueTo(app, 'arns');

  // 4. ARNs: the trust anchor ARN and region came from step 3; type the other two and the endpoint.
  await expect(id(app, TESTIDS.arnTrustAnchor)).toHaveValue(ARNS.trustAnchor);
  await expect(id(app, TESTIDS.region)).toHaveValue('us-east-1');
  await tabTo(page, id(app, TESTIDS.arnProfile));
  await page.keyboard.type(ARNS.profile);
  await tabTo(page, id(app, TESTIDS.arnRole));
  await page.keyboard.type(ARNS.role);
  await tabTo(page, id(app, TESTIDS.endpoint));
  await page.keyboard.type(emulator.url);
  await expect(id(app, TESTIDS.profileSave)).toBeEnabled();
  await tabTo(page, id(app, TESTIDS.profileSave));
  // Checked once the profile is saved: the form disables Save while it saves (ProfileForm), so the focus
  // may pass through <body> for that moment; it must then land on the result.
  await page.keyboard.press('Enter');
  await expect(id(app, TESTIDS.profileSaved)).toBeVisible();
  await expectFocusIn(app, TESTIDS.profileSaved);
  await continueTo(app, 'test');

  // 5. Test connection: the focus goes to the result.
  await tabTo(page, id(app, TESTIDS.testConnection));
  await press(page, 'Enter');
  await expect(id(app, TESTIDS.whoamiArn)).toContainText('AnchorageE2E', { timeout: 60_000 });
  await expectFocusIn(app, TESTIDS.connectionOk);
  await continueTo(app, 'done');

  // 6. Done: live credentials.
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
  await expectFocusOnPage(page, 'the last step');
  await screenshot(app, '2x-wizard-keyboard-done');

  // Shift+Tab back to the step bar; the arrow keys move along it and Enter opens a step.
  await tabTo(page, id(app, TESTIDS.wizardStepButton('done')), { back: true });
  await press(page, 'ArrowLeft');
  await expect(id(app, TESTIDS.wizardStepButton('test'))).toBeFocused();
  await press(page, 'Enter');
  await expectStep(app, 'test');
});
