/**
 * The signature algorithm of each key type (ARCHITECTURE §1: SHA-256 or stronger), in the one place both
 * signers read it: ./certificate-writer.ts (node:crypto) and ./keys.ts `signingAlgorithm` (WebCrypto, for the
 * CRLs and CSRs @peculiar/x509 builds).
 */
import type { KeyType } from '../../../shared/domain/key-types';

/** How a key type signs, and the AlgorithmIdentifier that says so. */
export interface SignatureAlgorithm {
  /** The digest: SHA-256, or SHA-384 on P-384, the hash that matches the curve's strength (RFC 5480 §4). */
  hash: 'SHA-256' | 'SHA-384';
  /** RSASSA-PKCS1-v1_5 for RSA keys, ECDSA (DER signatures, RFC 5758 §3.2) for EC keys. */
  scheme: 'RSASSA-PKCS1-v1_5' | 'ECDSA';
  /** sha256WithRSAEncryption (RFC 4055 §5), ecdsa-with-SHA256 or ecdsa-with-SHA384 (RFC 5758 §3.2). */
  oid: string;
  /** RSA's AlgorithmIdentifier carries NULL parameters (RFC 4055 §5); ECDSA's has none (RFC 5758 §3.2). */
  nullParameters: boolean;
}

/** The signature algorithm a key of `keyType` signs certificates with. */
export function signatureAlgorithmOf(keyType: KeyType): SignatureAlgorithm {
  switch (keyType) {
    case 'ec-p256':
      return { hash: 'SHA-256', scheme: 'ECDSA', oid: '1.2.840.10045.4.3.2', nullParameters: false };
    case 'ec-p384':
      return { hash: 'SHA-384', scheme: 'ECDSA', oid: '1.2.840.10045.4.3.3', nullParameters: false };
    default:
      return {
        hash: 'SHA-256',
        scheme: 'RSASSA-PKCS1-v1_5',
        oid: '1.2.840.113549.1.1.11',
        nullParameters: true,
      };
  }
}
