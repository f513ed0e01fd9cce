/**
 * Issue 3, "core → emulator", in process through `createCore` (test/support/core-harness.ts): Roles Anywhere
 * sessions from the emulator (which verifies the AWS4-X509 signature, the serial, the scope and the chain
 * independently of main/) for every client key type, through an intermediate, and the session cache. The
 * trust anchors hold the PEM that export wrote. The printed formats are checked through the CLI in
 * test/integration/cli-aws-session.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../main/core/api';
import { startEmulator } from '../../../emulator/index';
import type { Emulator } from '../../../emulator/index';
import { ACCOUNT, createCa, issueCert, testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';

const REGION = 'us-east-1';
const uuid = (c: string) => `${c.repeat(8)}-${c.repeat(4)}-4${c.repeat(3)}-8${c.repeat(3)}-${c.repeat(12)}`;
const profileArn = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${uuid('f')}`;
const roleArn = `arn:aws:iam::${ACCOUNT}:role/anchorage-it`;
/** One trust anchor per root CA; the profile ARN is shared. */
const rsaArns = {
  trustAnchorArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${uuid('a')}`,
  profileArn,
  roleArn,
};
const ecArns = {
  trustAnchorArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${uuid('b')}`,
  profileArn,
  roleArn,
};

let t: TestCore;
let core: CoreApi;
let emu: Emulator;

beforeAll(async () => {
  t = await testCore('running');
  core = t.core;
  await createCa(core, 'rsa-root', 'rsa-2048', { subject: { organization: 'Anchorage IT' } });
  await createCa(core, 'ec-root', 'ec-p256');
  // The chain case: root → intermediate (EC, different key type on purpose) → client; the trust anchor
  // holds only the root, so the intermediate must travel in X-Amz-X509-Chain.
  await createCa(core, 'rsa-intermediate', 'ec-p384', { parent: 'rsa-root' });
  const pem = async (ref: string) =>
    Buffer.from((await core.exportCertificate({ ref, format: 'pem' })).bytes).toString('utf8');
  const rsaPem = await pem('rsa-root');
  const ecPem = await pem('ec-root');
  expect(rsaPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(rsaPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
  emu = await startEmulator({
    region: REGION,
    trustAnchors: [
      { arn: rsaArns.trustAnchorArn, certificatesPem: [rsaPem] },
      { arn: ecArns.trustAnchorArn, certificatesPem: [ecPem] },
    ],
    profiles: [{ arn: profileArn, roleArns: [roleArn] }],
  });

  await issueCert(core, 'rsa-root', 'rsa-client', 'rsa-2048');
  await issueCert(core, 'ec-root', 'ec256-client', 'ec-p256');
  await issueCert(core, 'rsa-root', 'ec384-client', 'ec-p384');
  await issueCert(core, 'rsa-intermediate', 'chained-client', 'rsa-2048');
  const profile = (name: string, certificate: string, arns: typeof rsaArns) =>
    core.addProfile({ name, certificate, ...arns, region: REGION, durationSeconds: 3600, endpoint: emu.url });
  await profile('rsa', 'rsa-client', rsaArns);
  await profile('ec256', 'ec256-client', ecArns);
  await profile('ec384', 'ec384-client', rsaArns);
  await profile('chained', 'chained-client', rsaArns);
});

afterAll(async () => {
  await emu?.close();
  await t?.cleanup();
});

type Session = Awaited<ReturnType<CoreApi['session']>>;

function expectCredentials(s: Session): void {
  expect(s.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
  expect(s.secretAccessKey).toMatch(/^[A-Za-z0-9/+=]{40}$/);
  expect(s.sessionToken.length).toBeGreaterThan(20);
  const left = Date.parse(s.expiration) - Date.now();
  expect(left).toBeGreaterThan(3500_000);
  expect(left).toBeLessThanOrEqual(3601_000);
  expect(emu.issued().map((i) => i.accessKeyId)).toContain(s.accessKeyId);
}

describe('sessions against the emulator', () => {
  it('works with an RSA-2048 client certificate', async () => {
    const before = emu.stats().createSession;
    const s = await core.session('rsa');
    expectCredentials(s);
    expect(s.roleArn).toBe(roleArn);
    expect(emu.stats().createSession).toBe(before + 1);
    expect(emu.issued().find((i) => i.accessKeyId === s.accessKeyId)?.subjectCn).toBe('rsa-client');
  });

  it('works with EC P-256 (under an EC root) and EC P-384 (under an RSA root) client certificates', async () => {
    const p256 = await core.session('ec256');
    const p384 = await core.session('ec384');
    expectCredentials(p256);
    expectCredentials(p384);
    expect(p256.accessKeyId).not.toBe(p384.accessKeyId);
    const cns = emu.issued().map((i) => i.subjectCn);
    expect(cns).toEqual(expect.arrayContaining(['ec256-client', 'ec384-client']));
  });

  it('works through an intermediate CA when the trust anchor holds only the root', async () => {
    const s = await core.session('chained');
    expectCredentials(s);
    expect(emu.issued().find((i) => i.accessKeyId === s.accessKeyId)?.subjectCn).toBe('chained-client');
  });

  it('reuses the cached session (also from another core on the same data directory), and noCache calls CreateSession again', async () => {
    const first = await core.session('rsa');
    const before = emu.stats().createSession;
    const again = await (await t.reopen()).session('rsa');
    expect(again.accessKeyId).toBe(first.accessKeyId);
    expect(again.fromCache).toBe(true);
    expect(emu.stats().createSession).toBe(before);
    const fresh = await core.session('rsa', { noCache: true });
    expect(fresh.accessKeyId).not.toBe(first.accessKeyId);
    expect(emu.stats().createSession).toBe(before + 1);
  });
});
