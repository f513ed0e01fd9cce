import { performance } from 'node:perf_hooks';
import { buildCreateSessionRequest, signX509Request } from '../main/core/aws/x509-signer';
import type { X509Credential } from '../main/core/aws/x509-signer';

/** Timing of repeated CreateSession signing, in milliseconds. */
export interface SigningBenchResult {
  runs: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
}

const EXAMPLE = {
  region: 'us-east-1',
  trustAnchorArn:
    'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
  profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/6f4943fb-13d4-4242-89c4-be367595c380',
  roleArn: 'arn:aws:iam::123456789012:role/anchorage-bench',
  durationSeconds: 3600,
};

/**
 * Build and sign a CreateSession request `runs` times (after a short warm-up) and report the median, p95 and
 * mean. Shared by the unit test (a generous bound) and `npm run bench` (the 2 ms goal for RSA-2048).
 */
export function benchCreateSessionSigning(credential: X509Credential, runs = 200): SigningBenchResult {
  const sign = (): void => {
    signX509Request(buildCreateSessionRequest(EXAMPLE), credential, { region: EXAMPLE.region });
  };
  for (let i = 0; i < 10; i++) sign();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sign();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return {
    runs,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}
