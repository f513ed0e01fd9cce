import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import AppShell from '../../../../renderer/components/AppShell';
import ClipboardNoticeProvider from '../../../../renderer/components/ClipboardNoticeProvider';
import { PAGES } from '../../../../renderer/pages';
import type { PageKey } from '../../../../renderer/pages';
import { TESTIDS } from '../../../../renderer/testids';
import { createAppTheme } from '../../../../renderer/theme';
import { emulateWindowWidth } from '../media';

let restore: (() => void) | undefined;
afterEach(() => {
  cleanup();
  restore?.();
  restore = undefined;
});

function renderShell(page: PageKey = 'credentials') {
  const onNavigate = vi.fn();
  render(
    <ThemeProvider theme={createAppTheme('light')}>
      <ClipboardNoticeProvider>
        <AppShell page={page} onNavigate={onNavigate}>
          <h1>Page</h1>
        </AppShell>
      </ClipboardNoticeProvider>
    </ThemeProvider>,
  );
  return { onNavigate };
}

describe('AppShell, wide (900 px and up)', () => {
  it('puts everything in a landmark: skip link and name in the banner, the pages in the navigation', () => {
    restore = emulateWindowWidth(1280);
    renderShell();
    expect(screen.getByTestId(TESTIDS.appShell).getAttribute('data-layout')).toBe('wide');
    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
    expect(banner.textContent).toContain('Anchorage');
    expect(screen.getByRole('main').id).toBe('main');
    expect(screen.getByRole('contentinfo').textContent).toContain('IAM Roles Anywhere');
    expect(screen.queryByTestId(TESTIDS.navMenu)).toBeNull();
  });

  it('lists the pages as links in list items, the current one marked aria-current="page"', () => {
    restore = emulateWindowWidth(1280);
    const { onNavigate } = renderShell('certificates');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const items = within(nav).getAllByRole('listitem');
    expect(items).toHaveLength(PAGES.length);
    PAGES.forEach((p, i) => {
      const link = within(items[i]!).getByRole('link', { name: p.label });
      expect(link.getAttribute('href')).toBe(`#/${p.key}`);
      expect(link.getAttribute('aria-current')).toBe(p.key === 'certificates' ? 'page' : null);
    });
    // No role=button children in the list (axe's list rule, issue 10 §7).
    expect(within(nav).queryAllByRole('button')).toHaveLength(0);
    fireEvent.click(screen.getByTestId(TESTIDS.nav('settings')));
    expect(onNavigate).toHaveBeenCalledWith('settings');
  });

  it('the skip link moves the focus to the page', () => {
    restore = emulateWindowWidth(1280);
    renderShell();
    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });
});

describe('AppShell, narrow (under 900 px)', () => {
  it('collapses the navigation behind a menu button in the app bar', async () => {
    restore = emulateWindowWidth(800);
    const { onNavigate } = renderShell('sign');
    expect(screen.getByTestId(TESTIDS.appShell).getAttribute('data-layout')).toBe('narrow');
    const banner = screen.getByRole('banner');
    const menu = within(banner).getByRole('button', { name: 'Open navigation' });
    expect(within(banner).getByRole('link', { name: 'Skip to content' })).toBeTruthy();
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('navigation')).toBeNull();

    // Open: the drawer is a named dialog, the focus is on the current page's link.
    menu.focus();
    fireEvent.click(menu);
    const drawer = await screen.findByRole('dialog', { name: 'Navigation' });
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(menu.getAttribute('aria-controls')).toBe(drawer.id);
    const current = within(drawer).getByRole('link', { name: 'Signed request' });
    expect(current.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.activeElement).toBe(current));
    expect(within(drawer).getByRole('navigation', { name: 'Main' }).textContent).toContain(
      'IAM Roles Anywhere',
    );

    // Escape closes it and gives the focus back to the menu button.
    fireEvent.keyDown(current, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(document.activeElement).toBe(menu));

    // A link navigates and closes the menu.
    fireEvent.click(menu);
    fireEvent.click(await screen.findByTestId(TESTIDS.nav('settings')));
    expect(onNavigate).toHaveBeenCalledWith('settings');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
