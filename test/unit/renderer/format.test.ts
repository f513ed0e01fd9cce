import { describe, expect, it } from 'vitest';
import { daysHint, expiresIn, formatCountdown } from '../../../renderer/format';

const DAY = 86_400_000;
const now = Date.parse('2025-01-01T00:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('format', () => {
  it('says when a certificate expires', () => {
    expect(expiresIn(at(3 * DAY), now)).toBe('in 3 days');
    expect(expiresIn(at(1 * DAY), now)).toBe('in 1 day');
    expect(expiresIn(at(365 * DAY), now)).toBe('in 12 months');
    expect(expiresIn(at(3650 * DAY), now)).toBe('in 10 years');
    expect(expiresIn(at(-2 * DAY), now)).toBe('2 days ago');
    expect(expiresIn(at(3_600_000), now)).toBe('expires today');
  });

  it('formats countdowns', () => {
    expect(formatCountdown(59_000)).toBe('0:59');
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('explains validity days', () => {
    expect(daysHint(3650)).toBe('≈ 10 years');
    expect(daysHint(365)).toBe('≈ 12 months');
    expect(daysHint(30)).toBe('30 days');
    expect(daysHint(0)).toBe('At least one day.');
  });
});
