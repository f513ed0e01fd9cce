import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Emulator } from '../emulator';
import { TESTIDS } from '../../renderer/testids';
import { expect } from './fixtures';
import type { AppHandle } from './fixtures';

/**
 * Steps the specs share, written against the renderer's test ids (renderer/testids.ts), roles and labels. Every
 * wait is on app state; none sleeps.
 */

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
export const ARNS = {
  trustAnchor: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe`,
  profile: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/6f4c3a1e-2b7d-4e0f-9a8c-5d1e2f3a4b5c`,
  role: `arn:aws:iam::${ACCOUNT}:role/AnchorageE2E`,
};

export const id = (app: AppHandle, testId: string) => app.page.getByTestId(testId);

/** The wizard is on `step` (its container carries data-step). */
export async function expectStep(app: AppHandle, step: string): Promise<void> {
  await expect(id(app, TESTIDS.wizard)).toHaveAttribute('data-step', step);
}

/** Step 1: create a CA with the given key type and wait until it exists. */
export async function createCa(app: AppHandle, options: { name: string; keyType: string }): Promise<void> {
  await expectStep(app, 'ca');
  await id(app, TESTIDS.caName).fill(options.name);
  await id(app, TESTIDS.caKeyType).selectOption(options.keyType);
  await id(app, TESTIDS.caCreate).click();
  await expect(id(app, TESTIDS.caCreated)).toBeVisible({ timeout: 60_000 });
}

/** Step 2: issue the client certificate. */
export async function issueClient(app: AppHandle, options: { cn: string; keyType: string }): Promise<void> {
  await expectStep(app, 'client');
  await id(app, TESTIDS.clientCn).fill(options.cn);
  await id(app, TESTIDS.clientKeyType).selectOption(options.keyType);
  await id(app, TESTIDS.certIssue).click();
  await expect(id(app, TESTIDS.certIssued)).toBeVisible({ timeout: 60_000 });
}

/** Step 3: save the trust-anchor PEM through the app's save dialog and return what was written. */
export async function saveTrustAnchor(app: AppHandle, fileName: string): Promise<string> {
  await expectStep(app, 'register');
  await expect(id(app, TESTIDS.trustAnchorPem)).toContainText('-----BEGIN CERTIFICATE-----');
  await id(app, TESTIDS.trustAnchorSave).click();
  const path = join(app.saveDir, fileName);
  await expect.poll(() => existsSync(path), { message: `the trust anchor saved as ${path}` }).toBe(true);
  await expect.poll(() => readFileSync(path, 'utf8')).toContain('-----END CERTIFICATE-----');
  return readFileSync(path, 'utf8');
}

/** Configure the emulator as the AWS console steps would: a trust anchor holding `pem`, a profile, a role. */
export function registerWithEmulator(emulator: Emulator, trustAnchorPem: string): void {
  emulator.setConfig({
    trustAnchors: [{ arn: ARNS.trustAnchor, certificatesPem: [trustAnchorPem] }],
    profiles: [{ arn: ARNS.profile, roleArns: [ARNS.role] }],
  });
}

/** Step 4: fill the profile form; the region is left for the app to fill in from the trust anchor ARN. */
export async function fillArns(
  app: AppHandle,
  options: { profileName: string; endpoint: string },
): Promise<void> {
  await expectStep(app, 'arns');
  await id(app, TESTIDS.profileName).fill(options.profileName);
  await id(app, TESTIDS.arnTrustAnchor).fill(ARNS.trustAnchor);
  await id(app, TESTIDS.arnProfile).fill(ARNS.profile);
  await id(app, TESTIDS.arnRole).fill(ARNS.role);
  await expect(id(app, TESTIDS.region)).toHaveValue(REGION);
  await id(app, TESTIDS.endpoint).fill(options.endpoint);
}

/** Click Continue and wait for the next step. */
export async function next(app: AppHandle, step: string): Promise<void> {
  await id(app, TESTIDS.wizardNext).click();
  await expectStep(app, step);
}

/** Open a page from the navigation. */
export async function openPage(app: AppHandle, page: string): Promise<void> {
  await id(app, TESTIDS.nav(page)).click();
  await expect(app.page).toHaveURL(new RegExp(`#/${page}$`));
}

/** What {@link seedWorkspace} made, by name and id. */
export interface SeededWorkspace {
  caId: string;
  clientId: string;
  profile: string;
  staticName: string;
}

/**
 * The state the wizard leaves behind, made through a second core (`app.seed()`) in a second: a CA, a client
 * certificate, a profile against the emulator (registered there as the console steps would), a static
 * credential set, and settings. The page reloads to read it.
 */
export async function seedWorkspace(
  app: AppHandle,
  emulator: Emulator,
  options: { clipboardClearSeconds?: number } = {},
): Promise<SeededWorkspace> {
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Seeded Root CA',
    subject: { commonName: 'Seeded Root CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const client = await core.issueCert({
    ca: ca.id,
    name: 'seeded-workload',
    subject: { commonName: 'seeded-workload' },
    keyType: 'ec-p256',
    days: 365,
  });
  registerWithEmulator(emulator, await core.certificatePem(ca.id));
  const profile = await core.addProfile({
    name: 'seeded',
    certificate: client.id,
    trustAnchorArn: ARNS.trustAnchor,
    profileArn: ARNS.profile,
    roleArn: ARNS.role,
    region: REGION,
    endpoint: emulator.url,
  });
  const staticSet = await core.addStatic(
    'demo-static',
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  );
  if (options.clipboardClearSeconds !== undefined) {
    await core.updateSettings({ clipboardClearSeconds: options.clipboardClearSeconds });
  }
  await app.page.reload();
  await expect(app.page.getByTestId(TESTIDS.appShell)).toBeVisible();
  return { caId: ca.id, clientId: client.id, profile: profile.name, staticName: staticSet.name };
}

/**
 * The wizard has no write of its progress on its way to core (its container says `data-progress="saved"`);
 * a no-op when the wizard is not on screen.
 */
export async function waitProgressSaved(app: AppHandle): Promise<void> {
  const wizard = app.page.getByTestId(TESTIDS.wizard);
  if ((await wizard.count()) > 0) await expect(wizard).toHaveAttribute('data-progress', 'saved');
}

/** Reload the app (as a restart would), once the wizard's progress is stored. */
export async function reloadApp(app: AppHandle): Promise<void> {
  await waitProgressSaved(app);
  await app.page.reload();
  await expect(app.page.getByTestId(TESTIDS.appShell)).toBeVisible();
}

/**
 * A screenshot of what the window shows, into test-results/screenshots/<name>.png like `screenshot()`, for states
 * that must survive the capture. The full-page capture resizes the viewport for a moment, which flips AppShell
 * between its narrow and wide frames and remounts the page under it (an open dialog closes, a card reloads); the
 * window capture resizes nothing.
 */
export async function windowScreenshot(app: AppHandle, name: string): Promise<void> {
  const dir =
    app.kind === 'electron'
      ? resolve('test-results/screenshots/electron')
      : resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  await app.page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
}
