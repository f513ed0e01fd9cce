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
