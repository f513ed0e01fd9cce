/**
 * Hostile input must not freeze or bloat anything (issue 7). The limits every reader of user-supplied PKI files
 * applies, each in this one place: the CLI checks the size with stat before reading, the app before decoding the
 * dropped bytes, and core again on the bytes, so every path is covered.
 */
import { AnchorageError } from '../../../shared/errors';

/**
 * Largest certificate, key, CSR, CRL or PFX file read: 1 MiB. The largest real input is a CA bundle: Mozilla's
 * (curl's cacert.pem, about 145 roots) is about 220 KB, some 1.5 KB a certificate, so 1 MiB holds about 700
 * certificates, and several hundred even with `openssl x509 -text` dumps beside them. A single certificate,
 * key or PFX is a few KB. Every parser below is linear, so 1 MiB of anything is refused in milliseconds.
 */
export const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * Highest PBKDF2 (RFC 8018 §5.2) or PKCS#12 KDF (RFC 7292 Appendix B) iteration count accepted, checked before
 * any derivation. Writers use 2,000 (Windows) to 10,000 (Java 12+), OpenSSL 2,048; `openssl pkcs12 -iter
 * 1000000` is already unusual. Measured on the 2-core build machine (Node 20): 1,000,000 PKCS#12-KDF SHA-256
 * iterations take 0.53 s (one native hash call each), 1,000,000 PBKDF2-HMAC-SHA256 iterations 0.15 s. So a
 * file at the cap, MAC and both bags at 10,000,000, opens in about 5–6 s: slow, but it ends, well inside the
 * app's worker timeout; 2³¹−1 would take about 19 minutes.
 */
export const MAX_PBE_ITERATIONS = 10_000_000;

/**
 * Ceiling on the key-derivation work of one file: the sum, over the MAC and every encrypted part, of iterations
 * × the hash chains that derivation runs (PBKDF2: one per output block; the PKCS#12 KDF: ceil(n/u) for each
 * of key and IV). A usual file (MAC + certificates + key) at the cap is 3 × 10,000,000; a file with a hundred
 * encrypted bags at the cap each, or a legacy 3DES one at 10,000,000 (7 chains), would take minutes.
 * 30,000,000 chain iterations are at most about 16 s here (all PKCS#12-KDF chains at 0.53 µs).
 */
const MAX_PBE_WORK = 3 * MAX_PBE_ITERATIONS;

const n = (value: number | bigint): string => value.toLocaleString('en-US');

/** A byte count for people: "3.0 MB (3145728 bytes)". */
function describeSize(bytes: number): string {
  const text =
    bytes >= 1024 * 1024
      ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
      : bytes >= 1024
        ? `${(bytes / 1024).toFixed(1)} KiB`
        : `${bytes} bytes`;
  return bytes >= 1024 ? `${text} (${n(bytes)} bytes)` : text;
}

/**
 * Refuse input over {@link MAX_INPUT_BYTES}, before it is read or parsed.
 * @param what how the message names it, e.g. the file's path ("The input" when core has only bytes).
 * @throws AnchorageError INPUT_TOO_LARGE.
 */
export function assertInputSize(size: number, what = 'The input'): void {
  if (size <= MAX_INPUT_BYTES) return;
  throw new AnchorageError(
    'INPUT_TOO_LARGE',
    `${what} is ${describeSize(size)}; Anchorage reads certificate, key, CSR, CRL and PFX files of at most ` +
      `${describeSize(MAX_INPUT_BYTES)}.`,
    'Check that this is the right file: a certificate, key or PFX is a few KB, and a bundle of several hundred CA certificates stays under the limit.',
  );
}

/**
 * Counts the derivation work of one PFX as its parameters are read, refusing it before any derivation runs
 * when one count is above {@link MAX_PBE_ITERATIONS} or the total above {@link MAX_PBE_WORK}.
 */
export class DerivationBudget {
  private spent = 0;

  /**
   * @param what the part, as the message names it, e.g. "MAC" or "key bag encryption (PBKDF2)".
   * @param chains the hash chains this derivation runs at `iterations` each.
   * @throws AnchorageError ITERATIONS_TOO_HIGH, MALFORMED_PFX for a count below 1.
   * @returns the count as a number.
   */
  add(what: string, iterations: bigint, chains = 1): number {
    if (iterations < 1n) {
      throw new AnchorageError(
        'MALFORMED_PFX',
        `The PFX's ${what} has an iteration count of ${n(iterations)}; it must be at least 1.`,
        'The file is damaged; export it again.',
      );
    }
    if (iterations > BigInt(MAX_PBE_ITERATIONS)) {
      throw new AnchorageError(
        'ITERATIONS_TOO_HIGH',
        `The PFX's ${what} uses ${n(iterations)} iterations; Anchorage opens PFX files with at most ` +
          `${n(MAX_PBE_ITERATIONS)} (OpenSSL writes 2,048, Windows 2,000, Java 10,000).`,
        'Export the PFX again with a standard iteration count; a count this high only makes opening it slow.',
      );
    }
    const count = Number(iterations);
    this.spent += count * chains;
    if (this.spent > MAX_PBE_WORK) {
      throw new AnchorageError(
        'ITERATIONS_TOO_HIGH',
        `The PFX needs more than ${n(MAX_PBE_WORK)} key-derivation iterations in all (its MAC and encrypted ` +
          `parts together, at ${what}); Anchorage stops there, so that a file cannot keep it busy for minutes.`,
        'Export the PFX again with a standard iteration count and one encrypted key.',
      );
    }
    return count;
  }
}
