import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from '../api';

export interface Action<A extends unknown[], T> {
  /** Run the action; resolves to its value, or to undefined after recording the error. */
  run: (...args: A) => Promise<T | undefined>;
  busy: boolean;
  error: ErrorInfo | undefined;
  clearError: () => void;
}

/**
 * Wrap an async call to main: tracks `busy`, keeps the last error (message + hint) for an ErrorAlert, and
 * ignores double submits while a call is in flight.
 */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const inFlight = useRef(false);
  const fnRef = useRef(fn);
  // The latest closure, so `run` stays stable (safe in effect deps) yet sees current props and state.
  useLayoutEffect(() => {
    fnRef.current = fn;
  });

  const run = useCallback(async (...args: A) => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      return await fnRef.current(...args);
    } catch (e) {
      setError(toErrorInfo(e));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  const clearError = useCallback(() => setError(undefined), []);
  return { run, busy, error, clearError };
}
