import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { maskSecret } from '../../../../shared/credentials';
import CredentialsCard from '../../../../renderer/components/CredentialsCard';
import { TESTIDS } from '../../../../renderer/testids';
import { FULL_SECRET, FULL_TOKEN, callsOf, createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Let `ms` of the card's clock (its `useNow` ticks and Date.now) pass, without waiting for real. */
async function elapse(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

describe('CredentialsCard', () => {
  it('hides the secret; reveal shows only the masked form main sent', async () => {
    const { bridge } = createFakeBridge();
    const { container } = renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} />,
      bridge,
    );
    expect((await screen.findByTestId(TESTIDS.accessKeyId)).textContent).toBe('ASIAEXAMPLEKEYID0001');
    const secret = screen.getByTestId(TESTIDS.secretValue);
    expect(secret.textContent).toMatch(/^•+$/);
    expect(secret.getAttribute('data-revealed')).toBe('false');

    fireEvent.click(screen.getByTestId(TESTIDS.secretReveal));
    expect(secret.textContent).toBe(maskSecret(FULL_SECRET));
    expect(secret.getAttribute('data-revealed')).toBe('true');
    expect(screen.getByTestId(TESTIDS.secretReveal).getAttribute('aria-pressed')).toBe('true');
    // The full values never appear anywhere in the DOM.
    expect(container.ownerDocument.body.innerHTML).not.toContain(FULL_SECRET);
    expect(container.ownerDocument.body.innerHTML).not.toContain(FULL_TOKEN);
    expect(container.textContent).toContain('Copy as…');
  });

  it('shows a countdown to expiry', async () => {
    const { bridge } = createFakeBridge({ sessionSeconds: 3600 });
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={3600} />,
      bridge,
    );
    const bar = await screen.findByTestId(TESTIDS.countdown);
    const remaining = Number(bar.getAttribute('data-remaining-seconds'));
    expect(remaining).toBeGreaterThan(3590);
    expect(remaining).toBeLessThanOrEqual(3600);
    expect(screen.getByTestId(TESTIDS.countdownText).textContent).toMatch(/^(1:00:00|59:5\d)$/);
    expect(bar.getAttribute('role')).toBe('progressbar');
  });

  it('refreshes by itself once the session is inside the refresh margin', async () => {
    // The first answer is a cached one-hour session with 60 s left (inside the 300 s margin); the refresh is fresh.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answers = 0;
    const { bridge, calls } = createFakeBridge(
      {},
      {
        sessionGet: (req) => {
          answers += 1;
          const left = answers === 1 ? 60 : 3600;
          return Promise.resolve({
            ok: true,
            value: {
              profile: req.profile,
              accessKeyId: `ASIAEXAMPLE${answers}`,
              secretAccessKeyMasked: 'wJal…EKEY',
              sessionTokenMasked: 'IQoJ…xxxx',
              expiration: new Date(Date.now() + left * 1000).toISOString(),
              fromCache: answers === 1,
              roleArn: 'arn:aws:iam::123456789012:role/Demo',
            },
          });
        },
      },
    );
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={3600} />,
      bridge,
    );
    await waitFor(() => expect(screen.getByTestId(TESTIDS.accessKeyId).textContent).toBe('ASIAEXAMPLE2'));
    expect(callsOf(calls, 'sessionGet')).toEqual([{ profile: 'demo' }, { profile: 'demo', noCache: true }]);
    // A fresh session outside the margin is left alone.
    await elapse(1200);
    expect(callsOf(calls, 'sessionGet')).toHaveLength(2);
  });

  it('does not loop when the margin is longer than the session', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { bridge, calls } = createFakeBridge({ sessionSeconds: 200 });
    renderWithApp(<CredentialsCard profile="demo" refreshMarginSeconds={300} />, bridge);
    await screen.findByTestId(TESTIDS.countdown);
    await elapse(1200);
    expect(callsOf(calls, 'sessionGet')).toEqual([{ profile: 'demo' }]);
  });

  it('shows a CreateSession failure with its hint', async () => {
    const { bridge } = createFakeBridge(
      {},
      {
        sessionGet: () =>
          Promise.resolve({
            ok: false,
            error: {
              code: 'AWS_UNTRUSTED_CERTIFICATE',
              message: 'Untrusted signing certificate.',
              hint: 'The trust anchor must hold the CA "Anchorage Root CA".',
            },
          }),
      },
    );
    renderWithApp(<CredentialsCard profile="demo" refreshMarginSeconds={300} />, bridge);
    const alert = await screen.findByTestId(TESTIDS.errorAlert);
    expect(alert.getAttribute('data-code')).toBe('AWS_UNTRUSTED_CERTIFICATE');
    expect(alert.textContent).toContain('Untrusted signing certificate.');
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toContain('Anchorage Root CA');
  });
});
