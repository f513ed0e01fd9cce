/** Subject alternative names as typed on the command line: `dns:HOST` or `uri:URI`. */
import { AnchorageError } from '../../../shared/errors';
import { x509 } from './provider';

const HOST_RE =
  /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function invalid(entry: string, why: string): AnchorageError {
  return new AnchorageError(
    'INVALID_INPUT',
    `The subject alternative name "${entry}" ${why}.`,
    'Write each as dns:HOST (e.g. dns:agent7.example.com) or uri:URI (e.g. uri:spiffe://example.org/agent7).',
  );
}

/**
 * Parse one `dns:HOST` / `uri:URI` entry.
 * @throws AnchorageError INVALID_INPUT for another prefix, an invalid host name or a URI without a scheme.
 */
function parseSan(entry: string): x509.JsonGeneralName {
  const colon = entry.indexOf(':');
  const kind = entry.slice(0, colon).toLowerCase();
  const value = entry.slice(colon + 1).trim();
  if (colon < 0 || !value) throw invalid(entry, 'is not of the form dns:HOST or uri:URI');
  if (kind === 'dns') {
    if (value.length > 253 || !HOST_RE.test(value)) throw invalid(entry, 'is not a valid DNS host name');
    return { type: 'dns', value: value.toLowerCase() };
  }
  if (kind === 'uri') {
    let ok = false;
    try {
      ok = /^[a-z][a-z0-9+.-]*:/i.test(value) && Boolean(new URL(value).protocol);
    } catch {
      ok = false;
    }
    if (!ok || !/^[\x21-\x7e]+$/.test(value)) throw invalid(entry, 'is not an absolute ASCII URI');
    return { type: 'url', value };
  }
  throw invalid(entry, `has the unknown type "${kind}"`);
}

/** A non-critical SAN extension (the subject is non-empty, RFC 5280 §4.2.1.6), or none for no entries. */
export function sanExtension(entries: readonly string[] | undefined): x509.Extension[] {
  if (!entries || entries.length === 0) return [];
  return [new x509.SubjectAlternativeNameExtension(entries.map(parseSan), false)];
}
