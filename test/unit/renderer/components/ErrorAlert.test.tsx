import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { ErrorInfo } from '../../../../shared/errors';
import ErrorAlert from '../../../../renderer/components/ErrorAlert';
import { TESTIDS } from '../../../../renderer/testids';
import { createFakeBridge } from '../fake-bridge';
import { renderWithApp } from '../render';

afterEach(cleanup);

const TAKEN: ErrorInfo = {
  code: 'ALREADY_EXISTS',
  message: 'There is already a profile named "dev".',
  hint: 'Change its fields, or replace it as a whole.',
  facts: { what: 'profile', reason: 'taken', name: 'dev' },
};

function show(props: Partial<Parameters<typeof ErrorAlert>[0]> = {}) {
  const { bridge } = createFakeBridge();
  return renderWithApp(<ErrorAlert error={TAKEN} {...props} />, bridge);
}

describe('ErrorAlert', () => {
  it('shows the message, the hint in the app’s words, and details with the code and core’s message', () => {
    show();
    expect(screen.getByRole('alert').textContent).toContain('There is already a profile named "dev".');
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toBe(
      'Choose Replace to overwrite it, or type another name.',
    );
    const toggle = screen.getByTestId(TESTIDS.errorDetailsToggle);
    const details = screen.getByTestId(TESTIDS.errorDetails);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(details.id);
    expect(details.hidden).toBe(true);

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    expect(details.textContent).toContain('ALREADY_EXISTS');
    expect(details.textContent).toContain('There is already a profile named "dev".');
    // Core's own hint stays out: the advice is the app's.
    expect(details.textContent).not.toContain('replace it as a whole');
    fireEvent.click(toggle);
    expect(details.hidden).toBe(true);
  });

  it('offers Retry only when asked to, and keeps it focusable while retrying', () => {
    const onRetry = vi.fn();
    const { rerender } = show();
    expect(screen.queryByTestId(TESTIDS.errorRetry)).toBeNull();
    rerender(<ErrorAlert error={TAKEN} onRetry={onRetry} />);
    fireEvent.click(screen.getByTestId(TESTIDS.errorRetry));
    expect(onRetry).toHaveBeenCalledTimes(1);

    rerender(<ErrorAlert error={TAKEN} onRetry={onRetry} retrying />);
    const retry = screen.getByTestId(TESTIDS.errorRetry) as HTMLButtonElement;
    expect(retry.textContent).toBe('Retrying…');
    expect(retry.disabled).toBe(false);
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('keeps its close button, and shows nothing without an error', () => {
    const onClose = vi.fn();
    const { rerender, container } = show({ onClose });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    rerender(<ErrorAlert error={undefined} />);
    expect(container.textContent).toBe('');
  });

  it('words a field the IPC door names with the form’s label, never with schema text', () => {
    show({
      error: {
        code: 'INVALID_INPUT',
        message: 'Some of what was sent is not valid: region.',
        hint: 'Check the highlighted fields and try again.',
        facts: { field: 'region', reason: 'required', channel: 'profile.add' },
      },
    });
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toBe(
      'Fill in the Region field, or paste the trust anchor ARN first.',
    );
    cleanup();
    show({
      error: {
        code: 'INVALID_INPUT',
        message: 'Some of what was sent is not valid: patch.trustAnchorArn.',
        hint: 'Check the highlighted fields and try again.',
        facts: { field: 'patch.trustAnchorArn', reason: 'invalid', channel: 'profile.set' },
      },
    });
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toBe('Correct the Trust anchor ARN field.');
  });

  it('words USER_GESTURE_REQUIRED with what to do', () => {
    show({
      error: {
        code: 'USER_GESTURE_REQUIRED',
        message: 'Opening a link needs a click.',
        hint: 'Try again.',
      },
    });
    expect(screen.getByTestId(TESTIDS.errorHint).textContent).toContain('Click the link again');
  });
});
