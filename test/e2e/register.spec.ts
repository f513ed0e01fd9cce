import { TESTIDS } from '../../renderer/testids';
import { EXAMPLE_OPERATOR } from '../emulator';
import { expectNoSeriousAxeViolations } from './a11y';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import { createCa, expectStep, id, issueClient, next } from './flows';

/**
 * Issue 12 §6 and its acceptance: the wizard's "Register for me" from an empty data directory to live
 * credentials. The emulator serves the control plane (Roles Anywhere and IAM, every call SigV4-verified
 * against its operator's keys) and CreateSession from the state those calls made. The operator's keys are a
 * static set stored in Anchorage, picked in the form. Screenshots: test-results/screenshots/7x-register-*.png.
 */

test.use({ controlPlane: true });

const OPERATOR_SET = 'aws-operator';

/**
 * One step's row in the reviewed plan (`register-plan`) or in the run's live list (`register-steps`): after a
 * review both lists are on screen, and each has a row per step under the same test id.
 */
const planStep = (app: AppHandle, step: string) =>
  id(app, TESTIDS.registerPlan).getByTestId(TESTIDS.registerStep(step));
const runStep = (app: AppHandle, step: string) =>
  id(app, TESTIDS.registerSteps).getByTestId(TESTIDS.registerStep(step));

/** The page is no wider than the window (nothing to scroll to sideways). */
async function expectFits(app: AppHandle, label: string): Promise<void> {
  const { scrollWidth, innerWidth } = await app.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${label}: ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(
    innerWidth,
  );
}

test('Register for me: empty data directory → trust anchor, role, profile through AWS APIs → live credentials', async ({
  app,
  emulator,
}) => {
  const { page } = app;
  emulator.setConfig({ operators: [{ ...EXAMPLE_OPERATOR }] });
  // The operator's keys, stored as a static set as the Credentials page would (a 40-character secret).
  const seed = await app.seed();
  await seed.addStatic(OPERATOR_SET, EXAMPLE_OPERATOR.accessKeyId, EXAMPLE_OPERATOR.secretAccessKey);
  await page.reload();
  await expect(id(app, TESTIDS.appShell)).toBeVisible();

  await expectStep(app, 'ca');
  await createCa(app, { name: 'Register Root CA', keyType: 'ec-p256' });
  await next(app, 'client');
  await issueClient(app, { cn: 'register-workload', keyType: 'ec-p256' });
  await next(app, 'register');

  // Step 3, "Register for me": the stored set, the emulator's region, the CreateSession endpoint to save.
  await id(app, TESTIDS.registerModeAuto).click();
  await id(app, TESTIDS.registerSource).selectOption(`static:${OPERATOR_SET}`);
  await id(app, TESTIDS.registerRegion).selectOption('us-east-1');
  await expect(id(app, TESTIDS.registerRoleName)).toHaveValue('Anchorage-register-workload');
  await expect(id(app, TESTIDS.registerConditionCn)).toBeChecked();
  await expect(id(app, TESTIDS.registerConditionSourceArn)).toBeChecked();
  await expect(id(app, TESTIDS.registerUpdateTrust)).not.toBeChecked();
  await id(app, TESTIDS.registerEndpoint).fill(emulator.url);

  // Review: the dry run lists every step's calls and the operator's policy, and calls nothing.
  await id(app, TESTIDS.registerReview).click();
  const plan = id(app, TESTIDS.registerPlan);
  await expect(plan).toBeVisible();
  // Without policy ARNs there is no role-policies step.
  await expect(plan.getByRole('listitem')).toHaveCount(5);
  await expect(planStep(app, 'trust-anchor')).toContainText('rolesanywhere:');
  await expect(id(app, TESTIDS.registerOperatorPolicy)).toContainText('"Version": "2012-10-17"');
  await expect(id(app, TESTIDS.registerOperatorPolicy)).toContainText('iam:CreateRole');
  expect(emulator.calls(), 'the dry run called nothing').toEqual([]);
  await screenshot(app, '70-register-review');
  await expectNoSeriousAxeViolations(page, 'wizard: Register for me, reviewed', { soft: true });
  for (const size of [
    { width: 800, height: 600 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await expectFits(app, `Register for me at ${size.width}×${size.height}`);
    await screenshot(app, `71-register-review-${size.width}x${size.height}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });

  // Register, by keyboard: each step succeeds against the emulator, then the focus lands on the result.
  await id(app, TESTIDS.registerRun).focus();
  await page.keyboard.press('Enter');
  const done = id(app, TESTIDS.registerDone);
  await expect(done).toBeVisible({ timeout: 60_000 });
  for (const [step, status] of [
    ['trust-anchor', 'created'],
    ['role', 'created'],
    ['profile', 'created'],
    ['save-profile', 'created'],
    ['test', 'passed'],
  ] as const) {
    await expect(runStep(app, step), step).toHaveAttribute('data-status', status);
  }
  await expect(done).toContainText('Anchorage-register-workload');
  await expect(done).toContainText('assumed-role/Anchorage-register-workload');
  await expect.poll(() => done.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  const made = emulator.calls().map((c) => `${c.operation} ${c.status}`);
  for (const call of ['CreateTrustAnchor 201', 'CreateRole 200', 'CreateProfile 201', 'CreateSession 201']) {
    expect(
      made.some((m) => m.startsWith(call.split(' ')[0]!)),
      `${call} in ${made.join(', ')}`,
    ).toBe(true);
  }
  await screenshot(app, '72-register-done');
  await expectNoSeriousAxeViolations(page, 'wizard: Register for me, done', { soft: true });

  // Step 4 is filled in and step 5 passed: Continue lands on Done with live credentials.
  await id(app, TESTIDS.registerContinue).click();
  await expectStep(app, 'done');
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA[A-Z0-9]{12,}$/);
  await id(app, TESTIDS.wizardStepButton('arns')).click();
  await expect(id(app, TESTIDS.profileSaved)).toContainText('Profile “Anchorage-register-workload” saved');
  await screenshot(app, '73-register-arns-filled');

  // Idempotent: Register again creates nothing (every step reused or passed).
  await id(app, TESTIDS.wizardStepButton('register')).click();
  await id(app, TESTIDS.registerModeAuto).click();
  await id(app, TESTIDS.registerSource).selectOption(`static:${OPERATOR_SET}`);
  await id(app, TESTIDS.registerEndpoint).fill(emulator.url);
  const before = emulator.calls().length;
  await id(app, TESTIDS.registerRun).click();
  await expect(id(app, TESTIDS.registerDone)).toBeVisible({ timeout: 60_000 });
  for (const step of ['trust-anchor', 'role', 'profile', 'save-profile']) {
    await expect(runStep(app, step), step).toHaveAttribute('data-status', 'reused');
  }
  const again = emulator
    .calls()
    .slice(before)
    .map((c) => c.operation);
  expect(again.filter((op) => op.startsWith('Create') && op !== 'CreateSession')).toEqual([]);
});

test('Register for me: a failed step says what to do, and Try again continues from there', async ({
  app,
  emulator,
}) => {
  // The operator may not create roles: the role step fails with AccessDenied, after the trust anchor exists.
  emulator.setConfig({
    operators: [{ ...EXAMPLE_OPERATOR, allow: ['rolesanywhere:*', 'iam:Get*', 'iam:List*'] }],
  });
  const seed = await app.seed();
  await seed.addStatic(OPERATOR_SET, EXAMPLE_OPERATOR.accessKeyId, EXAMPLE_OPERATOR.secretAccessKey);
  await app.page.reload();
  await createCa(app, { name: 'Retry Root CA', keyType: 'ec-p256' });
  await next(app, 'client');
  await issueClient(app, { cn: 'retry-workload', keyType: 'ec-p256' });
  await next(app, 'register');
  await id(app, TESTIDS.registerModeAuto).click();
  await id(app, TESTIDS.registerSource).selectOption(`static:${OPERATOR_SET}`);
  await id(app, TESTIDS.registerRegion).selectOption('us-east-1');
  await id(app, TESTIDS.registerEndpoint).fill(emulator.url);
  await id(app, TESTIDS.registerRun).click();

  const role = runStep(app, 'role');
  await expect(role).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(runStep(app, 'trust-anchor')).toHaveAttribute('data-status', 'created');
  await expect(runStep(app, 'test')).toHaveAttribute('data-status', 'not-run');
  await expect(role.getByTestId(TESTIDS.errorAlert)).toHaveAttribute('data-code', 'AWS_ACCESS_DENIED');
  await expect(role.getByTestId(TESTIDS.errorHint)).toContainText('Allow iam:CreateRole');
  await expect(id(app, TESTIDS.registerRun)).toHaveText('Try again');
  await screenshot(app, '74-register-failed-step');
  await expectNoSeriousAxeViolations(app.page, 'wizard: Register for me, a failed step', { soft: true });

  // Granted, Try again: the trust anchor is reused, the rest is created, and the test passes.
  emulator.setConfig({ operators: [{ ...EXAMPLE_OPERATOR }] });
  await id(app, TESTIDS.registerRun).click();
  await expect(id(app, TESTIDS.registerDone)).toBeVisible({ timeout: 60_000 });
  await expect(runStep(app, 'trust-anchor')).toHaveAttribute('data-status', 'reused');
  await expect(runStep(app, 'role')).toHaveAttribute('data-status', 'created');
  await expect(runStep(app, 'test')).toHaveAttribute('data-status', 'passed');
});
