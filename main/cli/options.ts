import { AnchorageError } from '../../shared/errors';
import { MIN_VALIDITY_DAYS, validityDaysProblem } from '../../shared/domain/limits';

/** Parse `--days`: a whole number ≥ 1 (core checks it again against the clock and the issuer). */
export function daysOption(value: string): number {
  const n = Number(value);
  if (validityDaysProblem(n)) {
    throw new AnchorageError(
      'INVALID_DAYS',
      `--days must be a whole number of days, at least ${MIN_VALIDITY_DAYS} (got "${value}").`,
      'For example --days 365.',
    );
  }
  return n;
}
