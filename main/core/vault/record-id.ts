import { createHash } from 'node:crypto';

/**
 * The vault record id for a user-chosen name: `<kind>.<name>` when the name already is a safe id (lower
 * case, so that it is the same file on case-insensitive file systems), else `<kind>-h.<sha256 of the name>`,
 * a form a plain name cannot produce. Ids are case-exact: "Prod" and "prod" never share a record.
 */
export function namedRecordId(kind: string, name: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,119}$/.test(name)) return `${kind}.${name}`;
  return `${kind}-h.${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 40)}`;
}
