import { createContext, useContext } from 'react';
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS, DEFAULT_REFRESH_MARGIN_SECONDS } from '../../shared/defaults';
import type { Settings } from '../../shared/models';

export interface SettingsState {
  settings: Settings;
  /** Replace the app's copy after main saved new settings. */
  setSettings: (settings: Settings) => void;
}

/** Defaults until main answers (the same as shared/models DEFAULT_SETTINGS, without importing zod). */
export const FALLBACK_SETTINGS: Settings = {
  clipboardClearSeconds: DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  refreshMarginSeconds: DEFAULT_REFRESH_MARGIN_SECONDS,
  defaultKeyType: 'ec-p256',
};

export const SettingsContext = createContext<SettingsState>({
  settings: FALLBACK_SETTINGS,
  setSettings: () => undefined,
});

/** The user's settings (clipboard delay, refresh margin, default key type). */
export function useSettings(): SettingsState {
  return useContext(SettingsContext);
}
