import type { Locator } from '@playwright/test';
import { TESTIDS } from '../../renderer/testids';
import { expectContentInLandmarks, expectNoSeriousAxeViolations } from './a11y';
import { expect, test } from './fixtures';
import type { AppHandle } from './fixtures';
import {
  createCa,
  expectStep,
  fillArns,
  id,
  issueClient,
  next,
  openPage,
  registerWithEmulator,
  saveTrustAnchor,
  seedWorkspace,
} from './flows';

/**
 * Issue 10 §7: axe (WCAG 2.1 A/AA) reports no serious or critical violation on any page, dialog, drawer,
 * menu or wizard step, in light and in dark. Each scan is soft, so that one run lists every screen's
 * violations (rule, impact, target, help); the test fails at its end if any was found. Pages are also held to
 * axe's landmark rules, whatever their impact: every piece of content sits in a landmark.
 */

/** Scan the page as it is now; `landmarks` also runs the landmark rules (pages, not dialogs over them). */
async function scan(app: AppHandle, label: string, options: { landmarks?: boolean } = {}): Promise<void> {
  const dark = await app.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  const full = `${label} (${dark ? 'dark' : 'light'})`;
  await expectNoSeriousAxeViolations(app.page, full, { soft: true });
  if (options.landmarks) await expectContentInLandmarks(app.page, full, { soft: true });
}

/**
 * Open a dialog, drawer or menu with `opener`, scan it, close it with Escape and wait until it has gone (a
 * nested dialog leaves the one below it open).
 */
async function scanOverlay(app: AppHandle, opener: Locator, overlay: Locator, label: string): Promise<void> {
  await opener.click();
  await expect(overlay).toBeVisible();
  await scan(app, label);
  await app.page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('every wizard step', async ({ app, emulator }) => {
      await expectStep(app, 'ca');
      await scan(app, 'wizard: create a CA', { landmarks: true });
      await createCa(app, { name: 'Axe Root CA', keyType: 'ec-p256' });
      await scan(app, 'wizard: CA created');
      await next(app, 'client');
      await scan(app, 'wizard: client certificate');
      await issueClient(app, { cn: 'axe-workload', keyType: 'ec-p256' });
      await scan(app, 'wizard: certificate issued');
      await next(app, 'register');
      const pem = await saveTrustAnchor(app, 'axe-root-ca.pem');
      await scan(app, 'wizard: register with AWS');
      registerWithEmulator(emulator, pem);
      await next(app, 'arns');
      await fillArns(app, { profileName: 'axe', endpoint: emulator.url });
      await scan(app, 'wizard: ARNs and region');
      await id(app, TESTIDS.profileSave).click();
      await expect(id(app, TESTIDS.profileSaved)).toBeVisible();
      await scan(app, 'wizard: profile saved');
      await next(app, 'test');
      await scan(app, 'wizard: test the connection');
      await id(app, TESTIDS.testConnection).click();
      await expect(id(app, TESTIDS.connectionOk).first()).toBeVisible({ timeout: 60_000 });
      await scan(app, 'wizard: connection tested');
      await next(app, 'done');
      await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
      await scan(app, 'wizard: done', { landmarks: true });
    });

    test('every page, dialog, drawer and menu', async ({ app, emulator }) => {
      // About thirty axe runs, a few seconds each on this machine.
      test.setTimeout(480_000);
      const { page } = app;
      // A long clipboard delay: the notice stays on screen, and is scanned, on every page after the copy.
      await seedWorkspace(app, emulator, { clipboardClearSeconds: 600 });

      // Credentials: the card with live credentials, the copy menu, the notice, the dialogs.
      await openPage(app, 'credentials');
      await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
      await scan(app, 'credentials', { landmarks: true });
      await scanOverlay(app, id(app, TESTIDS.copyMenu), page.getByRole('menu'), 'credentials: copy menu');
      await id(app, TESTIDS.copyMenu).click();
      await id(app, TESTIDS.copyFormat('env')).click();
      await expect(id(app, TESTIDS.clipboardNotice)).toBeVisible();
      await scan(app, 'credentials: clipboard notice', { landmarks: true });
      const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
      await scanOverlay(
        app,
        id(app, TESTIDS.profileAddOpen),
        dialog('Add a Roles Anywhere profile'),
        'credentials: add profile dialog',
      );
      await scanOverlay(
        app,
        id(app, TESTIDS.profileRowEdit).first(),
        dialog(/^Edit profile/),
        'credentials: edit profile dialog',
      );
      await scanOverlay(
        app,
        id(app, TESTIDS.profileRemove).first(),
        dialog(/^Remove profile/),
        'credentials: remove profile confirmation',
      );

      // Certificates: the table, its dialogs and menus, the drawer of each kind and the dialogs it opens.
      await openPage(app, 'certificates');
      await expect(id(app, TESTIDS.certRow)).toHaveCount(2);
      await scan(app, 'certificates', { landmarks: true });
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      await scanOverlay(app, button('New CA'), dialog('New certificate authority'), 'certificates: New CA');
      await scanOverlay(app, button('Import'), dialog('Import certificates'), 'certificates: Import');
      await scanOverlay(
        app,
        id(app, TESTIDS.certIssueOpen),
        dialog('Issue a client certificate'),
        'certificates: issue certificate dialog',
      );
      const clientRow = id(app, TESTIDS.certRow).filter({ hasText: 'seeded-workload' });
      const caRow = id(app, TESTIDS.certRow)
        .filter({ hasText: 'Seeded Root CA' })
        .filter({ hasNotText: 'seeded-workload' });
      await scanOverlay(
        app,
        clientRow.getByTestId(TESTIDS.certRowActions),
        page.getByRole('menu'),
        'certificates: row actions menu',
      );

      const drawer = id(app, TESTIDS.certDrawer);
      await clientRow.click();
      await expect(id(app, TESTIDS.certCheck).first()).toBeVisible();
      await scan(app, 'certificates: client certificate drawer');
      const inDrawer = [
        [TESTIDS.certExport, TESTIDS.exportDialog, 'export dialog'],
        [TESTIDS.certRevoke, TESTIDS.revokeDialog, 'revoke confirmation'],
        [TESTIDS.certRename, TESTIDS.renameDialog, 'rename dialog'],
        [TESTIDS.certRenew, TESTIDS.renewDialog, 'renew dialog'],
        [TESTIDS.certDelete, TESTIDS.deleteDialog, 'delete confirmation, blocked by a profile'],
      ] as const;
      for (const [opener, overlay, label] of inDrawer) {
        await scanOverlay(app, id(app, opener), id(app, overlay), `certificates: client ${label}`);
        await expect(drawer).toBeVisible();
      }
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();

      await caRow.click();
      await expect(id(app, TESTIDS.certCheck).first()).toBeVisible();
      await scan(app, 'certificates: CA drawer');
      await id(app, TESTIDS.crlExport).click();
      await expect(drawer).toContainText('CRL saved to');
      await scan(app, 'certificates: CA drawer with the CRL result');
      for (const [opener, overlay, label] of [
        [TESTIDS.certExport, TESTIDS.exportDialog, 'export dialog'],
        [TESTIDS.certRenew, TESTIDS.renewDialog, 'renew dialog'],
        [TESTIDS.certDelete, TESTIDS.deleteDialog, 'delete confirmation, with issued certificates'],
      ] as const) {
        await scanOverlay(app, id(app, opener), id(app, overlay), `certificates: CA ${label}`);
        await expect(drawer).toBeVisible();
      }
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();

      // Signed request: the form, then every stage of a preview.
      await openPage(app, 'sign');
      await expect(id(app, TESTIDS.signSubmit)).toBeEnabled();
      await scan(app, 'signed request', { landmarks: true });
      await id(app, TESTIDS.signSubmit).click();
      await expect(id(app, TESTIDS.signOutput('signature'))).toContainText(/[0-9a-f]{64}/);
      await scan(app, 'signed request: preview', { landmarks: true });

      // Settings.
      await openPage(app, 'settings');
      await expect(id(app, TESTIDS.vaultStatus)).toBeVisible();
      await scan(app, 'settings', { landmarks: true });
    });

    test('the narrow frame: app bar and navigation drawer (800 × 600)', async ({ app, emulator }) => {
      await app.page.setViewportSize({ width: 800, height: 600 });
      await seedWorkspace(app, emulator);
      await expect(id(app, TESTIDS.appShell)).toHaveAttribute('data-layout', 'narrow');
      await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
      await scan(app, 'narrow: credentials', { landmarks: true });
      await id(app, TESTIDS.navMenu).click();
      await expect(id(app, TESTIDS.navDrawer)).toBeVisible();
      await scan(app, 'narrow: navigation drawer', { landmarks: true });
    });
  });
}
