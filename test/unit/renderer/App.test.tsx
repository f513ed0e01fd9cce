import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import App from '../../../renderer/App';
import { TESTIDS } from '../../../renderer/testids';
import { createFakeBridge, fakeCert } from './fake-bridge';
import { emulateWindowWidth } from './media';

let restoreWidth: (() => void) | undefined;
afterEach(() => {
  cleanup();
  restoreWidth?.();
  restoreWidth = undefined;
  window.history.replaceState(null, '', '#');
});

describe('App', () => {
  it('opens the setup wizard on first run (no CA yet)', async () => {
    window.anchorage = createFakeBridge().bridge;
    render(<App />);
    expect(await screen.findByTestId(TESTIDS.wizardStepCa)).toBeTruthy();
    expect(screen.getByTestId(TESTIDS.nav('wizard')).getAttribute('aria-current')).toBe('page');
  });

  it('opens Credentials when a CA exists, and every page from the nav', async () => {
    window.anchorage = createFakeBridge({ certs: [fakeCert({ kind: 'ca' })] }).bridge;
    render(<App />);
    expect((await screen.findByTestId(TESTIDS.pageTitle)).textContent).toBe('Credentials');
    const titles: Record<string, string> = {
      certificates: 'Certificates',
      sign: 'Signed request',
      settings: 'Settings',
      wizard: 'Set up Anchorage',
    };
    for (const [page, title] of Object.entries(titles)) {
      fireEvent.click(screen.getByTestId(TESTIDS.nav(page)));
      expect((await screen.findByText(title, { selector: 'h1' })).textContent).toBe(title);
      expect(window.location.hash).toBe(`#/${page}`);
    }
    // Every nav entry is a labelled link to its page's hash, in a list item; the current one is marked.
    for (const page of Object.keys(titles)) {
      const item = screen.getByTestId(TESTIDS.nav(page));
      expect(item.tagName).toBe('A');
      expect(item.getAttribute('href')).toBe(`#/${page}`);
      expect(item.parentElement?.tagName).toBe('LI');
      expect(item.textContent).not.toBe('');
    }
    expect(screen.getByTestId(TESTIDS.nav('wizard')).getAttribute('aria-current')).toBe('page');
  });

  it('under 900 px, reaches every page through the menu button of the app bar', async () => {
    restoreWidth = emulateWindowWidth(800);
    window.anchorage = createFakeBridge({ certs: [fakeCert({ kind: 'ca' })] }).bridge;
    render(<App />);
    expect((await screen.findByTestId(TESTIDS.pageTitle)).textContent).toBe('Credentials');
    expect(screen.getByTestId(TESTIDS.appShell).getAttribute('data-layout')).toBe('narrow');
    expect(screen.queryByTestId(TESTIDS.nav('settings'))).toBeNull();
    fireEvent.click(screen.getByTestId(TESTIDS.navMenu));
    fireEvent.click(await screen.findByTestId(TESTIDS.nav('settings')));
    expect((await screen.findByText('Settings', { selector: 'h1' })).textContent).toBe('Settings');
    expect(window.location.hash).toBe('#/settings');
    await waitFor(() => expect(screen.queryByTestId(TESTIDS.navDrawer)).toBeNull());
  });
});
