// Issue 9, in process: `profile add` refuses an existing name unless replace, `profile set` changes only the
// given fields and revalidates the whole profile, `profile list` knows certificate names and session state, the
// trust policy comes from shared/domain/trust-policy.ts, and configure-aws writes an absolute data directory.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordId } from '../../../../main/core/aws/session-cache';
import { createSecretStore } from '../../../../main/core/vault/select-store';
import { Vault } from '../../../../main/core/vault/vault';
import { buildTrustPolicy } from '../../../../shared/domain/trust-policy';
import { ACCOUNT, TEST_ENV, coreWithAwsEachTest } from '../../../support/core-harness';
import { cliCommandFor } from '../../../../main/cli/command-line';

/** What the CLI edge passes: its own command line for the data directory core names. */
const anchorageAt = (dataDir: string) => cliCommandFor(['/usr/bin/anchorage'], dataDir);

const START = new Date('2026-12-01T08:00:00Z');
const world = coreWithAwsEachTest(START);

const profilesJson = () => readFileSync(join(world.t.dataDir, 'profiles.json'), 'utf8');
const cachedSession = () =>
  new Vault(world.t.dataDir, createSecretStore(world.t.dataDir, TEST_ENV)).has(recordId('dev'));

describe('profile add', () => {
  it('refuses an existing name, naming it, and changes nothing', async () => {
    const cert = await world.aws.profile('dev');
    const before = profilesJson();
    const error = await world.t.core
      .addProfile({
        name: 'dev',
        certificate: cert,
        ...world.aws.arns,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/other`,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ALREADY_EXISTS',
      facts: { what: 'profile', reason: 'taken', name: 'dev' },
    });
    expect((error as Error).message).toContain('"dev"');
    expect(profilesJson()).toBe(before);
  });

  it('replaces it as a whole with replace', async () => {
    const cert = await world.aws.profile('dev');
    const replaced = await world.t.core.addProfile(
      { name: 'dev', certificate: cert, ...world.aws.arns, roleArn: `arn:aws:iam::${ACCOUNT}:role/other` },
      { replace: true },
    );
    expect(replaced.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/other`);
    expect(replaced.endpoint).toBeUndefined(); // a replacement keeps nothing of the old profile
    expect(await world.t.core.listProfiles()).toHaveLength(1);
  });
});

describe('profile set', () => {
  it('changes only the given fields, keeps the rest, and drops the cached session', async () => {
    await world.aws.profile('dev');
    const old = await world.t.core.getProfile('dev');
    await world.t.core.session('dev');
    expect(await cachedSession()).toBe(true);

    const changed = await world.t.core.setProfile('dev', { durationSeconds: 900, sessionName: 'renamed' });
    expect(changed).toEqual({ ...old, durationSeconds: 900, sessionName: 'renamed' });
    expect(await world.t.core.getProfile('dev')).toEqual(changed);
    expect(await cachedSession()).toBe(false);

    // The next session is a new CreateSession with the new fields.
    await world.t.core.session('dev');
    expect(world.aws.emu.stats().createSession).toBe(2);
  });

  it('points the profile at another certificate, by name', async () => {
    await world.aws.profile('dev');
    const other = await world.t.core.issueCert({
      ca: 'root',
      name: 'second',
      subject: { commonName: 'second' },
      keyType: 'ec-p256',
      days: 30,
    });
    expect((await world.t.core.setProfile('dev', { certificate: 'second' })).certificateId).toBe(other.id);
  });

  it('clears an optional field given as empty', async () => {
    await world.aws.profile('dev');
    await world.t.core.setProfile('dev', { sessionName: 'x' });
    expect((await world.t.core.setProfile('dev', { sessionName: '' })).sessionName).toBeUndefined();
  });

  it('revalidates the whole profile: a region that disagrees with the ARNs is refused, nothing written', async () => {
    await world.aws.profile('dev');
    const before = profilesJson();
    await expect(world.t.core.setProfile('dev', { region: 'eu-west-1' })).rejects.toMatchObject({
      code: 'REGION_MISMATCH',
    });
    // A trust anchor in another region than the profile ARN: the set no longer agrees.
    await expect(
      world.t.core.setProfile('dev', {
        trustAnchorArn: world.aws.arns.trustAnchorArn.replace('us-east-1', 'eu-west-1'),
      }),
    ).rejects.toMatchObject({ code: 'REGION_MISMATCH' });
    await expect(world.t.core.setProfile('dev', { roleArn: 'arn:aws:iam::1:role/x' })).rejects.toMatchObject({
      code: 'INVALID_ARN',
    });
    await expect(world.t.core.setProfile('dev', { endpoint: 'http://example.com' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      facts: { field: 'endpoint', reason: 'not-https' },
    });
    await expect(world.t.core.setProfile('dev', { durationSeconds: 60 })).rejects.toMatchObject({
      code: 'INVALID_DURATION',
    });
    expect(profilesJson()).toBe(before);
  });

  it('takes the region from new ARNs when none is given', async () => {
    await world.aws.profile('dev');
    const eu = (arn: string) => arn.replace('us-east-1', 'eu-west-1');
    const moved = await world.t.core.setProfile('dev', {
      trustAnchorArn: eu(world.aws.arns.trustAnchorArn),
      profileArn: eu(world.aws.arns.profileArn),
    });
    expect(moved.region).toBe('eu-west-1');
  });

  it('refuses a CA or an unknown profile, writing nothing', async () => {
    await world.aws.profile('dev');
    const before = profilesJson();
    await expect(world.t.core.setProfile('dev', { certificate: 'root' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      facts: { field: 'certificate', reason: 'is-ca' },
    });
    await expect(world.t.core.setProfile('nope', { durationSeconds: 900 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      facts: { what: 'profile', name: 'nope' },
    });
    expect(profilesJson()).toBe(before);
  });
});

describe('profile overview', () => {
  it('names the certificate and tells cached, expired and none apart', async () => {
    await world.aws.profile('dev', { durationSeconds: 900 });
    await world.aws.profile('ops');
    expect(await world.t.core.profileOverview()).toMatchObject([
      { name: 'dev', certificateName: 'dev-cert', session: { state: 'none' } },
      { name: 'ops', certificateName: 'ops-cert', session: { state: 'none' } },
    ]);
    const s = await world.t.core.session('dev');
    expect((await world.t.core.profileOverview())[0]!.session).toEqual({
      state: 'cached',
      expiresAt: s.expiration,
    });
    world.t.clock.advance(901_000);
    expect((await world.t.core.profileOverview())[0]!.session).toEqual({
      state: 'expired',
      expiredAt: s.expiration,
    });
    // A session made for the profile before an edit would not be served: none.
    await world.t.core.session('ops');
    await world.t.core.setProfile('ops', { sessionName: 'edited' });
    expect((await world.t.core.profileOverview())[1]!.session).toEqual({ state: 'none' });
  });
});

describe('trust policy', () => {
  it('is the app’s policy, with the conditions given', async () => {
    expect(await world.t.core.trustPolicy({})).toEqual(buildTrustPolicy());
    expect(
      await world.t.core.trustPolicy({ commonName: 'agent', trustAnchorArn: world.aws.arns.trustAnchorArn }),
    ).toEqual(buildTrustPolicy({ commonName: 'agent', trustAnchorArn: world.aws.arns.trustAnchorArn }));
  });

  it('takes the CN and the trust anchor from a profile; explicit values win', async () => {
    await world.aws.profile('dev');
    expect(await world.t.core.trustPolicy({ profile: 'dev' })).toEqual(
      buildTrustPolicy({ commonName: 'dev-client', trustAnchorArn: world.aws.arns.trustAnchorArn }),
    );
    expect(
      (await world.t.core.trustPolicy({ profile: 'dev', commonName: 'x' })).Statement[0]!.Condition,
    ).toMatchObject({
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'x' },
    });
  });

  it('refuses a source ARN that is not a trust anchor', async () => {
    await expect(
      world.t.core.trustPolicy({ trustAnchorArn: world.aws.arns.profileArn }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARN',
    });
  });
});

describe('configureAws', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'anchorage-cfg-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the absolute data directory and reports the file vault', async () => {
    await world.aws.profile('dev');
    const configPath = join(dir, 'config');
    const core = await world.t.reopen({
      AWS_CONFIG_FILE: configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    });
    const result = await core.configureAws('dev', anchorageAt);
    expect(isAbsolute(result.dataDir)).toBe(true);
    expect(result).toMatchObject({
      path: configPath,
      dataDir: world.t.dataDir,
      vault: 'passphrase-file',
      removedKeys: [],
    });
    expect(await readFile(configPath, 'utf8')).toContain(
      `credential_process = /usr/bin/anchorage --home ${world.t.dataDir} credential-process dev`,
    );
    // The passphrase never goes into the config.
    expect(await readFile(configPath, 'utf8')).not.toContain(TEST_ENV.ANCHORAGE_VAULT_PASSPHRASE);
  });

  it('refuses overriding keys unless force, and undoes itself', async () => {
    await world.aws.profile('dev');
    const configPath = join(dir, 'config');
    const original = '[profile dev]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n';
    await writeFile(configPath, original);
    const core = await world.t.reopen({
      AWS_CONFIG_FILE: configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    });
    await expect(core.configureAws('dev', anchorageAt)).rejects.toMatchObject({
      code: 'AWS_CONFIG_CONFLICT',
      facts: { keys: 'role_arn, source_profile' },
    });
    expect(await readFile(configPath, 'utf8')).toBe(original);
    const forced = await core.configureAws('dev', anchorageAt, { force: true });
    expect(forced.removedKeys).toEqual(['role_arn', 'source_profile']);
    expect(await readFile(forced.backup!, 'utf8')).toBe(original);
    const removed = await core.unconfigureAws('dev');
    expect(await readFile(configPath, 'utf8')).toBe('');
    expect(removed.path).toBe(configPath);
  });
});
