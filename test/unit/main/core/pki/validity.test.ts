// Issue 7 §5: validity dates as X.509 can carry them, checked with openssl (which no one here wrote).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { LAST_NOT_AFTER, daysUntil, validityWindow } from '../../../../../main/core/pki/validity';
import { ok, requireTool } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';

const tmp = tempDir();
beforeAll(() => requireTool('openssl'));
afterAll(() => tmp.cleanup());

const NOW = new Date('2026-12-01T08:00:00Z');

/** The two time types of the certificate's Validity, in order, as `openssl asn1parse` names them. */
function validityTimeTypes(pem: string): string[] {
  const path = tmp.write(`c-${Math.random().toString(36).slice(2)}.pem`, pem);
  const parsed = ok('openssl', ['asn1parse', '-in', path]);
  return [...parsed.matchAll(/prim: (UTCTIME|GENERALIZEDTIME)\s+:(\S+)/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe('validity dates', () => {
  it('writes UTCTime before 2050 and GeneralizedTime from 2050 on, and openssl reads both', async () => {
    const days = daysUntil(new Date('2060-06-01T00:00:00Z'), NOW);
    const ca = await createRootCa({ subject: { commonName: 'Far CA' }, keyType: 'ec-p256', days, now: NOW });
    const [notBefore, notAfter] = validityTimeTypes(ca.certificatePem);
    expect(notBefore).toMatch(/^UTCTIME 261201\d{6}Z$/);
    expect(notAfter).toMatch(/^GENERALIZEDTIME 2060\d{10}Z$/);
    const path = tmp.write('far.pem', ca.certificatePem);
    expect(ok('openssl', ['x509', '-in', path, '-noout', '-enddate'])).toMatch(/notAfter=.* 2060 GMT/);

    // A client certificate ending in 2049 under it keeps UTCTime.
    const client = await issueClientCertificate({
      issuer: { certificate: ca.certificatePem, privateKeyPkcs8: ca.privateKeyPkcs8 },
      subject: { commonName: 'near' },
      keyType: 'ec-p256',
      days: daysUntil(new Date('2049-12-30T00:00:00Z'), NOW),
      now: NOW,
    });
    expect(validityTimeTypes(client.certificatePem)[1]).toMatch(/^UTCTIME 4912\d{8}Z$/);
  });

  it('accepts a notAfter up to 9999-12-31 and refuses one day more, naming the most days possible', async () => {
    const most = daysUntil(LAST_NOT_AFTER, NOW);
    expect(validityWindow(most, NOW).notAfter.getUTCFullYear()).toBe(9999);
    expect(() => validityWindow(most + 1, NOW)).toThrow(
      expect.objectContaining({
        code: 'INVALID_DAYS',
        message: expect.stringContaining('9999-12-31'),
        hint: `Choose at most ${most} days.`,
      }),
    );
    const ca = await createRootCa({
      subject: { commonName: 'Last CA' },
      keyType: 'ec-p256',
      days: most,
      now: NOW,
    });
    const path = tmp.write('last.pem', ca.certificatePem);
    expect(ok('openssl', ['x509', '-in', path, '-noout', '-enddate'])).toMatch(/notAfter=.* 9999 GMT/);
  });

  it.each([3_000_000, 1e12])('refuses %d days before any key is made', async (days) => {
    await expect(
      createRootCa({ subject: { commonName: 'Too far' }, keyType: 'ec-p256', days, now: NOW }),
    ).rejects.toMatchObject({ code: 'INVALID_DAYS' });
  });
});
