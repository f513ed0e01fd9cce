import { createTheme } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';

/**
 * The app's look, in light and dark. The mode follows the OS (App.tsx reads `prefers-color-scheme`).
 * Fonts are the system stack: the CSP allows no external origin and the app makes no network request for them.
 */
const SYSTEM_FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Roboto, Ubuntu, "Helvetica Neue", Arial, sans-serif';
export const MONO_FONT =
  'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';

/** Build the theme for one mode. */
export function createAppTheme(mode: 'light' | 'dark'): Theme {
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      primary: { main: dark ? '#7cb3ff' : '#1d5fbf' },
      secondary: { main: dark ? '#5fd4c0' : '#0f7f72' },
      background: dark ? { default: '#0f1319', paper: '#161b23' } : { default: '#f5f7fa', paper: '#ffffff' },
      divider: dark ? 'rgba(255,255,255,0.10)' : 'rgba(15,23,42,0.10)',
    },
    shape: { borderRadius: 10 },
    typography: {
      fontFamily: SYSTEM_FONT,
      h4: { fontWeight: 650, letterSpacing: '-0.01em' },
      h5: { fontWeight: 650, letterSpacing: '-0.005em' },
      h6: { fontWeight: 600 },
      subtitle1: { fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiPaper: {
        styleOverrides: {
          outlined: { borderColor: dark ? 'rgba(255,255,255,0.10)' : 'rgba(15,23,42,0.10)' },
        },
      },
      MuiTextField: { defaultProps: { fullWidth: true } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiAlert: { styleOverrides: { root: { alignItems: 'flex-start' } } },
    },
  });
}
