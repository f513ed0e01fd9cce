/**
 * How certificates relate to one another and to profiles, as the Certificates page shows it (issue 10 §3, §4):
 * who issued what, which profiles sign with what, what a search or filter keeps, the order of the table and of
 * its hierarchy view, and what expires soon. Pure functions over the summaries core returns.
 */
import type { CertificateStatus, CertificateSummary } from '../shared/schemas/models';

const DAY_MS = 86_400_000;

/** What a profile needs to be counted as a user of a certificate. */
export interface ProfileRef {
  name: string;
  certificateId: string;
}

/** The names of the profiles that sign with `cert`. */
export function profilesUsing(cert: CertificateSummary, profiles: readonly ProfileRef[]): string[] {
  return profiles.filter((p) => p.certificateId === cert.id).map((p) => p.name);
}

/** The certificates (and intermediate CAs) that `ca` issued itself. */
export function issuedBy(ca: CertificateSummary, certs: readonly CertificateSummary[]): CertificateSummary[] {
  return certs.filter((c) => c.issuerId === ca.id && c.id !== ca.id);
}

/** Everything below `ca`: what it issued, and what its intermediates issued, and so on. */
export function descendants(
  ca: CertificateSummary,
  certs: readonly CertificateSummary[],
): CertificateSummary[] {
  const found: CertificateSummary[] = [];
  const seen = new Set([ca.id]);
  const queue = [ca];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of issuedBy(parent, certs)) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * The certificates a CA's delete leaves without an issuer: what it issued and has not been revoked (expired
 * and superseded ones too), the set core refuses to orphan without `force`.
 */
export function unrevokedIssued(
  ca: CertificateSummary,
  certs: readonly CertificateSummary[],
): CertificateSummary[] {
  return issuedBy(ca, certs).filter((c) => c.status !== 'revoked');
}

/** The profiles a certificate matters to: its own, and for a CA those of everything below it. */
export function profilesDependingOn(
  cert: CertificateSummary,
  certs: readonly CertificateSummary[],
  profiles: readonly ProfileRef[],
): string[] {
  const ids = new Set([cert.id, ...(cert.kind === 'ca' ? descendants(cert, certs).map((c) => c.id) : [])]);
  return profiles.filter((p) => ids.has(p.certificateId)).map((p) => p.name);
}

/** The issuer as the table shows it: the CA's name when it is in Anchorage, else its DN. */
export function issuerLabel(
  cert: CertificateSummary,
  byId: ReadonlyMap<string, CertificateSummary>,
): { text: string; inAnchorage: boolean } {
  const issuer = cert.issuerId ? byId.get(cert.issuerId) : undefined;
  if (issuer) return { text: issuer.name, inAnchorage: true };
  if (cert.kind === 'ca' && cert.issuer === cert.subject) return { text: 'Self-signed', inAnchorage: true };
  return { text: cert.issuer, inAnchorage: false };
}

/** A certificate's validity in whole days: what a renewal keeps unless the user changes it. */
export function validityDays(cert: CertificateSummary): number {
  return Math.max(1, Math.round((Date.parse(cert.notAfter) - Date.parse(cert.notBefore)) / DAY_MS));
}

/** Whether Anchorage can renew a certificate, and if not, why (in the app's words). */
export function renewBlocker(
  cert: CertificateSummary,
  byId: ReadonlyMap<string, CertificateSummary>,
): string | undefined {
  if (cert.kind === 'ca') {
    if (!cert.hasPrivateKey) return 'Anchorage holds no private key for this CA, so it cannot renew it.';
    if (cert.issuer !== cert.subject && !(cert.issuerId && byId.has(cert.issuerId))) {
      return 'It was issued by a CA outside Anchorage: renew it there, then import it.';
    }
    return undefined;
  }
  if (cert.status === 'superseded') return 'Already renewed: a newer certificate took its name and profiles.';
  const issuer = cert.issuerId ? byId.get(cert.issuerId) : undefined;
  if (!issuer) return 'It was issued by a CA outside Anchorage: renew it there, then import it.';
  if (!issuer.hasPrivateKey) return `Anchorage holds no private key for its CA “${issuer.name}”.`;
  if (issuer.status === 'expired' || issuer.status === 'revoked') {
    return `Its CA “${issuer.name}” is ${issuer.status}: renew the CA first.`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Search, filter, sort, hierarchy

export type KindFilter = 'all' | 'ca' | 'client';
export type StatusFilter = 'all' | CertificateStatus;

export interface CertificateQuery {
  text: string;
  status: StatusFilter;
  kind: KindFilter;
}

export const EMPTY_QUERY: CertificateQuery = { text: '', status: 'all', kind: 'all' };

const hexOnly = (s: string) => s.replace(/[^0-9a-f]/gi, '').toLowerCase();

/** The search matches the name, the CN, the subject, or the serial (hex with or without colons, or decimal). */
export function matchesQuery(cert: CertificateSummary, query: CertificateQuery): boolean {
  if (query.kind !== 'all' && cert.kind !== query.kind) return false;
  if (query.status !== 'all' && cert.status !== query.status) return false;
  const text = query.text.trim().toLowerCase();
  if (!text) return true;
  if ([cert.name, cert.commonName, cert.subject].some((s) => s.toLowerCase().includes(text))) return true;
  if (cert.serialNumber.includes(text)) return true;
  const hex = hexOnly(text);
  // Only a query that is all hex digits (and separators) is read as a serial, so "build" does not match "bd".
  return hex.length >= 2 && /^[0-9a-f:\s-]+$/i.test(text) && hexOnly(cert.serialHex).includes(hex);
}

export type SortKey = 'name' | 'expiry';
export interface Sort {
  by: SortKey;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: Sort = { by: 'name', direction: 'asc' };

/**
 * The table's order. By name, CAs come before client certificates (either direction), as a reader looks for
 * the CA first; by expiry, kind does not matter: what expires first is what needs attention.
 */
function compareCertificates(sort: Sort): (a: CertificateSummary, b: CertificateSummary) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    if (sort.by === 'expiry') {
      const byDate = Date.parse(a.notAfter) - Date.parse(b.notAfter);
      return sign * (byDate || a.name.localeCompare(b.name));
    }
    if (a.kind !== b.kind) return a.kind === 'ca' ? -1 : 1;
    return sign * a.name.localeCompare(b.name);
  };
}

/** One row of the table: the certificate, and how deep it sits in the hierarchy view (0 in the list view). */
export interface CertificateRow {
  cert: CertificateSummary;
  depth: number;
}

/** The list view: the matching certificates, sorted. */
export function listRows(
  certs: readonly CertificateSummary[],
  query: CertificateQuery,
  sort: Sort,
): CertificateRow[] {
  return certs
    .filter((c) => matchesQuery(c, query))
    .sort(compareCertificates(sort))
    .map((cert) => ({ cert, depth: 0 }));
}

/**
 * The hierarchy view: each CA followed by what it issued, indented, intermediates nesting; siblings sorted.
 * A match keeps its issuers in view, so that it is never shown out of its place; a certificate whose issuer is
 * not in Anchorage is a root.
 */
export function treeRows(
  certs: readonly CertificateSummary[],
  query: CertificateQuery,
  sort: Sort,
): CertificateRow[] {
  const byId = new Map(certs.map((c) => [c.id, c]));
  const shown = new Set<string>();
  for (const cert of certs) {
    if (!matchesQuery(cert, query)) continue;
    // The match and its issuers, up to the root (a cycle cannot occur in X.509, but a guard costs nothing).
    let at: CertificateSummary | undefined = cert;
    while (at && !shown.has(at.id)) {
      shown.add(at.id);
      at = at.issuerId && at.issuerId !== at.id ? byId.get(at.issuerId) : undefined;
    }
  }
  const visible = certs.filter((c) => shown.has(c.id)).sort(compareCertificates(sort));
  const parentOf = (c: CertificateSummary) =>
    c.issuerId && c.issuerId !== c.id && shown.has(c.issuerId) ? c.issuerId : undefined;
  const rows: CertificateRow[] = [];
  const placed = new Set<string>();
  const place = (cert: CertificateSummary, depth: number) => {
    if (placed.has(cert.id)) return;
    placed.add(cert.id);
    rows.push({ cert, depth });
    for (const child of visible) if (parentOf(child) === cert.id) place(child, depth + 1);
  };
  for (const cert of visible) if (!parentOf(cert)) place(cert, 0);
  // Anything left sits in a cycle of issuers: show it at the top level rather than lose it.
  for (const cert of visible) place(cert, 0);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Expiry at a glance

/** "Expiring soon" reaches this far ahead (the same 30 days as the `expiring` status). */
export const SOON_DAYS = 30;
const WEEK_DAYS = 7;

export type ExpiryGroup = 'expired' | 'week' | 'month';

export const EXPIRY_GROUP_LABEL: Record<ExpiryGroup, string> = {
  expired: 'Expired, still in use',
  week: 'Within 7 days',
  month: 'Within 30 days',
};

export interface ExpiringItem {
  cert: CertificateSummary;
  group: ExpiryGroup;
  /** Profiles that depend on it (for a CA: on what it issued). */
  usedBy: string[];
}

/**
 * What needs renewing: certificates and CAs that expire within {@link SOON_DAYS} days, and expired ones that a
 * profile still depends on, soonest first. Revoked and superseded ones are left out: renewing them is not the
 * fix (a superseded one already has its successor).
 */
export function expiringSoon(
  certs: readonly CertificateSummary[],
  profiles: readonly ProfileRef[],
  now: number = Date.now(),
): ExpiringItem[] {
  const items: ExpiringItem[] = [];
  for (const cert of certs) {
    if (cert.status === 'revoked' || cert.status === 'superseded') continue;
    const left = Date.parse(cert.notAfter) - now;
    const usedBy = profilesDependingOn(cert, certs, profiles);
    let group: ExpiryGroup;
    if (left < 0) {
      if (usedBy.length === 0) continue;
      group = 'expired';
    } else if (left <= WEEK_DAYS * DAY_MS) group = 'week';
    else if (left <= SOON_DAYS * DAY_MS) group = 'month';
    else continue;
    items.push({ cert, group, usedBy });
  }
  return items.sort((a, b) => Date.parse(a.cert.notAfter) - Date.parse(b.cert.notAfter));
}
