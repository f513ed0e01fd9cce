import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AnchorageError } from '../../shared/errors';
import { sameName } from '../../shared/domain/names';
import type { CertificateStatus, CertificateSummary } from '../../shared/schemas/models';
import { certificateFacts, certificatePemDer } from './pki/der-summary';
import type { x509 } from './pki/provider';
import { JsonDocument } from './store/document';
import type { CertificateRecord, InventoryDoc } from './store/document-schemas';
import { INVENTORY_DOC } from './store/documents';

export type { CertificateRecord } from './store/document-schemas';

/** basicConstraints (RFC 5280 §4.2.1.9). */
const BASIC_CONSTRAINTS = '2.5.29.19';

/** A certificate is "expiring" within this many days (the UI's status chip, `anchorage list`). */
const EXPIRING_DAYS = 30;

/** The vault record that holds a certificate's private key (PKCS#8 DER). */
const KEY_PREFIX = 'key.';
export const keyRecordId = (certificateId: string) => `${KEY_PREFIX}${certificateId}`;

/** Colon-separated upper-case hex SHA-256 of the DER, as openssl and the AWS console show it. */
function sha256Fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** A stable id from the certificate itself, so the same certificate imported twice is recognised. */
export function certificateId(kind: 'ca' | 'client', der: Uint8Array): string {
  return `${kind === 'ca' ? 'ca' : 'crt'}-${createHash('sha256').update(der).digest('hex').slice(0, 12)}`;
}

export function isCaCertificate(cert: x509.X509Certificate): boolean {
  // By OID (RFC 5280 §4.2.1.9), which x509 has parsed into a BasicConstraintsExtension: this module loads x509
  // for types only, so that `list` never loads it (der-summary.ts).
  return (cert.getExtension(BASIC_CONSTRAINTS) as x509.BasicConstraintsExtension | null)?.ca === true;
}

/** The CAs and client certificates Anchorage manages, in `inventory.json` (public data only). */
export class Inventory {
  private readonly doc: JsonDocument<InventoryDoc>;

  /**
   * @param keys the vault holding `key.<id>` records: each write first removes the keys a crash left without
   *   an inventory entry (stored, then the process died before the inventory named them).
   */
  constructor(
    dataDir: string,
    private readonly keys?: { sweep(prefix: string, keep: ReadonlySet<string>): Promise<void> },
  ) {
    this.doc = new JsonDocument(join(dataDir, 'inventory.json'), INVENTORY_DOC, () => ({
      schemaVersion: 1,
      certificates: [],
      crlNumbers: {},
    }));
  }

  async all(): Promise<CertificateRecord[]> {
    return (await this.doc.read()).certificates;
  }

  /** Find by id or by name (exactly, else ignoring case: names are unique ignoring case). */
  async resolve(ref: string, kind?: 'ca' | 'client'): Promise<CertificateRecord> {
    const all = await this.all();
    const found =
      all.find((r) => r.id === ref) ??
      all.find((r) => r.name === ref) ??
      all.find((r) => sameName(r.name, ref));
    const what = kind === 'ca' ? 'CA' : kind === 'client' ? 'client certificate' : 'certificate or CA';
    if (!found || (kind && found.kind !== kind)) {
      const hint =
        kind === 'ca'
          ? 'Check the name against the list of CAs, or create the CA first.'
          : 'Check the name or id against the list of certificates.';
      throw new AnchorageError(
        'NOT_FOUND',
        found ? `"${ref}" is not a ${what}.` : `There is no ${what} named "${ref}".`,
        hint,
        {
          facts: {
            what: kind === 'ca' ? 'ca' : kind === 'client' ? 'client' : 'certificate',
            name: ref,
            reason: found ? 'wrong-kind' : 'missing',
          },
        },
      );
    }
    return found;
  }

  /**
   * Add a record; its id and name must be new. `key` stores the private key in the vault: it runs under
   * the document lock, after the duplicate checks, so a refused add never touches an existing key, and a
   * failed write removes the key it stored (nothing half-written is left behind).
   */
  async add(
    record: CertificateRecord,
    key?: { put(): Promise<unknown>; remove(): Promise<void> },
    /** Changes to other records in the same write (a renewal marks its predecessor superseded). */
    alongside?: (certificates: CertificateRecord[]) => void,
  ): Promise<void> {
    let stored = false;
    try {
      await this.update(async (doc) => {
        // First, so a renewal's predecessor gives up its name to its successor in the same write.
        alongside?.(doc.certificates);
        // The same certificate under another id: a CA renewed in place keeps its first id (renewCaInPlace).
        const der = await pemDerHex(record.certificatePem);
        let same: CertificateRecord | undefined;
        for (const r of doc.certificates) {
          if (r.id === record.id || (await pemDerHex(r.certificatePem)) === der) {
            same = r;
            break;
          }
        }
        if (same) {
          throw new AnchorageError(
            'ALREADY_EXISTS',
            `This certificate is already in the inventory as "${same.name}" (${record.id}).`,
            'Use the certificate already there, by its id or name.',
            { facts: { reason: 'duplicate', name: same.name, id: record.id } },
          );
        }
        if (doc.certificates.some((r) => sameName(r.name, record.name))) {
          throw nameTaken(record.name);
        }
        if (key) {
          await key.put();
          stored = true;
        }
        doc.certificates.push(record);
      });
    } catch (error) {
      if (stored) await key?.remove();
      throw error;
    }
  }

  /** Change one record under the lock. */
  async change(id: string, mutate: (record: CertificateRecord) => void): Promise<CertificateRecord> {
    return this.update((doc) => this.changeIn(doc, id, mutate));
  }

  /**
   * Rename a record; the new name must be free, ignoring case (its own old name aside, so "ca" → "CA" works).
   * @throws AnchorageError ALREADY_EXISTS, NOT_FOUND.
   */
  async rename(id: string, name: string): Promise<CertificateRecord> {
    return this.update((doc) => {
      const taken = doc.certificates.find((r) => r.id !== id && sameName(r.name, name));
      if (taken) throw nameTaken(name);
      return this.changeIn(doc, id, (r) => {
        r.name = name;
      });
    });
  }

  /**
   * Remove a record. `check` runs under the lock on the document as it is, so a certificate issued by another
   * process a moment ago is seen; it throws to refuse. Certificates the record issued stay, without an issuer
   * in the inventory (their issuerId becomes null). The key record is the caller's to delete afterwards
   * (or the next write's sweep removes it).
   * @returns the names of the certificates that lost their issuer.
   */
  async remove(
    id: string,
    check: (certificates: readonly CertificateRecord[]) => void,
    chainAbove: readonly string[] = [],
  ): Promise<string[]> {
    return this.update((doc) => {
      const record = doc.certificates.find((r) => r.id === id);
      if (!record) throw gone(id);
      check(doc.certificates);
      const orphaned: string[] = [];
      for (const r of doc.certificates) {
        if (r.issuerId === id && r.id !== id) {
          // Its chain stays whole: X-Amz-X509-Chain still carries the intermediates it needs.
          r.issuerId = null;
          r.extraChainPem = [...r.extraChainPem, record.certificatePem, ...chainAbove];
          orphaned.push(r.name);
        }
        if (r.supersededBy === id) r.supersededBy = null;
      }
      doc.certificates = doc.certificates.filter((r) => r.id !== id);
      return orphaned;
    });
  }

  /**
   * Give a key-less record its private key (checked against the certificate by the caller): `put` stores it in
   * the vault under the lock, and is undone if the write fails.
   * @throws AnchorageError ALREADY_EXISTS when the record has a key already, NOT_FOUND.
   */
  async attachKey(
    id: string,
    key: { put(): Promise<unknown>; remove(): Promise<void> },
  ): Promise<CertificateRecord> {
    let stored = false;
    try {
      return await this.update(async (doc) => {
        const record = doc.certificates.find((r) => r.id === id);
        if (!record) throw gone(id);
        if (record.hasPrivateKey) {
          throw new AnchorageError(
            'ALREADY_EXISTS',
            `This certificate is already in the inventory as "${record.name}" (${record.id}), with its key.`,
            'Use the certificate already there, by its id or name.',
            { facts: { reason: 'duplicate', name: record.name, id: record.id } },
          );
        }
        await key.put();
        stored = true;
        record.hasPrivateKey = true;
        return { ...record };
      });
    } catch (error) {
      if (stored) await key.remove();
      throw error;
    }
  }

  /** Replace a CA's certificate in place (`ca renew`: same key, subject and SKI), keeping its id and name. */
  async replaceCertificate(id: string, certificatePem: string): Promise<CertificateRecord> {
    return this.change(id, (r) => {
      r.certificatePem = certificatePem;
    });
  }

  private changeIn(
    doc: InventoryDoc,
    id: string,
    mutate: (record: CertificateRecord) => void,
  ): CertificateRecord {
    const record = doc.certificates.find((r) => r.id === id);
    if (!record) throw gone(id);
    mutate(record);
    return { ...record };
  }

  /** Every write: sweep orphaned keys against the document as read, then change it (all under its lock). */
  private update<R>(change: (doc: InventoryDoc) => R | Promise<R>): Promise<R> {
    return this.doc.update(async (doc) => {
      await this.keys?.sweep(KEY_PREFIX, new Set(doc.certificates.map((r) => keyRecordId(r.id))));
      return change(doc);
    });
  }

  /** The next CRL number for a CA, persisted before use so numbers never repeat. */
  async nextCrlNumber(caId: string): Promise<number> {
    return this.update((doc) => {
      const next = (doc.crlNumbers[caId] ?? 0) + 1;
      doc.crlNumbers[caId] = next;
      return next;
    });
  }
}

/** The certificate's DER in hex, without @peculiar/x509 when the PEM is as Anchorage stores it (der-summary.ts). */
async function pemDerHex(pem: string): Promise<string> {
  const der = certificatePemDer(pem);
  if (der) return der.toString('hex');
  const { certificateDer, certificateFromPem } = await import('./pki/pem');
  return Buffer.from(certificateDer(certificateFromPem(pem))).toString('hex');
}

function gone(id: string): AnchorageError {
  return new AnchorageError(
    'NOT_FOUND',
    `Certificate ${id} is gone.`,
    'Another process removed it; reload the list of certificates.',
    { facts: { what: 'certificate', reason: 'gone', id } },
  );
}

/** The one "name is taken" error (inventory writes and the service's early check). */
export function nameTaken(name: string): AnchorageError {
  return new AnchorageError('ALREADY_EXISTS', `The name "${name}" is taken.`, 'Choose another name.', {
    facts: { field: 'name', reason: 'taken', name },
  });
}

/**
 * Everything the edges show about a record, derived from the certificate itself: read from its DER
 * (der-summary.ts), or through @peculiar/x509 for the rare certificate that reader leaves to it.
 */
export async function summarize(
  record: Omit<CertificateRecord, 'supersededBy'> & { supersededBy?: string | null },
  now: Date,
): Promise<CertificateSummary> {
  const cert =
    certificateFacts(record.certificatePem) ??
    (await import('./pki/x509-summary')).x509CertificateFacts(record.certificatePem);
  const daysToExpiry = Math.floor((cert.notAfter.getTime() - now.getTime()) / 86_400_000);
  let status: CertificateStatus = 'valid';
  if (record.revokedAt) status = 'revoked';
  else if (cert.notAfter.getTime() < now.getTime()) status = 'expired';
  else if (record.supersededBy) status = 'superseded';
  else if (cert.notBefore.getTime() > now.getTime()) status = 'not-yet-valid';
  else if (daysToExpiry <= EXPIRING_DAYS) status = 'expiring';
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    subject: cert.subject,
    commonName: cert.commonName,
    issuer: cert.issuer,
    issuerId: record.issuerId,
    serialNumber: cert.serialNumber,
    serialHex: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyType: cert.keyType,
    sha256Fingerprint: sha256Fingerprint(cert.der),
    hasPrivateKey: record.hasPrivateKey,
    status,
    daysToExpiry,
    revokedAt: record.revokedAt,
    createdAt: record.createdAt,
  };
}
