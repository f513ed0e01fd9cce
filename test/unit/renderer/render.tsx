import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import type { AnchorageApi } from '../../../shared/schemas/contract';
import ClipboardNoticeProvider from '../../../renderer/components/ClipboardNoticeProvider';
import { FALLBACK_SETTINGS, SettingsContext } from '../../../renderer/hooks/settings-context';
import { createAppTheme } from '../../../renderer/theme';

/** Render a renderer component the way App does: theme, settings and clipboard notices, with `bridge` installed. */
export function renderWithApp(ui: ReactElement, bridge: AnchorageApi) {
  window.anchorage = bridge;
  return render(
    <ThemeProvider theme={createAppTheme('light')}>
      <SettingsContext.Provider value={{ settings: FALLBACK_SETTINGS, setSettings: () => undefined }}>
        <ClipboardNoticeProvider>{ui}</ClipboardNoticeProvider>
      </SettingsContext.Provider>
    </ThemeProvider>,
  );
}
