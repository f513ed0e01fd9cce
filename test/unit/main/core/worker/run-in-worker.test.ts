/**
 * Parsing in a worker with a time limit (issue 7): a real worker_threads worker (from source, through tsx),
 * a real timeout on a deliberately slow but allowed input (a MAC at 10,000,000 iterations, ~5 s of hashing),
 * and the main thread's event loop staying free meanwhile. No sleeps.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { MAX_PBE_ITERATIONS } from '../../../../../main/core/pki/limits';
import { createPfx } from '../../../../../main/core/pki/pkcs12';
import { PARSE_TIMEOUT_MS, parseInWorker } from '../../../../../main/core/worker/run-in-worker';
import { withIterations } from '../pki/hostile';
import { rejection } from '../../../../support/tools';
import { x509Of } from '../../../../support/pki';

let ca: IssuedCertificate;
let slow: Uint8Array;

beforeAll(async () => {
  ca = await createRootCa({ subject: { commonName: 'Worker Root' }, keyType: 'ec-p256' });
  const pfx = createPfx({
    certificate: x509Of(ca),
    privateKeyPkcs8: ca.privateKeyPkcs8,
    password: 'pw-worker',
  });
  slow = withIterations(pfx, { mac: MAX_PBE_ITERATIONS });
});

describe('parseInWorker', () => {
  it('inspects in a worker and returns plain data', async () => {
    const report = await parseInWorker({
      kind: 'inspect',
      bytes: new TextEncoder().encode(ca.certificatePem),
      now: new Date().toISOString(),
    });
    expect(report.type).toBe('certificate');
    expect(report.subject).toBe('CN=Worker Root');
  });

  it('imports in a worker: PEM and PKCS#8 bytes come back', async () => {
    const pfx = createPfx({
      certificate: x509Of(ca),
      privateKeyPkcs8: ca.privateKeyPkcs8,
      password: 'pw-worker',
    });
    const parsed = await parseInWorker({ kind: 'import', files: [pfx], password: 'pw-worker' });
    expect(parsed.certificatePem).toBe(ca.certificatePem);
    expect(parsed.privateKeyPkcs8).toBeInstanceOf(Uint8Array);
    expect(parsed.keyType).toBe('ec-p256');
  });

  it("keeps the worker's AnchorageError: code, message and hint", async () => {
    const hostile = withIterations(slow, { mac: 2 ** 31 - 1 });
    const err = await rejection(() => parseInWorker({ kind: 'import', files: [hostile], password: 'x' }));
    expect(err.code).toBe('ITERATIONS_TOO_HIGH');
    expect(err.message).toContain('2,147,483,647');
    expect(err.hint).toBeTruthy();
  });

  it('terminates a slow parse at the limit with PARSE_TIMEOUT, and the main thread stays free', async () => {
    expect(PARSE_TIMEOUT_MS).toBe(20_000);
    const limit = 1500;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const err = await rejection(() =>
      parseInWorker(
        { kind: 'inspect', bytes: slow, password: 'pw-worker', now: new Date().toISOString() },
        limit,
      ),
    );
    const elapsed = performance.now() - started;
    delay.disable();
    expect(err.code).toBe('PARSE_TIMEOUT');
    expect(err.message).toBe('Reading the file took longer than 1.5 s, so Anchorage stopped it.');
    // Stopped at the limit, not when the 10,000,000-iteration MAC (~5 s) would have finished.
    expect(elapsed).toBeGreaterThanOrEqual(limit - 50);
    expect(elapsed).toBeLessThan(limit + 1500);
    expect(delay.max / 1e6).toBeLessThan(250);
  });
});
