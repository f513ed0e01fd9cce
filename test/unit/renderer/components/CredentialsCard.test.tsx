import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { maskSecret } from '../../../../shared/credentials';
import type { ErrorInfo } from '../../../../shared/errors';
import type { MaskedSession } from '../../../../shared/schemas/models';
import type { Result } from '../../../../shared/schemas/contract';
import CredentialsCard from '../../../../renderer/components/CredentialsCard';
import { retryDelayMs } from '../../../../renderer/hooks/use-session-refresh';
import { TESTIDS } from '../../../../renderer/testids';
import { FULL_SECRET, FULL_TOKEN, callsOf, createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Let `ms` of the card's clock (its `useNow` ticks, its retry timer and Date.now) pass, without waiting for real. */
async function elapse(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

const SERVER_ERROR: ErrorInfo = {
  code: 'AWS_SERVER_ERROR',
  message: 'IAM Roles Anywhere answered 503 (ServiceUnavailable).',
  hint: 'Try again in a moment.',
};

function masked(n: number, secondsLeft: number, fromCache = false): MaskedSession {
  return {
    profile: 'demo',
    accessKeyId: `ASIAEXAMPLE${n}`,
    secretAccessKeyMasked: 'wJal…EKEY',
    sessionTokenMasked: 'IQoJ…xxxx',
    expiration: new Date(Date.now() + secondsLeft * 1000).toISOString(),
    fromCache,
    roleArn: 'arn:aws:iam::123456789012:role/Demo',
  };
}

/** A sessionGet that answers from a script: a session (seconds left) or an error, one entry per call. */
function scripted(script: ({ left: number; cached?: boolean } | ErrorInfo)[]) {
  let n = 0;
  return (): Promise<Result<MaskedSession>> => {
    const step = script[Math.min(n, script.length - 1)]!;
    n += 1;
    return Promise.resolve(
      'code' in step ? { ok: false, error: step } : { ok: true, value: masked(n, step.left, step.cached) },
    );
  };
}

const chip = () => screen.queryByTestId(TESTIDS.sessionChip);
const copyButton = () => screen.getByTestId(TESTIDS.copyMenu) as HTMLButtonElement;

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
    expect(chip()?.getAttribute('data-state')).toBe('fresh');
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
    expect(screen.getByTestId(TESTIDS.sessionCaption).textContent).toBe(
      'Refreshed automatically 5 min before expiry.',
    );
  });

  it('refreshes by itself once the session is inside the refresh margin, marked auto', async () => {
    // The first answer is a cached one-hour session with 60 s left (inside the 300 s margin); the refresh is fresh.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { bridge, calls } = createFakeBridge(
      {},
      { sessionGet: scripted([{ left: 60, cached: true }, { left: 3600 }]) },
    );
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={3600} />,
      bridge,
    );
    await waitFor(() => expect(screen.getByTestId(TESTIDS.accessKeyId).textContent).toBe('ASIAEXAMPLE2'));
    expect(callsOf(calls, 'sessionGet')).toEqual([
      { profile: 'demo' },
      { profile: 'demo', noCache: true, auto: true },
    ]);
    expect(chip()?.getAttribute('data-state')).toBe('fresh');
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

  it('shows a CreateSession failure with its hint, its details, and Retry', async () => {
    const untrusted: ErrorInfo = {
      code: 'AWS_UNTRUSTED_CERTIFICATE',
      message: 'Untrusted signing certificate.',
      hint: 'The trust anchor must hold the CA "Anchorage Root CA".',
    };
    const { bridge, calls } = createFakeBridge({}, { sessionGet: scripted([untrusted, { left: 3600 }]) });
    renderWithApp(<CredentialsCard profile="demo" refreshMarginSeconds={300} />, bridge);
    const alert = await screen.findByTestId(TESTIDS.errorAlert);
    expect(alert.getAttribute('data-code')).toBe('AWS_UNTRUSTED_CERTIFICATE');
    expect(alert.textContent).toContain('Untrusted signing certificate.');
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toContain('Anchorage Root CA');
    // No chip describes a session that is not there, and nothing is retried on a timer.
    expect(chip()).toBeNull();
    expect(screen.queryByTestId(TESTIDS.sessionRetryNote)).toBeNull();

    fireEvent.click(screen.getByTestId(TESTIDS.errorDetailsToggle));
    expect(screen.getByTestId(TESTIDS.errorDetails).textContent).toContain('AWS_UNTRUSTED_CERTIFICATE');

    // Retry after a failed first load may use the cache, like the first load; the focus lands on the result.
    screen.getByTestId(TESTIDS.errorRetry).focus();
    fireEvent.click(screen.getByTestId(TESTIDS.errorRetry));
    await screen.findByTestId(TESTIDS.accessKeyId);
    expect(screen.queryByTestId(TESTIDS.errorAlert)).toBeNull();
    expect(callsOf(calls, 'sessionGet')).toEqual([{ profile: 'demo' }, { profile: 'demo' }]);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Session credentials · demo'));
    expect(chip()?.getAttribute('data-state')).toBe('fresh');
  });

  it('retries a failed automatic refresh with backoff, saying when, and recovers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { bridge, calls } = createFakeBridge(
      {},
      {
        sessionGet: scripted([{ left: 200, cached: true }, SERVER_ERROR, SERVER_ERROR, { left: 3600 }]),
      },
    );
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={3600} />,
      bridge,
    );
    const note = await screen.findByTestId(TESTIDS.sessionRetryNote);
    expect(note.textContent).toMatch(/^Retrying automatically in 0:0[45] \(at .+, retry 1\)\.$/);
    // The credentials shown still work: the chip says the refresh failed, never "Fresh" or "Cached" beside it.
    expect(chip()?.getAttribute('data-state')).toBe('refresh-failed');
    expect(chip()?.textContent).toBe('Refresh failed');
    expect(copyButton().disabled).toBe(false);
    expect(screen.getByTestId(TESTIDS.accessKeyId).textContent).toBe('ASIAEXAMPLE1');

    await elapse(retryDelayMs(0));
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.sessionRetryNote).textContent).toMatch(/in 0:1[45] .*retry 2/),
    );
    await elapse(retryDelayMs(1));
    await waitFor(() => expect(screen.getByTestId(TESTIDS.accessKeyId).textContent).toBe('ASIAEXAMPLE4'));
    expect(screen.queryByTestId(TESTIDS.errorAlert)).toBeNull();
    expect(chip()?.getAttribute('data-state')).toBe('fresh');
    // Only the first automatic attempt is marked auto, so main notifies once per failing refresh.
    expect(callsOf(calls, 'sessionGet')).toEqual([
      { profile: 'demo' },
      { profile: 'demo', noCache: true, auto: true },
      { profile: 'demo', noCache: true },
      { profile: 'demo', noCache: true },
    ]);
    await elapse(60_000);
    expect(callsOf(calls, 'sessionGet')).toHaveLength(4);
  });

  it('stops retrying at expiry: Expired, copy disabled, no promise of a refresh, and "Expired: refresh" works', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { bridge, calls } = createFakeBridge(
      {},
      { sessionGet: scripted([{ left: 8 }, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, { left: 3600 }]) },
    );
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={900} />,
      bridge,
    );
    const card = await screen.findByTestId(TESTIDS.credentialsCard);
    const note = await screen.findByTestId(TESTIDS.sessionRetryNote);
    const expiration = Date.parse(card.getAttribute('data-expiration') ?? '');
    const firstRetry = Date.parse(note.getAttribute('data-retry-at') ?? '');
    expect(Math.abs(firstRetry - (Date.now() + retryDelayMs(0)))).toBeLessThan(1500);
    expect(firstRetry).toBeLessThan(expiration);
    await elapse(retryDelayMs(0));
    // The next retry would be after expiry: it is moved to the expiry itself.
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.sessionRetryNote).getAttribute('data-retry-at')).toBe(
        new Date(expiration).toISOString(),
      ),
    );
    // The last attempt, at expiry, fails too: then the card is expired.
    await elapse(4000);
    await waitFor(() => expect(callsOf(calls, 'sessionGet')).toHaveLength(4));
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('expired'));
    expect(screen.getByTestId(TESTIDS.countdownText).textContent).toBe('Expired');
    expect(chip()?.getAttribute('data-state')).toBe('expired');
    expect(copyButton().disabled).toBe(true);
    expect(screen.getByTestId(TESTIDS.sessionCaption).textContent).not.toContain('Refreshed automatically');
    expect(screen.getByTestId(TESTIDS.sessionCaption).textContent).toContain('have expired');
    expect(screen.queryByTestId(TESTIDS.sessionRefresh)).toBeNull();
    expect(screen.queryByTestId(TESTIDS.sessionRetryNote)).toBeNull();
    // Nothing more on a timer once expired.
    await elapse(600_000);
    expect(callsOf(calls, 'sessionGet')).toHaveLength(4);

    const action = screen.getByTestId(TESTIDS.sessionExpiredRefresh);
    action.focus();
    fireEvent.click(action);
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('live'));
    expect(callsOf(calls, 'sessionGet')[4]).toEqual({ profile: 'demo', noCache: true });
    expect(copyButton().disabled).toBe(false);
    expect(chip()?.getAttribute('data-state')).toBe('fresh');
    expect(screen.queryByTestId(TESTIDS.sessionExpiredRefresh)).toBeNull();
    // The focus moves to where the action was: Refresh now.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.sessionRefresh)));
  });

  it('does not retry on a timer what only a change can fix (a revoked certificate)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const revoked: ErrorInfo = {
      code: 'REVOKED',
      message: 'The certificate is revoked.',
      hint: 'Issue another.',
    };
    const { bridge, calls } = createFakeBridge({}, { sessionGet: scripted([{ left: 100 }, revoked]) });
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={900} />,
      bridge,
    );
    const note = await screen.findByTestId(TESTIDS.sessionRetryNote);
    expect(note.textContent).toBe('Not retried automatically: this needs a change first.');
    expect(screen.getByTestId(TESTIDS.errorRetry)).toBeTruthy();
    await elapse(60_000);
    expect(callsOf(calls, 'sessionGet')).toHaveLength(2);
  });

  it('a failed manual refresh outside the margin is not retried on a timer; the session stays usable', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { bridge, calls } = createFakeBridge({}, { sessionGet: scripted([{ left: 3600 }, SERVER_ERROR]) });
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={3600} />,
      bridge,
    );
    fireEvent.click(await screen.findByTestId(TESTIDS.sessionRefresh));
    const note = await screen.findByTestId(TESTIDS.sessionRetryNote);
    expect(note.textContent).toMatch(/^The credentials shown still work until /);
    expect(chip()?.getAttribute('data-state')).toBe('refresh-failed');
    await elapse(60_000);
    expect(callsOf(calls, 'sessionGet')).toEqual([{ profile: 'demo' }, { profile: 'demo', noCache: true }]);
  });

  it('"Expired: refresh" pressed while the retry at expiry is still out: that retry answers it, focus included', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answer: (value: Result<MaskedSession>) => void = () => undefined;
    const replies: (() => Promise<Result<MaskedSession>>)[] = [
      () => Promise.resolve({ ok: true, value: masked(1, 8) }),
      () => Promise.resolve({ ok: false, error: SERVER_ERROR }),
      () => Promise.resolve({ ok: false, error: SERVER_ERROR }),
      () => new Promise((resolve) => (answer = resolve)),
    ];
    const { bridge, calls } = createFakeBridge({}, { sessionGet: () => replies.shift()!() });
    renderWithApp(
      <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={900} />,
      bridge,
    );
    const card = await screen.findByTestId(TESTIDS.credentialsCard);
    // The first retry fails 5 s in; the second is moved to the expiry, and is still out when the session expires.
    await elapse(retryDelayMs(0));
    await waitFor(() =>
      expect(screen.getByTestId(TESTIDS.sessionRetryNote).textContent).toContain('retry 2'),
    );
    await elapse(4000);
    await waitFor(() => expect(callsOf(calls, 'sessionGet')).toHaveLength(4));
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('expired'));
    const action = screen.getByTestId(TESTIDS.sessionExpiredRefresh);
    expect(action.textContent).toBe('Refreshing…');
    action.focus();
    fireEvent.click(action);
    expect(callsOf(calls, 'sessionGet')).toHaveLength(4);
    await act(async () => answer({ ok: true, value: masked(5, 3600) }));
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('live'));
    expect(callsOf(calls, 'sessionGet')).toHaveLength(4);
    expect(document.activeElement).toBe(screen.getByTestId(TESTIDS.sessionRefresh));
  });

  it('an automatic refresh the user did not ask for leaves the focus where it is', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { bridge } = createFakeBridge({}, { sessionGet: scripted([{ left: 8 }, { left: 3600 }]) });
    renderWithApp(
      <>
        <button type="button">elsewhere</button>
        <CredentialsCard profile="demo" refreshMarginSeconds={300} durationSeconds={900} />
      </>,
      bridge,
    );
    const card = await screen.findByTestId(TESTIDS.credentialsCard);
    await waitFor(() => expect(card.getAttribute('data-state')).toBe('live'));
    const refreshNow = screen.getByTestId(TESTIDS.sessionRefresh);
    refreshNow.blur();
    await elapse(1000);
    await waitFor(() => expect(screen.getByTestId(TESTIDS.accessKeyId).textContent).toBe('ASIAEXAMPLE2'));
    expect(document.activeElement).toBe(document.body);
  });
});
