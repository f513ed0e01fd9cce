/**
 * What the inspection (./inspect.ts) and the Roles Anywhere rules (./rules.ts) read from a certificate, as one
 * small interface with two readers: ./der-view.ts straight from the DER (node:crypto alone, issue 11 §3) and
 * ./x509-view.ts through @peculiar/x509, the reference, which takes whatever the DER reader leaves to it.
 * test/unit/main/core/pki/certificate-view.test.ts compares the two over many certificates.
 */
import type { KeyObject } from 'node:crypto';

/** keyUsage bits as numbers (RFC 5280 §4.2.1.3: bit n has the value 2ⁿ, as @peculiar/x509 counts them). */
export const KEY_USAGE = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
} as const;

/** id-kp-clientAuth (RFC 5280 §4.2.1.12). */
export const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** One certificate as the rules see it. Dates are the certificate's, names already printed. */
export interface CertificateView {
  der: Uint8Array;
  /** The subject and issuer as RFC 4514 text (./dn.ts). */
  subject: string;
  issuer: string;
  /**
   * The names as @peculiar/x509's `Name.toString()` prints them: what tells a self-issued certificate and finds
   * an issuer by name, kept as it always was (text equality, not byte equality: a PrintableString and a
   * UTF8String of the same text are one name).
   */
  subjectKey: string;
  issuerKey: string;
  /** The number of RDNs in the subject (0: an empty subject). */
  subjectRdns: number;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  basicConstraints?: { ca: boolean; pathLength?: number; critical: boolean };
  keyUsage?: { usages: number; critical: boolean };
  /** The extendedKeyUsage purposes, as OIDs. */
  extendedKeyUsage?: string[];
  hasSubjectKeyIdentifier: boolean;
  hasAuthorityKeyIdentifier: boolean;
  /** Self-issued and its signature verifies with its own key. */
  selfSigned(): Promise<boolean>;
}
