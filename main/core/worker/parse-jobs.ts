/**
 * The parsing that runs off the main thread (run-in-worker.ts): importing and inspecting user-supplied files.
 * Both the worker and tests call {@link runParseJob}; results are plain data, so they cross postMessage.
 */
import type { CertificateRole, Inspection } from '../../../shared/schemas/models';
import type { KeyType } from '../../../shared/domain/key-types';

/** What to parse. `now` is an ISO date, so the worker judges validity at the caller's clock. */
export type ParseJob =
  | { kind: 'import'; files: Uint8Array[]; password?: string }
  | {
      kind: 'inspect';
      bytes: Uint8Array;
      password?: string;
      now: string;
      as?: CertificateRole;
      caCertificate?: Uint8Array;
    };

/** An import's result as plain data: PEM text and PKCS#8 bytes. */
export interface ParsedImport {
  certificatePem: string;
  /** Issuer certificates, leaf → root, as PEM. */
  chainPem: string[];
  privateKeyPkcs8?: Uint8Array;
  keyType: KeyType;
}

export type ParseResult<J extends ParseJob> = J extends { kind: 'import' } ? ParsedImport : Inspection;

/** Run one job in this thread. */
export async function runParseJob(job: ParseJob): Promise<ParsedImport | Inspection> {
  if (job.kind === 'import') {
    const { importMaterial } = await import('../pki/import');
    const material = await importMaterial(job.files, job.password);
    return {
      certificatePem: material.certificatePem,
      chainPem: material.chainPem,
      ...(material.privateKeyPkcs8 ? { privateKeyPkcs8: material.privateKeyPkcs8 } : {}),
      keyType: material.keyType,
    };
  }
  const { inspectBytes } = await import('../pki/inspect');
  return inspectBytes(job.bytes, {
    ...(job.password !== undefined ? { password: job.password } : {}),
    now: new Date(job.now),
    ...(job.as ? { as: job.as } : {}),
    ...(job.caCertificate ? { caCertificate: job.caCertificate } : {}),
  });
}
