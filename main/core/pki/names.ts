/** Subject distinguished names from the fields a person types (CN required; O, OU, C, ST, L optional); ./dn.ts prints them. */
import { AnchorageError } from '../../../shared/errors';
import type { SubjectInput } from '../api';
import { derOid, derPrintableString, derSequence, derSet, derUtf8String, isPrintableString } from './der';

/** The attribute types of the fields, most significant first (RFC 5280 Appendix A, X.520 §6). */
const ATTRIBUTES = [
  ['C', '2.5.4.6'],
  ['ST', '2.5.4.8'],
  ['L', '2.5.4.7'],
  ['O', '2.5.4.10'],
  ['OU', '2.5.4.11'],
  ['CN', '2.5.4.3'],
] as const;

/**
 * The DER of an X.509 Name (RFC 5280 §4.1.2.4), one attribute per RDN, most significant first (C, ST, L, O,
 * OU, CN), as OpenSSL and most CAs do. Each value is a PrintableString where its characters allow (X.680 §41.4,
 * the choice @peculiar/x509 makes too), else a UTF8String (RFC 5280 §4.1.2.4: UTF8String for new certificates).
 * @throws AnchorageError INVALID_INPUT when CN is empty or C is not two letters.
 */
export function buildName(subject: SubjectInput): Buffer {
  const cn = subject.commonName?.trim() ?? '';
  if (!cn) {
    throw new AnchorageError(
      'INVALID_INPUT',
      'The common name (CN) is empty.',
      'Give the certificate a common name, e.g. "Build agent 7".',
      { facts: { field: 'cn', reason: 'required' } },
    );
  }
  const c = subject.country?.trim();
  if (c && !/^[A-Za-z]{2}$/.test(c)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The country "${c}" is not a two-letter code.`,
      'Use an ISO 3166 code such as NL, US or DE.',
    );
  }
  const values: Record<(typeof ATTRIBUTES)[number][0], string | undefined> = {
    C: c?.toUpperCase(),
    ST: subject.state,
    L: subject.locality,
    O: subject.organization,
    OU: subject.organizationalUnit,
    CN: cn,
  };
  const rdns: Buffer[] = [];
  for (const [key, type] of ATTRIBUTES) {
    const v = values[key]?.trim();
    if (!v) continue;
    const value = isPrintableString(v) ? derPrintableString(v) : derUtf8String(v);
    rdns.push(derSet(derSequence(derOid(type), value)));
  }
  return derSequence(...rdns);
}
