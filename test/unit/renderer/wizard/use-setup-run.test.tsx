// The live list's polling (issue 12 §6): `aws.progress` every PROGRESS_POLL_MS while `aws.setup` is pending,
// under the run's id, and never after the call has settled. Fake timers stand in for the interval, so the test
// counts polls instead of waiting for them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { PROGRESS_POLL_MS, useSetupRun } from '../../../../renderer/wizard/register/use-setup-run';
import type { ChannelResponse, Result } from '../../../../shared/schemas/contract';
import { callsOf, createFakeBridge } from '../fake-bridge';

type SetupResult = ChannelResponse<'aws.setup'>;

const REQUEST = {
  operator: { kind: 'aws-profile' as const },
  ca: 'ca-1',
  certificate: 'crt-1',
  roleName: 'Anchorage-agent',
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useSetupRun', () => {
  it('polls aws.progress under the run id while aws.setup is pending, and stops when it settles', async () => {
    let settle!: (r: Result<SetupResult>) => void;
    const { bridge, calls } = createFakeBridge({}, { awsSetup: () => new Promise((r) => (settle = r)) });
    window.anchorage = bridge;
    const { result } = renderHook(() => useSetupRun());

    let answer: Promise<SetupResult | undefined>;
    act(() => {
      answer = result.current.run(REQUEST, false);
    });
    expect(callsOf(calls, 'awsProgress')).toHaveLength(0);
    await act(() => vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS));
    expect(callsOf(calls, 'awsProgress')).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 3));
    expect(callsOf(calls, 'awsProgress')).toHaveLength(4);
    const runId = (callsOf(calls, 'awsSetup')[0] as { runId: string }).runId;
    expect(callsOf(calls, 'awsProgress')).toEqual(Array(4).fill({ runId }));

    const value: SetupResult = {
      dryRun: false,
      region: 'eu-west-1',
      complete: true,
      steps: [{ id: 'trust-anchor', status: 'reused', calls: [] }],
      operatorPolicy: { Version: '2012-10-17', Statement: [] },
    };
    await act(async () => {
      settle({ ok: true, value });
      await answer;
    });
    expect(result.current.result).toEqual(value);
    expect(result.current.steps).toEqual(value.steps);
    expect(result.current.busy).toBe(false);
    await act(() => vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 5));
    expect(callsOf(calls, 'awsProgress')).toHaveLength(4);
  });

  it('does not poll a dry run, and gives each run its own id', async () => {
    const { bridge, calls } = createFakeBridge();
    window.anchorage = bridge;
    const { result } = renderHook(() => useSetupRun());
    await act(() => result.current.run(REQUEST, true));
    await act(() => result.current.run(REQUEST, true));
    await act(() => vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 3));
    expect(callsOf(calls, 'awsProgress')).toHaveLength(0);
    const [a, b] = callsOf(calls, 'awsSetup') as Array<{ runId: string; dryRun: boolean }>;
    expect(a!.dryRun).toBe(true);
    expect(a!.runId).not.toBe(b!.runId);
  });
});
