/** Certificate serial numbers: random, positive, at most 159 bits, never 01 (ARCHITECTURE §1, RFC 5280 §4.1.2.2). */
import { randomBytes } from 'node:crypto';
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

/** The serial's value as a BigInt (from @peculiar/x509's hex form). */
export function serialBigInt(cert: x509.X509Certificate | string): bigint {
  const hex = typeof cert === 'string' ? cert : cert.serialNumber;
  return BigInt(`0x${hex || '0'}`);
}

/** The serial in decimal, as Roles Anywhere's `Credential=` and the console show it. */
export function serialDecimal(cert: x509.X509Certificate | string): string {
  return serialBigInt(cert).toString(10);
}

/** The serial in colon-free uppercase hex without leading zero octets. */
export function serialHex(cert: x509.X509Certificate | string): string {
  const hex = serialBigInt(cert).toString(16).toUpperCase();
  return hex.length % 2 ? `0${hex}` : hex;
}

/** Number of significant bits of the serial. */
export function serialBits(cert: x509.X509Certificate | string): number {
  const value = serialBigInt(cert);
  return value === 0n ? 0 : value.toString(2).length;
}

/** A decimal serial (as {@link serialDecimal} prints it) → @peculiar/x509's hex form, e.g. for a CRL entry. */
export function serialHexFromDecimal(decimal: string): string {
  if (!/^[0-9]+$/.test(decimal.trim())) throw new RangeError('A decimal serial has only the digits 0-9.');
  const hex = BigInt(decimal.trim()).toString(16);
  return hex.length % 2 ? `0${hex}` : hex;
}
