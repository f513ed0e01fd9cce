/**
 * The real core, in process (ARCHITECTURE §7: test core in process): a fresh data directory, the passphrase
 * vault, a clock the test moves, and the emulator as AWS when a test needs sessions.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CoreApi, SubjectInput } from '../../main/core/api';
import type { KeyType } from '../../shared/domain/key-types';
import type { CertificateSummary } from '../../shared/schemas/models';
import { createCore } from '../../main/core/services';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/index';

export const TEST_ENV = { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: 'core-test-passphrase' };

export interface TestCore {
  core: CoreApi;
  dataDir: string;
  /** The clock core and emulator share; move it with `clock.set`. */
  clock: { now: () => Date; set(date: Date): void; advance(ms: number): void };
  /** Another core on the same data directory: what a second process sees (`extra` is added to its env). */
  reopen(extra?: Record<string, string>): Promise<CoreApi>;
  cleanup(): Promise<void>;
}

/**
 * A core on a fresh data directory. Its clock stands still at `start` (default: now) until the test moves it;
 * `'running'` makes it follow real time instead (moved by `set`/`advance` as an offset), for tests that compare
 * with what openssl, running now, thinks of the same certificates.
 */
export async function testCore(
  start: Date | 'running' = new Date(),
  options: {
    /** `keychain`: the real Secret Service (run under scripts/with-keyring.sh), under a service of its own. */
    vault?: 'file' | 'keychain';
  } = {},
): Promise<TestCore & { env: Record<string, string> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'anchorage-core-'));
  const keychain = options.vault === 'keychain';
  const service = `anchorage-core-${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = keychain
    ? { ANCHORAGE_VAULT: 'keychain', ANCHORAGE_KEYCHAIN_SERVICE: service }
    : { ...TEST_ENV };
  const running = start === 'running';
  let t = running ? 0 : start.getTime();
  const base = () => (running ? Date.now() : 0);
  const clock = {
    now: () => new Date(base() + t),
    set: (date: Date) => void (t = date.getTime() - base()),
    advance: (ms: number) => void (t += ms),
  };
  const open = (extra: Record<string, string> = {}) =>
    createCore({ dataDir, clock: clock.now, env: { ...env, ...extra } });
  return {
    core: await open(),
    dataDir,
    env,
    clock,
    reopen: open,
    async cleanup() {
      await rm(dataDir, { recursive: true, force: true });
      // The vault key this core may have stored in the test keyring (secret-tool exits 1 if there is none).
      if (keychain) spawnSync('secret-tool', ['clear', 'service', service, 'username', 'vault-key']);
    },
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

/**
 * `ca create` as the CLI calls it: the CN is the name unless a subject is given; 3650 days for a root, 1825 for
 * an intermediate (`parent`).
 */
export function createCa(
  core: CoreApi,
  name: string,
  keyType: KeyType = 'ec-p256',
  opts: { parent?: string; subject?: Partial<SubjectInput>; days?: number } = {},
): Promise<CertificateSummary> {
  return core.createCa({
    name,
    subject: { commonName: name, ...opts.subject },
    keyType,
    days: opts.days ?? (opts.parent ? 1825 : 3650),
    ...(opts.parent ? { parent: opts.parent } : {}),
  });
}

/** `cert issue --cn CN` as the CLI calls it (365 days unless `days`). */
export function issueCert(
  core: CoreApi,
  ca: string,
  commonName: string,
  keyType: KeyType = 'ec-p256',
  opts: { subject?: Partial<SubjectInput>; sans?: string[]; days?: number } = {},
): Promise<CertificateSummary> {
  return core.issueCert({
    ca,
    subject: { commonName, ...opts.subject },
    keyType,
    days: opts.days ?? 365,
    sans: opts.sans ?? [],
  });
}

/**
 * A fresh core on `start`'s clock with the emulator as AWS for every test of the calling file (registers its
 * own beforeEach/afterEach). Read `world.t` and `world.aws` inside the tests.
 */
export function coreWithAwsEachTest(start: Date): {
  readonly t: TestCore;
  readonly aws: Awaited<ReturnType<typeof withAws>>;
} {
  let t: TestCore | undefined;
  let aws: Awaited<ReturnType<typeof withAws>> | undefined;
  beforeEach(async () => {
    t = await testCore(start);
    aws = await withAws(t);
  });
  afterEach(async () => {
    await aws?.emu.close();
    await t?.cleanup();
  });
  return {
    get t() {
      return t!;
    },
    get aws() {
      return aws!;
    },
  };
}
