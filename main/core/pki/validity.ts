/** Validity periods: days → dates, and the rule that a certificate never outlives its issuer. */
import { AnchorageError } from '../../../shared/errors';
import type { x509 } from './provider';

const DAY_MS = 86_400_000;
/**
 * notBefore is set 5 minutes in the past so a freshly issued certificate is already valid on a machine (or at
 * an AWS endpoint) whose clock runs slightly behind ours.
 */
export const BACKDATE_MS = 5 * 60_000;

/**
 * Check a validity in days: a whole number ≥ 1.
 * @throws AnchorageError INVALID_DAYS otherwise.
 */
export function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1) {
    throw new AnchorageError(
      'INVALID_DAYS',
      `The validity must be a whole number of days, at least 1 (got ${String(days)}).`,
      'Pass --days with a positive whole number, e.g. --days 365.',
    );
  }
  return days;
}

/**
 * The last instant X.509 can express: GeneralizedTime has four year digits, and RFC 5280 §4.1.2.5 gives
 * 99991231235959Z as the notAfter of a certificate with no well-defined expiration.
 */
export const LAST_NOT_AFTER = new Date(Date.UTC(9999, 11, 31, 23, 59, 59));

/**
 * notBefore/notAfter for `days` days from `now`. @peculiar/x509 writes dates from 2050 on as
 * GeneralizedTime and earlier ones as UTCTime, as RFC 5280 §4.1.2.5 requires.
 * @throws AnchorageError INVALID_DAYS for a notAfter past 9999-12-31, naming the most days possible.
 */
export function validityWindow(days: number, now: Date): { notBefore: Date; notAfter: Date } {
  checkDays(days);
  const notAfter = now.getTime() + days * DAY_MS;
  if (!(notAfter <= LAST_NOT_AFTER.getTime())) {
    throw new AnchorageError(
      'INVALID_DAYS',
      `A validity of ${days} days would end after 9999-12-31, the last date a certificate can carry.`,
      `Choose at most ${daysUntil(LAST_NOT_AFTER, now)} days.`,
    );
  }
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(notAfter) };
}

/** Whole days from `now` until `date` (negative once past). */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Refuse a notAfter past the issuer's: a chain is only as valid as its shortest link (RFC 5280 §6.1.3), and
 * Roles Anywhere would reject the session once the CA has expired.
 * @throws AnchorageError VALIDITY_EXCEEDS_ISSUER naming both dates and the most days possible.
 */
export function checkWithinIssuer(
  notAfter: Date,
  issuer: x509.X509Certificate,
  days: number,
  now: Date,
): void {
  if (notAfter.getTime() <= issuer.notAfter.getTime()) return;
  const max = daysUntil(issuer.notAfter, now);
  throw new AnchorageError(
    'VALIDITY_EXCEEDS_ISSUER',
    `A ${days}-day certificate would expire on ${day(notAfter)}, after its issuer "${issuer.subject}" ` +
      `(expires ${day(issuer.notAfter)}).`,
    max >= 1
      ? `Use --days ${max} or fewer, or renew the CA first.`
      : 'The CA expires in less than a day: renew or replace the CA first.',
  );
}
