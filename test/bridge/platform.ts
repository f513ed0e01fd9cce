import { join } from 'node:path';
import type { DesktopNotice, Platform } from '../../main/ipc';

/**
 * The bridge's platform: the only fakes of the e2e suite (ARCHITECTURE §7), because neither exists in a browser.
 * - The clipboard is a string in memory, with the concealment formats written with it (main/clipboard.ts); the
 *   test reads both through the bridge.
 * - The save "dialog" answers with a path in a directory the test chose (or a cancel, when asked to).
 * - Desktop notifications and URLs for the system browser are recorded, for the test to read.
 */
export interface BridgePlatform extends Platform {
  /** What the clipboard holds now ('' when empty). */
  readClipboard(): string;
  /** The formats written with the text now on the clipboard (format → data; empty when none or cleared). */
  clipboardFormats(): Record<string, string>;
  /** Every path the save dialog returned, in order. */
  saved: string[];
  /** The next save dialog is cancelled. */
  cancelNextSave(): void;
  /** Every notification raised, in order. */
  notifications: DesktopNotice[];
  /** Every URL handed to the system browser, in order. */
  opened: string[];
}

/**
 * @param saveDir where saved files go (the "dialog" keeps the suggested file name)
 * @param cliCommand the credential_process command for `aws.configure`
 */
export function createBridgePlatform(saveDir: string, cliCommand: string[]): BridgePlatform {
  let clipboard = '';
  let formats: Record<string, string> = {};
  let cancel = false;
  const saved: string[] = [];
  const notifications: DesktopNotice[] = [];
  const opened: string[] = [];
  return {
    clipboard: {
      // One write replaces the text and its formats together, as an OS clipboard does.
      writeText: (text, concealment = []) => {
        clipboard = text;
        formats = Object.fromEntries(concealment.map(({ format, data }) => [format, data]));
      },
      readText: () => clipboard,
      clear: () => {
        clipboard = '';
        formats = {};
      },
    },
    async chooseSavePath(suggestedName) {
      if (cancel) {
        cancel = false;
        return undefined;
      }
      const path = join(saveDir, suggestedName.replace(/[/\\]/g, '_'));
      saved.push(path);
      return path;
    },
    cliCommand: () => cliCommand,
    notify: (notice) => notifications.push(notice),
    openExternal: (url) => opened.push(url),
    notifications,
    opened,
    readClipboard: () => clipboard,
    clipboardFormats: () => ({ ...formats }),
    saved,
    cancelNextSave: () => {
      cancel = true;
    },
  };
}
