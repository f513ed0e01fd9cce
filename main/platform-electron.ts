import { join } from 'node:path';
import type { BrowserWindow, Clipboard, Dialog, NotificationConstructorOptions } from 'electron';
import type { Platform } from './ipc';

/**
 * The Electron side of the platform seam: the OS clipboard, the native save dialog, and where the bundled CLI
 * is (for the credential_process line that `aws.configure` writes).
 */
export interface ElectronPlatformDeps {
  clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear'>;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Electron's Notification class (main/index.ts passes it; tests pass a recorder). */
  Notification: new (options: NotificationConstructorOptions) => {
    show(): void;
    on?(event: 'click' | 'close', listener: () => void): unknown;
  };
  /** Clicking a notification brings the window up (expiry and refresh notices ask the user to act in it). */
  onNotificationClick?: () => void;
  /** `shell.openExternal`. */
  openExternal: (url: string) => void;
  window: () => BrowserWindow | undefined;
  /** Where a save dialog opens (the Downloads folder). */
  defaultDirectory: string;
  isPackaged: boolean;
  /** `process.resourcesPath` when packaged, the repository root otherwise. */
  resourcesPath: string;
  appPath: string;
}

/** The CLI the app ships: resources/cli/anchorage[.cmd] (electron-builder.yml), or bin/anchorage.js in a checkout. */
export function cliCommand(
  deps: Pick<ElectronPlatformDeps, 'isPackaged' | 'resourcesPath' | 'appPath'>,
  platform = process.platform,
): string[] {
  if (!deps.isPackaged) return [join(deps.appPath, 'bin', 'anchorage.js')];
  return [join(deps.resourcesPath, 'cli', platform === 'win32' ? 'anchorage.cmd' : 'anchorage')];
}

/** Build the platform for main/ipc.ts. */
export function electronPlatform(deps: ElectronPlatformDeps): Platform {
  const live = new Set<object>();
  return {
    clipboard: {
      // The concealment formats cannot go with the text in Electron 41: each clipboard call commits on its own
      // and replaces the whole clipboard (electron/electron#41462), so a `writeBuffer` for the marker after the
      // text would erase the text, and `clipboard.write` takes only text/html/rtf/image/bookmark. The text is
      // what the user asked for, so it alone is written, and the guard still clears it. Electron 44's
      // `clipboard.write([new ClipboardItem({...})])` commits every format atomically (electron#51707), with
      // `electron application/osclipboard;format="<name>"` for raw OS formats: write them there once on it.
      writeText: (text) => deps.clipboard.writeText(text),
      readText: () => deps.clipboard.readText(),
      clear: () => deps.clipboard.clear(),
    },
    async chooseSavePath(suggestedName) {
      const options = { defaultPath: join(deps.defaultDirectory, suggestedName), showsTagField: false };
      const window = deps.window();
      const result = window
        ? await deps.dialog.showSaveDialog(window, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    cliCommand: () => cliCommand(deps),
    notify: ({ title, body }) => {
      const notification = new deps.Notification({ title, body });
      const onClick = deps.onNotificationClick;
      if (onClick) {
        // Held until clicked or closed, so that the garbage collector cannot take it (and its click handler) first.
        live.add(notification);
        notification.on?.('click', () => {
          live.delete(notification);
          onClick();
        });
        notification.on?.('close', () => live.delete(notification));
      }
      notification.show();
    },
    openExternal: (url) => deps.openExternal(url),
  };
}
