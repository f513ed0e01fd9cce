import { describe, expect, it } from 'vitest';
import {
  certificateOptionLabel,
  isUsable,
  preselectCertificate,
  statusWords,
  unusableReason,
} from '../../../renderer/certificate-choice';
import { fakeCert } from './fake-bridge';

describe('certificate choice', () => {
  const valid = fakeCert({ name: 'a' });
  const expired = fakeCert({ name: 'b', status: 'expired' });
  const revoked = fakeCert({ name: 'c', status: 'revoked' });
  const future = fakeCert({ name: 'd', status: 'not-yet-valid' });
  const keyless = fakeCert({ name: 'e', hasPrivateKey: false });
  const superseded = fakeCert({ name: 'f', status: 'superseded' });
  const expiring = fakeCert({ name: 'g', status: 'expiring', daysToExpiry: 1 });

  it('knows which certificates can sign, and why not', () => {
    expect([valid, superseded, expiring].every(isUsable)).toBe(true);
    expect([expired, revoked, future, keyless].map(unusableReason)).toEqual([
      'expired',
      'revoked',
      'not yet valid',
      'no private key in Anchorage',
    ]);
  });

  it('words a status, with the days of an expiring certificate when known', () => {
    expect(statusWords('expiring', 3)).toBe('expiring in 3 days');
    expect(statusWords('expiring', 1)).toBe('expiring in 1 day');
    expect(statusWords('expiring', 0)).toBe('expiring today');
    expect(statusWords('expiring')).toBe('expiring soon');
    expect(statusWords('superseded')).toBe('superseded');
    expect(statusWords('missing')).toBe('certificate missing');
    expect(certificateOptionLabel(expiring)).toBe(`g (${expiring.commonName}) · expiring in 1 day`);
    expect(certificateOptionLabel(fakeCert({ name: 'x', commonName: 'x' }))).toBe('x · valid');
  });

  it('never preselects an unusable certificate', () => {
    expect(preselectCertificate([expired, revoked, valid])).toBe(valid.id);
    expect(preselectCertificate([expired, valid], expired.id)).toBe(valid.id);
    expect(preselectCertificate([valid, expiring], expiring.id)).toBe(expiring.id);
    expect(preselectCertificate([superseded, valid])).toBe(valid.id);
    expect(preselectCertificate([expired, superseded])).toBe(superseded.id);
    expect(preselectCertificate([expired, revoked, future, keyless])).toBe('');
    expect(preselectCertificate([])).toBe('');
  });
});
