import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import AppShell from '../../../../renderer/components/AppShell';
import ClipboardNoticeProvider from '../../../../renderer/components/ClipboardNoticeProvider';
import { useClipboardNotice } from '../../../../renderer/hooks/clipboard-notice-context';
import type { ClipboardNoticeRequest } from '../../../../renderer/hooks/clipboard-notice-context';
import { TESTIDS } from '../../../../renderer/testids';
import { createAppTheme } from '../../../../renderer/theme';
import { callsOf, createFakeBridge } from '../fake-bridge';
import { emulateWindowWidth } from '../media';

let restore: (() => void) | undefined;
afterEach(() => {
  cleanup();
  restore?.();
  restore = undefined;
  vi.useRealTimers();
});

function CopyButton({ request }: { request: () => ClipboardNoticeRequest }) {
  const notify = useClipboardNotice();
  return <button onClick={() => notify(request())}>Copy</button>;
}

const secretCopy =
  (seconds = 30) =>
  () => ({
    what: 'Credentials (Bash / zsh (export))',
    clearsAt: new Date(Date.now() + seconds * 1000).toISOString(),
  });

function renderInShell(width: number, request: () => ClipboardNoticeRequest) {
  restore = emulateWindowWidth(width);
  const { bridge, calls } = createFakeBridge();
  window.anchorage = bridge;
  render(
    <ThemeProvider theme={createAppTheme('dark')}>
      <ClipboardNoticeProvider>
        <AppShell page="credentials" onNavigate={() => undefined}>
          <CopyButton request={request} />
        </AppShell>
      </ClipboardNoticeProvider>
    </ThemeProvider>,
  );
  return { calls };
}

describe('ClipboardNotice in the shell', () => {
  it('wide: shows in the rail, inside a status region, without taking the focus', async () => {
    renderInShell(1280, secretCopy());
    const copy = screen.getByRole('button', { name: 'Copy' });
    copy.focus();
    fireEvent.click(copy);
    const notice = await screen.findByTestId(TESTIDS.clipboardNotice);
    expect(document.activeElement).toBe(copy);
    // Room of its own in the rail (the contentinfo below the navigation), not over the page.
    expect(within(screen.getByRole('contentinfo')).getByTestId(TESTIDS.clipboardNotice)).toBe(notice);
    expect(within(screen.getByRole('main')).queryByTestId(TESTIDS.clipboardNotice)).toBeNull();
    const status = screen.getByRole('status');
    expect(status.contains(notice)).toBe(true);
    expect(notice.textContent).toContain('Credentials (Bash / zsh (export)) copied to the clipboard.');
    expect(notice.textContent).toMatch(/cleared in (30|29)\u00a0s/);
    // The ticking seconds are hidden from the live region, which would otherwise read each one.
    const ticking = within(notice).getByText(/cleared in/);
    expect(ticking.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(notice.textContent).toContain('The clipboard is cleared after 30 seconds.');
    expect(
      within(notice).getByRole('progressbar', { name: 'Time until the clipboard is cleared' }),
    ).toBeTruthy();
  });

  it('narrow: shows compact in the app bar; "Clear now" clears and the notice then goes', async () => {
    const { calls } = renderInShell(800, secretCopy());
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    const notice = await screen.findByTestId(TESTIDS.clipboardNotice);
    expect(within(screen.getByRole('banner')).getByTestId(TESTIDS.clipboardNotice)).toBe(notice);
    expect(notice.getAttribute('data-cleared')).toBe('false');
    // Compact: what was copied on one line (the sentence in full in its tooltip), the countdown on the next.
    expect(
      within(notice).getByTitle('Credentials (Bash / zsh (export)) copied to the clipboard.'),
    ).toBeTruthy();
    expect(notice.textContent).toMatch(/Cleared in (30|29)\u00a0s/);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    fireEvent.click(within(notice).getByTestId(TESTIDS.clipboardClear));
    await act(async () => undefined);
    expect(callsOf(calls, 'clipboardClear')).toHaveLength(1);
    expect(screen.getByTestId(TESTIDS.clipboardNotice).getAttribute('data-cleared')).toBe('true');
    expect(screen.getByTestId(TESTIDS.clipboardNotice).textContent).toContain(
      'Credentials (Bash / zsh (export)): removed from the clipboard.',
    );
    expect(screen.queryByTestId(TESTIDS.clipboardClear)).toBeNull();
    act(() => vi.advanceTimersByTime(4000));
    expect(screen.queryByTestId(TESTIDS.clipboardNotice)).toBeNull();
    // The status region stays, empty, ready for the next notice to be announced.
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('a public copy just confirms, with nothing to clear, and goes away by itself', async () => {
    renderInShell(1280, () => ({ what: 'Trust anchor PEM' }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    const notice = screen.getByTestId(TESTIDS.clipboardNotice);
    expect(notice.textContent).toBe('Trust anchor PEM copied to the clipboard.');
    expect(screen.queryByTestId(TESTIDS.clipboardClear)).toBeNull();
    act(() => vi.advanceTimersByTime(4000));
    expect(screen.queryByTestId(TESTIDS.clipboardNotice)).toBeNull();
  });

  it('a new copy replaces the notice and keeps the place when the window narrows', async () => {
    restore = emulateWindowWidth(1280);
    const { bridge } = createFakeBridge();
    window.anchorage = bridge;
    const theme = createAppTheme('light');
    // A new element each time: React would skip re-rendering an identical one.
    const ui = () => (
      <ThemeProvider theme={theme}>
        <ClipboardNoticeProvider>
          <AppShell page="credentials" onNavigate={() => undefined}>
            <CopyButton request={secretCopy(60)} />
          </AppShell>
        </ClipboardNoticeProvider>
      </ThemeProvider>
    );
    const view = render(ui());
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getAllByTestId(TESTIDS.clipboardNotice)).toHaveLength(1);
    restore();
    restore = emulateWindowWidth(800);
    view.rerender(ui());
    // The media query is read again on the next render: the notice moves into the app bar.
    await waitFor(() =>
      expect(within(screen.getByRole('banner')).queryByTestId(TESTIDS.clipboardNotice)).not.toBeNull(),
    );
    expect(screen.getAllByTestId(TESTIDS.clipboardNotice)).toHaveLength(1);
  });
});
