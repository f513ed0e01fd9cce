import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import {
  backoffDelay,
  describeClockOffset,
  fetchOnce,
  isRetryableError,
  measureClockOffset,
  withRetry,
} from '../../../../../main/core/aws/retry';
import { rejectionOf } from './roles-anywhere-client.fixtures';

const err = (code: ConstructorParameters<typeof AnchorageError>[0]) => new AnchorageError(code, 'm', 'h');

describe('backoffDelay (full jitter)', () => {
  it('draws from [0, min(cap, base·2^n))', () => {
    expect(backoffDelay(0, 200, 5000, () => 0)).toBe(0);
    expect(backoffDelay(0, 200, 5000, () => 0.999999)).toBe(199);
    expect(backoffDelay(1, 200, 5000, () => 0.999999)).toBe(399);
    expect(backoffDelay(3, 200, 5000, () => 0.5)).toBe(800);
    expect(backoffDelay(10, 200, 5000, () => 0.999999)).toBe(4999); // capped
  });

  it('spreads delays over the whole window', () => {
    const draws = Array.from({ length: 2000 }, () => backoffDelay(2, 100, 5000));
    expect(Math.min(...draws)).toBeLessThan(40);
    expect(Math.max(...draws)).toBeGreaterThan(360);
    expect(Math.max(...draws)).toBeLessThan(400);
  });
});

describe('withRetry', () => {
  it('retries transient failures and returns the first success', async () => {
    const slept: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw err(attempt === 1 ? 'AWS_SERVER_ERROR' : 'NETWORK_ERROR');
        return 'ok';
      },
      { sleep: async (ms) => void slept.push(ms), random: () => 0.5 },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(slept).toEqual([100, 200]);
  });

  it('stops after `attempts` and rethrows the last error unchanged', async () => {
    let calls = 0;
    const last = err('AWS_THROTTLED');
    const error = await rejectionOf(
      withRetry(
        async () => {
          calls++;
          throw last;
        },
        { attempts: 4, sleep: async () => {} },
      ),
    );
    expect(error).toBe(last);
    expect(calls).toBe(4);
  });

  for (const code of [
    'AWS_ACCESS_DENIED',
    'AWS_VALIDATION',
    'AWS_NOT_FOUND',
    'AWS_UNTRUSTED_CERTIFICATE',
    'CLOCK_SKEW',
    'INVALID_DURATION',
  ] as const) {
    it(`does not retry ${code}`, async () => {
      let calls = 0;
      await rejectionOf(
        withRetry(
          async () => {
            calls++;
            throw err(code);
          },
          { sleep: async () => {} },
        ),
      );
      expect(calls).toBe(1);
    });
  }

  it('classifies network errors, timeouts, throttling and 5xx as retryable, and nothing else', () => {
    for (const code of ['NETWORK_ERROR', 'TIMEOUT', 'AWS_THROTTLED', 'AWS_SERVER_ERROR'] as const)
      expect(isRetryableError(err(code))).toBe(true);
    expect(isRetryableError(new Error('boom'))).toBe(false);
    expect(isRetryableError(err('AWS_ERROR'))).toBe(false);
  });

  it('honours a custom policy and reports each retry', async () => {
    const seen: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 2) throw new Error('custom');
        return 1;
      },
      { isRetryable: () => true, sleep: async () => {}, onRetry: ({ attempt }) => seen.push(attempt) },
    );
    expect(seen).toEqual([1]);
  });
});

describe('fetchOnce', () => {
  it('reads the answer and measures the server clock offset from Date', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { Date: new Date(Date.now() + 600_000).toUTCString() });
      res.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      const answer = await fetchOnce(url, { method: 'GET' });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('hello');
      expect(Math.abs((answer.clockOffsetMs ?? 0) - 600_000)).toBeLessThan(2000);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('times out a body that stalls after the headers', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200);
      res.write('partial');
      // never ends
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await rejectionOf(fetchOnce(`${origin}/`, { method: 'GET' }, { timeoutMs: 200 }));
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toBe(`No answer from ${origin} within 0.2 s.`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('names the endpoint and the system error when the host does not resolve', async () => {
    const error = await rejectionOf(
      fetchOnce('http://anchorage-test.invalid/', { method: 'GET' }, { timeoutMs: 5000 }),
    );
    expect(['NETWORK_ERROR', 'TIMEOUT']).toContain(error.code);
    expect(error.message).toContain('http://anchorage-test.invalid');
  });
});

describe('clock offset', () => {
  it('parses an HTTP date and states the offset from the user’s side', () => {
    const local = new Date('2025-01-01T00:00:00Z');
    expect(measureClockOffset('Wed, 01 Jan 2025 00:20:00 GMT', local)).toBe(1_200_000);
    expect(measureClockOffset(null, local)).toBeUndefined();
    expect(measureClockOffset('garbage', local)).toBeUndefined();
    expect(describeClockOffset(1_200_000)).toBe('your clock is 1200 s behind AWS');
    expect(describeClockOffset(-90_000)).toBe('your clock is 90 s ahead of AWS');
  });
});
