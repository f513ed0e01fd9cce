/** Validity periods: days → dates, and the rule that a certificate never outlives its issuer. */
import { DAY_MS, LAST_NOT_AFTER_MS, validityDaysProblem } from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';

/**
 * notBefore is set 5 minutes in the past so a freshly issued certificate is already valid on a machine (or at
 * an AWS endpoint) whose clock runs slightly behind ours.
 */
const BACKDATE_MS = 5 * 60_000;

/**
 * Check a validity in days: a whole number ≥ 1.
 * @throws AnchorageError INVALID_DAYS otherwise.
 */
export function checkDays(days: number): number {
  const problem = validityDaysProblem(days);
  if (problem) {
    throw new AnchorageError(
      'INVALID_DAYS',
      problem.message,
      'Choose a positive whole number of days, e.g. 365.',
      {
        facts: problem.facts,
      },
    );
  }
  return days;
}

/**
 * The last instant X.509 can express: GeneralizedTime has four year digits, and RFC 5280 §4.1.2.5 gives
 * 99991231235959Z as the notAfter of a certificate with no well-defined expiration.
 */
export const LAST_NOT_AFTER = new Date(LAST_NOT_AFTER_MS);

/**
 * notBefore/notAfter for `days` days from `now`. ./der.ts derCertificateTime writes dates from 2050 on as
 * GeneralizedTime and earlier ones as UTCTime, as RFC 5280 §4.1.2.5 requires.
 * @throws AnchorageError INVALID_DAYS for a notAfter past 9999-12-31, naming the most days possible.
 */
export function validityWindow(days: number, now: Date): { notBefore: Date; notAfter: Date } {
  checkDays(days);
  const notAfter = now.getTime() + days * DAY_MS;
  const problem = notAfter <= LAST_NOT_AFTER.getTime() ? undefined : validityDaysProblem(days, now);
  if (problem) {
    throw new AnchorageError(
      'INVALID_DAYS',
      problem.message,
      `Choose at most ${daysUntil(LAST_NOT_AFTER, now)} days.`,
      { facts: problem.facts },
    );
  }
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(notAfter) };
}

/** The whole days a certificate is valid for (notBefore → notAfter), the default length of a renewal. */
export function validityDays(cert: { notBefore: Date; notAfter: Date }): number {
  return Math.max(1, Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS));
}

/** Whole days from `now` until `date` (negative once past). */
export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** What the rule below needs of an issuer: its subject (RFC 4514 text, ./dn.ts) and its notAfter. */
export interface IssuerValidity {
  subject: string;
  notAfter: Date;
}

/**
 * Refuse a notAfter past the issuer's: a chain is only as valid as its shortest link (RFC 5280 §6.1.3), and
 * Roles Anywhere would reject the session once the CA has expired.
 * @throws AnchorageError VALIDITY_EXCEEDS_ISSUER naming both dates and the most days possible.
 */
export function checkWithinIssuer(notAfter: Date, issuer: IssuerValidity, days: number, now: Date): void {
  if (notAfter.getTime() <= issuer.notAfter.getTime()) return;
  const max = daysUntil(issuer.notAfter, now);
  throw new AnchorageError(
    'VALIDITY_EXCEEDS_ISSUER',
    `A ${days}-day certificate would expire on ${day(notAfter)}, after its issuer "${issuer.subject}" ` +
      `(expires ${day(issuer.notAfter)}).`,
    max >= 1
      ? `Choose ${max} days or fewer, or renew the CA first.`
      : 'The CA expires in less than a day: renew or replace the CA first.',
    {
      facts: {
        field: 'days',
        days,
        maxDays: Math.max(max, 0),
        issuer: issuer.subject,
        issuerNotAfter: issuer.notAfter.toISOString(),
      },
    },
  );
}
