/**
 * `inspect` of a small PEM runs in this thread (issue 11 §3), everything that could be slow in the worker with
 * its time limit (issue 7): worker/parse-file.ts decides, and both ways give the same answers and errors.
 */
import { describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { pemToDer } from '../../../../../main/core/pki/pem';
import { exportEncryptedPrivateKey } from '../../../../../main/core/pki/export';
import { IN_THREAD_MAX_BYTES, parseFile, parsesInThread } from '../../../../../main/core/worker/parse-file';
import type { ParseJob } from '../../../../../main/core/worker/parse-jobs';
import { parseInWorker } from '../../../../../main/core/worker/run-in-worker';

const bytes = (text: string) => new TextEncoder().encode(text);
const now = new Date().toISOString();
const inspect = (data: Uint8Array, more: Partial<ParseJob & { kind: 'inspect' }> = {}): ParseJob => ({
  kind: 'inspect',
  bytes: data,
  now,
  ...more,
});

async function material() {
  const ca = await createRootCa({ subject: { commonName: 'Parse CA' }, keyType: 'ec-p256' });
  const client = await issueClientCertificate({
    issuer: { certificate: ca.certificatePem, privateKeyPkcs8: ca.privateKeyPkcs8 },
    subject: { commonName: 'parse client' },
    keyType: 'ec-p256',
  });
  return { ca, client };
}

describe('where a file is parsed (worker/parse-file.ts)', () => {
  it('a small PEM of certificates in this thread, with the answer the worker gives', async () => {
    const { ca, client } = await material();
    const chain = `${client.certificatePem}\n${ca.certificatePem}`;
    for (const job of [
      inspect(bytes(client.certificatePem)),
      inspect(bytes(chain)),
      inspect(bytes(client.certificatePem), { caCertificate: bytes(ca.certificatePem), as: 'end-entity' }),
    ]) {
      expect(parsesInThread(job)).toBe(true);
      expect(await parseFile(job)).toEqual(await parseInWorker(job));
    }
  });

  it('in the worker: a password, a key, DER, anything past the size limit, a big CA file', async () => {
    const { ca, client } = await material();
    const pem = client.certificatePem;
    const key = exportEncryptedPrivateKey(client.privateKeyPkcs8, 'a-password-1');
    const padded = pem + '\n'.repeat(IN_THREAD_MAX_BYTES);
    const jobs: ParseJob[] = [
      inspect(bytes(pem), { password: 'a-password-1' }),
      inspect(bytes(`${pem}${key}`)),
      inspect(bytes(key)),
      inspect(pemToDer(pem, 'CERTIFICATE')),
      inspect(bytes(padded)),
      inspect(bytes(pem), { caCertificate: bytes(ca.certificatePem + ' '.repeat(IN_THREAD_MAX_BYTES)) }),
      { kind: 'import', files: [bytes(pem)] },
    ];
    for (const job of jobs) expect(parsesInThread(job)).toBe(false);
    // Just within the limit still parses here.
    const within = pem + '\n'.repeat(IN_THREAD_MAX_BYTES - bytes(pem).length);
    expect(parsesInThread(inspect(bytes(within)))).toBe(true);
  });

  it('a damaged certificate fails in this thread with the error the worker gives', async () => {
    const { client } = await material();
    const lines = client.certificatePem.split('\n');
    lines[3] = 'A'.repeat(lines[3]!.length);
    const job = inspect(bytes(lines.join('\n')));
    expect(parsesInThread(job)).toBe(true);
    const inWorker = await parseInWorker(job).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const here = await parseFile(job).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(here).toEqual(inWorker);
  });
});
