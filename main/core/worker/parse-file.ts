/**
 * Where a user-supplied file is parsed (issue 7, issue 11 §3): in the worker with a time limit
 * (run-in-worker.ts), or, when it is small and cannot be slow, in this thread. Its own module, so that a
 * small `inspect` loads neither node:worker_threads nor the worker's client.
 */
import { AnchorageError } from '../../../shared/errors';
import type { ParseJob, ParseResult } from './parse-jobs';

/**
 * Inputs this small are parsed in this thread (issue 11 §3): starting the worker and loading its parsers costs
 * about 45 ms, most of an `inspect`. The worker's time limit guards against input made to be slow (issue 7),
 * and what is slow in a small file is key derivation (PKCS#12, an encrypted PKCS#8 key: its iteration count
 * is free) and nothing else: parsing certificates, CRLs and CSRs takes time in proportion to their size. So a
 * job runs here only when it has no password and every file is PEM certificate, CRL or CSR blocks within
 * 16 KiB (a chain of a few certificates; anything larger, binary, a PFX or a key goes to the worker).
 */
export const IN_THREAD_MAX_BYTES = 16 * 1024;

/** PEM text whose every block is a certificate, a CRL or a CSR (RFC 7468 §5, §6, §7). */
const PLAIN_PEM =
  /^\s*(?:-----BEGIN (CERTIFICATE|X509 CRL|CERTIFICATE REQUEST)-----[A-Za-z0-9+/=\s]*-----END \1-----\s*)+$/;

function plainPem(bytes: Uint8Array): boolean {
  if (bytes.length > IN_THREAD_MAX_BYTES) return false;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return PLAIN_PEM.test(text);
}

/** Whether {@link parseFile} runs `job` in this thread. */
export function parsesInThread(job: ParseJob): boolean {
  return (
    job.kind === 'inspect' &&
    job.password === undefined &&
    plainPem(job.bytes) &&
    (job.caCertificate === undefined || plainPem(job.caCertificate))
  );
}

/**
 * Parse a user-supplied file: in this thread when it is small and cannot be slow ({@link parsesInThread}),
 * else in the worker (run-in-worker.ts), within its time limit. Either way with the same results and the same errors.
 * @throws AnchorageError as the parsers do; PARSE_TIMEOUT.
 */
export async function parseFile<J extends ParseJob>(job: J, timeoutMs?: number): Promise<ParseResult<J>> {
  if (!parsesInThread(job)) return (await import('./run-in-worker')).parseInWorker(job, timeoutMs);
  const { runParseJob } = await import('./parse-jobs');
  try {
    return (await runParseJob(job)) as ParseResult<J>;
  } catch (error) {
    // As the worker reports it (parse-worker.ts): an AnchorageError as it is, anything else by its message.
    if (error instanceof AnchorageError) throw error;
    throw new Error(error instanceof Error ? error.message : String(error));
  }
}
