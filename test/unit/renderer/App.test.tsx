import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import App from '../../../renderer/App';
import { TESTIDS } from '../../../renderer/testids';
import { createFakeBridge, fakeCert } from './fake-bridge';

afterEach(() => {
  cleanup();
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
    // Every nav entry is a labelled, focusable control.
    for (const page of Object.keys(titles)) {
      const item = screen.getByTestId(TESTIDS.nav(page));
      expect(item.getAttribute('role') ?? item.tagName.toLowerCase()).toMatch(/button|a/);
      expect(item.textContent).not.toBe('');
    }
  });
});
