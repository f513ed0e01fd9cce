/** Inspect a certificate, CSR or PFX: identity, key, and the Roles Anywhere rules in both roles. */
import { AnchorageError } from '../../../shared/errors';
import { csrSignatureValid, parseCsr } from './csr';
import { signatureAlgorithmOid } from './der-info';
import { sha256Fingerprint } from './fingerprint';
import { describeKey, detectKeyType, publicKeyObject } from './keys';
import { rfc4514 } from './dn';
import { DamagedCertificateError, certificateFromDer, looksLikePem, pemBlocks, toCertificate } from './pem';
import type { CertificateInput } from './pem';
import { assertInputSize } from './limits';
import { readPfx } from './pkcs12';
import { x509 } from './provider';
import { evaluateRules, signatureAlgorithmName } from './rules';
import type { RuleResult } from './rules';
import type { Inspection } from '../../../shared/schemas/models';
import { serialDecimal, serialHex } from './serial';
import { daysUntil } from './validity';

/**
 * Everything a person wants to know about a certificate: the shared `Inspection` model (what crosses IPC and the
 * CLI's --json) plus a few details. Dates are ISO 8601 strings.
 */
export interface CertificateReport extends Inspection {
  type: 'certificate';
  issuer: string;
  /** Decimal, as Roles Anywhere's `Credential=` and the AWS console show it. */
  serialNumber: string;
  serialHex: string;
  sha256Fingerprint: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative once expired). */
  daysToExpiry: number;
  /** A {@link KeyType}, or a description such as "RSA 1024" when Roles Anywhere would not accept the key. */
  keyType: string;
  keySupported: boolean;
  keyDescription: string;
  signatureAlgorithm: string;
  isCa: boolean;
  selfSigned: boolean;
  asTrustAnchor: RuleResult[];
  asEndEntity: RuleResult[];
  /** True when every rule of the role passes. */
  trustAnchorOk: boolean;
  endEntityOk: boolean;
}

/** What a CSR holds. */
export interface CsrReport extends Inspection {
  type: 'csr';
  keyType: string;
  keySupported: boolean;
  keyDescription: string;
  signatureValid: boolean;
}

/** What a PFX holds (after its password opened it): the leaf's report, its chain, and whether a key is inside. */
export interface PfxReport extends Omit<CertificateReport, 'type'> {
  type: 'pfx';
  chain: CertificateReport[];
  hasKey: boolean;
  friendlyName?: string;
}

const allPass = (rules: RuleResult[]): boolean => rules.every((r) => r.pass);

/** Inspect one certificate at `now` (default: the current time). */
export async function inspectCertificate(
  input: CertificateInput,
  now: Date = new Date(),
): Promise<CertificateReport> {
  const cert = toCertificate(input);
  const key = publicKeyObject(cert);
  const keyType = detectKeyType(key);
  let selfSigned = false;
  try {
    selfSigned = cert.subject === cert.issuer && (await cert.isSelfSigned());
  } catch {
    selfSigned = false;
  }
  const asTrustAnchor = evaluateRules(cert, 'trust-anchor', now);
  const asEndEntity = evaluateRules(cert, 'end-entity', now);
  return {
    type: 'certificate',
    subject: rfc4514(cert.subjectName),
    issuer: rfc4514(cert.issuerName),
    serialNumber: serialDecimal(cert),
    serialHex: serialHex(cert),
    sha256Fingerprint: sha256Fingerprint(cert),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysToExpiry: daysUntil(cert.notAfter, now),
    keyType: keyType ?? describeKey(key),
    keySupported: keyType !== undefined,
    keyDescription: describeKey(key),
    signatureAlgorithm: signatureAlgorithmName(signatureAlgorithmOid(new Uint8Array(cert.rawData))),
    isCa: cert.getExtension(x509.BasicConstraintsExtension)?.ca === true,
    selfSigned,
    asTrustAnchor,
    asEndEntity,
    trustAnchorOk: allPass(asTrustAnchor),
    endEntityOk: allPass(asEndEntity),
  };
}

/** Inspect a CSR (PEM or DER): subject, key, and whether its self-signature verifies. */
export async function inspectCsr(input: string | Uint8Array): Promise<CsrReport> {
  const csr = parseCsr(input);
  const key = publicKeyObject(new Uint8Array(csr.publicKey.rawData));
  const keyType = detectKeyType(key);
  return {
    type: 'csr',
    subject: rfc4514(csr.subjectName),
    keyType: keyType ?? describeKey(key),
    keySupported: keyType !== undefined,
    keyDescription: describeKey(key),
    signatureValid: await csrSignatureValid(csr),
  };
}

/** Inspect a PFX with its password. */
export async function inspectPfx(
  bytes: Uint8Array,
  password: string,
  now: Date = new Date(),
): Promise<PfxReport> {
  const pfx = await readPfx(bytes, password);
  return {
    ...(await inspectCertificate(pfx.certificate, now)),
    type: 'pfx',
    chain: await Promise.all(pfx.chain.map((c) => inspectCertificate(c, now))),
    hasKey: pfx.privateKeyPkcs8 !== undefined,
    ...(pfx.friendlyName !== undefined ? { friendlyName: pfx.friendlyName } : {}),
  };
}

/**
 * Inspect whatever was given: a PEM certificate or CSR, a DER certificate or CSR, or a PFX (needs `password`).
 * @throws AnchorageError INPUT_TOO_LARGE; MALFORMED_PEM when nothing recognisable is found; PASSWORD_REQUIRED for a PFX
 *   without password; the errors of {@link readPfx}.
 */
export async function inspect(
  input: string | Uint8Array,
  options: { password?: string; now?: Date } = {},
): Promise<CertificateReport | CsrReport | PfxReport> {
  assertInputSize(typeof input === 'string' ? Buffer.byteLength(input) : input.length);
  if (typeof input === 'string' || looksLikePem(input)) {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    const first = pemBlocks(text).find(
      (b) => b.label === 'CERTIFICATE' || b.label.endsWith('CERTIFICATE REQUEST'),
    );
    if (!first) {
      throw new AnchorageError(
        'MALFORMED_PEM',
        'Nothing to inspect: expected a "-----BEGIN CERTIFICATE-----" or "-----BEGIN CERTIFICATE REQUEST-----" block.',
        'Pass a certificate, a CSR, or a PFX file.',
      );
    }
    return first.label === 'CERTIFICATE'
      ? inspectCertificate(certificateFromDer(first.der), options.now)
      : inspectCsr(first.der);
  }
  try {
    return await inspectCertificate(certificateFromDer(input), options.now);
  } catch (error) {
    if (error instanceof DamagedCertificateError) throw error;
    // not a certificate: try a CSR, then a PFX
  }
  try {
    return await inspectCsr(input);
  } catch {
    // not a CSR either
  }
  if (options.password === undefined) {
    throw new AnchorageError(
      'PASSWORD_REQUIRED',
      'This is not a certificate or CSR; if it is a PFX/P12 file it needs its password.',
      'Give the PFX password.',
      { facts: { field: 'password', what: 'pfx' } },
    );
  }
  return inspectPfx(input, options.password, options.now);
}

/**
 * {@link inspect} for raw file bytes, as the CLI and the IPC layer receive them.
 * @throws AnchorageError as {@link inspect}.
 */
export async function inspectBytes(
  bytes: Uint8Array,
  password?: string,
  now?: Date,
): Promise<CertificateReport | CsrReport | PfxReport> {
  return inspect(bytes, { ...(password !== undefined ? { password } : {}), ...(now ? { now } : {}) });
}
