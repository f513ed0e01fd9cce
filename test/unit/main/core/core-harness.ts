/**
 * The real core, in process (ARCHITECTURE §7: test core in process): a fresh data directory, the passphrase
 * vault, a clock the test moves, and the emulator as AWS when a test needs sessions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreApi } from '../../../../main/core/api';
import { createCore } from '../../../../main/core/services';
import { startEmulator } from '../../../emulator/index';
import type { Emulator } from '../../../emulator/index';

export const TEST_ENV = { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: 'core-test-passphrase' };

export interface TestCore {
  core: CoreApi;
  dataDir: string;
  /** The clock core and emulator share; move it with `clock.set`. */
  clock: { now: () => Date; set(date: Date): void; advance(ms: number): void };
  /** Another core on the same data directory: what a second process sees. */
  reopen(): Promise<CoreApi>;
  cleanup(): Promise<void>;
}

export async function testCore(start = new Date()): Promise<TestCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'anchorage-core-'));
  let t = start.getTime();
  const clock = {
    now: () => new Date(t),
    set: (date: Date) => void (t = date.getTime()),
    advance: (ms: number) => void (t += ms),
  };
  const open = () => createCore({ dataDir, clock: clock.now, env: { ...TEST_ENV } });
  return {
    core: await open(),
    dataDir,
    clock,
    reopen: open,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export const ACCOUNT = '123456789012';
const uuid = (c: string) => `${c.repeat(8)}-${c.repeat(4)}-4${c.repeat(3)}-8${c.repeat(3)}-${c.repeat(12)}`;

/** A root CA and an emulator in us-east-1 that trusts it, on the core's clock. */
export async function withAws(
  t: TestCore,
  options: { durationSeconds?: number } = {},
): Promise<{
  emu: Emulator;
  arns: { trustAnchorArn: string; profileArn: string; roleArn: string };
  /** Issue a client certificate and add profile `name` for it. */
  profile(name: string, opts?: { cert?: string; days?: number; durationSeconds?: number }): Promise<string>;
}> {
  const ca = await t.core.createCa({
    name: 'root',
    subject: { commonName: 'Core Test Root' },
    keyType: 'ec-p256',
    days: 3650,
  });
  const arns = {
    trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/${uuid('a')}`,
    profileArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/${uuid('b')}`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/core-test`,
  };
  const emu = await startEmulator({
    region: 'us-east-1',
    trustAnchors: [{ arn: arns.trustAnchorArn, certificatesPem: [await t.core.certificatePem(ca.id)] }],
    profiles: [{ arn: arns.profileArn, roleArns: [arns.roleArn], durationSeconds: 43_200 }],
    now: t.clock.now,
  });
  return {
    emu,
    arns,
    async profile(name, opts = {}) {
      const cert =
        opts.cert ??
        (
          await t.core.issueCert({
            ca: ca.id,
            name: `${name}-cert`,
            subject: { commonName: `${name}-client` },
            keyType: 'ec-p256',
            days: opts.days ?? 365,
          })
        ).id;
      await t.core.addProfile({
        name,
        certificate: cert,
        ...arns,
        region: 'us-east-1',
        durationSeconds: opts.durationSeconds ?? options.durationSeconds ?? 3600,
        endpoint: emu.url,
      });
      return cert;
    },
  };
}
