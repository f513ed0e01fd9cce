import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TESTIDS } from '../../renderer/testids';
import { expect, screenshot, test } from './fixtures';
import { ARNS, createCa, expectStep, fillArns, id, issueClient, next } from './flows';

/** A CA that is NOT the one the app created, made by openssl (a tool nobody here wrote). */
function foreignCaPem(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-e2e-foreign-'));
  try {
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-sha256',
        '-days',
        '30',
        '-subj',
        '/CN=Somebody Else CA',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'ca.pem'),
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      ],
      { encoding: 'utf8' },
    );
    if (result.error) throw new Error('openssl is missing: apt-get install -y openssl');
    expect(result.status, result.stderr).toBe(0);
    return readFileSync(join(dir, 'ca.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a bad ARN shows its message, and an untrusted certificate shows its hint', async ({
  app,
  emulator,
}) => {
  await createCa(app, { name: 'Errors CA', keyType: 'ec-p256' });
  await next(app, 'client');
  await issueClient(app, { cn: 'errors-workload', keyType: 'ec-p256' });
  await next(app, 'register');
  await next(app, 'arns');

  // Bad ARN: an 11-digit account is named as such, live, under the field; the profile cannot be saved.
  await id(app, TESTIDS.arnTrustAnchor).fill(ARNS.trustAnchor.replace('123456789012', '12345678901'));
  await expect(id(app, `${TESTIDS.arnTrustAnchor}-message`)).toContainText(
    'has 11 digits; an AWS account ID has exactly 12',
  );
  await expect(id(app, TESTIDS.arnTrustAnchor)).toHaveAttribute('aria-invalid', 'true');
  await expect(id(app, TESTIDS.profileSave)).toBeDisabled();
  await screenshot(app, '17-error-bad-arn');

  // Region mismatch: a profile ARN in another region than the trust anchor is explained.
  await id(app, TESTIDS.arnTrustAnchor).fill(ARNS.trustAnchor);
  await id(app, TESTIDS.arnProfile).fill(ARNS.profile.replace('us-east-1', 'eu-west-1'));
  await expect(id(app, `${TESTIDS.arnProfile}-message`)).toContainText('eu-west-1');
  await expect(id(app, TESTIDS.profileSave)).toBeDisabled();

  // Untrusted certificate: the trust anchor holds somebody else's CA.
  emulator.setConfig({
    trustAnchors: [{ arn: ARNS.trustAnchor, certificatesPem: [foreignCaPem()] }],
    profiles: [{ arn: ARNS.profile, roleArns: [ARNS.role] }],
  });
  await fillArns(app, { profileName: 'untrusted', endpoint: emulator.url });
  await id(app, TESTIDS.profileSave).click();
  await expect(id(app, TESTIDS.profileSaved)).toBeVisible();
  await next(app, 'test');
  await id(app, TESTIDS.testConnection).click();
  const alert = id(app, TESTIDS.errorAlert);
  await expect(alert).toContainText('does not trust the signing certificate');
  await expect(id(app, TESTIDS.errorHint)).toContainText('the PEM of the CA "CN=Errors CA"');
  await expect(id(app, TESTIDS.connectionOk)).toHaveCount(0);
  // Every error has its details: the code and core's message, for a search or a bug report.
  const toggle = alert.getByTestId(TESTIDS.errorDetailsToggle);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(alert.getByTestId(TESTIDS.errorDetails)).toContainText('AWS_UNTRUSTED_CERTIFICATE');
  await expect(alert.getByTestId(TESTIDS.errorDetails)).toContainText(
    'does not trust the signing certificate',
  );
  await screenshot(app, '18-error-untrusted-certificate');
  await expectStep(app, 'test');
});
