import { TESTIDS } from '../../renderer/testids';
import { expect, screenshot, test } from './fixtures';
import type { AppHandle } from './fixtures';
import type { Emulator } from '../emulator';
import { ARNS, id, openPage, seedWorkspace, windowScreenshot } from './flows';

/**
 * Issue 10 §5, the credentials card recovers: Retry and details on every error, an automatic refresh that fails
 * is retried with backoff until it works, an expired session says so and cannot be copied, and the chips never
 * contradict the state. The renderer in Chromium, the real core, the emulator as AWS.
 *
 * Time: Playwright's clock fast-forwards the renderer's timers (its countdown, refresh and retry timers). The
 * emulator is AWS, whose clock the session expirations come from, so when the renderer's clock jumps, the
 * emulator's clock is moved by as much (`clockOffsetSeconds`, with a skew allowance that accepts the real core's
 * request dates): the two then agree, as a laptop's clock and AWS's do after the lid was closed. Where the test
 * counts retries, the renderer's clock is paused, so that only the jumps move it. States are captured with
 * `windowScreenshot`, which does not resize the window (a full-page capture would remount the page).
 */

/** CreateSession is retried by core 4 times (main/core/aws/retry.ts): a card call fails after 4 faults. */
const CORE_ATTEMPTS = 4;

type Box = { x: number; y: number; width: number; height: number };

/** The desktop notifications that say a refresh failed. */
async function refreshNotices(app: AppHandle): Promise<string[]> {
  return (await app.notifications())
    .filter((n) => n.title.includes('were not refreshed'))
    .map((n) => n.title);
}

/** Jump the renderer's clock by `seconds`, and AWS's with it. */
async function jump(app: AppHandle, emulator: Emulator, total: { seconds: number }, seconds: number) {
  total.seconds += seconds;
  emulator.setConfig({ clockOffsetSeconds: total.seconds, clockSkewSeconds: total.seconds + 300 });
  await app.page.clock.fastForward(seconds * 1000);
}

const chip = (app: AppHandle) => id(app, TESTIDS.sessionChip);
const card = (app: AppHandle) => id(app, TESTIDS.credentialsCard);

test('a failed first load shows the error with Retry and details; Retry gets the session', async ({
  app,
  emulator,
}) => {
  // Queued before anything asks: the card's first CreateSession, with core's retries, gets only 503s.
  emulator.inject({ status: 503, count: CORE_ATTEMPTS });
  await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');

  const alert = card(app).getByTestId(TESTIDS.errorAlert);
  await expect(alert).toHaveAttribute('data-code', 'AWS_SERVER_ERROR');
  await expect(card(app)).toHaveAttribute('data-state', 'failed');
  // No chip describes a session that is not there.
  await expect(chip(app)).toHaveCount(0);
  await alert.getByTestId(TESTIDS.errorDetailsToggle).click();
  await expect(alert.getByTestId(TESTIDS.errorDetails)).toContainText('AWS_SERVER_ERROR');
  await expect(alert.getByTestId(TESTIDS.errorDetailsToggle)).toHaveAttribute('aria-expanded', 'true');
  await windowScreenshot(app, '3x-credentials-first-load-failed');

  await alert.getByTestId(TESTIDS.errorRetry).click();
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
  await expect(card(app).getByTestId(TESTIDS.errorAlert)).toHaveCount(0);
  await expect(chip(app)).toHaveAttribute('data-state', 'fresh');
  await expect(chip(app)).toHaveText('Fresh');
  // The alert that had the focus is gone: the focus is on the card's heading, not on <body>.
  await expect(card(app).getByRole('heading', { name: /Session credentials/ })).toBeFocused();
  expect(emulator.stats().createSession).toBe(CORE_ATTEMPTS + 1);
});

test('a failed automatic refresh is retried with backoff, says when, and recovers', async ({
  app,
  emulator,
}) => {
  await app.page.clock.install();
  const seeded = await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
  await expect(chip(app)).toHaveAttribute('data-state', 'fresh');
  const first = await id(app, TESTIDS.accessKeyId).textContent();
  // From here only the jumps move the renderer's clock: the retries run when the test says, not when a slow
  // machine lets real seconds pass.
  await app.page.clock.pauseAt((await app.page.evaluate(() => Date.now())) + 1000);

  // The one-hour session enters the 15-minute refresh margin; the refresh and its first retry fail.
  emulator.inject({ status: 503, count: 2 * CORE_ATTEMPTS });
  const offset = { seconds: 1 };
  await jump(app, emulator, offset, 46 * 60);
  const note = card(app).getByTestId(TESTIDS.sessionRetryNote);
  await expect(note).toHaveText(/^Retrying automatically in 0:05 \(at .+, retry 1\)\.$/);
  await expect(card(app)).toHaveAttribute('data-state', 'refresh-failed');
  await expect(chip(app)).toHaveText('Refresh failed');
  // The credentials shown still work: still copyable, and no "Fresh" or "Cached" beside the error.
  await expect(card(app)).not.toContainText(/Fresh|Cached/);
  await expect(id(app, TESTIDS.copyMenu)).toBeEnabled();
  await expect(id(app, TESTIDS.accessKeyId)).toHaveText(first!);
  await windowScreenshot(app, '3x-credentials-refresh-failed');

  // One notification for the failing refresh, not one per attempt.
  await expect
    .poll(() => refreshNotices(app))
    .toEqual([`Credentials for “${seeded.profile}” were not refreshed`]);

  await jump(app, emulator, offset, 5);
  await expect(note).toHaveText(/^Retrying automatically in 0:15 \(at .+, retry 2\)\.$/);
  await expect(chip(app)).toHaveText('Refresh failed');

  await jump(app, emulator, offset, 15);
  await expect(card(app)).toHaveAttribute('data-state', 'live');
  await expect(id(app, TESTIDS.accessKeyId)).not.toHaveText(first!);
  await expect(card(app).getByTestId(TESTIDS.errorAlert)).toHaveCount(0);
  await expect(chip(app)).toHaveText('Fresh');
  // A new hour: the refresh is not due again.
  await expect
    .poll(async () => Number(await id(app, TESTIDS.countdown).getAttribute('data-remaining-seconds')))
    .toBeGreaterThan(3500);
  expect(emulator.stats().createSession).toBe(1 + 2 * CORE_ATTEMPTS + 1);
  const row = app.page
    .getByTestId(TESTIDS.profileRow)
    .and(app.page.locator(`[data-profile="${seeded.profile}"]`));
  await expect(row.getByTestId(TESTIDS.profileRowSession)).toHaveAttribute('data-state', 'cached');
  expect(await refreshNotices(app)).toHaveLength(1);
  await screenshot(app, '3x-credentials-recovered');
});

test('an expired session says so, cannot be copied, and "Expired: refresh" gets a fresh one', async ({
  app,
  emulator,
}) => {
  await app.page.clock.install();
  const seeded = await seedWorkspace(app, emulator);
  await openPage(app, 'credentials');
  await expect(chip(app)).toHaveText('Fresh');
  await windowScreenshot(app, '3x-credentials-fresh');
  // The same session again, after a reload, comes from the cache, and the chip says so.
  await app.page.reload();
  await openPage(app, 'credentials');
  await expect(chip(app)).toHaveText('Cached');
  await expect(chip(app)).toHaveAttribute('data-state', 'cached');
  await windowScreenshot(app, '3x-credentials-cached');

  // AWS refuses every refresh (the profile is disabled) while the laptop sleeps past the expiry.
  const profile = { arn: ARNS.profile, roleArns: [ARNS.role] };
  emulator.setConfig({ profiles: [{ ...profile, enabled: false }] });
  await app.page.clock.fastForward(61 * 60 * 1000);
  await expect(card(app)).toHaveAttribute('data-state', 'expired');
  await expect(id(app, TESTIDS.countdownText)).toHaveText('Expired');
  await expect(chip(app)).toHaveText('Expired');
  await expect(card(app)).not.toContainText(/Fresh|Cached/);
  await expect(id(app, TESTIDS.copyMenu)).toBeDisabled();
  await expect(id(app, TESTIDS.sessionCaption)).not.toContainText('Refreshed automatically');
  await expect(id(app, TESTIDS.sessionCaption)).toContainText('have expired');
  await expect(id(app, TESTIDS.sessionRefresh)).toHaveCount(0);
  // The failed refresh is shown with its own words and Retry; no retry is scheduled past the expiry.
  await expect(card(app).getByTestId(TESTIDS.errorAlert)).toHaveAttribute('data-code', 'AWS_NOT_FOUND');
  await expect(card(app).getByTestId(TESTIDS.sessionRetryNote)).toHaveCount(0);
  await expect
    .poll(() => refreshNotices(app))
    .toEqual([`Credentials for “${seeded.profile}” were not refreshed`]);
  const action = id(app, TESTIDS.sessionExpiredRefresh);
  await expect(action).toHaveText('Expired: refresh');
  await windowScreenshot(app, '3x-credentials-expired');

  // AWS takes the profile again; its clock is where the renderer's is.
  emulator.setConfig({ profiles: [profile], clockOffsetSeconds: 61 * 60, clockSkewSeconds: 61 * 60 + 300 });
  await action.click();
  await expect(card(app)).toHaveAttribute('data-state', 'live');
  await expect(chip(app)).toHaveText('Fresh');
  await expect(id(app, TESTIDS.copyMenu)).toBeEnabled();
  await expect(id(app, TESTIDS.sessionExpiredRefresh)).toHaveCount(0);
  await expect(id(app, TESTIDS.sessionCaption)).toContainText('Refreshed automatically');
  await expect(id(app, TESTIDS.countdownText)).not.toHaveText('Expired');
  // The focus moves to where the action was.
  await expect(id(app, TESTIDS.sessionRefresh)).toBeFocused();

  // Copying works again, and leaves the focus on the Copy button.
  await id(app, TESTIDS.copyMenu).click();
  await id(app, TESTIDS.copyFormat('env')).click();
  await expect(id(app, TESTIDS.clipboardNotice)).toBeVisible();
  await expect.poll(() => app.clipboard()).toContain('export AWS_SESSION_TOKEN=');
  await expect(id(app, TESTIDS.copyMenu)).toBeFocused();
});

for (const viewport of [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
]) {
  const size = `${viewport.width}x${viewport.height}`;
  test.describe(`at ${size}`, () => {
    test.use({ viewport });

    test('the page fits, the values do not overlap, and the clipboard notice covers no control', async ({
      app,
      emulator,
    }) => {
      await seedWorkspace(app, emulator);
      if (viewport.width < 900) await id(app, TESTIDS.navMenu).click();
      await openPage(app, 'credentials');
      await expect(id(app, TESTIDS.accessKeyId)).toHaveText(/^ASIA/);
      await id(app, TESTIDS.copyMenu).click();
      await id(app, TESTIDS.copyFormat('env')).click();
      const notice = id(app, TESTIDS.clipboardNotice);
      await expect(notice).toBeVisible();
      await expect(id(app, TESTIDS.copyMenu)).toBeFocused();

      const width = await app.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
      const overlaps = (a: Box, b: Box) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      // The access key ID and the secret sit side by side or stacked, never on top of each other.
      const key = await id(app, TESTIDS.accessKeyId).boundingBox();
      const secret = await id(app, TESTIDS.secretValue).boundingBox();
      expect(overlaps(key!, secret!), 'the access key ID overlaps the secret').toBe(false);
      for (const control of [
        TESTIDS.copyMenu,
        TESTIDS.sessionRefresh,
        TESTIDS.configureAws,
        TESTIDS.staticName,
        TESTIDS.staticKeyId,
        TESTIDS.staticSecret,
        TESTIDS.staticAdd,
      ]) {
        const target = id(app, control);
        await target.scrollIntoViewIfNeeded();
        const [a, b] = [await notice.boundingBox(), await target.boundingBox()];
        expect(a && b, `${control} and the notice are on screen`).toBeTruthy();
        expect(overlaps(a!, b!), `the clipboard notice covers ${control}`).toBe(false);
        // Inside the window: no field is pushed off to the side at this width.
        expect(b!.x + b!.width, `${control} fits the window`).toBeLessThanOrEqual(viewport.width);
      }
      await id(app, TESTIDS.staticName).fill(`demo-${viewport.width}`);
      await windowScreenshot(app, `3x-credentials-${size}-static`);
      await id(app, TESTIDS.credentialsCard).scrollIntoViewIfNeeded();
      await windowScreenshot(app, `3x-credentials-${size}-card`);
    });
  });
}
