import { join } from 'node:path';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  clipboard,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  shell,
} from 'electron';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createCore } from './core/services';
import { resolveDataDir } from './core/store/data-dir';
import { createSecretStore } from './core/vault/select-store';
import { createExpiryWatcher } from './expiry-watcher';
import type { ExpiryWatcher } from './expiry-watcher';
import { bindIpc, createRegistry } from './ipc';
import type { Registry } from './ipc';
import { menuTemplate } from './menu';
import { electronPlatform } from './platform-electron';
import {
  applySessionSecurity,
  createUrlPolicy,
  guardWebContents,
  isAllowedExternalUrl,
  isTrustedSender,
} from './security';
import { startTray, trayIconPath } from './tray';
import type { TrayController } from './tray';
import type { TrayPage } from './tray-menu';
import { createMainWindow } from './window';

/** App lifecycle and wiring only (ARCHITECTURE §9: main/index.ts stays short); the rules live in the modules. */

const openExternal = (url: string): void => {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
};

// Before `ready`, as Electron requires: the renderer is served from app://, not file:// (checklist #18).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// One instance: a second launch focuses the first instead of opening a second vault session.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let registry: Registry | undefined;
  let watcher: ExpiryWatcher | undefined;
  let tray: TrayController | undefined;
  const windows = new Set<number>();
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const rendererUrl = devServer ?? APP_ENTRY_URL;
  const isAppUrl = createUrlPolicy(APP_ENTRY_URL, devServer);

  /** Show the window (creating it if needed), on `page` when given (the renderer follows the hash). */
  const showWindow = (page?: TrayPage): void => {
    const url = page ? `${rendererUrl}#/${page}` : rendererUrl;
    if (window) {
      if (page) void window.loadURL(url);
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    const created = createMainWindow(
      BrowserWindow,
      { preload: join(__dirname, '../preload/index.cjs'), devTools: !app.isPackaged },
      url,
    );
    const id = created.webContents.id;
    windows.add(id);
    // Opening (or reloading) the window is a moment to look at expiry dates again.
    created.webContents.on('did-finish-load', () => void watcher?.check());
    created.on('closed', () => {
      windows.delete(id);
      window = undefined;
    });
    window = created;
  };

  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    // Leave no credentials behind on the clipboard.
    registry?.clearClipboard();
    registry?.dispose();
    void watcher?.dispose();
    tray?.dispose();
    tray = undefined;
  });

  void app.whenReady().then(async () => {
    applySessionSecurity(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(__dirname, '../renderer')));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({ platform: process.platform, isPackaged: app.isPackaged, openExternal }),
      ),
    );
    const dataDir = resolveDataDir();
    const core = await createCore({ dataDir, secretStore: createSecretStore(dataDir) });
    const platform = electronPlatform({
      clipboard,
      dialog,
      Notification,
      onNotificationClick: () => showWindow(),
      openExternal,
      window: () => window,
      defaultDirectory: app.getPath('downloads'),
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    });
    const expiry = createExpiryWatcher({ core, notify: (notice) => platform.notify(notice) });
    watcher = expiry;
    const handlers = createRegistry(core, platform, {
      serveRoot: join(dataDir, 'serve'),
      onCertificatesChanged: () => {
        void expiry.check();
        void tray?.refresh();
      },
    });
    registry = handlers;
    bindIpc(ipcMain, handlers.handlers, (event) => isTrustedSender(event, isAppUrl, windows));
    tray = startTray({
      tray: new Tray(
        trayIconPath(
          { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() },
          process.platform,
        ),
      ),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      profiles: () => core.profileOverview(),
      // Through the registry, so the clipboard guard clears it like a copy from the window.
      copyEnv: (profile) => handlers.handlers['session.copy']({ profile, format: 'env' }),
      notify: (notice) => platform.notify(notice),
      open: showWindow,
      quit: () => app.quit(),
      platform: process.platform,
    });
    expiry.start();
    powerMonitor.on('resume', () => void expiry.check());
    showWindow();
    app.on('activate', () => {
      if (!window) showWindow();
    });
  });
}
