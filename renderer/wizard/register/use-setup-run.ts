import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import type { ChannelRequest } from '../../../shared/schemas/contract';
import { api, toErrorInfo } from '../../api';
import type { SetupResult, SetupStep } from './setup-words';

/** How often the live list asks main for the steps so far (`aws.progress`), while `aws.setup` is pending. */
export const PROGRESS_POLL_MS = 300;

export type SetupRequest = Omit<ChannelRequest<'aws.setup'>, 'runId' | 'dryRun'>;

export interface SetupRun {
  /** The steps as the last answer gave them: the progress so far, then the result's. */
  steps: SetupStep[] | undefined;
  result: SetupResult | undefined;
  /** The call itself failed (bad input, no core): no step ran, or none is known. */
  error: ErrorInfo | undefined;
  busy: boolean;
  /** `dryRun` plans and calls nothing; otherwise each step runs, and the list follows it. */
  run: (request: SetupRequest, dryRun: boolean) => Promise<SetupResult | undefined>;
}

/**
 * One `aws.setup` call at a time, with a fresh random run id, polling `aws.progress` under that id until the
 * call settles (IPC answers once, so the steps in between are asked for: contract.ts, `aws.progress`).
 */
export function useSetupRun(): SetupRun {
  const [steps, setSteps] = useState<SetupStep[]>();
  const [result, setResult] = useState<SetupResult>();
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async (request: SetupRequest, dryRun: boolean) => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    setSteps(undefined);
    const runId = crypto.randomUUID();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      timer = setTimeout(() => {
        api.awsProgress({ runId }).then(
          (now) => {
            if (settled || !alive.current) return;
            if (now.length > 0) setSteps(now);
            poll();
          },
          // A failed poll changes nothing: the call's own answer says what happened.
          () => !settled && alive.current && poll(),
        );
      }, PROGRESS_POLL_MS);
    };
    if (!dryRun) poll();
    try {
      const answer = await api.awsSetup({ ...request, dryRun, runId });
      settled = true;
      if (alive.current) {
        setSteps(answer.steps);
        setResult(answer);
      }
      return answer;
    } catch (e) {
      settled = true;
      if (alive.current) setError(toErrorInfo(e));
      return undefined;
    } finally {
      settled = true;
      clearTimeout(timer);
      inFlight.current = false;
      if (alive.current) setBusy(false);
    }
  }, []);

  return { steps, result, error, busy, run };
}
