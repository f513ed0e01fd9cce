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
});
