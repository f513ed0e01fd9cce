import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from '../api';

export interface Loaded<T> {
  data: T | undefined;
  error: ErrorInfo | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Load data from main on mount (and on `reload`), keeping the last good value while reloading. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  const mounted = useRef(false);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  const settle = useCallback((promise: Promise<T>) => {
    return promise.then(
      (value) => {
        if (!mounted.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!mounted.current) return;
        setError(toErrorInfo(e));
        setLoading(false);
      },
    );
  }, []);

  const reload = useCallback(async () => {
    setLoading(true);
    await settle(Promise.resolve().then(() => loadRef.current()));
  }, [settle]);

  useEffect(() => {
    mounted.current = true;
    void settle(Promise.resolve().then(() => loadRef.current()));
    return () => {
      mounted.current = false;
    };
  }, [settle]);

  return { data, error, loading, reload };
}
