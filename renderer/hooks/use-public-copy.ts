import { copyPublicText } from '../clipboard';
import { useClipboardNotice } from './clipboard-notice-context';
import { useAction } from './use-action';
import type { Action } from './use-action';

/** Copy public text (PEM, trust policy) and confirm it with the clipboard notice (no clearing needed). */
export function usePublicCopy(): Action<[what: string, text: string], void> {
  const notify = useClipboardNotice();
  return useAction(async (what: string, text: string) => {
    await copyPublicText(text);
    notify({ what });
  });
}
