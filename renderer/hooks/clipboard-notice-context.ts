import { createContext, useContext } from 'react';

export interface ClipboardNoticeRequest {
  /** What was copied, as the notice should name it: "Credentials (Bash / zsh)", "Generated PFX password". */
  what: string;
  /**
   * When main clears the clipboard (ISO 8601), as returned by the copy call. Absent for public text (a PEM,
   * a trust policy) that nobody needs to clear.
   */
  clearsAt?: string;
}

/** Show the "copied; clears in N s" notice. Provided by ClipboardNoticeProvider at the app root. */
export const ClipboardNoticeContext = createContext<(request: ClipboardNoticeRequest) => void>(
  () => undefined,
);

/** The function that shows the clipboard notice. */
export function useClipboardNotice(): (request: ClipboardNoticeRequest) => void {
  return useContext(ClipboardNoticeContext);
}

/**
 * Where the shell keeps room for the notice (issue 10 §6: it must cover no control): `rail`, the wide
 * layout's sidebar, below the navigation; `bar`, the narrow layout's top app bar, where it must be compact.
 */
export type ClipboardNoticePlacement = 'rail' | 'bar';

export interface ClipboardNoticeSlot {
  element: HTMLElement;
  placement: ClipboardNoticePlacement;
}

/** The shell's slot registers here; without one (a component rendered alone) the notice follows the content. */
export const ClipboardNoticeSlotContext = createContext<{
  register: (slot: ClipboardNoticeSlot) => void;
  unregister: (element: HTMLElement) => void;
}>({ register: () => undefined, unregister: () => undefined });
