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

/**
 * Styles that keep text for a screen reader while showing nothing (the skip link until it has focus). Sizes
 * are strings: in `sx`, a bare 1 means 100 % and a margin of -1 means one spacing unit.
 */
export const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * Colours chosen for WCAG 2.1 AA (issue 10 §7): every colour that is used as text (an outlined chip, a text
 * button, helper text, a status word) is at least 4.5:1 on the page, on a card and, in dark mode, on the
 * lightest raised surface (a dialog at elevation 24, whose white overlay is 16 %). MUI's defaults miss in
 * places: disabled text is 2.67:1, light warning 3.1:1, light info 4.1:1 (the old clipboard notice's 3.85:1
 * was white on it), dark error 2.8:1 on a dialog.
 */
const LIGHT = {
  primary: '#1d5fbf', // 5.7:1 on the page, 6.1:1 on white
  secondary: '#0b7366', // 5.4:1
  error: '#c62828', // 5.2:1
  warning: '#9a5b00', // 5.1:1; white on it 5.4:1
  info: '#0b6bb0', // 5.2:1
  success: '#2e7d32', // 4.8:1
  // Disabled text (helper text of a disabled field, a disabled select's value) still has to be read: 5.2:1.
  textDisabled: 'rgba(0,0,0,0.58)',
  // Icons and unselected toggle buttons' text: MUI's 0.54 is 4.49:1 on the page.
  actionActive: 'rgba(0,0,0,0.6)',
  background: { default: '#f5f7fa', paper: '#ffffff' },
  divider: 'rgba(15,23,42,0.10)',
};
const DARK = {
  primary: '#7cb3ff', // 8.7:1 on the page, 4.8:1 on a dialog; black text on it 8.3:1
  secondary: '#5fd4c0',
  error: '#ff9a8f', // 5.0:1 on a dialog
  warning: '#ffb74d',
  info: '#7cc4fa',
  success: '#81c784',
  textDisabled: 'rgba(255,255,255,0.62)', // 5.1:1 on a dialog
  actionActive: '#ffffff',
  background: { default: '#0f1319', paper: '#161b23' },
  divider: 'rgba(255,255,255,0.10)',
};

/**
 * The keyboard focus ring (issue 10 §7: "visible focus rings on every control"). MUI marks keyboard focus
 * with `.Mui-focusVisible` on every ButtonBase (buttons of every variant, icon buttons, list and menu items,
 * tabs, chips, switches, checkboxes, radios, sort labels) and otherwise shows only a faint ripple; contained
 * and outlined buttons showed nothing. The ring is the primary colour, at least 3:1 against the page and the
 * surfaces in both modes (WCAG 1.4.11), drawn outside the control so it never sits on the control's own fill.
 */
function focusRing(color: string, offset = 2) {
  return { outline: `2px solid ${color}`, outlineOffset: offset };
}

/** Build the theme for one mode. */
export function createAppTheme(mode: 'light' | 'dark'): Theme {
  const dark = mode === 'dark';
  const c = dark ? DARK : LIGHT;
  const ring = focusRing(c.primary);
  // Inside a list or a menu the ring is drawn inset: the surface around the item would clip an outer one.
  const insetRing = focusRing(c.primary, -2);
  return createTheme({
    palette: {
      mode,
      primary: { main: c.primary },
      secondary: { main: c.secondary },
      error: { main: c.error },
      warning: { main: c.warning },
      info: { main: c.info },
      success: { main: c.success },
      // MUI's contrastThreshold of 3 would put white on some of these; 4.5 picks the readable side.
      contrastThreshold: 4.5,
      text: { disabled: c.textDisabled },
      action: { active: c.actionActive },
      background: c.background,
      divider: c.divider,
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
      MuiCssBaseline: {
        styleOverrides: {
          // Any other focusable element (a link, a scrollable <pre tabindex=0>) gets the same ring. `:where`
          // keeps this at zero specificity, so inputs, whose focus is their own border, keep `outline: 0`.
          ':where(:focus-visible)': ring,
        },
      },
      MuiButtonBase: {
        styleOverrides: { root: { '&.Mui-focusVisible': ring } },
      },
      // `&&` outranks the ButtonBase rule above, whichever of the two styles was inserted last.
      MuiListItemButton: {
        styleOverrides: { root: { '&&.Mui-focusVisible': insetRing } },
      },
      MuiMenuItem: {
        styleOverrides: { root: { '&&.Mui-focusVisible': insetRing } },
      },
      MuiTab: {
        styleOverrides: { root: { '&&.Mui-focusVisible': insetRing } },
      },
      MuiLink: {
        styleOverrides: { root: { '&:focus-visible, &.Mui-focusVisible': { ...ring, borderRadius: 2 } } },
      },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiPaper: {
        styleOverrides: {
          outlined: { borderColor: c.divider },
        },
      },
      MuiTextField: { defaultProps: { fullWidth: true } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiAlert: { styleOverrides: { root: { alignItems: 'flex-start' } } },
    },
  });
}
