/** Subject distinguished names from the fields a person types (CN required; O, OU, C, ST, L optional); ./dn.ts prints them. */
import { AnchorageError } from '../../../shared/errors';
import type { SubjectInput } from '../api';
import { x509 } from './provider';

/**
 * Build an X.509 Name, most significant attribute first (C, ST, L, O, OU, CN), as OpenSSL and most CAs do.
 * @throws AnchorageError INVALID_INPUT when CN is empty or C is not two letters.
 */
export function buildName(subject: SubjectInput): x509.Name {
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
  const fields: Array<[string, string | undefined]> = [
    ['C', c?.toUpperCase()],
    ['ST', subject.state],
    ['L', subject.locality],
    ['O', subject.organization],
    ['OU', subject.organizationalUnit],
    ['CN', cn],
  ];
  const json: x509.JsonNameParams = [];
  for (const [key, value] of fields) {
    const v = value?.trim();
    if (!v) continue;
    // Typed values, never strings for @peculiar/x509 to parse: it would read a leading '#' as hex DER and drop
    // backslashes and quotes. PrintableString where it can be (as the library chooses), else UTF8String.
    json.push({ [key]: [x509.Name.isPrintableString(v) ? { printableString: v } : { utf8String: v }] });
  }
  return new x509.Name(json);
}
