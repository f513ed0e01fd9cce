import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import type { Result } from '../shared/schemas/contract';
import type { ProfileOverview } from '../shared/schemas/models';
import { systemTimers } from './clipboard';
import type { TimerPort } from './clipboard';
import type { DesktopNotice } from './ipc';
import { trayMenuTemplate } from './tray-menu';
import type { TrayPage } from './tray-menu';

/**
 * The tray's wiring (issue 10 §4): keeps the menu of main/tray-menu.ts current (every minute, so "42 min left"
 * stays true, and after each copy), and turns "Copy as env" into a `session.copy` call through the registry, so
 * the clipboard guard clears it like any other copy. Only electron types are imported: main/index.ts passes the
 * Tray and `Menu.buildFromTemplate`, tests pass fakes.
 */

/**
 * The tray icon: resources/tray (electron-builder.yml extraResources) when packaged, assets/icons in a checkout.
 * 16 px in the macOS menu bar, 32 px elsewhere (Windows and Linux scale it to the panel).
 */
export function trayIconPath(
  where: { isPackaged: boolean; resourcesPath: string; appPath: string },
  platform: NodeJS.Platform,
): string {
  const file = platform === 'darwin' ? '16x16.png' : '32x32.png';
  return where.isPackaged
    ? join(where.resourcesPath, 'tray', file)
    : join(where.appPath, 'assets', 'icons', file);
}

/** How often the menu is rebuilt while the app runs. */
export const TRAY_REFRESH_MS = 60_000;

export interface TrayDeps {
  tray: Pick<Tray, 'setContextMenu' | 'setToolTip' | 'destroy' | 'on'>;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** `core.profileOverview()`. */
  profiles(): Promise<ProfileOverview[]>;
  /** `registry.handlers['session.copy']({ profile, format: 'env' })`. */
  copyEnv(profile: string): Promise<Result<{ clearsAt: string }>>;
  notify(notice: DesktopNotice): void;
  open(page?: TrayPage): void;
  quit(): void;
  platform: NodeJS.Platform;
  timers?: TimerPort;
  refreshMs?: number;
}

export interface TrayController {
  /** Rebuild the menu from the profiles now. Never rejects. */
  refresh(): Promise<void>;
  /** Stop refreshing and remove the icon. */
  dispose(): void;
}

/** Start the tray: a first menu at once, then one every {@link TRAY_REFRESH_MS}. */
export function startTray(deps: TrayDeps): TrayController {
  const timers = deps.timers ?? systemTimers;
  const refreshMs = deps.refreshMs ?? TRAY_REFRESH_MS;
  let latest = 0;
  let handle: unknown;
  let disposed = false;

  const copyEnv = async (profile: string): Promise<void> => {
    const result = await deps.copyEnv(profile);
    if (result.ok) {
      const seconds = Math.max(
        0,
        Math.round((Date.parse(result.value.clearsAt) - timers.now().getTime()) / 1000),
      );
      // The tray gives no other sign that something happened.
      deps.notify({
        title: `Credentials for “${profile}” copied`,
        body: `As export lines for bash and zsh. The clipboard is cleared in ${seconds} s.`,
      });
    } else {
      deps.notify({
        title: `Credentials for “${profile}” were not copied`,
        body: `${result.error.message} Open Anchorage to retry.`,
      });
    }
    await refresh();
  };

  const refresh = async (): Promise<void> => {
    if (disposed) return;
    // A slow read must not overwrite the menu of a later one.
    const mine = ++latest;
    let profiles: ProfileOverview[] | undefined;
    try {
      profiles = await deps.profiles();
    } catch {
      profiles = undefined;
    }
    if (disposed || mine !== latest) return;
    const template = trayMenuTemplate({
      profiles: profiles ?? [],
      unavailable: profiles === undefined,
      now: timers.now(),
      onCopyEnv: (profile) => void copyEnv(profile),
      onOpen: (page) => deps.open(page),
      onQuit: () => deps.quit(),
    });
    deps.tray.setContextMenu(deps.buildMenu(template));
  };

  const schedule = (): void => {
    handle = timers.setTimeout(() => {
      handle = undefined;
      if (disposed) return;
      void refresh();
      schedule();
    }, refreshMs);
  };

  deps.tray.setToolTip('Anchorage');
  // Windows opens an app from a left click on its icon; macOS and Linux show the menu instead.
  if (deps.platform === 'win32') deps.tray.on('click', () => deps.open());
  void refresh();
  schedule();

  return {
    refresh,
    dispose() {
      disposed = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
      deps.tray.destroy();
    },
  };
}
