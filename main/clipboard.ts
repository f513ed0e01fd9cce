/**
 * Clipboard writes that clean up after themselves (ARCHITECTURE §1 step 5, §3: "copy" is a main-process call that
 * writes the clipboard and schedules its clearing).
 *
 * Platform-independent: Electron passes its `clipboard` module, the test bridge an in-memory one. The clearing
 * only happens if the clipboard still holds what we wrote, so a user who copied something else in the meantime
 * does not lose it.
 */

/**
 * A clipboard format that tells clipboard-history managers to skip an entry: written together with the text,
 * it marks the entry as a secret (`format` → `data`).
 */
export interface ConcealmentFormat {
  format: string;
  data: string;
}

/**
 * The markers each OS's clipboard managers honour (issue 10 §8):
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org), honoured by Maccy, Paste, Alfred, Raycast…;
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` keeps the entry out of the clipboard history
 *   (Win+V) and cloud sync ("Cloud Clipboard and Clipboard History Formats", Win32 docs);
 * - Linux and the other X11/Wayland systems: `x-kde-passwordManagerHint` = `secret` (Klipper, and the
 *   managers that follow KeePassXC).
 */
export function concealmentFormats(platform: NodeJS.Platform): ConcealmentFormat[] {
  if (platform === 'darwin') return [{ format: 'org.nspasteboard.ConcealedType', data: '1' }];
  if (platform === 'win32') return [{ format: 'ExcludeClipboardContentFromMonitorProcessing', data: '1' }];
  return [{ format: 'x-kde-passwordManagerHint', data: 'secret' }];
}

/** The three clipboard operations Anchorage needs. */
export interface ClipboardPort {
  /**
   * Replace the clipboard with `text`, plus the `concealment` formats in the same write wherever the clipboard
   * can (see main/platform-electron.ts for what Electron can do).
   */
  writeText(text: string, concealment?: readonly ConcealmentFormat[]): void;
  readText(): string;
  clear(): void;
}

/** Timer functions, injectable so tests control time. */
export interface TimerPort {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): Date;
}

export interface ClipboardGuard {
  /** Writes `text` and schedules clearing after `seconds`; returns when (ISO 8601). Replaces any earlier schedule. */
  copy(text: string, seconds: number): { clearsAt: string };
  /** Clears now if the clipboard still holds our last text; cancels the schedule. */
  clearNow(): void;
  /** Cancels a pending clear without touching the clipboard (app shutdown clears via clearNow instead). */
  dispose(): void;
}

/** The real timers and clock; a pending timer never keeps the process alive. */
export const systemTimers: TimerPort = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending clear must not keep a test bridge or CLI process alive.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => new Date(),
};

/**
 * Create the guard around a clipboard. Everything it copies is a secret (session credentials, generated
 * passwords, signed requests), so every write carries the platform's concealment formats.
 * @param clipboard the system (or in-memory) clipboard
 * @param timers defaults to the real timers and clock
 * @param platform whose concealment formats to write (default: this OS)
 */
export function createClipboardGuard(
  clipboard: ClipboardPort,
  timers: TimerPort = systemTimers,
  platform: NodeJS.Platform = process.platform,
): ClipboardGuard {
  const concealment = concealmentFormats(platform);
  let written: string | undefined;
  let pending: unknown;

  const cancel = (): void => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
  };

  const clearIfOurs = (): void => {
    // Only clear what we wrote: the user may have copied something else since.
    if (written !== undefined && clipboard.readText() === written) clipboard.clear();
    written = undefined;
  };

  return {
    copy(text, seconds) {
      cancel();
      clipboard.writeText(text, concealment);
      written = text;
      const ms = Math.max(0, Math.round(seconds * 1000));
      pending = timers.setTimeout(() => {
        pending = undefined;
        clearIfOurs();
      }, ms);
      return { clearsAt: new Date(timers.now().getTime() + ms).toISOString() };
    },
    clearNow() {
      cancel();
      clearIfOurs();
    },
    dispose() {
      cancel();
    },
  };
}
