import { formatAmzDate } from './canonical';

/**
 * Check a request time against the server clock the way SigV4 services do: more than `skewSeconds` in the past
 * is "Signature expired", more than that in the future is "Signature not yet current". Returns the message to
 * reject with, or undefined when the time is acceptable. The message names the measured offset so that a
 * client can tell the user how far off their clock is.
 */
export function skewProblem(requestTime: Date, now: Date, skewSeconds: number): string | undefined {
  const diffSeconds = Math.round((requestTime.getTime() - now.getTime()) / 1000);
  if (Math.abs(diffSeconds) <= skewSeconds) return undefined;
  const req = formatAmzDate(requestTime);
  const minutes = `${Math.round(skewSeconds / 60)} min.`;
  const offset = `request time differs from server time ${formatAmzDate(now)} by ${diffSeconds} seconds`;
  if (diffSeconds < 0) {
    const limit = formatAmzDate(new Date(now.getTime() - skewSeconds * 1000));
    return `Signature expired: ${req} is now earlier than ${limit} (${formatAmzDate(now)} - ${minutes}); ${offset}`;
  }
  const limit = formatAmzDate(new Date(now.getTime() + skewSeconds * 1000));
  return `Signature not yet current: ${req} is still later than ${limit} (${formatAmzDate(now)} + ${minutes}); ${offset}`;
}
