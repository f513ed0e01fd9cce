import { TESTIDS } from '../../renderer/testids';
import { expect, test } from './fixtures';
import { id, seedWorkspace } from './flows';

/**
 * Desktop notifications through the platform seam (issue 10 §4): the expiry watcher of main (the bridge runs the
 * same one) and the failed automatic refresh of the credentials card. The bridge records what Electron's
 * `Notification` would show; in the Electron project the fixture records `Notification.prototype.show`.
 */

test('a certificate 20 days from expiry raises "… expires in 20 days" once, when the window loads', async ({
  app,
}) => {
  // Made by a second core, as the CLI beside the app would: the app sees it when its window (re)loads.
  const core = await app.seed();
  const ca = await core.createCa({
    name: 'Notice Root CA',
    subject: { commonName: 'Notice Root CA' },
    keyType: 'ec-p256',
    days: 3650,
  });
  await core.issueCert({
    ca: ca.id,
    name: 'expiring-workload',
    subject: { commonName: 'expiring-workload' },
    keyType: 'ec-p256',
    days: 20,
  });
  await app.page.reload();
  await expect(app.page.getByTestId(TESTIDS.appShell)).toBeVisible();

  const notice = {
    title: '“expiring-workload” expires in 20 days',
    body: 'Open Certificates and choose Renew; the profiles that use it move to the new certificate.',
  };
  await expect.poll(() => app.notifications()).toContainEqual(notice);
  // The CA is ten years off; and a second load raises nothing twice (core remembers, ui-state.json).
  await app.page.reload();
  await expect(app.page.getByTestId(TESTIDS.appShell)).toBeVisible();
  const after = await app.notifications();
  expect(after.filter((n) => n.title === notice.title)).toHaveLength(1);
  expect(after.map((n) => n.title).filter((t) => t.includes('Notice Root CA'))).toEqual([]);
});

test('a failed automatic refresh raises "Credentials for … were not refreshed"', async ({
  app,
  emulator,
}) => {
  const { page } = app;
  // The page's clock, so the card's refresh (5 min before the hour-long session ends) can be reached now.
  await page.clock.install();
  const seeded = await seedWorkspace(app, emulator);
  await expect(id(app, TESTIDS.credentialsCard)).toBeVisible();
  await expect(id(app, TESTIDS.accessKeyId)).toBeVisible();
  const refreshed = (n: { title: string }) =>
    n.title === `Credentials for “${seeded.profile}” were not refreshed`;
  expect((await app.notifications()).filter(refreshed)).toEqual([]);

  // AWS fails from now on (more 503s than core's retries), and the session enters its refresh margin.
  emulator.inject({ status: 503, count: 10 });
  await page.clock.fastForward('56:00');

  await expect
    .poll(async () => (await app.notifications()).filter(refreshed), { timeout: 60_000 })
    .toHaveLength(1);
  const [notice] = (await app.notifications()).filter(refreshed);
  expect(notice!.body).toMatch(/ Open Anchorage to retry\.$/);
  // The words are the app's: no CLI flag and no schema text.
  expect(notice!.body).not.toMatch(/--[a-z]|zod|expected string/i);
});
