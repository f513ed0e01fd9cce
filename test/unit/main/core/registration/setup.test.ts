/**
 * Issue 12, "Register with AWS for me", in process: the real core's `awsSetup`, `awsDiscover`, `awsPushCrl` and
 * `awsUpdateAnchor` through the official AWS SDK clients against the emulator, which verifies every SigV4
 * signature and keeps one state for the control plane and CreateSession. What was called is read from the
 * emulator's log, not from core's own report.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApi, SetupInput, SetupResult } from '../../../../../main/core/api';
import { startEmulator } from '../../../../emulator/index';
import type { Emulator } from '../../../../emulator/index';
import { MAX_ATTEMPTS } from '../../../../../main/core/registration/aws-account';
import { createCa, testCore } from '../../../../support/core-harness';
import type { TestCore } from '../../../../support/core-harness';

const OPERATOR = {
  accessKeyId: 'AKIAOPERATOR00000001',
  secretAccessKey: 'operator/secret/key/00000000000000000001',
};
const LIMITED = {
  accessKeyId: 'AKIALIMITED000000001',
  secretAccessKey: 'limited/secret/key/000000000000000000001',
};
const DAY = 86_400_000;

let t: TestCore;
let core: CoreApi;
let emu: Emulator;
let caId: string;
let certId: string;

beforeAll(async () => {
  t = await testCore('running');
  emu = await startEmulator({
    region: 'eu-west-1',
    trustAnchors: [],
    profiles: [],
    operators: [
      OPERATOR,
      // May look, and create the trust anchor, but not create roles (issue 12: a failure halfway).
      { ...LIMITED, allow: ['rolesanywhere:*', 'iam:GetRole', 'iam:ListRoles'] },
    ],
    now: t.clock.now,
  });
  // whoami reads STS's endpoint from the process environment (session-service.ts).
  process.env.AWS_ENDPOINT_URL_STS = emu.url;
  core = await t.reopen({
    AWS_ENDPOINT_URL_ROLESANYWHERE: emu.url,
    AWS_ENDPOINT_URL_IAM: emu.url,
    HOME: t.dataDir,
  });
  caId = (await createCa(core, 'build-ca', 'ec-p256', { days: 30 })).id;
  certId = (await client('runner-7', 'runner-7', 20)).id;
  await core.addStatic('operator', OPERATOR.accessKeyId, OPERATOR.secretAccessKey);
  await core.addStatic('limited', LIMITED.accessKeyId, LIMITED.secretAccessKey);
});
afterAll(async () => {
  await emu?.close();
  await t?.cleanup();
});
beforeEach(() => t.clock.set(new Date()));

/** A client certificate of build-ca. */
const client = (name: string, commonName: string, days: number) =>
  core.issueCert({ ca: caId, name, subject: { commonName }, keyType: 'ec-p256', days });

const input = (extra: Partial<SetupInput> = {}): SetupInput => ({
  operator: { kind: 'static', name: 'operator' },
  region: 'eu-west-1',
  ca: 'build-ca',
  certificate: 'runner-7',
  roleName: 'ci-runner',
  policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  conditions: ['cn', 'source-arn'],
  endpoint: emu.url,
  ...extra,
});

/** The control-plane calls the emulator saw during `fn`. */
async function callsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; calls: string[] }> {
  const before = emu.calls().length;
  const value = await fn();
  return {
    value,
    calls: emu
      .calls()
      .slice(before)
      .map((c) => `${c.service}:${c.operation}`),
  };
}

const statuses = (r: SetupResult) => Object.fromEntries(r.steps.map((s) => [s.id, s.status]));

describe('aws setup', () => {
  it('a dry run calls nothing, and lists every call and the least-privilege policy', async () => {
    const { value: plan, calls } = await callsDuring(() => core.awsSetup(input({ dryRun: true })));
    expect(calls).toEqual([]);
    expect(plan.dryRun).toBe(true);
    expect(plan.complete).toBe(false);
    expect(plan.steps.map((s) => s.status)).toEqual(plan.steps.map(() => 'planned'));
    const planned = plan.steps.flatMap((s) => s.calls);
    expect(planned).toEqual(
      expect.arrayContaining([
        'rolesanywhere:ListTrustAnchors',
        'rolesanywhere:CreateTrustAnchor',
        'iam:GetRole',
        'iam:CreateRole',
        'iam:AttachRolePolicy',
        'rolesanywhere:CreateProfile',
      ]),
    );
    const actions = plan.operatorPolicy.Statement.flatMap((s) => s.Action);
    for (const call of planned.filter(
      (c) => c.startsWith('iam:') || c.startsWith('rolesanywhere:List') || c.includes(':Create'),
    )) {
      if (call === 'rolesanywhere:CreateSession') continue;
      expect(actions).toContain(call);
    }
    expect(actions).toContain('iam:PassRole');
    expect(actions).not.toContain('iam:UpdateAssumeRolePolicy');
    expect(JSON.stringify(plan.operatorPolicy)).not.toContain('"*:*"');
  });

  it('bad input is refused before any call, naming the field', async () => {
    const { calls } = await callsDuring(async () => {
      await expect(core.awsSetup(input({ policyArns: ['arn:aws:s3:::bucket'] }))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        facts: { field: 'policyArns' },
      });
      await expect(core.awsSetup(input({ roleName: 'has space' }))).rejects.toMatchObject({
        facts: { field: 'roleName' },
      });
      await expect(core.awsSetup(input({ ca: 'runner-7' }))).rejects.toMatchObject({ code: 'NOT_A_CA' });
      await expect(core.awsSetup(input({ certificate: 'build-ca' }))).rejects.toMatchObject({
        facts: { field: 'certificate', reason: 'not-issued-by-ca' },
      });
    });
    expect(calls).toEqual([]);
  });

  it('halfway failure: what exists is reported, and a rerun with the right credentials continues', async () => {
    const { value: stopped } = await callsDuring(() =>
      core.awsSetup(input({ operator: { kind: 'static', name: 'limited' } })),
    );
    expect(stopped.complete).toBe(false);
    expect(statuses(stopped)).toMatchObject({
      'trust-anchor': 'created',
      role: 'failed',
      profile: 'not-run',
      test: 'not-run',
    });
    const role = stopped.steps.find((s) => s.id === 'role')!;
    expect(role.error).toMatchObject({ code: 'AWS_ACCESS_DENIED', facts: { call: 'iam:CreateRole' } });
    expect(role.error!.message).toContain('iam:CreateRole');
    expect(role.error!.hint).toMatch(/dry run lists the policy/);

    const { value: done, calls } = await callsDuring(() => core.awsSetup(input()));
    expect(done.complete, JSON.stringify(done.steps)).toBe(true);
    expect(statuses(done)).toMatchObject({
      'trust-anchor': 'reused',
      role: 'created',
      'role-policies': 'updated',
      profile: 'created',
      'save-profile': 'created',
      test: 'passed',
    });
    expect(calls.filter((c) => c.includes('Create') && !c.endsWith('CreateSession'))).toEqual([
      'iam:CreateRole',
      'rolesanywhere:CreateProfile',
    ]);
    expect(done.identity?.Arn).toMatch(/assumed-role\/ci-runner\//);
    // The saved profile works on its own.
    const session = await core.session('ci-runner', { noCache: true });
    expect(session.accessKeyId).toMatch(/^ASIA/);
  });

  it('run twice, it creates nothing the second time', async () => {
    const { value: again, calls } = await callsDuring(() => core.awsSetup(input()));
    expect(again.complete).toBe(true);
    expect(statuses(again)).toMatchObject({
      'trust-anchor': 'reused',
      role: 'reused',
      'role-policies': 'reused',
      profile: 'reused',
      'save-profile': 'reused',
      test: 'passed',
    });
    expect(calls.filter((c) => /:(Create(?!Session)|Attach|Update|Import|Enable)/.test(c))).toEqual([]);
  });

  it('the role’s trust policy pins the CN: another certificate of the same CA is refused by AWS', async () => {
    const other = await client('someone-else', 'someone-else', 10);
    const saved = await core.getProfile('ci-runner');
    await core.addProfile({ ...saved, name: 'other-cn', certificate: other.id });
    await expect(core.session('other-cn', { noCache: true })).rejects.toMatchObject({
      code: 'AWS_ACCESS_DENIED',
    });
    await core.removeProfile('other-cn');
  });

  it('an existing role with another trust policy: a diff, and UpdateAssumeRolePolicy only when asked', async () => {
    const { value: differs, calls } = await callsDuring(() =>
      core.awsSetup(input({ conditions: ['source-arn'] })),
    );
    expect(differs.complete).toBe(false);
    const role = differs.steps.find((s) => s.id === 'role')!;
    expect(role.error?.code).toBe('AWS_TRUST_POLICY_DIFFERS');
    expect(role.trustPolicyDiff?.current).toContain('x509Subject/CN');
    expect(role.trustPolicyDiff?.wanted).not.toContain('x509Subject/CN');
    expect(calls).not.toContain('iam:UpdateAssumeRolePolicy');

    const { value: updated, calls: updateCalls } = await callsDuring(() =>
      core.awsSetup(input({ conditions: ['source-arn'], updateTrust: true, saveProfile: 'ci-any-cn' })),
    );
    expect(updated.complete, JSON.stringify(updated.steps)).toBe(true);
    expect(statuses(updated).role).toBe('updated');
    expect(updateCalls).toContain('iam:UpdateAssumeRolePolicy');
    // Put the CN condition back for the tests after this one.
    const back = await core.awsSetup(input({ updateTrust: true }));
    expect(back.complete).toBe(true);
  });

  it('throttling, a validation error and a lost race each stop with their code and hint; a rerun continues', async () => {
    // Every attempt the SDK makes (its retries included) is throttled.
    emu.inject({ operation: 'CreateProfile', status: 429, count: MAX_ATTEMPTS });
    const { value: throttled, calls } = await callsDuring(() =>
      core.awsSetup(input({ roleName: 'ci-throttled', saveProfile: 'ci-throttled' })),
    );
    const profile = throttled.steps.find((s) => s.id === 'profile')!;
    expect(profile.error).toMatchObject({ code: 'AWS_THROTTLED' });
    expect(calls.filter((c) => c === 'rolesanywhere:CreateProfile')).toHaveLength(MAX_ATTEMPTS);
    expect(profile.error!.hint).toMatch(/continues where it stopped/);

    // A policy not yet attached, so that AttachRolePolicy is called (and refused).
    const more = {
      roleName: 'ci-throttled',
      saveProfile: 'ci-throttled',
      policyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    };
    emu.inject({ operation: 'AttachRolePolicy', status: 400, errorType: 'InvalidInput' });
    const invalid = await core.awsSetup(input(more));
    expect(invalid.steps.find((s) => s.id === 'role-policies')!.error?.code).toBe('AWS_VALIDATION');
    expect(statuses(await core.awsSetup(input(more)))['role-policies']).toBe('updated');

    // Another run created the role between our GetRole and CreateRole.
    emu.inject({ operation: 'CreateRole', status: 409, errorType: 'EntityAlreadyExists' });
    const race = await core.awsSetup(input({ roleName: 'ci-race', saveProfile: 'ci-race' }));
    const raced = race.steps.find((s) => s.id === 'role')!;
    expect(raced.error?.code).toBe('AWS_ALREADY_EXISTS');
    expect(raced.error?.hint).toMatch(/again/);
    expect(
      statuses(await core.awsSetup(input({ roleName: 'ci-race', saveProfile: 'ci-race' }))),
    ).toMatchObject({
      role: 'created',
      test: 'passed',
    });

    const done = await core.awsSetup(input({ roleName: 'ci-throttled', saveProfile: 'ci-throttled' }));
    expect(done.complete, JSON.stringify(done.steps)).toBe(true);
    expect(statuses(done)).toMatchObject({ 'trust-anchor': 'reused', role: 'reused', profile: 'reused' });
  });

  it('operator credentials from a ~/.aws profile (the SDK chain); none is AWS_OPERATOR_CREDENTIALS', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(`${t.dataDir}/.aws`, { recursive: true });
    await writeFile(
      `${t.dataDir}/.aws/credentials`,
      `[ops]\naws_access_key_id = ${OPERATOR.accessKeyId}\naws_secret_access_key = ${OPERATOR.secretAccessKey}\n`,
    );
    const found = await core.awsDiscover({
      operator: { kind: 'aws-profile', profile: 'ops' },
      region: 'eu-west-1',
    });
    expect(found.trustAnchors.length).toBeGreaterThan(0);
    await expect(
      core.awsDiscover({ operator: { kind: 'aws-profile', profile: 'nobody' }, region: 'eu-west-1' }),
    ).rejects.toMatchObject({ code: 'AWS_OPERATOR_CREDENTIALS', facts: { profile: 'nobody' } });
    const sources = await core.operatorSources();
    expect(sources.awsProfiles).toContain('ops');
    expect(sources.statics).toEqual(expect.arrayContaining(['operator', 'limited']));
  });
});

describe('aws discover', () => {
  it('marks the trust anchor that holds the CA, lists the profile and the Roles Anywhere role', async () => {
    const found = await core.awsDiscover({
      operator: { kind: 'static', name: 'operator' },
      region: 'eu-west-1',
    });
    const anchor = found.trustAnchors.find((a) => a.matches.some((m) => m.name === 'build-ca'));
    expect(anchor).toMatchObject({ enabled: true, sourceType: 'CERTIFICATE_BUNDLE', name: 'build-ca' });
    expect(anchor!.matches).toEqual([{ id: caId, name: 'build-ca', current: true }]);
    const role = found.roles.find((r) => r.name === 'ci-runner')!;
    expect(role).toMatchObject({ commonName: 'runner-7', trustAnchorArns: [anchor!.arn] });
    expect(found.profiles.find((p) => p.name === 'ci-runner')).toMatchObject({
      enabled: true,
      roleArns: [role.arn],
    });
  });
});

describe('keeping AWS in step', () => {
  it('revoke → aws push-crl → that certificate’s CreateSession is refused; a second push updates', async () => {
    // Another machine holds the same certificate and key (a PFX), and knows nothing of the revocation: only
    // AWS, through the CRL, can stop it.
    const other = await testCore('running');
    const elsewhere = await other.reopen();
    const pfx = await core.exportCertificate({ ref: certId, format: 'pfx', password: 'transfer-pass-1234' });
    const [imported] = await elsewhere.importCertificate({
      files: [pfx.bytes],
      password: 'transfer-pass-1234',
      name: 'runner-7',
    });
    const saved = await core.getProfile('ci-runner');
    await elsewhere.addProfile({ ...saved, certificate: imported!.id });
    expect((await elsewhere.session('ci-runner', { noCache: true })).accessKeyId).toMatch(/^ASIA/);

    const { value: pushed, calls } = await callsDuring(async () => {
      await core.revokeCertificate(certId);
      return core.awsPushCrl({
        operator: { kind: 'static', name: 'operator' },
        region: 'eu-west-1',
        ca: 'build-ca',
      });
    });
    expect(pushed).toMatchObject({ action: 'imported', enabled: true, revoked: 1 });
    expect(calls).toContain('rolesanywhere:ImportCrl');
    await expect(elsewhere.session('ci-runner', { noCache: true })).rejects.toMatchObject({
      code: 'AWS_ACCESS_DENIED',
      message: expect.stringMatching(/revoked/),
    });
    await other.cleanup();
    const again = await core.awsPushCrl({
      operator: { kind: 'static', name: 'operator' },
      region: 'eu-west-1',
      ca: 'build-ca',
    });
    expect(again.action).toBe('updated');
    expect(again.crlArn).toBe(pushed.crlArn);
  });

  it('ca renew → aws update-anchor → certificates of the old and the new CA certificate both get sessions', async () => {
    const op = {
      operator: { kind: 'static' as const, name: 'operator' },
      region: 'eu-west-1',
      ca: 'build-ca',
    };
    const oldClient = await client('runner-7-old-ca', 'runner-7', 25);
    const saved = await core.getProfile('ci-runner');
    await core.setProfile('ci-runner', { certificate: oldClient.id });
    await core.renewCa(caId, { days: 365 });
    const newClient = await client('runner-7-new-ca', 'runner-7', 200);
    await core.addProfile({ ...saved, name: 'ci-new', certificate: newClient.id });

    const stale = await core.awsDiscover({ operator: op.operator, region: 'eu-west-1' });
    expect(stale.trustAnchors.flatMap((a) => a.matches)).toEqual([
      { id: caId, name: 'build-ca', current: false },
    ]);

    // Past the old CA certificate's end, the anchor (still holding only it) trusts no one.
    t.clock.advance(40 * DAY);
    await expect(core.session('ci-new', { noCache: true })).rejects.toMatchObject({
      code: 'AWS_ACCESS_DENIED',
      message: expect.stringMatching(/expired/),
    });
    t.clock.set(new Date());

    const { value: updated, calls } = await callsDuring(() => core.awsUpdateAnchor(op));
    expect(updated).toMatchObject({ action: 'updated', certificates: 2 });
    expect(calls).toEqual(['rolesanywhere:ListTrustAnchors', 'rolesanywhere:UpdateTrustAnchor']);
    expect((await core.session('ci-runner', { noCache: true })).accessKeyId).toMatch(/^ASIA/);
    expect((await core.session('ci-new', { noCache: true })).accessKeyId).toMatch(/^ASIA/);
    t.clock.advance(40 * DAY);
    expect((await core.session('ci-new', { noCache: true })).accessKeyId).toMatch(/^ASIA/);
    t.clock.set(new Date());
    expect((await core.awsUpdateAnchor(op)).action).toBe('unchanged');
  });

  it('a CA no trust anchor holds: AWS_NO_TRUST_ANCHOR, naming the CA and region', async () => {
    await createCa(core, 'lonely-ca');
    await expect(
      core.awsPushCrl({
        operator: { kind: 'static', name: 'operator' },
        region: 'eu-west-1',
        ca: 'lonely-ca',
      }),
    ).rejects.toMatchObject({ code: 'AWS_NO_TRUST_ANCHOR', facts: { ca: 'lonely-ca', region: 'eu-west-1' } });
  });
});
