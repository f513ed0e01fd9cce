/**
 * What a certificate's summary shows (inventory.ts `summarize`: `anchorage list`, the app's table), read from
 * the DER with ./der alone, so that listing certificates never loads @peculiar/x509 (issue 11 §3: about 15 ms
 * of a `list`). x509-summary.ts reads the same facts through @peculiar/x509 and stays the reference: this
 * reader takes only the forms whose reading is certain to agree with it (RFC 5280 §4.1: one PEM block as
 * derToPem writes it, UTCTime and GeneralizedTime in their DER form, §4.1.2.5; a common name that is a
 * UTF8String, PrintableString or IA5String; a key Roles Anywhere accepts) and answers `undefined` for anything
 * else, for the caller to read with x509-summary.ts. test/unit/main/pki/der-summary.test.ts compares the two.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyType } from '../../../shared/domain/key-types';
import { CONTEXT, children, oid, readDer, sequence } from './der';
import type { DerNode } from './der';
import { serialNumberValue } from './der-info';
import { rfc4514 } from './dn';
import { detectKeyType } from './key-summary';
import { serialDecimal, serialHex } from './serial';

/** The facts of one certificate that its summary shows. */
export interface CertificateFacts {
  subject: string;
  /** The first CN of the subject, in certificate order; '' when there is none. */
  commonName: string;
  issuer: string;
  serialNumber: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  keyType: KeyType;
  der: Uint8Array;
}

/** One CERTIFICATE block, base64 in lines, as Anchorage stores it (pem.ts derToPem, or the import's PEM). */
const PEM = /^-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END CERTIFICATE-----\r?\n?$/;

/**
 * The DER of a certificate PEM in the form Anchorage stores (one block, base64 that round-trips), or
 * `undefined` for any other form, which pem.ts then reads.
 */
export function certificatePemDer(pem: string): Buffer | undefined {
  const match = PEM.exec(pem);
  if (!match) return undefined;
  const base64 = match[1]!.replace(/\r?\n/g, '');
  const der = Buffer.from(base64, 'base64');
  // Node's decoder skips what is not base64; only a block that round-trips is read here.
  return der.toString('base64') === base64 ? der : undefined;
}

/**
 * UTCTime YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1: YY < 50 is 20YY) or GeneralizedTime YYYYMMDDHHMMSSZ (§4.1.2.5.2);
 * `undefined` for any other form, which x509 reads (./der-view.ts reads dates with this too).
 */
export function derTime(node: DerNode | undefined): Date | undefined {
  if (!node || node.cls !== 0 || node.constructed) return undefined;
  const text = node.content.toString('latin1');
  let digits: string;
  if (node.tag === 23 && /^\d{12}Z$/.test(text)) {
    const yy = Number(text.slice(0, 2));
    digits = `${yy < 50 ? 20 : 19}${text}`;
  } else if (node.tag === 24 && /^\d{14}Z$/.test(text)) {
    digits = text;
  } else {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((at, i) =>
    Number(digits.slice(at, i === 0 ? 4 : at + 2)),
  ) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // A field out of range (month 13, second 61) would roll over here; leave such a time to x509.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCSeconds() === second
    ? date
    : undefined;
}

/** The first CN in `name`'s DER, in certificate order; '' without one; undefined when its string type is rare. */
function commonName(name: DerNode): string | undefined {
  for (const rdn of children(name)) {
    for (const attribute of children(rdn)) {
      const [type, value] = sequence(attribute, 'an AttributeTypeAndValue');
      if (oid(type) !== '2.5.4.3') continue;
      if (!value || value.cls !== 0 || value.constructed) return undefined;
      if (value.tag === 12) {
        const text = value.content.toString('utf8');
        return Buffer.from(text, 'utf8').equals(value.content) ? text : undefined;
      }
      // PrintableString, IA5String: ASCII by definition (X.680 §41); anything else goes to x509.
      if ((value.tag === 19 || value.tag === 22) && value.content.every((b) => b < 0x80)) {
        return value.content.toString('latin1');
      }
      return undefined;
    }
  }
  return '';
}

/**
 * The summary facts of the certificate in `pem`, or `undefined` when it is not in a form this reader takes
 * (then x509-summary.ts reads it). Never throws: a certificate it cannot take apart is x509's to judge.
 */
export function certificateFacts(pem: string): CertificateFacts | undefined {
  try {
    const der = certificatePemDer(pem);
    if (!der) return undefined;
    const certificate = readDer(der);
    if (certificate.raw.length !== der.length) return undefined;
    const [tbsNode] = sequence(certificate, 'the certificate');
    const tbs = sequence(tbsNode, 'the TBSCertificate');
    const at = tbs[0]?.cls === CONTEXT && tbs[0].tag === 0 ? 1 : 0;
    // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo (RFC 5280 §4.1)
    const [, , issuer, validity, subject, spki] = tbs.slice(at);
    if (!issuer || !validity || !subject || !spki) return undefined;
    const [from, until] = sequence(validity, 'the validity');
    const notBefore = derTime(from);
    const notAfter = derTime(until);
    const cn = commonName(subject);
    if (!notBefore || !notAfter || cn === undefined) return undefined;
    const keyType = detectKeyType(createPublicKey({ key: spki.raw, format: 'der', type: 'spki' }));
    if (!keyType) return undefined;
    const serial = serialNumberValue(der);
    return {
      subject: rfc4514(new Uint8Array(subject.raw)),
      commonName: cn,
      issuer: rfc4514(new Uint8Array(issuer.raw)),
      serialNumber: serialDecimal(serial),
      serialHex: serialHex(serial),
      notBefore,
      notAfter,
      keyType,
      der: new Uint8Array(der),
    };
  } catch {
    return undefined;
  }
}
