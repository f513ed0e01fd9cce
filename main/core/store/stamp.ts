import { createHash } from 'node:crypto';

/**
 * The stamp a document file carries when this version wrote it and zod accepted it unchanged (document.ts):
 * the first member, `"stamp": "<schema fingerprint>:<SHA-256 of the rest>"`. The rest (the body) is the file
 * as it would be without that line, byte for byte, so a reader checks it without parsing anything first.
 *
 * A matching stamp says: these exact bytes were validated against the schema with this fingerprint and were
 * a fixed point of it (zod returned what was written). Anything else (an older file, a hand edit, damage, a
 * missing stamp, another schema) does not match and takes the full validation, with its errors. The hash
 * catches edits and damage, not an attacker: one who can write the data directory can write any valid file.
 */
const PREFIX = '{\n  "stamp": "';
const END = '",\n';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The body of a file `JSON.stringify(doc, null, 2)` made, stamped as validated by `fingerprint`. */
export function stampBody(body: string, fingerprint: string): string {
  if (!body.startsWith('{\n'))
    throw new Error('Only a non-empty JSON object, two-space indented, is stamped.');
  return `${PREFIX}${fingerprint}:${sha256(body)}${END}${body.slice(2)}`;
}

/** The body of a file stamped for `fingerprint` whose hash matches; `undefined` for every other file. */
export function stampedBody(text: string, fingerprint: string): string | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const end = text.indexOf(END, PREFIX.length);
  if (end < 0) return undefined;
  const stamp = text.slice(PREFIX.length, end);
  const colon = stamp.indexOf(':');
  if (colon < 0 || stamp.slice(0, colon) !== fingerprint) return undefined;
  const body = `{\n${text.slice(end + END.length)}`;
  return sha256(body) === stamp.slice(colon + 1) ? body : undefined;
}
