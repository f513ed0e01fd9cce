import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../../../../main/core/aws/roles-anywhere-client';
import type { Emulator } from '../../../../emulator';
import {
  PROFILE_ARN,
  REGION,
  ROLE_ARN,
  emulatorFor,
  makePki,
  rejectionOf,
  sessionParams,
} from './roles-anywhere-client.fixtures';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** The issuer DN as openssl prints it (RFC 2253 order), to check ours against a tool nobody here wrote. */
function opensslIssuer(pem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-ra-'));
  try {
    writeFileSync(join(dir, 'c.pem'), pem);
    try {
      return execFileSync(
        'openssl',
        ['x509', '-in', join(dir, 'c.pem'), '-noout', '-issuer', '-nameopt', 'RFC2253'],
        { encoding: 'utf8' },
      )
        .trim()
        .replace(/^issuer=/, '');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error('openssl is missing: apt-get install -y openssl');
      throw error;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('createSession against the emulator', () => {
  for (const keyType of ['rsa-2048', 'ec-p256', 'ec-p384'] as const) {
    it(`returns credentials for a ${keyType} certificate`, async () => {
      const pki = await makePki({ keyType });
      emulator = await emulatorFor(pki.root.certificatePem);
      const before = Date.now();
      const creds = await createSession(sessionParams(pki, emulator));
      expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(creds.secretAccessKey.length).toBeGreaterThan(20);
      expect(creds.sessionToken.length).toBeGreaterThan(100);
      expect(creds.roleArn).toBe(ROLE_ARN);
      expect(creds.assumedRoleArn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/AnchorageTest\//);
      // 3600 s asked for; the emulator's Date has 1 s resolution.
      const lifetime = Date.parse(creds.expiration) - before;
      expect(lifetime).toBeGreaterThan(3590_000);
      expect(lifetime).toBeLessThan(3610_000);
      expect(Math.abs(creds.clockOffsetMs ?? NaN)).toBeLessThan(2000);
      expect(creds.serverDate).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(emulator.stats().createSession).toBe(1);
    });
  }

  it('sends the chain through an intermediate (X-Amz-X509-Chain) when the anchor holds only the root', async () => {
    const pki = await makePki({ keyType: 'rsa-2048', intermediate: true });
    emulator = await emulatorFor(pki.root.certificatePem);
    const creds = await createSession({ ...sessionParams(pki, emulator), roleSessionName: 'chain-test' });
    expect(creds.assumedRoleArn).toBe('arn:aws:sts::123456789012:assumed-role/AnchorageTest/chain-test');
    // Without the chain the emulator cannot build a path to the root: proves the header was sent and used.
    const error = await rejectionOf(createSession({ ...sessionParams(pki, emulator), chainDer: [] }));
    expect(error.code).toBe('AWS_UNTRUSTED_CERTIFICATE');
  });

  it('names the CA the trust anchor must hold when the certificate is untrusted', async () => {
    const pki = await makePki({ rootName: 'Untrusted Root' });
    const other = await makePki({ rootName: 'The Configured Root' });
    emulator = await emulatorFor(other.root.certificatePem);
    const error = await rejectionOf(createSession(sessionParams(pki, emulator)));
    expect(error.code).toBe('AWS_UNTRUSTED_CERTIFICATE');
    const issuer = opensslIssuer(pki.leaf.certificatePem);
    expect(issuer).toBe('CN=Untrusted Root,O=Anchorage Tests');
    expect(error.message.replace(/, /g, ',')).toContain(issuer);
    expect(error.hint).toMatch(/trust anchor/i);
    expect(error.hint).toMatch(/PEM/);
    expect(emulator.stats().createSession).toBe(1); // a 403 is not retried
  });

  it('names the root (issuer of the top of the chain) for an untrusted chain', async () => {
    const pki = await makePki({ intermediate: true, rootName: 'Chain Root' });
    const other = await makePki();
    emulator = await emulatorFor(other.root.certificatePem);
    const error = await rejectionOf(createSession(sessionParams(pki, emulator)));
    expect(error.code).toBe('AWS_UNTRUSTED_CERTIFICATE');
    expect(error.message).toContain('CN=Chain Root');
  });

  it('refuses an expired certificate before sending anything', async () => {
    const pki = await makePki({ leafNow: new Date(Date.now() - 60 * 86_400_000), leafDays: 30 });
    emulator = await emulatorFor(pki.root.certificatePem);
    const error = await rejectionOf(createSession(sessionParams(pki, emulator)));
    expect(error.code).toBe('CERT_EXPIRED');
    expect(error.message).toMatch(/expired on \d{4}-\d\d-\d\dT/);
    expect(emulator.stats().requests).toBe(0);
  });

  it('refuses a certificate that is not yet valid before sending anything', async () => {
    const pki = await makePki({ leafNow: new Date(Date.now() + 10 * 86_400_000) });
    emulator = await emulatorFor(pki.root.certificatePem);
    const error = await rejectionOf(createSession(sessionParams(pki, emulator)));
    expect(error.code).toBe('CERT_NOT_YET_VALID');
    expect(emulator.stats().requests).toBe(0);
  });

  it('refuses a region that is not the trust anchor’s, naming both', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    const error = await rejectionOf(createSession({ ...sessionParams(pki, emulator), region: 'eu-west-2' }));
    expect(error.code).toBe('REGION_MISMATCH');
    expect(error.message).toContain('eu-west-2');
    expect(error.message).toContain(REGION);
    expect(emulator.stats().requests).toBe(0);
  });

  for (const duration of [899, 43201, 1800.5]) {
    it(`refuses durationSeconds ${duration} locally`, async () => {
      const pki = await makePki();
      emulator = await emulatorFor(pki.root.certificatePem);
      const error = await rejectionOf(
        createSession({ ...sessionParams(pki, emulator), durationSeconds: duration }),
      );
      expect(error.code).toBe('INVALID_DURATION');
      expect(error.message).toContain(String(duration));
      expect(emulator.stats().requests).toBe(0);
    });
  }

  it('accepts the duration bounds 900 and 43200', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    await createSession({ ...sessionParams(pki, emulator), durationSeconds: 900 });
    await createSession({ ...sessionParams(pki, emulator), durationSeconds: 43200 });
    expect(emulator.stats().createSession).toBe(2);
  });

  it('retries 503, 503 and then succeeds with 3 requests', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    emulator.inject({ status: 503, count: 2 });
    const creds = await createSession(sessionParams(pki, emulator));
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(emulator.stats().createSession).toBe(3);
  });

  it('gives up after the attempts with AWS_SERVER_ERROR', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    emulator.inject({ status: 500, count: 10 });
    const error = await rejectionOf(createSession(sessionParams(pki, emulator)));
    expect(error.code).toBe('AWS_SERVER_ERROR');
    expect(error.message).toContain('500');
    expect(emulator.stats().createSession).toBe(4);
  });

  it('retries throttling (429) and reports AWS_THROTTLED when it persists', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    emulator.inject({ status: 429, count: 1 });
    await createSession(sessionParams(pki, emulator));
    expect(emulator.stats().createSession).toBe(2);
    emulator.inject({ status: 429, count: 10 });
    const error = await rejectionOf(
      createSession({ ...sessionParams(pki, emulator), retry: { attempts: 2, baseDelayMs: 1 } }),
    );
    expect(error.code).toBe('AWS_THROTTLED');
    expect(emulator.stats().createSession).toBe(4);
  });

  it('sends exactly one request on a 403', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem, ['arn:aws:iam::123456789012:role/SomeOtherRole']);
    const error = await rejectionOf(createSession(sessionParams(pki, emulator)));
    expect(error.code).toBe('AWS_ACCESS_DENIED');
    expect(error.message).toContain(ROLE_ARN);
    expect(emulator.stats().createSession).toBe(1);
  });

  it('maps 404 ResourceNotFoundException to AWS_NOT_FOUND with a hint about the ARN and region', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    const missing = PROFILE_ARN.replace('6f4b1b8c', '00000000');
    const error = await rejectionOf(createSession({ ...sessionParams(pki, emulator), profileArn: missing }));
    expect(error.code).toBe('AWS_NOT_FOUND');
    expect(error.hint).toMatch(/ARN/);
    expect(error.hint).toMatch(/region/);
    expect(emulator.stats().createSession).toBe(1);
  });

  it('maps 400 ValidationException to AWS_VALIDATION without retrying', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    emulator.setConfig({ profiles: [{ arn: PROFILE_ARN, roleArns: [ROLE_ARN], durationSeconds: 3600 }] });
    const error = await rejectionOf(
      createSession({ ...sessionParams(pki, emulator), durationSeconds: 7200 }),
    );
    expect(error.code).toBe('AWS_VALIDATION');
    expect(error.message).toContain('3600');
    expect(emulator.stats().createSession).toBe(1);
  });

  it('times out an attempt that gets no answer, with a clear message', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    emulator.inject({ delayMs: 3000, count: 10 });
    const started = Date.now();
    const error = await rejectionOf(
      createSession({
        ...sessionParams(pki, emulator),
        timeoutMs: 250,
        retry: { attempts: 2, baseDelayMs: 1 },
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(`No answer from ${emulator.url} within 0.25 s.`);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(emulator.stats().createSession).toBe(2); // timeouts are retried
  });

  it('reports a refused connection as NETWORK_ERROR naming the endpoint', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    const url = emulator.url;
    await emulator.close();
    emulator = undefined;
    const error = await rejectionOf(
      createSession({ ...sessionParams(pki, { url } as Emulator), retry: { attempts: 2, baseDelayMs: 1 } }),
    );
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain(url);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('retries a reset connection', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    emulator.inject({ resetConnection: true, count: 1 });
    await createSession(sessionParams(pki, emulator));
    expect(emulator.stats().createSession).toBe(2);
  });

  for (const [direction, shiftMs] of [
    ['behind', -20 * 60_000],
    ['ahead of', 20 * 60_000],
  ] as const) {
    it(`turns an auth failure into CLOCK_SKEW when the local clock is 20 min ${direction} AWS`, async () => {
      const pki = await makePki({ leafNow: new Date(Date.now() - 86_400_000) });
      emulator = await emulatorFor(pki.root.certificatePem);
      const error = await rejectionOf(
        createSession({ ...sessionParams(pki, emulator), now: () => new Date(Date.now() + shiftMs) }),
      );
      expect(error.code).toBe('CLOCK_SKEW');
      const seconds = Number(/your clock is (\d+) s/.exec(error.message)?.[1]);
      expect(Math.abs(seconds - 1200)).toBeLessThanOrEqual(2);
      expect(error.message).toContain(`${direction} AWS`);
      expect(emulator.stats().createSession).toBe(1);
    });
  }

  it('never puts the private key or the session secrets in an error message', async () => {
    const pki = await makePki();
    emulator = await emulatorFor(pki.root.certificatePem);
    const creds = await createSession(sessionParams(pki, emulator));
    emulator.inject({ status: 503, count: 10 });
    const error = await rejectionOf(
      createSession({ ...sessionParams(pki, emulator), retry: { attempts: 1 } }),
    );
    const text = `${error.message} ${error.hint ?? ''} ${String(error.stack)}`;
    expect(text).not.toContain(Buffer.from(pki.privateKeyPkcs8).toString('base64').slice(40, 80));
    expect(text).not.toContain(creds.secretAccessKey);
  });
});
