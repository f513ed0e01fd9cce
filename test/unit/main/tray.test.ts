import type { Menu, MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConcealmentFormat, TimerPort } from '../../../main/clipboard';
import { createRegistry } from '../../../main/ipc';
import type { DesktopNotice, Platform } from '../../../main/ipc';
import { TRAY_REFRESH_MS, startTray, trayIconPath } from '../../../main/tray';
import type { TrayController } from '../../../main/tray';
import type { TrayPage } from '../../../main/tray-menu';
import { testCore, withAws } from '../../support/core-harness';
import type { TestCore } from '../../support/core-harness';

/**
 * The tray's wiring against the REAL core and registry, with the emulator as AWS: the menu follows core's
 * profiles and sessions, "Copy as env" goes through `session.copy` (so the clipboard guard marks and clears it),
 * and the menu is rebuilt on its interval. Timers are the test's, so nothing sleeps.
 */

const START = new Date('2030-05-01T08:00:00Z');
/** Waits that include a CreateSession round trip to the emulator (a loaded machine can take seconds). */
const NETWORK = { timeout: 15_000 };

/** Timers that fire when the test moves the core's clock. */
function manualTimers(t: TestCore) {
  let pending: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const port: TimerPort = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.push({ at: t.clock.now().getTime() + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      pending = pending.filter((p) => p.id !== id);
    },
    now: () => t.clock.now(),
  };
  const advance = (ms: number) => {
    t.clock.advance(ms);
    const due = pending.filter((p) => p.at <= t.clock.now().getTime());
    pending = pending.filter((p) => p.at > t.clock.now().getTime());
    due.forEach((p) => p.fn());
  };
  return { port, advance, pending: () => pending.length };
}

/** A platform whose clipboard keeps the concealment formats, like the bridge's. */
function platformFor(timers: TimerPort) {
  let text = '';
  let formats: readonly ConcealmentFormat[] = [];
  const notices: DesktopNotice[] = [];
  const platform: Platform = {
    clipboard: {
      writeText: (t, f = []) => {
        text = t;
        formats = f;
      },
      readText: () => text,
      clear: () => {
        text = '';
        formats = [];
      },
    },
    chooseSavePath: async () => undefined,
    cliCommand: () => ['anchorage'],
    notify: (notice) => notices.push(notice),
    openExternal: () => {},
    timers,
  };
  return { platform, notices, text: () => text, formats: () => formats };
}

/** A tray whose menus are kept as templates. */
function fakeTray() {
  const menus: MenuItemConstructorOptions[][] = [];
  const events: Record<string, () => void> = {};
  let destroyed = false;
  return {
    tray: {
      setContextMenu: (menu: unknown) =>
        menus.push((menu as { template: MenuItemConstructorOptions[] }).template),
      setToolTip: () => {},
      destroy: () => {
        destroyed = true;
      },
      on: (event: string, listener: () => void) => {
        events[event] = listener;
      },
    } as never,
    buildMenu: (template: MenuItemConstructorOptions[]) => ({ template }) as unknown as Menu,
    menus,
    events,
    destroyed: () => destroyed,
    last: () => menus.at(-1)!,
  };
}

const labelOf = (menu: MenuItemConstructorOptions[], prefix: string) =>
  menu.find((i) => i.label?.startsWith(prefix))?.label;

let t: TestCore | undefined;
let aws: Awaited<ReturnType<typeof withAws>> | undefined;
let controller: TrayController | undefined;
afterEach(async () => {
  controller?.dispose();
  controller = undefined;
  await aws?.emu.close();
  await t?.cleanup();
  aws = undefined;
  t = undefined;
});

async function setup(platformName: NodeJS.Platform = 'linux') {
  t = await testCore(START);
  aws = await withAws(t, { durationSeconds: 3600 });
  const timers = manualTimers(t);
  const plat = platformFor(timers.port);
  const registry = createRegistry(t.core, plat.platform);
  const tray = fakeTray();
  const opened: Array<TrayPage | undefined> = [];
  let quits = 0;
  controller = startTray({
    tray: tray.tray,
    buildMenu: tray.buildMenu,
    profiles: () => t!.core.profileOverview(),
    copyEnv: (profile) => registry.handlers['session.copy']({ profile, format: 'env' }),
    notify: plat.platform.notify,
    open: (page) => opened.push(page),
    quit: () => quits++,
    platform: platformName,
    timers: timers.port,
  });
  await expect.poll(() => tray.menus.length, NETWORK).toBeGreaterThan(0);
  return { timers, plat, registry, tray, opened, quits: () => quits };
}

describe('tray', () => {
  it('starts with the empty state, and shows a new profile after the next refresh', async () => {
    const { tray, timers } = await setup();
    expect(tray.last()[0]!.label).toBe('No profiles yet — open the setup wizard');
    await aws!.profile('prod');
    timers.advance(TRAY_REFRESH_MS);
    await expect.poll(() => labelOf(tray.last(), 'prod'), NETWORK).toBe('prod — no session');
  });

  it('"Copy as env" copies through session.copy: export lines, concealed, cleared after the delay', async () => {
    const { tray, timers, plat } = await setup();
    await aws!.profile('prod');
    await controller!.refresh();
    const item = tray.last().find((i) => i.label?.startsWith('prod'))!;
    const copy = (item.submenu as MenuItemConstructorOptions[])[0]!;
    expect(copy.label).toBe('Copy as env');
    (copy.click as unknown as () => void)();

    await expect.poll(() => plat.text(), NETWORK).toMatch(/^export AWS_ACCESS_KEY_ID=/m);
    expect(plat.text()).toMatch(/^export AWS_SESSION_TOKEN=/m);
    expect(plat.formats()).toEqual([{ format: 'x-kde-passwordManagerHint', data: 'secret' }]);
    await expect
      .poll(() => plat.notices.map((n) => n.title), NETWORK)
      .toContain('Credentials for “prod” copied');
    expect(plat.notices.at(-1)!.body).toBe(
      'As export lines for bash and zsh. The clipboard is cleared in 30 s.',
    );
    // The menu is rebuilt after the copy: the session is now cached for the profile's hour.
    await expect.poll(() => labelOf(tray.last(), 'prod'), NETWORK).toBe('prod — session 1 h 00 min left');

    timers.advance(30_000);
    expect(plat.text()).toBe('');
    expect(plat.formats()).toEqual([]);
  });

  it('a failed copy is a notification that says why, and the clipboard is untouched', async () => {
    const { tray, plat } = await setup();
    await aws!.profile('prod');
    await controller!.refresh();
    aws!.emu.inject({ status: 403, count: 10 });
    const item = tray.last().find((i) => i.label?.startsWith('prod'))!;
    ((item.submenu as MenuItemConstructorOptions[])[0]!.click as unknown as () => void)();
    await expect
      .poll(() => plat.notices.map((n) => n.title), NETWORK)
      .toContain('Credentials for “prod” were not copied');
    expect(plat.notices.at(-1)!.body).toMatch(/Open Anchorage to retry\.$/);
    expect(plat.text()).toBe('');
  });

  it('the countdown follows the clock on each refresh, and the interval keeps going', async () => {
    const { tray, timers } = await setup();
    await aws!.profile('prod');
    await t!.core.session('prod');
    await controller!.refresh();
    expect(labelOf(tray.last(), 'prod')).toBe('prod — session 1 h 00 min left');
    timers.advance(TRAY_REFRESH_MS * 18);
    await expect.poll(() => labelOf(tray.last(), 'prod'), NETWORK).toBe('prod — session 42 min left');
    expect(timers.pending()).toBeGreaterThan(0);
    timers.advance(60 * 60_000);
    await expect.poll(() => labelOf(tray.last(), 'prod'), NETWORK).toBe('prod — session expired');
  });

  it('a revoked certificate disables "Copy as env"', async () => {
    const { tray } = await setup();
    const cert = await aws!.profile('prod');
    await t!.core.revokeCertificate(cert);
    await controller!.refresh();
    const item = tray.last().find((i) => i.label?.startsWith('prod'))!;
    expect((item.submenu as MenuItemConstructorOptions[])[0]).toMatchObject({
      label: 'Copy as env',
      enabled: false,
    });
  });

  it('Open, the wizard item and Quit reach their callbacks; dispose stops the interval and removes the icon', async () => {
    const { tray, timers, opened, quits } = await setup();
    (tray.last()[0]!.click as unknown as () => void)();
    (tray.last().find((i) => i.id === 'open')!.click as unknown as () => void)();
    (tray.last().find((i) => i.id === 'quit')!.click as unknown as () => void)();
    expect(opened).toEqual(['wizard', undefined]);
    expect(quits()).toBe(1);
    const menus = tray.menus.length;
    controller!.dispose();
    controller = undefined;
    expect(tray.destroyed()).toBe(true);
    expect(timers.pending()).toBe(0);
    timers.advance(TRAY_REFRESH_MS * 3);
    expect(tray.menus.length).toBe(menus);
  });

  it('a left click opens the window on Windows only', async () => {
    const win = await setup('win32');
    win.tray.events.click!();
    expect(win.opened).toEqual([undefined]);
    controller!.dispose();
    controller = undefined;
    await aws!.emu.close();
    await t!.cleanup();
    const linux = await setup('linux');
    expect(linux.tray.events.click).toBeUndefined();
  });

  it('the icon: resources/tray when packaged, assets/icons in a checkout; 16 px on macOS', () => {
    const where = { isPackaged: true, resourcesPath: '/opt/A/resources', appPath: '/x' };
    expect(trayIconPath(where, 'linux')).toBe('/opt/A/resources/tray/32x32.png');
    expect(trayIconPath(where, 'darwin')).toBe('/opt/A/resources/tray/16x16.png');
    expect(trayIconPath({ ...where, isPackaged: false, appPath: '/repo' }, 'win32')).toBe(
      '/repo/assets/icons/32x32.png',
    );
  });
});
