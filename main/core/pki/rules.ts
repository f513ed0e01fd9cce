/**
 * The Roles Anywhere certificate rules (ARCHITECTURE §1), evaluated for a certificate in both roles: as a trust
 * anchor (the CA registered with AWS) and as an end-entity (the client certificate that signs requests).
 */
import { describeKey, detectKeyType, publicKeyObject } from './keys';
import { x509 } from './provider';
import { certificateVersion, signatureAlgorithmOid } from './der-info';
import { serialBigInt, serialBits } from './serial';
import { rfc4514 } from './dn';
import type { z } from 'zod';
import type { RuleResultSchema } from '../../../shared/schemas/models';

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
export type Role = 'trust-anchor' | 'end-entity';

/** One rule's verdict with a one-line explanation: shared/models' RuleResult, with the rule's id typed. */
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

const KU_NAMES: Array<[x509.KeyUsageFlags, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
];

function usageNames(flags: number): string {
  return (
    KU_NAMES.filter(([f]) => flags & f)
      .map(([, n]) => n)
      .join(', ') || 'none'
  );
}

const result = (rule: RuleId, pass: boolean, detail: string): RuleResult => ({ rule, pass, detail });

/** Evaluate every rule for `cert` in `role` at time `now`. */
export function evaluateRules(cert: x509.X509Certificate, role: Role, now: Date): RuleResult[] {
  const der = new Uint8Array(cert.rawData);
  const ta = role === 'trust-anchor';
  const out: RuleResult[] = [];

  const version = certificateVersion(der);
  out.push(
    result('version', version === 3, version === 3 ? 'X.509 v3.' : `X.509 v${version}; v3 is required.`),
  );

  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (ta) {
    const ok = !!bc && bc.ca && bc.critical;
    out.push(
      result(
        'basic-constraints',
        ok,
        !bc
          ? 'Missing; a CA needs basicConstraints critical CA:TRUE.'
          : !bc.ca
            ? 'CA:FALSE; a trust anchor needs CA:TRUE.'
            : !bc.critical
              ? 'CA:TRUE but not marked critical; it must be critical.'
              : `Critical CA:TRUE${bc.pathLength !== undefined ? `, pathLen ${bc.pathLength}` : ''}.`,
      ),
    );
  } else {
    const ok = !!bc && !bc.ca;
    out.push(
      result(
        'basic-constraints',
        ok,
        !bc
          ? 'Missing; a client certificate needs basicConstraints CA:FALSE.'
          : bc.ca
            ? 'CA:TRUE; a client certificate must have CA:FALSE.'
            : `CA:FALSE${bc.critical ? ' (critical)' : ''}.`,
      ),
    );
  }

  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const needed = ta
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
    : x509.KeyUsageFlags.digitalSignature;
  if (!ku) {
    out.push(result('key-usage', false, `Missing; needs keyUsage ${usageNames(needed)}.`));
  } else {
    const has = (ku.usages & needed) === needed;
    const critOk = !ta || ku.critical;
    out.push(
      result(
        'key-usage',
        has && critOk,
        !has
          ? `Has ${usageNames(ku.usages)}; needs ${usageNames(needed)}.`
          : !critOk
            ? `${usageNames(ku.usages)} but not critical; it must be critical.`
            : `${ku.critical ? 'Critical ' : ''}${usageNames(ku.usages)}.`,
      ),
    );
  }

  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const hasClientAuth = !!eku?.usages.includes(x509.ExtendedKeyUsage.clientAuth);
  out.push(
    ta
      ? result(
          'extended-key-usage',
          true,
          eku ? `Present (${eku.usages.length} purposes); not required for a CA.` : 'Not required for a CA.',
        )
      : result(
          'extended-key-usage',
          hasClientAuth,
          hasClientAuth
            ? 'Includes clientAuth.'
            : eku
              ? 'Present without clientAuth; it must include clientAuth (1.3.6.1.5.5.7.3.2).'
              : 'Missing; needs extendedKeyUsage clientAuth.',
        ),
  );

  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);
  out.push(
    ta
      ? result(
          'subject-key-identifier',
          !!ski,
          ski ? 'Present.' : 'Missing; a trust anchor needs a subject key identifier.',
        )
      : result(
          'subject-key-identifier',
          true,
          ski ? 'Present.' : 'Absent (not required for a client certificate).',
        ),
  );
  out.push(
    ta
      ? result(
          'authority-key-identifier',
          !!aki,
          aki ? 'Present.' : 'Missing; a trust anchor needs an authority key identifier.',
        )
      : result(
          'authority-key-identifier',
          true,
          aki ? 'Present.' : 'Absent (not required for a client certificate).',
        ),
  );

  const sigOid = signatureAlgorithmOid(der);
  const strong = sigOid in STRONG_SIGNATURES;
  out.push(
    result(
      'signature-algorithm',
      strong,
      strong
        ? `${signatureAlgorithmName(sigOid)}.`
        : `${signatureAlgorithmName(sigOid)}; needs SHA-256 or stronger with RSA PKCS#1 v1.5 or ECDSA.`,
    ),
  );

  const key = publicKeyObject(cert);
  const keyType = detectKeyType(key);
  out.push(
    result(
      'key-type',
      !!keyType,
      keyType ? `${describeKey(key)}.` : `${describeKey(key)}; needs RSA 2048/3072/4096 or EC P-256/P-384.`,
    ),
  );

  const bits = serialBits(cert);
  const serial = serialBigInt(cert);
  const serialOk = bits <= 159 && serial !== 1n && serial > 0n;
  const serialText =
    serial === 1n
      ? 'The serial is 01, which is not allowed'
      : bits > 159
        ? `The serial has ${bits} bits; at most 159 are allowed`
        : `${bits}-bit serial`;
  out.push(
    ta
      ? result('serial-number', true, `${serialText} (the serial rule applies to client certificates).`)
      : result('serial-number', serialOk, serialOk ? `${serialText}, positive, not 01.` : `${serialText}.`),
  );

  const subjectOk = cert.subjectName.toJSON().length > 0;
  out.push(
    result(
      'subject',
      subjectOk,
      subjectOk ? `"${rfc4514(cert.subjectName)}".` : 'The subject is empty; it must name something.',
    ),
  );

  const notYet = cert.notBefore.getTime() > now.getTime();
  const expired = cert.notAfter.getTime() < now.getTime();
  out.push(
    result(
      'validity',
      !notYet && !expired,
      notYet
        ? `Not valid until ${cert.notBefore.toISOString()}.`
        : expired
          ? `Expired on ${cert.notAfter.toISOString()}.`
          : `Valid until ${cert.notAfter.toISOString()}.`,
    ),
  );
  return out;
}
