/**
 * Inspect a certificate, a bundle, a CSR, a PFX or a CRL: identity, key, and the Roles Anywhere rules for the
 * role each certificate plays (issue 9), with a verdict for each and for the whole.
 */
import { createPublicKey } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import type { CertificateView } from './certificate-view';
import { derSha256Fingerprint, serialNumberValue, signatureAlgorithmOid } from './der-info';
import { derCertificateView } from './der-view';
import { viewOf, viewOfDer } from './certificate-reader';
import { describeKey, detectKeyType } from './key-summary';
import { rfc4514 } from './dn';
import { looksLikePem, pemBlocks } from './pem-blocks';
import type { CertificateInput } from './pem';
import { assertInputSize } from './limits';
import { evaluateRules, naturalRole, signatureAlgorithmName, verdictOf } from './rules';
import type { Role, RuleResult } from './rules';
import type { CertificateInspection, Inspection, Verdict } from '../../../shared/schemas/models';
import { serialDecimal, serialHex } from './serial';
import { daysUntil } from './validity';

// The readers of CSRs, CRLs and PFX files (and the PBE code, the CA signer and the issuer they bring) are loaded
// for those files only: `inspect` of a certificate, the usual case, reads none of their chunks (issue 11 §3).
const csrModule = () => import('./csr');
const crlModule = () => import('./crl');
const pfxModule = () => import('./pkcs12');
// @peculiar/x509 (11–15 ms to load), for the certificates the DER reader (./der-view.ts) leaves to it.
const pemModule = () => import('./pem');
const x509ViewModule = () => import('./x509-view');

/** One certificate judged in one role: the shared model plus a few details. Dates are ISO 8601 strings. */
export interface CertificateReport extends CertificateInspection {
  type: 'certificate';
  /** False when Roles Anywhere would not accept the key (then `keyType` describes it, e.g. "RSA 1024"). */
  keySupported: boolean;
  keyDescription: string;
  checks: RuleResult[];
}

/** How to judge: the role to apply instead of the certificate's own, and the CA a CRL should be signed by. */
export interface InspectOptions {
  password?: string;
  now?: Date;
  as?: Role;
  /** The CA certificate (PEM or DER) a CRL's signature is checked against. */
  caCertificate?: CertificateInput;
}

type Result = Inspection;

/** Combine verdicts: the worst level, the counts summed, the role kept when all agree. */
function combine(verdicts: readonly Verdict[]): Verdict {
  const roles = new Set(verdicts.map((v) => v.role));
  const failures = verdicts.reduce((n, v) => n + v.failures, 0);
  const warnings = verdicts.reduce((n, v) => n + v.warnings, 0);
  const [role] = roles;
  return {
    level: failures > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass',
    failures,
    warnings,
    ...(roles.size === 1 && role ? { role } : {}),
  };
}

/**
 * Inspect one certificate at `now` (default: the current time), in its own role (a CA as a trust anchor, else
 * as an end entity) unless `options.as` says otherwise; `options.issuer` adds the checks that need it.
 */
export async function inspectCertificate(
  input: CertificateInput,
  now: Date = new Date(),
  options: { as?: Role; issuer?: CertificateInput } = {},
): Promise<CertificateReport> {
  const cert = await viewOf(input);
  const issuer = options.issuer === undefined ? undefined : await viewOf(options.issuer);
  return judge(cert, now, { ...(options.as ? { as: options.as } : {}), ...(issuer ? { issuer } : {}) });
}

/** One certificate's report: its identity, key, and the rules for its role (./rules.ts). */
async function judge(
  cert: CertificateView,
  now: Date,
  options: { as?: Role; issuer?: CertificateView },
): Promise<CertificateReport> {
  const key = cert.publicKey;
  const keyType = detectKeyType(key);
  const selfSigned = await cert.selfSigned();
  const role = options.as ?? naturalRole(cert);
  const checks = evaluateRules(cert, role, now, options.issuer ? { issuer: options.issuer } : {});
  const serial = serialNumberValue(cert.der);
  return {
    type: 'certificate',
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: serialDecimal(serial),
    serialHex: serialHex(serial),
    sha256Fingerprint: derSha256Fingerprint(cert.der),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysToExpiry: daysUntil(cert.notAfter, now),
    keyType: keyType ?? describeKey(key),
    keySupported: keyType !== undefined,
    keyDescription: describeKey(key),
    signatureAlgorithm: signatureAlgorithmName(signatureAlgorithmOid(cert.der)),
    isCa: cert.basicConstraints?.ca === true,
    selfSigned,
    role,
    checks,
    verdict: verdictOf(checks, role),
  };
}

/** The certificate among `pool` that issued `cert` (by name), itself excluded unless self-issued. */
function issuerIn(cert: CertificateView, pool: readonly CertificateView[]): CertificateView | undefined {
  if (cert.subjectKey === cert.issuerKey) return undefined;
  return pool.find((c) => c !== cert && c.subjectKey === cert.issuerKey);
}

/** Inspect each certificate of a bundle (PEM with several blocks), each with its own verdict. */
export async function inspectBundle(
  certs: readonly CertificateView[],
  now: Date = new Date(),
  as?: Role,
): Promise<Result> {
  const reports = await Promise.all(
    certs.map((c) => {
      const issuer = issuerIn(c, certs);
      return judge(c, now, { ...(as ? { as } : {}), ...(issuer ? { issuer } : {}) });
    }),
  );
  return { type: 'bundle', certificates: reports, verdict: combine(reports.map((r) => r.verdict)) };
}

/** Inspect a CSR (PEM or DER): subject, key, and whether its self-signature verifies. */
export async function inspectCsr(input: string | Uint8Array): Promise<Result & { type: 'csr' }> {
  const { csrSignatureValid, parseCsr } = await csrModule();
  const csr = parseCsr(input);
  const key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  const keyType = detectKeyType(key);
  const signatureValid = await csrSignatureValid(csr);
  const subject = rfc4514(csr.subjectName);
  // A CSR never reaches AWS; these are the checks that would make the certificate issued from it fail.
  const checks = [
    {
      rule: 'key-type',
      level: keyType ? 'pass' : 'fail',
      detail: keyType
        ? `${describeKey(key)}.`
        : `${describeKey(key)}; needs RSA 2048/3072/4096 or EC P-256/P-384.`,
    },
    {
      rule: 'signature',
      level: signatureValid ? 'pass' : 'fail',
      detail: signatureValid
        ? 'The request is signed by its own key.'
        : 'The self-signature does not verify.',
    },
    {
      rule: 'subject',
      level: subject ? 'pass' : 'warn',
      detail: subject
        ? `"${subject}".`
        : 'The subject is empty; a common name must be given when it is signed.',
    },
  ] as const;
  return {
    type: 'csr',
    subject,
    keyType: keyType ?? describeKey(key),
    signatureValid,
    checks: [...checks],
    verdict: verdictOf(checks),
  };
}

/** Inspect a PFX with its password: its protection, whether it holds a key, the leaf and each chain certificate. */
export async function inspectPfx(
  bytes: Uint8Array,
  password: string,
  now: Date = new Date(),
  as?: Role,
): Promise<Result> {
  const pfx = await (await pfxModule()).readPfx(bytes, password);
  const { x509CertificateView } = await x509ViewModule();
  const [leafView, ...chainViews] = [pfx.certificate, ...pfx.chain].map(x509CertificateView) as [
    CertificateView,
    ...CertificateView[],
  ];
  const all = [leafView, ...chainViews];
  const judgeIn = (c: CertificateView, role?: Role) => {
    const issuer = issuerIn(c, all);
    return judge(c, now, { ...(role ? { as: role } : {}), ...(issuer ? { issuer } : {}) });
  };
  const leaf = await judgeIn(leafView, as);
  const chain = await Promise.all(chainViews.map((c) => judgeIn(c)));
  const hasKey = pfx.privateKeyPkcs8 !== undefined;
  const { mac, encryption } = pfx.protection;
  return {
    ...leaf,
    type: 'pfx',
    certificates: chain,
    // Named by the leaf's role: the file is what signs; its chain's failures count too.
    verdict: { ...combine([leaf.verdict, ...chain.map((c) => c.verdict)]), role: leaf.role },
    pfx: {
      hasKey,
      ...(pfx.friendlyName !== undefined ? { friendlyName: pfx.friendlyName } : {}),
      ...(mac ? { mac } : {}),
      encryption,
    },
  };
}

/**
 * Inspect a CRL (DER): what it says, and, given the CA, whether that CA signed it. Roles Anywhere's ImportCrl
 * binds a CRL to a trust anchor, and a CRL its CA did not sign revokes nothing.
 */
export async function inspectCrl(
  der: Uint8Array,
  now: Date = new Date(),
  ca?: CertificateInput,
): Promise<Result> {
  const { crlSignedBy, readCrl } = await crlModule();
  const { crl, crlNumber, entries } = readCrl(der);
  const caCert = ca === undefined ? undefined : (await pemModule()).toCertificate(ca);
  const checks: NonNullable<Inspection['checks']> = [];
  if (caCert) {
    const signed = await crlSignedBy(crl, caCert);
    const caName = rfc4514(caCert.subjectName);
    checks.push({
      rule: 'crl-issuer',
      level: signed.nameMatches ? 'pass' : 'fail',
      detail: signed.nameMatches
        ? `Issued by "${caName}".`
        : `Issued by "${rfc4514(crl.issuerName)}", not by "${caName}".`,
    });
    checks.push({
      rule: 'crl-signature',
      level: signed.signatureValid ? 'pass' : 'fail',
      detail: signed.signatureValid
        ? `The signature verifies with the key of "${caName}".`
        : `The signature does not verify with the key of "${caName}".`,
    });
  } else {
    checks.push({
      rule: 'crl-signature',
      level: 'warn',
      detail: 'Not checked: no CA certificate was given.',
    });
  }
  const next = crl.nextUpdate;
  checks.push(
    !next
      ? { rule: 'crl-next-update', level: 'warn', detail: 'No nextUpdate; RFC 5280 §5.1.2.5 requires one.' }
      : next.getTime() < now.getTime()
        ? {
            rule: 'crl-next-update',
            level: 'warn',
            detail: `Stale since ${next.toISOString()}; publish a new one.`,
          }
        : { rule: 'crl-next-update', level: 'pass', detail: `Next update due ${next.toISOString()}.` },
  );
  checks.push(
    crlNumber === undefined
      ? { rule: 'crl-number', level: 'warn', detail: 'No CRL number; RFC 5280 §5.2.3 requires one.' }
      : { rule: 'crl-number', level: 'pass', detail: `CRL number ${crlNumber}.` },
  );
  let signatureAlgorithm = 'unknown';
  try {
    const alg = crl.signatureAlgorithm;
    signatureAlgorithm = `${alg.name}${alg.hash ? ` with ${alg.hash.name}` : ''}`;
  } catch {
    // an algorithm @peculiar/x509 cannot name
  }
  return {
    type: 'crl',
    issuer: rfc4514(crl.issuerName),
    checks,
    verdict: verdictOf(checks),
    crl: {
      issuer: rfc4514(crl.issuerName),
      ...(crlNumber !== undefined ? { crlNumber: crlNumber.toString(10) } : {}),
      thisUpdate: crl.thisUpdate.toISOString(),
      ...(next ? { nextUpdate: next.toISOString() } : {}),
      signatureAlgorithm,
      revoked: entries.map((e) => ({
        serialNumber: e.serialNumber,
        serialHex: e.serialHex,
        revokedAt: e.revokedAt.toISOString(),
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
      })),
      ...(caCert ? { checkedAgainst: rfc4514(caCert.subjectName) } : {}),
    },
  };
}

/**
 * Inspect whatever was given: PEM certificates (one, or a bundle), a CSR or a CRL; the same in DER; or a PFX
 * (needs `password`).
 * @throws AnchorageError INPUT_TOO_LARGE; MALFORMED_PEM when nothing recognisable is found; PASSWORD_REQUIRED for a PFX
 *   without password; the errors of {@link readPfx}.
 */
export async function inspect(input: string | Uint8Array, options: InspectOptions = {}): Promise<Result> {
  assertInputSize(typeof input === 'string' ? Buffer.byteLength(input) : input.length);
  const now = options.now ?? new Date();
  if (typeof input === 'string' || looksLikePem(input)) {
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    const blocks = pemBlocks(text);
    const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
    if (certs.length === 1) return judge(await viewOfDer(certs[0]!.der), now, options);
    if (certs.length > 1) {
      const views: CertificateView[] = [];
      for (const block of certs) views.push(await viewOfDer(block.der));
      return inspectBundle(views, now, options.as);
    }
    const csr = blocks.find((b) => b.label.endsWith('CERTIFICATE REQUEST'));
    if (csr) return inspectCsr(csr.der);
    const crl = blocks.find((b) => b.label === 'X509 CRL');
    if (crl) return inspectCrl(crl.der, now, options.caCertificate);
    throw new AnchorageError(
      'MALFORMED_PEM',
      'Nothing to inspect: expected a "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE REQUEST-----" or "-----BEGIN X509 CRL-----" block.',
      'Pass a certificate, a CSR, a CRL, or a PFX file.',
    );
  }
  const view = derCertificateView(input);
  if (view) return judge(view, now, options);
  const { DamagedCertificateError, certificateFromDer } = await pemModule();
  try {
    const { x509CertificateView } = await x509ViewModule();
    return await judge(x509CertificateView(certificateFromDer(input)), now, options);
  } catch (error) {
    if (error instanceof DamagedCertificateError) throw error;
    // not a certificate: try a CRL, a CSR, then a PFX
  }
  const crl = (await crlModule()).crlDer(input);
  if (crl) return inspectCrl(crl, now, options.caCertificate);
  try {
    return await inspectCsr(input);
  } catch {
    // not a CSR either
  }
  if (options.password === undefined) {
    throw new AnchorageError(
      'PASSWORD_REQUIRED',
      'This is not a certificate, CSR or CRL; if it is a PFX/P12 file it needs its password.',
      'Give the PFX password.',
      { facts: { field: 'password', what: 'pfx' } },
    );
  }
  return inspectPfx(input, options.password, now, options.as);
}

/**
 * {@link inspect} for raw file bytes, as the CLI and the IPC layer receive them.
 * @throws AnchorageError as {@link inspect}.
 */
export async function inspectBytes(bytes: Uint8Array, options: InspectOptions = {}): Promise<Result> {
  return inspect(bytes, options);
}
