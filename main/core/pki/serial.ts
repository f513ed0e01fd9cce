/** Certificate serial numbers: random, positive, at most 159 bits, never 01 (ARCHITECTURE §1, RFC 5280 §4.1.2.2). */
import { randomBytes } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import { serialNumberValue } from './der-info';
import type { x509 } from './provider';

/**
 * A fresh random serial as lowercase hex: 20 octets whose first octet is 0x01–0x7F, so the DER INTEGER is
 * positive, minimally encoded (no 00 pad) and between 153 and 159 bits long: far from `01`.
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(20);
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes.toString('hex');
}

/**
 * The serial's value as a BigInt. From a certificate it is read as the signed DER INTEGER it is: @peculiar/x509's
 * hex form drops the sign, so a serial encoded as FF (−1) would read as 255. A string is that unsigned hex form.
 */
function serialBigInt(cert: x509.X509Certificate | string | bigint): bigint {
  // A value already read from the DER (der-summary.ts reads it without @peculiar/x509).
  if (typeof cert === 'bigint') return cert;
  if (typeof cert !== 'string') return serialNumberValue(new Uint8Array(cert.rawData));
  return BigInt(`0x${cert || '0'}`);
}

/** The serial in decimal, as Roles Anywhere's `Credential=` and the console show it. */
export function serialDecimal(cert: x509.X509Certificate | string | bigint): string {
  return serialBigInt(cert).toString(10);
}

/**
 * The serial in colon-free uppercase hex without leading zero octets, as `openssl x509 -serial` prints it: a
 * negative one (RFC 5280 forbids them, some issuers wrote them) with a minus sign, e.g. "-01"; zero as "00".
 */
export function serialHex(cert: x509.X509Certificate | string | bigint): string {
  return signedHex(serialBigInt(cert));
}

/** Uppercase hex in whole octets, a minus sign before a negative value: -1 → "-01". */
function signedHex(value: bigint, prefix = ''): string {
  const hex = (value < 0n ? -value : value).toString(16).toUpperCase();
  return `${value < 0n ? '-' : ''}${prefix}${hex.length % 2 ? `0${hex}` : hex}`;
}

/** Number of significant bits of the serial's magnitude. */
export function serialBits(cert: x509.X509Certificate | string | bigint): number {
  const value = serialBigInt(cert);
  return value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length;
}

/**
 * The decimal serial CreateSession's Credential carries, from the certificate's DER. IAM Roles Anywhere names
 * a certificate by its serial, and RFC 5280 §4.1.2.2 requires it positive: a zero or negative one cannot sign.
 * @throws AnchorageError INVALID_SERIAL.
 */
export function signingSerialDecimal(certificateDer: Uint8Array): string {
  const value = serialNumberValue(certificateDer);
  if (value > 0n) return value.toString(10);
  throw new AnchorageError(
    'INVALID_SERIAL',
    `The certificate's serial number is ${value.toString(10)} (${signedHex(value, '0x')}); ` +
      'IAM Roles Anywhere identifies a certificate by its positive serial (RFC 5280 §4.1.2.2), so it cannot sign with this one.',
    'Use a certificate with a positive serial number: ask its issuer for a new one, or issue one with Anchorage.',
  );
}

/** A decimal serial (as {@link serialDecimal} prints it) → @peculiar/x509's hex form, e.g. for a CRL entry. */
export function serialHexFromDecimal(decimal: string): string {
  if (!/^[0-9]+$/.test(decimal.trim())) throw new RangeError('A decimal serial has only the digits 0-9.');
  const hex = BigInt(decimal.trim()).toString(16);
  return hex.length % 2 ? `0${hex}` : hex;
}
