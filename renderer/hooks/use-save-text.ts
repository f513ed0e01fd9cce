import { useState } from 'react';
import { api } from '../api';
import { useAction } from './use-action';
import type { Action } from './use-action';

/** Save text through main's save dialog; `savedTo` is the path (null when the user cancelled). */
export function useSaveText(): Action<[suggestedName: string, text: string], void> & {
  savedTo: string | null | undefined;
} {
  const [savedTo, setSavedTo] = useState<string | null | undefined>();
  const action = useAction(async (suggestedName: string, text: string) => {
    const { path } = await api.fileSaveText({ suggestedName, text });
    setSavedTo(path);
  });
  return { ...action, savedTo };
}
