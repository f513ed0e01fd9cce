/**
 * Certificate revocation lists: a v2 CRL signed by the CA with a CRL number, AKI, thisUpdate and nextUpdate
 * (RFC 5280 §5), as PEM, which is what Roles Anywhere's ImportCrl takes; and reading one back for `inspect`.
 */
import { AnchorageError } from '../../../shared/errors';
import { importSigningKey, signingAlgorithm } from './keys';
import { KEY_USAGE } from './certificate-view';
import { integer, readDer } from './der';
import { bufferSource, derToPem, looksLikePem, pemBlocks } from './pem';
import { x509 } from './provider';
import { loadIssuer } from './signer';
import type { CaSigner } from './signer';
import { checkDays } from './validity';

const DAY_MS = 86_400_000;
const OID_CRL_NUMBER = '2.5.29.20';

/** One revoked certificate. */
interface RevokedEntry {
  /** The serial in @peculiar/x509's hex form (`cert.serialNumber`); see `serialHexFromDecimal`. */
  serialNumber: string;
  revokedAt: Date;
  reason?: x509.X509CrlReason;
}

/** Options for {@link createCrl}. */
export interface CreateCrlOptions {
  issuer: CaSigner;
  revoked: readonly RevokedEntry[];
  /** Monotonically increasing CRL number (RFC 5280 §5.2.3); the caller keeps the counter. */
  crlNumber: bigint | number;
  /** Days until nextUpdate, default 30. */
  nextUpdateDays?: number;
  now?: Date;
}

/** A signed CRL. */
export interface CreatedCrl {
  crl: x509.X509Crl;
  pem: string;
  der: Uint8Array;
}

/** DER INTEGER for a non-negative bigint (minimal, with a 00 pad when the top bit is set). */
function derInteger(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const body = Buffer.from(hex, 'hex');
  return new Uint8Array([0x02, body.length, ...body]);
}

/**
 * Create and sign a v2 CRL for `issuer`.
 * @throws AnchorageError INVALID_INPUT (bad CRL number or serial), INVALID_DAYS, and the issuer checks
 *   (NOT_A_CA, CERT_EXPIRED, KEY_MISMATCH).
 */
export async function createCrl(options: CreateCrlOptions): Promise<CreatedCrl> {
  const now = options.now ?? new Date();
  const nextDays = checkDays(options.nextUpdateDays ?? 30);
  const crlNumber = BigInt(options.crlNumber);
  // RFC 5280 §5.2.3: a CRL number is a non-negative integer of at most 20 octets.
  if (crlNumber < 0n || crlNumber >= 1n << 159n) {
    throw new AnchorageError(
      'INVALID_INPUT',
      'The CRL number must be between 0 and 2^159.',
      'Use the next counter value.',
    );
  }
  for (const entry of options.revoked) {
    if (!/^[0-9a-fA-F]+$/.test(entry.serialNumber)) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${entry.serialNumber}" is not a hexadecimal serial number.`,
        'Pass the serial as hex (convert a decimal serial with serialHexFromDecimal).',
      );
    }
  }
  const issuer = await loadIssuer(options.issuer, now);
  if (issuer.keyUsage !== undefined && !(issuer.keyUsage & KEY_USAGE.cRLSign)) {
    throw new AnchorageError(
      'NOT_A_CA',
      `"${issuer.subject}" may not sign CRLs (its keyUsage lacks cRLSign).`,
      'Use a CA whose keyUsage includes cRLSign, as Anchorage CAs do.',
    );
  }
  const crl = await x509.X509CrlGenerator.create({
    issuer: new x509.Name(bufferSource(issuer.name)),
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + nextDays * DAY_MS),
    signingKey: await importSigningKey(options.issuer.privateKeyPkcs8, issuer.keyType),
    signingAlgorithm: signingAlgorithm(issuer.keyType),
    extensions: [
      new x509.AuthorityKeyIdentifierExtension(Buffer.from(issuer.keyId).toString('hex')),
      new x509.Extension(OID_CRL_NUMBER, false, bufferSource(derInteger(crlNumber))),
    ],
    entries: options.revoked.map((e) => ({
      serialNumber: e.serialNumber,
      revocationDate: e.revokedAt,
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    })),
  });
  const der = new Uint8Array(crl.rawData);
  return { crl, der, pem: derToPem(der, 'X509 CRL') };
}

/** One revoked certificate as a CRL lists it. */
interface CrlEntryFacts {
  /** Decimal, as the AWS console and `Credential=` show serials. */
  serialNumber: string;
  serialHex: string;
  revokedAt: Date;
  reason?: string;
}

/** What a CRL says, read without trusting it: {@link crlSignedBy} checks the signature. */
export interface CrlFacts {
  crl: x509.X509Crl;
  crlNumber?: bigint;
  entries: CrlEntryFacts[];
}

/** Is this PEM text or DER a CRL? PEM by its label; DER by parsing. */
export function crlDer(input: Uint8Array): Uint8Array | undefined {
  if (looksLikePem(input)) {
    return pemBlocks(Buffer.from(input).toString('utf8')).find((b) => b.label === 'X509 CRL')?.der;
  }
  try {
    void new x509.X509Crl(bufferSource(input)).thisUpdate;
    return input;
  } catch {
    return undefined;
  }
}

/**
 * Parse a DER CRL: issuer, number, dates and entries.
 * @throws AnchorageError MALFORMED_PEM when it does not parse.
 */
export function readCrl(der: Uint8Array): CrlFacts {
  try {
    const crl = new x509.X509Crl(bufferSource(der));
    const numberExt = crl.getExtension(OID_CRL_NUMBER);
    const crlNumber = numberExt
      ? integer(readDer(new Uint8Array(numberExt.value)), 'the CRL number')
      : undefined;
    const entries = crl.entries.map((e) => {
      const value = BigInt(`0x${e.serialNumber || '0'}`);
      return {
        serialNumber: value.toString(10),
        serialHex: e.serialNumber.toUpperCase(),
        revokedAt: e.revocationDate,
        ...(e.reason !== undefined ? { reason: x509.X509CrlReason[e.reason] } : {}),
      };
    });
    return { crl, entries, ...(crlNumber !== undefined ? { crlNumber } : {}) };
  } catch (cause) {
    throw new AnchorageError(
      'MALFORMED_PEM',
      'The data is not a valid certificate revocation list.',
      'Check that you picked the CRL file and that it is complete.',
      { cause },
    );
  }
}

/** Whether `ca` issued the CRL: the issuer name matches its subject and the signature verifies with its key. */
export async function crlSignedBy(
  crl: x509.X509Crl,
  ca: x509.X509Certificate,
): Promise<{
  nameMatches: boolean;
  signatureValid: boolean;
}> {
  const nameMatches = Buffer.from(crl.issuerName.toArrayBuffer()).equals(
    Buffer.from(ca.subjectName.toArrayBuffer()),
  );
  let signatureValid = false;
  try {
    signatureValid = await crl.verify({ publicKey: ca });
  } catch {
    signatureValid = false;
  }
  return { nameMatches, signatureValid };
}
