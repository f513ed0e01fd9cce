/**
 * Clipboard writes that clean up after themselves (ARCHITECTURE §1 step 5, §3: "copy" is a main-process call that
 * writes the clipboard and schedules its clearing).
 *
 * Platform-independent: Electron passes its `clipboard` module, the test bridge an in-memory one. The clearing
 * only happens if the clipboard still holds what we wrote, so a user who copied something else in the meantime
 * does not lose it.
 */

/** The three clipboard operations Anchorage needs. */
export interface ClipboardPort {
  writeText(text: string): void;
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

const systemTimers: TimerPort = {
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
 * Create the guard around a clipboard.
 * @param clipboard the system (or in-memory) clipboard
 * @param timers defaults to the real timers and clock
 */
export function createClipboardGuard(
  clipboard: ClipboardPort,
  timers: TimerPort = systemTimers,
): ClipboardGuard {
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
      clipboard.writeText(text);
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
