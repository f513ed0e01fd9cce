import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, Notification, app, clipboard, dialog, ipcMain, session, shell } from 'electron';
import { createCore } from './core/services';
import { resolveDataDir } from './core/store/data-dir';
import { createSecretStore } from './core/vault/select-store';
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
import { createMainWindow } from './window';

/** App lifecycle only (ARCHITECTURE §9: main/index.ts stays short). */

const openExternal = (url: string): void => {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
};

// One instance: a second launch focuses the first instead of opening a second vault session.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let registry: Registry | undefined;
  const windows = new Set<number>();
  const rendererFile = pathToFileURL(join(__dirname, '../renderer/index.html')).href;
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const isAppUrl = createUrlPolicy(rendererFile, devServer);

  const openWindow = (): void => {
    window = createMainWindow(
      BrowserWindow,
      { preload: join(__dirname, '../preload/index.cjs') },
      devServer ?? rendererFile,
    );
    const id = window.webContents.id;
    windows.add(id);
    window.on('closed', () => {
      windows.delete(id);
      window = undefined;
    });
  };

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    // Leave no credentials behind on the clipboard.
    registry?.clearClipboard();
    registry?.dispose();
  });

  void app.whenReady().then(async () => {
    applySessionSecurity(session.defaultSession);
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
      openExternal,
      window: () => window,
      defaultDirectory: app.getPath('downloads'),
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    });
    registry = createRegistry(core, platform);
    bindIpc(ipcMain, registry.handlers, (event) => isTrustedSender(event, isAppUrl, windows));
    openWindow();
    app.on('activate', () => {
      if (!window) openWindow();
    });
  });
}
