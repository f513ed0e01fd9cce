import type { CertificateStatus } from '../shared/schemas/models';

/** "in 3 days", "in 11 months", "2 days ago": for certificate expiry columns. */
export function expiresIn(notAfter: string, now: number = Date.now()): string {
  const ms = Date.parse(notAfter) - now;
  const days = Math.round(Math.abs(ms) / 86_400_000);
  if (days === 0) return ms >= 0 ? 'expires today' : 'expired today';
  let text: string;
  if (days < 60) text = `${days} day${days === 1 ? '' : 's'}`;
  else if (days < 730) text = `${Math.round(days / 30)} months`;
  else text = `${Math.round(days / 365)} years`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** "14:59" or "1:02:03" for a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A short local date-time. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const STATUS_LABEL: Record<CertificateStatus, string> = {
  valid: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
  'not-yet-valid': 'Not yet valid',
  superseded: 'Superseded',
};

/** "≈ 10 years" for a number of days (validity fields). */
export function daysHint(days: number): string {
  if (!Number.isFinite(days) || days < 1) return 'At least one day.';
  if (days < 60) return `${days} days`;
  if (days < 730) return `≈ ${Math.round(days / 30.4)} months`;
  return `≈ ${Math.round(days / 365)} years`;
}

/** "1 profile", "2 profiles". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Names for a sentence, each quoted: “a”; “a” and “b”; “a”, “b” and “c”. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((n) => `“${n}”`);
  return quoted.length <= 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]!}`;
}

/** "Expires in 5 days", "Expires today", "Expired 3 days ago", "Expired today": a sentence's start. */
export function expiryPhrase(notAfter: string, now: number = Date.now()): string {
  const text = expiresIn(notAfter, now);
  if (text.startsWith('expire')) return text.charAt(0).toUpperCase() + text.slice(1);
  return Date.parse(notAfter) >= now ? `Expires ${text}` : `Expired ${text}`;
}
