import { describe, expect, it } from 'vitest';
import { decomposeColor, getContrastRatio, getOverlayAlpha, recomposeColor } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';
import { createAppTheme } from '../../../renderer/theme';

/** `color` (any CSS colour, with alpha) painted over the opaque `background`. */
function over(color: string, background: string): string {
  const fg = decomposeColor(color);
  const bg = decomposeColor(background);
  const a = fg.values[3] ?? 1;
  const mix = [0, 1, 2].map((i) => Math.round(fg.values[i]! * a + bg.values[i]! * (1 - a)));
  return recomposeColor({ type: 'rgb', values: [mix[0]!, mix[1]!, mix[2]!] });
}

/**
 * The surfaces text is read on: the page, a card, and in dark mode the raised ones, whose paper MUI lightens
 * with a white overlay by elevation (a menu at 8, a drawer at 16, a dialog at 24).
 */
function surfaces(theme: Theme): Record<string, string> {
  const { background } = theme.palette;
  const all: Record<string, string> = { page: background.default, paper: background.paper };
  if (theme.palette.mode === 'dark') {
    for (const elevation of [8, 16, 24]) {
      all[`elevation ${elevation}`] = over(
        `rgba(255,255,255,${getOverlayAlpha(elevation)})`,
        background.paper,
      );
    }
  }
  return all;
}

describe.each(['light', 'dark'] as const)('createAppTheme(%s)', (mode) => {
  const theme = createAppTheme(mode);
  const { palette } = theme;

  it('has every text colour at 4.5:1 or more on every surface, disabled text included', () => {
    const texts: Record<string, string> = {
      'text.primary': palette.text.primary,
      'text.secondary': palette.text.secondary,
      'text.disabled': palette.text.disabled,
      'action.active': palette.action.active,
      primary: palette.primary.main,
      secondary: palette.secondary.main,
      error: palette.error.main,
      warning: palette.warning.main,
      info: palette.info.main,
      success: palette.success.main,
    };
    const low: string[] = [];
    for (const [surface, bg] of Object.entries(surfaces(theme))) {
      for (const [name, color] of Object.entries(texts)) {
        const ratio = getContrastRatio(over(color, bg), bg);
        if (ratio < 4.5) low.push(`${name} on ${surface}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(low).toEqual([]);
  });

  it('puts readable text on every filled colour (contained buttons, filled chips and alerts)', () => {
    for (const key of ['primary', 'secondary', 'error', 'warning', 'info', 'success'] as const) {
      const { main, contrastText } = palette[key];
      expect(getContrastRatio(over(contrastText, main), main), key).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('draws a focus ring of 3:1 or more on every ButtonBase, list and menu item, tab and link', () => {
    const components = theme.components!;
    const ring = (overrides: unknown, selector: string) =>
      (overrides as { root: Record<string, { outline: string }> }).root[selector]?.outline;
    const outlines = [
      ring(components.MuiButtonBase?.styleOverrides, '&.Mui-focusVisible'),
      ring(components.MuiListItemButton?.styleOverrides, '&&.Mui-focusVisible'),
      ring(components.MuiMenuItem?.styleOverrides, '&&.Mui-focusVisible'),
      ring(components.MuiTab?.styleOverrides, '&&.Mui-focusVisible'),
      ring(components.MuiLink?.styleOverrides, '&:focus-visible, &.Mui-focusVisible'),
    ];
    for (const outline of outlines) {
      expect(outline).toMatch(/^2px solid /);
      const color = outline!.replace('2px solid ', '');
      for (const [surface, bg] of Object.entries(surfaces(theme))) {
        expect(getContrastRatio(color, bg), `ring on ${surface}`).toBeGreaterThanOrEqual(3);
      }
    }
    // Any other focusable element (a link, a scrollable code block) gets the ring from the baseline.
    const baseline = components.MuiCssBaseline?.styleOverrides as Record<string, { outline: string }>;
    expect(baseline[':where(:focus-visible)']?.outline).toBe(outlines[0]);
  });
});
