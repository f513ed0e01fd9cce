/**
 * `anchorage list` reads certificates without @peculiar/x509 (issue 11 §3): der-summary.ts must give exactly
 * what x509-summary.ts (the reference, through x509) gives, for every kind of certificate an inventory holds,
 * and leave to x509 what it does not read with certainty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarize } from '../../../../../main/core/inventory';
import type { CertificateRecord } from '../../../../../main/core/inventory';
import { certificateFacts, certificatePemDer } from '../../../../../main/core/pki/der-summary';
import { pemToDer } from '../../../../../main/core/pki/pem';
import { x509CertificateFacts } from '../../../../../main/core/pki/x509-summary';
import { anchorageCorpus } from './anchorage-corpus';
import { EC_P256_NEWKEY } from '../../../../support/tools';
import { RSA, opensslNamesAndSerials, opensslSelfSigned } from './openssl-corpus';

const work = mkdtempSync(join(tmpdir(), 'anchorage-der-summary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A self-signed certificate from openssl (openssl-corpus.ts), in this test's directory. */
const openssl = (name: string, key: string[], args: string[], config?: string): string =>
  opensslSelfSigned(work, name, key, args, config);

async function anchorageCertificates(): Promise<Record<string, string>> {
  const { rsaCa, ecCa, intermediate, client, rsaClient, old } = await anchorageCorpus();
  return {
    'Anchorage CA of 1999, expired': old.certificatePem,
    'Anchorage RSA-2048 root CA': rsaCa.certificatePem,
    'Anchorage EC P-384 root CA with pathLen': ecCa.certificatePem,
    'Anchorage intermediate CA': intermediate.certificatePem,
    'Anchorage EC client with SANs and a UTF-8 CN': client.certificatePem,
    'Anchorage RSA-3072 client': rsaClient.certificatePem,
  };
}

function importedCertificates(): Record<string, string> {
  return {
    'openssl EC P-256, UTF8String names': openssl('utf8', EC_P256_NEWKEY, ['-subj', '/CN=plain/O=Org']),
    'openssl RSA-4096': openssl('rsa4096', RSA(4096), ['-subj', '/CN=big rsa']),
    ...opensslNamesAndSerials(work),
  };
}

/** Certificates whose common name der-summary.ts leaves to x509: its string type is not one it reads. */
function rareCertificates(): Record<string, string> {
  return {
    'a BMPString CN': openssl('bmp', EC_P256_NEWKEY, ['-subj', '/CN=bmp name'], 'string_mask=MASK:0x800'),
    'a TeletexString CN': openssl('t61', EC_P256_NEWKEY, ['-subj', '/CN=teletex'], 'string_mask=MASK:0x4'),
  };
}

const record = (pem: string): CertificateRecord => ({
  id: 'crt-x',
  name: 'x',
  kind: 'client',
  certificatePem: pem,
  issuerId: null,
  extraChainPem: [],
  hasPrivateKey: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
  supersededBy: null,
});

describe('certificate summaries without x509 (der-summary.ts)', () => {
  it('read every kind of certificate exactly as x509 reads it', async () => {
    const all = { ...(await anchorageCertificates()), ...importedCertificates() };
    expect(Object.keys(all).length).toBeGreaterThanOrEqual(18);
    for (const [kind, pem] of Object.entries(all)) {
      const fast = certificateFacts(pem);
      // The DER reader takes it: the comparison is of the reader, not of the fallback.
      expect(fast, kind).toBeDefined();
      expect({ kind, ...fast }).toEqual({ kind, ...x509CertificateFacts(pem) });
      expect({ kind, der: certificatePemDer(pem) }).toEqual({
        kind,
        der: Buffer.from(pemToDer(pem, 'CERTIFICATE')),
      });
    }
  });

  it('leave a rare string type to x509, and the summary is then x509 read', async () => {
    for (const [kind, pem] of Object.entries(rareCertificates())) {
      expect(certificateFacts(pem), kind).toBeUndefined();
      const summary = await summarize(record(pem), new Date());
      const reference = x509CertificateFacts(pem);
      expect(summary.commonName, kind).toBe(reference.commonName);
      expect(summary.subject, kind).toBe(reference.subject);
    }
  });

  it('leave PEM in another form to pem.ts: CRLF lines, text around the block, two blocks', async () => {
    const pem = (await anchorageCertificates())['Anchorage EC client with SANs and a UTF-8 CN']!;
    const crlf = pem.replaceAll('\n', '\r\n');
    expect(certificateFacts(crlf)).toEqual(x509CertificateFacts(pem));
    for (const other of [`subject=CN=x\n${pem}`, `${pem}${pem}`, pem.replace('\n', ' \n')]) {
      expect(certificateFacts(other)).toBeUndefined();
      expect((await summarize(record(other), new Date())).sha256Fingerprint).toBe(
        (await summarize(record(pem), new Date())).sha256Fingerprint,
      );
    }
  });

  it('refuse, as x509 does, a key Roles Anywhere does not take', async () => {
    const weak = openssl('rsa1024', RSA(1024), ['-subj', '/CN=weak', '-days', '30']);
    expect(certificateFacts(weak)).toBeUndefined();
    await expect(summarize(record(weak), new Date())).rejects.toMatchObject({ code: 'UNSUPPORTED_KEY' });
    expect(() => x509CertificateFacts(weak)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_KEY' }));
  });
});
