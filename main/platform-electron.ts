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
  Notification: new (options: NotificationConstructorOptions) => { show(): void };
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
  return {
    clipboard: {
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
    notify: ({ title, body }) => new deps.Notification({ title, body }).show(),
    openExternal: (url) => deps.openExternal(url),
  };
}
