/** Subject distinguished names from the fields a person types (CN required; O, OU, C, ST, L optional). */
import { AnchorageError } from '../../../shared/errors';
import { x509 } from './provider';

/** The subject fields Anchorage asks for. */
export interface SubjectInput {
  /** CN: required and non-empty (end-entity rule "non-empty subject", ARCHITECTURE §1). */
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  /** Two-letter ISO 3166 country code (X.520 requires exactly two letters). */
  country?: string;
  state?: string;
  locality?: string;
}

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
      'Give the certificate a name, e.g. --cn "Build agent 7".',
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
  const json: x509.JsonName = [];
  for (const [key, value] of fields) {
    const v = value?.trim();
    if (v) json.push({ [key]: [v] });
  }
  return new x509.Name(json);
}

/**
 * A distinguished name as RFC 4514 §2.1 writes it: the most specific RDN first (`CN=…, O=…`), as
 * `openssl -nameopt RFC2253` prints it. @peculiar/x509's `Name.toString()` keeps certificate order instead;
 * every name Anchorage shows goes through here, so `list`, `inspect` and error messages agree.
 */
export function rfc4514(name: x509.Name): string {
  return name
    .toString()
    .split(/, (?=[\w.]+=)/)
    .reverse()
    .join(', ');
}
