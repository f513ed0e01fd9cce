import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../../../../main/core/aws/roles-anywhere-client';
import { getCallerIdentity } from '../../../../../main/core/aws/sts';
import type { Emulator } from '../../../../emulator';
import {
  ACCOUNT,
  REGION,
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

async function session() {
  const pki = await makePki({ keyType: 'ec-p256' });
  emulator = await emulatorFor(pki.root.certificatePem);
  const creds = await createSession({ ...sessionParams(pki, emulator), roleSessionName: 'whoami-test' });
  return { creds, emulator };
}

describe('getCallerIdentity against the emulator', () => {
  it('returns the assumed-role ARN of session credentials (SigV4, service sts)', async () => {
    const { creds, emulator } = await session();
    const id = await getCallerIdentity({ credentials: creds, region: REGION, endpoint: emulator.url });
    expect(id.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/AnchorageTest/whoami-test`);
    expect(id.Arn).toBe(creds.assumedRoleArn);
    expect(id.Account).toBe(ACCOUNT);
    expect(id.UserId).toMatch(/^AROA[0-9A-Z]+:whoami-test$/);
    expect(emulator.stats().getCallerIdentity).toBe(1);
  });

  it('maps a wrong secret (SignatureDoesNotMatch) to AWS_INVALID_CREDENTIALS without leaking it', async () => {
    const { creds, emulator } = await session();
    const wrong = `${creds.secretAccessKey.slice(0, -4)}AAAA`;
    const error = await rejectionOf(
      getCallerIdentity({
        credentials: { ...creds, secretAccessKey: wrong },
        region: REGION,
        endpoint: emulator.url,
      }),
    );
    expect(error.code).toBe('AWS_INVALID_CREDENTIALS');
    expect(error.hint).toMatch(/secret access key/);
    expect(`${error.message}${error.hint}`).not.toContain(wrong);
    expect(emulator.stats().getCallerIdentity).toBe(1);
  });

  it('maps an unknown key (InvalidClientTokenId) to AWS_INVALID_CREDENTIALS', async () => {
    const { creds, emulator } = await session();
    const error = await rejectionOf(
      getCallerIdentity({
        credentials: { ...creds, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' },
        region: REGION,
        endpoint: emulator.url,
      }),
    );
    expect(error.code).toBe('AWS_INVALID_CREDENTIALS');
    expect(error.message).toMatch(/does not recognise/);
  });

  it('maps ExpiredToken to AWS_EXPIRED_TOKEN', async () => {
    const { creds, emulator } = await session();
    // Move the emulator's clock past the session's end but keep ours in step with it, so only expiry fails.
    emulator.setConfig({ clockOffsetSeconds: 3700 });
    const error = await rejectionOf(
      getCallerIdentity({
        credentials: creds,
        region: REGION,
        endpoint: emulator.url,
        now: () => new Date(Date.now() + 3700_000),
      }),
    );
    expect(error.code).toBe('AWS_EXPIRED_TOKEN');
  });

  it('turns a signature outside the skew window into CLOCK_SKEW with the offset', async () => {
    const { creds, emulator } = await session();
    const error = await rejectionOf(
      getCallerIdentity({
        credentials: creds,
        region: REGION,
        endpoint: emulator.url,
        now: () => new Date(Date.now() - 15 * 60_000),
      }),
    );
    expect(error.code).toBe('CLOCK_SKEW');
    expect(error.message).toMatch(/your clock is (89\d|90\d) s behind AWS/);
  });
});
