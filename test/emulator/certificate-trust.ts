/**
 * Whether a signing certificate is one IAM Roles Anywhere would accept (user guide, "Trust model" and
 * "Signature validation"): it must chain, through the X-Amz-X509-Chain intermediates, to a certificate the
 * trust anchor holds; every certificate on the path must be within validity; the leaf must meet the
 * end-entity rules; and it must not be listed in a CRL imported for that trust anchor.
 * Signatures are checked with Node's native crypto; @peculiar/x509 only reads extensions and CRLs.
 */
import { X509Certificate } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { accessDenied, Rejection } from './rejection';

export interface TrustInput {
  leaf: X509Certificate;
  chain: X509Certificate[];
  /** Certificates held by the trust anchor (root or intermediate CAs). */
  anchorCerts: X509Certificate[];
  /** CRLs imported for the trust anchor, PEM. */
  crlsPem: string[];
  now: Date;
}

const UNTRUSTED = 'Untrusted signing certificate.';
const MAX_PATH = 6;

/** Split a PEM bundle into certificates. Throws on anything that does not parse. */
export function parsePemCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

function notBefore(cert: X509Certificate): Date {
  return new Date(cert.validFrom);
}

function notAfter(cert: X509Certificate): Date {
  return new Date(cert.validTo);
}

function validityProblem(cert: X509Certificate, now: Date, what: string): string | undefined {
  if (now < notBefore(cert)) {
    return `The ${what} is not yet valid: notBefore ${notBefore(cert).toISOString()} is after the current time ${now.toISOString()}.`;
  }
  if (now > notAfter(cert)) {
    return `The ${what} has expired: notAfter ${notAfter(cert).toISOString()} is before the current time ${now.toISOString()}.`;
  }
  return undefined;
}

/**
 * basicConstraints CA:TRUE, read from the extension itself. Node's `X509Certificate.ca` is OpenSSL's
 * X509_check_ca, which also weighs keyUsage and so calls a CA:TRUE leaf without keyCertSign "not a CA".
 */
export function isCa(cert: X509Certificate): boolean {
  return new x509.X509Certificate(cert.raw).getExtension(x509.BasicConstraintsExtension)?.ca === true;
}

function issued(child: X509Certificate, issuer: X509Certificate): boolean {
  // checkIssued compares names and key identifiers; verify proves the signature.
  return isCa(issuer) && child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

/** Build the path leaf → intermediates → anchor certificate; returns it, or undefined when there is none. */
function buildPath(input: TrustInput): X509Certificate[] | undefined {
  const path = [input.leaf];
  const unused = [...input.chain];
  for (let depth = 0; depth < MAX_PATH; depth++) {
    const current = path[path.length - 1] as X509Certificate;
    const anchor = input.anchorCerts.find((a) => issued(current, a));
    if (anchor) return [...path, anchor];
    const next = unused.findIndex((c) => issued(current, c));
    if (next < 0) return undefined;
    path.push(...unused.splice(next, 1));
  }
  return undefined;
}

/** Certificate version (1-based) read from the DER: TBSCertificate's optional `[0] EXPLICIT Version`. */
function certificateVersion(der: Buffer): number {
  const tlv = (offset: number): { tag: number; start: number } => {
    const tag = der[offset] ?? 0;
    const first = der[offset + 1] ?? 0;
    return { tag, start: offset + 2 + (first & 0x80 ? first & 0x7f : 0) };
  };
  const tbs = tlv(tlv(0).start);
  const first = tlv(tbs.start);
  if (first.tag !== 0xa0) return 1;
  return (der[tlv(first.start).start] ?? 0) + 1;
}

/** The end-entity rules: X.509 v3, not a CA, keyUsage digitalSignature, signed with SHA-256 or stronger. */
function endEntityProblem(leaf: X509Certificate): string | undefined {
  if (certificateVersion(leaf.raw) !== 3) return 'The signing certificate must be X.509 version 3.';
  if (isCa(leaf))
    return 'The signing certificate must be an end-entity certificate (basicConstraints CA:FALSE).';
  const parsed = new x509.X509Certificate(leaf.raw);
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  if (!keyUsage || (keyUsage.usages & x509.KeyUsageFlags.digitalSignature) === 0) {
    return 'The signing certificate must have keyUsage digitalSignature.';
  }
  let hash = 'unknown';
  try {
    hash = parsed.signatureAlgorithm.hash?.name ?? 'unknown';
  } catch {
    // An algorithm @peculiar/x509 cannot name is one AWS does not accept either.
  }
  if (!['SHA-256', 'SHA-384', 'SHA-512'].includes(hash)) {
    return `The signing certificate must be signed with SHA-256 or stronger, not ${hash}.`;
  }
  return undefined;
}

const PEM_CRL = /-----BEGIN (?:X509 )?CRL-----[\s\S]+?-----END (?:X509 )?CRL-----/;

/**
 * A CRL as ImportCrl takes it: the blob holds a PEM (`X509 CRL` block, RFC 7468) or a DER CRL. Returns it as PEM,
 * the form {@link checkCertificateTrust} reads; throws when it is neither.
 */
export function crlPemOf(data: Buffer): string {
  const pem = PEM_CRL.exec(data.toString('latin1'))?.[0];
  const crl = pem ? new x509.X509Crl(pem) : new x509.X509Crl(new Uint8Array(data));
  return crl.toString('pem');
}

/** Is the leaf listed in a CRL whose issuer issued it? CRLs that do not verify are a configuration error. */
async function revoked(leaf: X509Certificate, issuer: X509Certificate, crlsPem: string[]): Promise<boolean> {
  const parsedLeaf = new x509.X509Certificate(leaf.raw);
  const leafIssuer = Buffer.from(parsedLeaf.issuerName.toArrayBuffer());
  for (const pem of crlsPem) {
    const crl = new x509.X509Crl(pem);
    if (!Buffer.from(crl.issuerName.toArrayBuffer()).equals(leafIssuer)) continue;
    if (!(await crl.verify({ publicKey: new x509.X509Certificate(issuer.raw) }))) {
      throw new Rejection(
        500,
        'InternalServerException',
        'Emulator configuration error: a CRL does not verify.',
      );
    }
    if (crl.findRevoked(parsedLeaf)) return true;
  }
  return false;
}

/**
 * Decide whether the signing certificate is trusted by the trust anchor. Throws a 403 {@link Rejection}:
 * "Untrusted signing certificate." (what AWS says) when no path reaches the anchor, or a message naming
 * the expired/not-yet-valid certificate, the broken end-entity rule, or the revocation.
 */
export async function checkCertificateTrust(input: TrustInput): Promise<void> {
  const path = buildPath(input);
  if (!path) throw accessDenied(UNTRUSTED);
  for (const [i, cert] of path.entries()) {
    const what =
      i === 0
        ? 'signing certificate'
        : i === path.length - 1
          ? 'trust anchor certificate'
          : 'intermediate certificate';
    const problem = validityProblem(cert, input.now, what);
    if (problem) throw accessDenied(problem);
  }
  const eeProblem = endEntityProblem(input.leaf);
  if (eeProblem) throw accessDenied(eeProblem);
  const issuer = path[1];
  if (issuer && (await revoked(input.leaf, issuer, input.crlsPem))) {
    throw accessDenied(
      'The signing certificate has been revoked: its serial number is listed in a CRL for the trust anchor.',
    );
  }
}
