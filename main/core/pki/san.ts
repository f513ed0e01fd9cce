/** Subject alternative names as typed on the command line: `dns:HOST` or `uri:URI`. */
import { AnchorageError } from '../../../shared/errors';
import { extension } from './certificate-extensions';
import { derImplicit, derSequence } from './der';

/** The GeneralName tags of the two forms (RFC 5280 §4.2.1.6): dNSName [2], uniformResourceIdentifier [6]. */
const GENERAL_NAME = { dns: 2, uri: 6 } as const;

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
function parseSan(entry: string): { type: keyof typeof GENERAL_NAME; value: string } {
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
    return { type: 'uri', value };
  }
  throw invalid(entry, `has the unknown type "${kind}"`);
}

/**
 * A non-critical SAN extension (the subject is non-empty, RFC 5280 §4.2.1.6), or none for no entries: each
 * name an IA5String, ASCII as checked above.
 * @throws AnchorageError INVALID_INPUT for an entry {@link parseSan} refuses.
 */
export function sanExtension(entries: readonly string[] | undefined): Buffer[] {
  if (!entries || entries.length === 0) return [];
  const names = entries
    .map(parseSan)
    .map((n) => derImplicit(GENERAL_NAME[n.type], Buffer.from(n.value, 'ascii')));
  return [extension('2.5.29.17', false, derSequence(...names))];
}
