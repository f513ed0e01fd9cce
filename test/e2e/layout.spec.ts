import type { Locator } from '@playwright/test';
import { TESTIDS } from '../../renderer/testids';
import { settle } from './a11y';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import { id, openPage, seedWorkspace } from './flows';

/**
 * Issue 10 §6: every page usable at 800 × 600 and at 1024 × 700, in light and dark. No page scrolls
 * sideways, the navigation collapses behind a menu button under 900 px and stays a rail above, and the
 * clipboard notice covers no control: not an open dialog's buttons, not the certificate drawer. Screenshots:
 * test-results/screenshots/5N-<page>-<w>x<h>-<mode>.png.
 */

const VIEWPORTS = [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
];

type Box = { x: number; y: number; width: number; height: number };

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The page's content is no wider than the window (nothing to scroll to sideways). On failure, names the
 * innermost elements that stick out, so that the message says what to fix.
 */
async function expectNoHorizontalOverflow(app: AppHandle, label: string): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await app.page.evaluate(() => {
    const limit = window.innerWidth + 0.5;
    const out = [...document.body.querySelectorAll('*')].filter((el) => {
      if (el.getBoundingClientRect().right <= limit) return false;
      // Innermost only: skip an element one of whose children sticks out too.
      return ![...el.children].some((child) => child.getBoundingClientRect().right > limit);
    });
    const describe = (el: Element) => {
      const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
      const cls = [...el.classList]
        .filter((c) => c.startsWith('Mui'))
        .slice(0, 2)
        .join('.');
      const { left, right } = el.getBoundingClientRect();
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} "${text}" in [data-testid=${testId ?? '-'}], x ${Math.round(left)}–${Math.round(right)}`;
    };
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      culprits: out.slice(0, 6).map(describe),
    };
  });
  // Soft: one run names every page that overflows.
  expect
    .soft(
      scrollWidth,
      `${label}: the page is ${scrollWidth} px wide in a ${innerWidth} px window; sticking out:\n  ${culprits.join('\n  ')}`,
    )
    .toBeLessThanOrEqual(innerWidth);
}

/** Open a page from the navigation, through the menu button when the frame is narrow. */
async function goTo(app: AppHandle, page: string, narrow: boolean): Promise<void> {
  if (narrow) {
    await id(app, TESTIDS.navMenu).click();
    await expect(id(app, TESTIDS.navDrawer)).toBeVisible();
  }
  await openPage(app, page);
  if (narrow) await expect(id(app, TESTIDS.navDrawer)).toBeHidden();
}

/** The visible controls inside `scope`. */
async function controls(scope: Locator): Promise<Array<{ name: string; box: Box }>> {
  const found: Array<{ name: string; box: Box }> = [];
  for (const control of await scope
    .locator('button, input, select, textarea, a[href], [role="button"]')
    .all()) {
    const box = await control.boundingBox();
    if (!box || box.width === 0 || box.height === 0) continue;
    const name =
      (await control.getAttribute('aria-label')) ??
      (await control.getAttribute('data-testid')) ??
      ((await control.textContent()) ?? '').trim();
    found.push({ name, box });
  }
  return found;
}

/** The clipboard notice is on screen and none of the given controls lies under or over it. */
async function expectNoticeClearOf(app: AppHandle, scope: Locator, label: string): Promise<void> {
  await settle(app.page);
  const notice = await id(app, TESTIDS.clipboardNotice).boundingBox();
  expect(notice, 'the clipboard notice is on screen').not.toBeNull();
  const hit = (await controls(scope)).filter((c) => overlaps(notice!, c.box)).map((c) => c.name);
  expect(hit, `${label}: controls the notice overlaps`).toEqual([]);
}

/** Wait until a page shows its seeded data. */
async function expectLoaded(app: AppHandle, page: string): Promise<void> {
  const ready: Record<string, () => Promise<void>> = {
    wizard: () => expect(id(app, TESTIDS.wizard)).toBeVisible(),
    certificates: () => expect(id(app, TESTIDS.certRow)).toHaveCount(2),
    credentials: () => expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/),
    sign: () => expect(id(app, TESTIDS.signSubmit)).toBeEnabled(),
    settings: () => expect(id(app, TESTIDS.vaultStatus)).toBeVisible(),
  };
  await ready[page]!();
}

const PAGES = ['wizard', 'certificates', 'credentials', 'sign', 'settings'];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    const narrow = viewport.width < 900;

    test.describe(`${size}, ${colorScheme}`, () => {
      test.use({ viewport, colorScheme });

      test('every page fits the window, and the navigation suits the width', async ({ app, emulator }) => {
        await seedWorkspace(app, emulator);
        const shell = id(app, TESTIDS.appShell);
        await expect(shell).toHaveAttribute('data-layout', narrow ? 'narrow' : 'wide');

        if (narrow) {
          // Collapsed: the links are behind the menu button, which opens them and takes the focus there.
          await expect(id(app, TESTIDS.nav('settings'))).toHaveCount(0);
          const menu = id(app, TESTIDS.navMenu);
          await expect(menu).toHaveAttribute('aria-expanded', 'false');
          await menu.focus();
          await app.page.keyboard.press('Enter');
          await expect(id(app, TESTIDS.navDrawer)).toBeVisible();
          await expect(menu).toHaveAttribute('aria-expanded', 'true');
          await expect(id(app, TESTIDS.navDrawer).locator('[aria-current="page"]')).toBeFocused();
          await settle(app.page);
          await screenshot(app, `56-navigation-${size}-${colorScheme}`);
          await app.page.keyboard.press('Escape');
          await expect(id(app, TESTIDS.navDrawer)).toBeHidden();
          await expect(menu).toBeFocused();
        } else {
          // A permanent rail: every link is on screen, and there is no menu button.
          for (const page of PAGES) await expect(id(app, TESTIDS.nav(page))).toBeVisible();
          await expect(id(app, TESTIDS.navMenu)).toHaveCount(0);
        }

        for (const [i, page] of PAGES.entries()) {
          await goTo(app, page, narrow);
          await expectLoaded(app, page);
          await settle(app.page);
          await expectNoHorizontalOverflow(app, page);
          await screenshot(app, `5${i}-${page}-${size}-${colorScheme}`);
        }

        // The signed request's code blocks wrap inside the window.
        await goTo(app, 'sign', narrow);
        await id(app, TESTIDS.signSubmit).click();
        await expect(id(app, TESTIDS.signOutput('signature'))).toContainText(/[0-9a-f]{64}/);
        await expect(id(app, TESTIDS.signOutput('curl'))).toBeVisible();
        await settle(app.page);
        await expectNoHorizontalOverflow(app, 'signed request preview');
        const block = await id(app, TESTIDS.signOutput('canonicalRequest')).boundingBox();
        expect(block!.x + block!.width).toBeLessThanOrEqual(viewport.width);
        await screenshot(app, `53-sign-preview-${size}-${colorScheme}`);
      });

      test('the clipboard notice covers no control of a dialog or of the certificate drawer', async ({
        app,
        emulator,
      }) => {
        const { page } = app;
        // A long delay, so that the notice is still there for every check below.
        await seedWorkspace(app, emulator, { clipboardClearSeconds: 600 });
        await goTo(app, 'credentials', narrow);
        await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);

        // Copy the credentials: the notice appears and leaves the focus where it was (the menu's button).
        await id(app, TESTIDS.copyMenu).click();
        await id(app, TESTIDS.copyFormat('env')).click();
        const notice = id(app, TESTIDS.clipboardNotice);
        await expect(notice).toBeVisible();
        await expect(id(app, TESTIDS.copyMenu)).toBeFocused();
        expect(await notice.evaluate((n) => n.contains(document.activeElement))).toBe(false);
        await expectNoticeClearOf(app, page.getByRole('main'), 'credentials page');

        // The Add profile dialog: its Save and Close buttons, and every field, stay clear of the notice.
        await id(app, TESTIDS.profileAddOpen).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog).toHaveCount(1);
        await expectNoticeClearOf(app, dialog, 'add profile dialog');
        await screenshot(app, `55-notice-dialog-${size}-${colorScheme}`);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);

        // The certificate drawer, with the CRL result, stays clear of it as a whole.
        await goTo(app, 'certificates', narrow);
        await id(app, TESTIDS.certRow)
          .filter({ hasText: 'Seeded Root CA' })
          .filter({ hasNotText: 'seeded-workload' })
          .click();
        const drawer = id(app, TESTIDS.certDrawer);
        await expect(drawer).toBeVisible();
        await id(app, TESTIDS.crlExport).click();
        await expect(drawer).toContainText('CRL saved to');
        await settle(page);
        const drawerBox = await page.getByRole('dialog').boundingBox();
        expect(overlaps((await notice.boundingBox())!, drawerBox!), 'the notice overlaps the drawer').toBe(
          false,
        );
        await screenshot(app, `57-notice-drawer-${size}-${colorScheme}`);
        await page.keyboard.press('Escape');
        await expect(drawer).toBeHidden();

        // The Export dialog's generated password replaces the notice; its buttons stay clear of it.
        await id(app, TESTIDS.certRow).filter({ hasText: 'seeded-workload' }).click();
        await id(app, TESTIDS.certExport).click();
        await expect(id(app, TESTIDS.exportDialog)).toBeVisible();
        await id(app, TESTIDS.exportFormat('pfx')).check();
        await id(app, TESTIDS.exportPasswordGenerated).check();
        await id(app, TESTIDS.exportSubmit).click();
        await expect(id(app, TESTIDS.exportResult)).toHaveAttribute('data-path', /\.(pfx|p12)$/);
        await expect(notice).toContainText('Generated PFX password');
        await expectNoticeClearOf(app, page.getByRole('dialog').last(), 'export dialog');
        await screenshot(app, `58-notice-export-${size}-${colorScheme}`);
      });
    });
  }
}
