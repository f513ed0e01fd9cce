import { createContext, useContext } from 'react';
import { DEFAULT_SETTINGS } from '../../shared/domain/defaults';
import type { Settings } from '../../shared/schemas/models';

export interface SettingsState {
  settings: Settings;
  /** Replace the app's copy after main saved new settings. */
  setSettings: (settings: Settings) => void;
}

/** What the app shows until main answers: the defaults themselves (shared/domain/defaults.ts). */
export const FALLBACK_SETTINGS: Settings = DEFAULT_SETTINGS;

export const SettingsContext = createContext<SettingsState>({
  settings: FALLBACK_SETTINGS,
  setSettings: () => undefined,
});

/** The user's settings (clipboard delay, refresh margin, default key type). */
export function useSettings(): SettingsState {
  return useContext(SettingsContext);
}
