import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { CREDENTIAL_FORMATS } from '../../../../shared/credentials';
import CopyMenu from '../../../../renderer/components/CopyMenu';
import { TESTIDS } from '../../../../renderer/testids';
import { callsOf, createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

describe('CopyMenu and the clipboard notice', () => {
  it('offers every format of shared/credentials', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<CopyMenu profile="demo" />, bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.copyMenu));
    for (const format of CREDENTIAL_FORMATS) {
      expect(screen.getByTestId(TESTIDS.copyFormat(format.id)).textContent).toBe(format.label);
    }
  });

  it('asks main to copy, then counts down to the clipboard being cleared', async () => {
    const { bridge, calls } = createFakeBridge({ clipboardMs: 2500 });
    renderWithApp(<CopyMenu profile="demo" />, bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.copyMenu));
    fireEvent.click(screen.getByTestId(TESTIDS.copyFormat('env')));
    expect(callsOf(calls, 'sessionCopy')).toEqual([{ profile: 'demo', format: 'env' }]);

    const notice = await screen.findByTestId(TESTIDS.clipboardNotice);
    expect(notice.textContent).toContain('Credentials (Bash / zsh (export)) copied to the clipboard.');
    expect(notice.textContent).toMatch(/cleared in [23]\u00a0s/);
    expect(notice.getAttribute('data-cleared')).toBe('false');

    await waitFor(() => expect(notice.textContent).toMatch(/cleared in 1\u00a0s/), { timeout: 3000 });
    await waitFor(
      () => expect(screen.getByTestId(TESTIDS.clipboardNotice).getAttribute('data-cleared')).toBe('true'),
      {
        timeout: 3000,
      },
    );
    expect(screen.getByTestId(TESTIDS.clipboardNotice).textContent).toContain('removed from the clipboard');
  });

  it('"Clear now" asks main to clear the clipboard', async () => {
    const { bridge, calls } = createFakeBridge();
    renderWithApp(<CopyMenu profile="demo" />, bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.copyMenu));
    fireEvent.click(screen.getByTestId(TESTIDS.copyFormat('powershell')));
    fireEvent.click(await screen.findByTestId(TESTIDS.clipboardClear));
    await act(async () => undefined);
    expect(callsOf(calls, 'clipboardClear')).toHaveLength(1);
    expect(screen.getByTestId(TESTIDS.clipboardNotice).getAttribute('data-cleared')).toBe('true');
  });

  it('after a copy, the focus is back on the Copy button, not on <body>', async () => {
    const { bridge, calls } = createFakeBridge();
    renderWithApp(<CopyMenu profile="demo" />, bridge);
    const button = screen.getByTestId(TESTIDS.copyMenu);
    button.focus();
    fireEvent.click(button);
    const item = screen.getByTestId(TESTIDS.copyFormat('fish'));
    item.focus();
    fireEvent.click(item);
    await screen.findByTestId(TESTIDS.clipboardNotice);
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(callsOf(calls, 'sessionCopy')).toEqual([{ profile: 'demo', format: 'fish' }]);
    // Copying again works from there at once.
    fireEvent.click(button);
    expect(screen.getByTestId(TESTIDS.copyFormat('env'))).toBeTruthy();
  });

  it('is disabled when the card says so (an expired session)', () => {
    const { bridge } = createFakeBridge();
    renderWithApp(<CopyMenu profile="demo" disabled />, bridge);
    expect((screen.getByTestId(TESTIDS.copyMenu) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a copy failure with its hint', async () => {
    const { bridge } = createFakeBridge(
      {},
      {
        sessionCopy: () =>
          Promise.resolve({
            ok: false,
            error: { code: 'INVALID_INPUT', message: 'cmd cannot quote it', hint: 'Use PowerShell.' },
          }),
      },
    );
    renderWithApp(<CopyMenu profile="demo" />, bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.copyMenu));
    fireEvent.click(screen.getByTestId(TESTIDS.copyFormat('cmd')));
    const alert = await screen.findByTestId(TESTIDS.errorAlert);
    expect(alert.textContent).toContain('cmd cannot quote it');
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toBe('Use PowerShell.');
    expect(screen.queryByTestId(TESTIDS.clipboardNotice)).toBeNull();
  });

  it('Retry copies the same format again', async () => {
    let fail = true;
    const { bridge, calls } = createFakeBridge(
      {},
      {
        sessionCopy: () =>
          Promise.resolve(
            fail
              ? { ok: false, error: { code: 'NETWORK_ERROR', message: 'Offline.', hint: 'Reconnect.' } }
              : { ok: true, value: { clearsAt: new Date(Date.now() + 30_000).toISOString() } },
          ),
      },
    );
    renderWithApp(<CopyMenu profile="demo" />, bridge);
    fireEvent.click(screen.getByTestId(TESTIDS.copyMenu));
    fireEvent.click(screen.getByTestId(TESTIDS.copyFormat('json')));
    fail = false;
    fireEvent.click(await screen.findByTestId(TESTIDS.errorRetry));
    await screen.findByTestId(TESTIDS.clipboardNotice);
    expect(screen.queryByTestId(TESTIDS.errorAlert)).toBeNull();
    expect(callsOf(calls, 'sessionCopy')).toEqual([
      { profile: 'demo', format: 'json' },
      { profile: 'demo', format: 'json' },
    ]);
  });
});
