/**
 * The Roles Anywhere certificate rules, evaluated for a certificate in one role: as a trust anchor (the CA
 * registered with AWS) or as an end-entity (the client certificate that signs CreateSession).
 *
 * Levels (issue 9): `fail` only where AWS rejects the certificate, as the IAM Roles Anywhere User Guide states it:
 * - "Trust model", trust anchors: the CA certificate MUST be X.509v3, its basic constraints MUST include
 *   CA:true, its key usage MUST include Certificate Sign (CRL Sign and Digital Signature MAY be included), and
 *   it MUST be signed with SHA-256 or stronger (MD5 and SHA-1 are rejected).
 * - "Trust model", end entities: X.509v3, basic constraints CA:false, key usage MUST include Digital Signature,
 *   signed with SHA-256 or stronger.
 * - "Signing process": the request is signed with the certificate's RSA or EC key (AWS4-X509-RSA-SHA256 /
 *   AWS4-X509-ECDSA-SHA256) and `Credential=` carries its serial in decimal.
 * Everything else ARCHITECTURE §1 asks of an Anchorage certificate (critical extensions, SKI/AKI, clientAuth,
 * a random serial, no RSA-2048 CA for decades, validity within the issuer's) is `warn`: AWS accepts it.
 */
import { CLIENT_AUTH, KEY_USAGE } from './certificate-view';
import type { CertificateView } from './certificate-view';
import { certificateVersion, serialNumberValue, signatureAlgorithmOid } from './der-info';
import { describeKey, detectKeyType } from './key-summary';
import { serialBits } from './serial';
import type { z } from 'zod';
import type { CertificateRole, CheckLevel, RuleResultSchema, Verdict } from '../../../shared/schemas/models';

export const RULE_IDS = [
  'version',
  'basic-constraints',
  'key-usage',
  'extended-key-usage',
  'subject-key-identifier',
  'authority-key-identifier',
  'signature-algorithm',
  'key-type',
  'serial-number',
  'subject',
  'validity',
] as const;
type RuleId = (typeof RULE_IDS)[number];
export type Role = CertificateRole;

/** One rule's level with a one-line, neutral explanation: shared/models' RuleResult, with the rule's id typed. */
export interface RuleResult extends z.output<typeof RuleResultSchema> {
  rule: RuleId;
}

/** Accepted signature algorithms: SHA-256 or stronger, PKCS#1 v1.5 or ECDSA (ARCHITECTURE §1). */
const STRONG_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
};
const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** A readable name for a signature algorithm OID. */
export function signatureAlgorithmName(oid: string): string {
  return STRONG_SIGNATURES[oid] ?? WEAK_SIGNATURES[oid] ?? oid;
}

const KU_NAMES = Object.entries(KEY_USAGE).map(([name, flag]) => [flag, name] as const);

function usageNames(flags: number): string {
  return (
    KU_NAMES.filter(([f]) => flags & f)
      .map(([, n]) => n)
      .join(', ') || 'none'
  );
}

const result = (rule: RuleId, level: CheckLevel, detail: string): RuleResult => ({ rule, level, detail });
const passOr = (ok: boolean, otherwise: CheckLevel): CheckLevel => (ok ? 'pass' : otherwise);

const DAY_MS = 86_400_000;
/** A CA key is expected to outlive its certificates; RSA-2048 is NIST's floor only to 2030 (SP 800-57 Part 1). */
const LONG_CA_DAYS = 3653;

/** The role a certificate plays by itself: a CA (basicConstraints CA:TRUE) is a trust anchor, else an end entity. */
export function naturalRole(cert: CertificateView): Role {
  return cert.basicConstraints?.ca === true ? 'trust-anchor' : 'end-entity';
}

/** Summarise checks: the worst level and the counts (no checks: pass). */
export function verdictOf(checks: readonly { level: CheckLevel }[], role?: Role): Verdict {
  const failures = checks.filter((c) => c.level === 'fail').length;
  const warnings = checks.filter((c) => c.level === 'warn').length;
  return {
    level: failures > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass',
    failures,
    warnings,
    ...(role ? { role } : {}),
  };
}

/** What else is known when a certificate is judged: its issuer, when the input carried it. */
export interface RuleContext {
  issuer?: CertificateView;
}

/** Evaluate every rule for `cert` in `role` at time `now`. */
export function evaluateRules(
  cert: CertificateView,
  role: Role,
  now: Date,
  context: RuleContext = {},
): RuleResult[] {
  const der = cert.der;
  const ta = role === 'trust-anchor';
  const out: RuleResult[] = [];

  // "Trust model": both roles MUST be X.509v3.
  const version = certificateVersion(der);
  out.push(
    result(
      'version',
      passOr(version === 3, 'fail'),
      version === 3 ? 'X.509 v3.' : `X.509 v${version}; AWS requires v3.`,
    ),
  );

  // "Trust model": a trust anchor's basic constraints MUST include CA:true, an end entity's CA:false.
  // RFC 5280 §4.2.1.9 wants it critical in a CA: bad practice if not, but AWS does not check.
  const bc = cert.basicConstraints;
  if (ta) {
    out.push(
      !bc
        ? result(
            'basic-constraints',
            'fail',
            'Missing; AWS requires basicConstraints CA:TRUE in a trust anchor.',
          )
        : !bc.ca
          ? result('basic-constraints', 'fail', 'CA:FALSE; AWS requires CA:TRUE in a trust anchor.')
          : !bc.critical
            ? result(
                'basic-constraints',
                'warn',
                'CA:TRUE but not critical; RFC 5280 wants it critical in a CA.',
              )
            : result(
                'basic-constraints',
                'pass',
                `Critical CA:TRUE${bc.pathLength !== undefined ? `, pathLen ${bc.pathLength}` : ''}.`,
              ),
    );
  } else {
    out.push(
      // Absent reads as CA:FALSE (RFC 5280 §4.2.1.9), and the emulator, modelled on AWS, accepts it.
      !bc
        ? result(
            'basic-constraints',
            'warn',
            'Missing; it reads as CA:FALSE, but a client certificate should say so.',
          )
        : bc.ca
          ? result('basic-constraints', 'fail', 'CA:TRUE; AWS requires CA:FALSE in a client certificate.')
          : result('basic-constraints', 'pass', `CA:FALSE${bc.critical ? ' (critical)' : ''}.`),
    );
  }

  // "Trust model": a trust anchor's key usage MUST include keyCertSign (cRLSign, digitalSignature MAY); an end
  // entity's MUST include digitalSignature. cRLSign is what lets the CA sign the CRL that ImportCrl takes.
  const ku = cert.keyUsage;
  const required = ta ? KEY_USAGE.keyCertSign : KEY_USAGE.digitalSignature;
  const recommended = ta ? KEY_USAGE.cRLSign : 0;
  if (!ku) {
    out.push(result('key-usage', 'fail', `Missing; AWS requires keyUsage ${usageNames(required)}.`));
  } else if ((ku.usages & required) !== required) {
    out.push(
      result('key-usage', 'fail', `Has ${usageNames(ku.usages)}; AWS requires ${usageNames(required)}.`),
    );
  } else if ((ku.usages & recommended) !== recommended) {
    out.push(
      result(
        'key-usage',
        'warn',
        `${usageNames(ku.usages)}; without cRLSign the CA cannot sign a revocation list.`,
      ),
    );
  } else if (ta && !ku.critical) {
    out.push(
      result(
        'key-usage',
        'warn',
        `${usageNames(ku.usages)} but not critical; RFC 5280 wants it critical in a CA.`,
      ),
    );
  } else {
    out.push(result('key-usage', 'pass', `${ku.critical ? 'Critical ' : ''}${usageNames(ku.usages)}.`));
  }

  // AWS does not require extendedKeyUsage; clientAuth says what the certificate is for (ARCHITECTURE §1).
  const eku = cert.extendedKeyUsage;
  const hasClientAuth = !!eku?.includes(CLIENT_AUTH);
  out.push(
    ta
      ? result(
          'extended-key-usage',
          'pass',
          eku ? `Present (${eku.length} purposes); not required for a CA.` : 'Not required for a CA.',
        )
      : hasClientAuth
        ? result('extended-key-usage', 'pass', 'Includes clientAuth.')
        : result(
            'extended-key-usage',
            'warn',
            eku
              ? 'Present without clientAuth (1.3.6.1.5.5.7.3.2); AWS accepts it, but it should name clientAuth.'
              : 'No extendedKeyUsage; AWS accepts it, but it should name clientAuth.',
          ),
  );

  // Key identifiers: RFC 5280 §4.2.1.1-2 (a CA MUST have an SKI; AKI MAY be absent only when self-signed).
  // AWS builds the chain from names and signatures, so neither is a rejection.
  const selfIssued = cert.subjectKey === cert.issuerKey;
  out.push(
    cert.hasSubjectKeyIdentifier
      ? result('subject-key-identifier', 'pass', 'Present.')
      : ta
        ? result(
            'subject-key-identifier',
            'warn',
            'Missing; RFC 5280 wants a subject key identifier in a CA.',
          )
        : result('subject-key-identifier', 'pass', 'Absent (optional for a client certificate).'),
  );
  out.push(
    cert.hasAuthorityKeyIdentifier
      ? result('authority-key-identifier', 'pass', 'Present.')
      : selfIssued
        ? result('authority-key-identifier', 'pass', 'Absent (optional in a self-signed certificate).')
        : result(
            'authority-key-identifier',
            'warn',
            'Missing; RFC 5280 wants an authority key identifier here.',
          ),
  );

  // "Trust model": SHA-256 or stronger; MD5 and SHA-1 are rejected.
  const sigOid = signatureAlgorithmOid(der);
  const strong = sigOid in STRONG_SIGNATURES;
  out.push(
    result(
      'signature-algorithm',
      passOr(strong, 'fail'),
      strong
        ? `${signatureAlgorithmName(sigOid)}.`
        : `${signatureAlgorithmName(sigOid)}; AWS requires SHA-256 or stronger with RSA PKCS#1 v1.5 or ECDSA.`,
    ),
  );

  // "Signing process": RSA or ECDSA keys only. A CA's RSA-2048 key over a decade outlives its strength.
  const key = cert.publicKey;
  const keyType = detectKeyType(key);
  const lifetimeDays = (cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS;
  out.push(
    !keyType
      ? result('key-type', 'fail', `${describeKey(key)}; needs RSA 2048/3072/4096 or EC P-256/P-384.`)
      : ta && keyType === 'rsa-2048' && lifetimeDays > LONG_CA_DAYS
        ? result(
            'key-type',
            'warn',
            `RSA 2048 for ${Math.round(lifetimeDays / 365.25)} years; a CA valid over 10 years should use RSA 3072+ or EC.`,
          )
        : result('key-type', 'pass', `${describeKey(key)}.`),
  );

  // The serial: AWS takes it as given (Credential= carries it in decimal), but it cannot carry a non-positive
  // one (decisions: INVALID_SERIAL). RFC 5280 §4.1.2.2 caps it at 20 octets; CA/B BR §7.1 asks for 64 random
  // bits, which 01 is not.
  const serial = serialNumberValue(der);
  const bits = serialBits(serial);
  out.push(
    serial <= 0n && !ta
      ? result('serial-number', 'fail', 'The serial is not positive; it cannot sign CreateSession.')
      : serial <= 0n
        ? result('serial-number', 'warn', 'The serial is not positive; RFC 5280 requires a positive serial.')
        : bits > 159
          ? result('serial-number', 'warn', `The serial has ${bits} bits; RFC 5280 allows at most 20 octets.`)
          : serial === 1n
            ? result('serial-number', 'warn', 'The serial is 01; serials should be random (64 bits or more).')
            : result('serial-number', 'pass', `${bits}-bit serial.`),
  );

  // AWS maps the subject into x509Subject/* session tags and the source identity; an empty one names nobody.
  const subjectOk = cert.subjectRdns > 0;
  out.push(
    result(
      'subject',
      passOr(subjectOk, 'fail'),
      subjectOk ? `"${cert.subject}".` : 'The subject is empty; it must name something.',
    ),
  );

  // AWS checks the dates of every certificate in the path ("Authentication": a valid trust chain).
  const notYet = cert.notBefore.getTime() > now.getTime();
  const expired = cert.notAfter.getTime() < now.getTime();
  const issuer = context.issuer;
  const beyondIssuer = issuer !== undefined && cert.notAfter.getTime() > issuer.notAfter.getTime();
  out.push(
    notYet
      ? result('validity', 'fail', `Not valid until ${cert.notBefore.toISOString()}.`)
      : expired
        ? result('validity', 'fail', `Expired on ${cert.notAfter.toISOString()}.`)
        : beyondIssuer
          ? result(
              'validity',
              'warn',
              `Valid until ${cert.notAfter.toISOString()}, after its issuer (${issuer.notAfter.toISOString()}); it stops working then.`,
            )
          : result('validity', 'pass', `Valid until ${cert.notAfter.toISOString()}.`),
  );
  return out;
}
