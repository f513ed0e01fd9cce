/**
 * Issue 3, "core → emulator", the failures, in process through `createCore` and the emulator
 * (test/support/core-harness.ts `withAws`): an untrusted CA, an expired certificate, a wrong region, bad ARNs
 * and durations, and the retry policy (503 503 201; one 403; 429 and a reset; 503 forever; a timeout). Each is
 * an AnchorageError with its code and the facts in its message; what must not be sent is checked on the
 * emulator's counters, and no error ever carries a credential. The CLI's side (exit code, the one
 * `error: … (hint: …)` line, --duration parsing) is in test/integration/cli-aws-errors.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi, ProfileInput } from '../../../../main/core/api';
import type { AnchorageError } from '../../../../shared/errors';
import { startEmulator } from '../../../emulator/index';
import { createCa as testCa, issueLeaf } from '../../../emulator/test-pki';
import { ACCOUNT, issueCert, testCore, withAws } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';
import { opensslOk, rejection } from '../../../support/tools';

let t: TestCore;
let core: CoreApi;
let aws: Awaited<ReturnType<typeof withAws>>;
/** Every credential handed out and every refusal seen: no refusal may carry a credential. */
const secrets = new Set<string>();
const errors: AnchorageError[] = [];

beforeAll(async () => {
  t = await testCore('running');
  core = t.core;
  aws = await withAws(t);
  await aws.profile('good');
});
afterAll(async () => {
  await aws?.emu.close();
  await t?.cleanup();
  for (const e of errors) for (const s of secrets) expect(`${e.message} ${e.hint}`).not.toContain(s);
});

const created = () => aws.emu.stats().createSession;

async function session(name: string, options: { noCache?: boolean } = {}) {
  const s = await core.session(name, options);
  secrets.add(s.secretAccessKey).add(s.sessionToken);
  return s;
}

async function fails(fn: () => unknown, code: string): Promise<AnchorageError> {
  const e = await rejection(fn);
  errors.push(e);
  expect(e.code, e.message).toBe(code);
  return e;
}

/** A profile `name` for `certificate`, on the world's ARNs and emulator unless overridden. */
const profileInput = (name: string, certificate: string, over: Partial<ProfileInput> = {}): ProfileInput => ({
  name,
  certificate,
  ...aws.arns,
  region: 'us-east-1',
  durationSeconds: 3600,
  endpoint: aws.emu.url,
  ...over,
});

describe('an untrusted CA', () => {
  let rogueDn: string;
  beforeAll(async () => {
    // Same profile and trust anchor ARNs as the world, but a CA the trust anchor does not hold.
    const rogue = await core.createCa({
      name: 'rogue-root',
      subject: { commonName: 'rogue-root', organization: 'Rogue Org' },
      keyType: 'rsa-2048',
      days: 3650,
    });
    await issueCert(core, rogue.id, 'rogue-client', 'rsa-2048');
    await core.addProfile(profileInput('rogue', 'rogue-client'));
    await core.createCa({
      name: 'rogue-intermediate',
      parent: rogue.id,
      subject: { commonName: 'rogue-intermediate' },
      keyType: 'rsa-2048',
      days: 1825,
    });
    await issueCert(core, 'rogue-intermediate', 'rogue-chained', 'rsa-2048');
    await core.addProfile(profileInput('rogue-chained', 'rogue-chained'));
    // The issuer DN in RFC 4514 order, exactly as openssl (a tool nobody here wrote) prints the CA's subject.
    rogueDn = opensslOk(['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], {
      input: await core.certificatePem(rogue.id),
    })
      .stdout.replace(/^subject=/, '')
      .trim();
  });

  it('AWS_UNTRUSTED_CERTIFICATE, naming the issuer DN the trust anchor must hold; asked once', async () => {
    const before = created();
    const e = await fails(() => session('rogue'), 'AWS_UNTRUSTED_CERTIFICATE');
    expect(rogueDn).toBe('CN=rogue-root,O=Rogue Org');
    expect(`${e.message} ${e.hint}`.replace(/, /g, ',')).toContain(`"${rogueDn}"`);
    // An authentication failure is a 4xx: asked once, never retried.
    expect(created()).toBe(before + 1);
  });

  it('names the root (the top of the chain sent), not the intermediate, for a chained certificate', async () => {
    const e = await fails(() => session('rogue-chained'), 'AWS_UNTRUSTED_CERTIFICATE');
    const text = `${e.message} ${e.hint}`;
    expect(text).toContain('"CN=rogue-root, O=Rogue Org"');
    expect(text).not.toContain('CN=rogue-intermediate');
  });
});

describe('an expired certificate', () => {
  it('is refused locally (CERT_EXPIRED, saying when) before anything is sent', async () => {
    // Made outside Anchorage (WebCrypto + @peculiar/x509), then imported: the CA alone, then cert + key.
    const DAY = 86_400_000;
    const notAfter = new Date(Date.now() - 2 * DAY);
    const ca = await testCa('Outside CA');
    const leaf = await issueLeaf(ca, {
      cn: 'expired-client',
      notBefore: new Date(Date.now() - 60 * DAY),
      notAfter,
    });
    await core.importCertificate({ name: 'outside-ca', files: [Buffer.from(ca.pem)] });
    await core.importCertificate({
      name: 'expired-client',
      files: [
        Buffer.from(leaf.pem),
        Buffer.from(leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
      ],
    });
    // The trust anchor holds the CA, so expiry is the only thing wrong.
    aws.emu.setConfig({
      trustAnchors: [
        { arn: aws.arns.trustAnchorArn, certificatesPem: [await core.certificatePem('root'), ca.pem] },
      ],
    });
    await core.addProfile(profileInput('expired', 'expired-client'));

    const before = aws.emu.stats();
    const e = await fails(() => session('expired'), 'CERT_EXPIRED');
    expect(e.message).toContain(notAfter.toISOString().slice(0, 10)); // says when
    expect(aws.emu.stats().createSession).toBe(before.createSession);
    expect(aws.emu.stats().requests).toBe(before.requests);
  });
});

describe('a wrong region', () => {
  it('a profile whose region is not the trust anchor’s is refused, naming both regions', async () => {
    const e = await fails(
      () => core.addProfile(profileInput('wrong-region', 'good-cert', { region: 'eu-west-1' })),
      'REGION_MISMATCH',
    );
    expect(e.message).toContain('eu-west-1');
    expect(e.message).toContain('us-east-1');
    expect((await core.listProfiles()).map((p) => p.name)).not.toContain('wrong-region');
  });

  it('a trust anchor and profile in a region the endpoint does not serve: the error names both', async () => {
    const elsewhere = {
      trustAnchorArn: aws.arns.trustAnchorArn.replace('us-east-1', 'eu-central-1'),
      profileArn: aws.arns.profileArn.replace('us-east-1', 'eu-central-1'),
      roleArn: aws.arns.roleArn,
    };
    await core.addProfile(profileInput('elsewhere', 'good-cert', { ...elsewhere, region: 'eu-central-1' }));
    const before = created();
    const e = await rejection(() => session('elsewhere'));
    errors.push(e);
    expect(e.code).toBe('REGION_MISMATCH'); // AWS's answer, read as the region mismatch it is
    expect(`${e.message} ${e.hint}`).toContain('eu-central-1');
    expect(`${e.message} ${e.hint}`).toContain('us-east-1');
    expect(created()).toBe(before + 1);
  });
});

describe('bad input is refused locally', () => {
  const add = (name: string, over: Partial<ProfileInput>) =>
    fails(
      () => core.addProfile(profileInput(name, 'good-cert', over)),
      over.durationSeconds ? 'INVALID_DURATION' : 'INVALID_ARN',
    );

  it('a bad ARN names the part that is wrong and what was expected', async () => {
    const ta = aws.arns.trustAnchorArn;
    const typo = (await add('bad1', { trustAnchorArn: ta.replace('trust-anchor/', 'trust-anchr/') })).message;
    expect(typo).toMatch(/trust anchor ARN/i);
    expect(typo).toContain('trust-anchor/');
    expect(typo).toContain('trust-anchr');

    const service = (await add('bad2', { roleArn: `arn:aws:sts::${ACCOUNT}:role/x` })).message;
    expect(service).toMatch(/role ARN/i);
    expect(service).toMatch(/iam/);

    const account = await add('bad3', { profileArn: aws.arns.profileArn.replace(`:${ACCOUNT}:`, ':12345:') });
    expect(account.message).toMatch(/profile ARN/i);
    expect(account.message).toMatch(/account/i);
    expect(`${account.message} ${account.hint}`).toMatch(/exactly 12|12 digits/i);

    const partition = (await add('bad4', { trustAnchorArn: ta.replace('arn:aws:', 'arn:aws-mars:') }))
      .message;
    expect(partition).toMatch(/partition/i);
    expect(partition).toContain('aws-mars');

    const uuid = await add('bad5', {
      profileArn: aws.arns.profileArn.replace(/profile\/.*$/, 'profile/not-a-uuid'),
    });
    expect(`${uuid.message} ${uuid.hint}`).toMatch(/UUID|ID/);
  });

  it('a duration of 899 or 43201 is refused with the allowed range, nothing sent', async () => {
    const before = aws.emu.stats().requests;
    for (const bad of [899, 43201]) {
      const e = await add(`dur-${bad}`, { durationSeconds: bad });
      expect(`${e.message} ${e.hint}`).toMatch(/900/);
      expect(`${e.message} ${e.hint}`).toMatch(/43200|43,200/);
    }
    expect(aws.emu.stats().requests).toBe(before);
    expect((await core.listProfiles()).some((p) => p.name.startsWith('dur-'))).toBe(false);
  });

  it('a duration longer than the profile allows reaches AWS once and comes back as its validation error', async () => {
    await aws.profile('long', { durationSeconds: 7200 });
    aws.emu.setConfig({
      profiles: [{ arn: aws.arns.profileArn, roleArns: [aws.arns.roleArn], durationSeconds: 3600 }],
    });
    const before = created();
    const e = await fails(() => session('long'), 'AWS_VALIDATION');
    expect(e.message).toMatch(/duration|3600|7200/i);
    expect(created()).toBe(before + 1);
  });
});

describe('retries', () => {
  it('503, 503, then success: success after exactly three CreateSession requests', async () => {
    const before = created();
    aws.emu.inject({ status: 503, count: 2 });
    expect((await session('good', { noCache: true })).accessKeyId).toMatch(/^ASIA/);
    expect(created()).toBe(before + 3);
  });

  it('429 throttling and a reset connection are retried too', async () => {
    const before = created();
    aws.emu.inject({ status: 429, count: 1 });
    aws.emu.inject({ resetConnection: true, count: 1 });
    await session('good', { noCache: true });
    expect(created()).toBe(before + 3);
  });

  it('a 403 AccessDeniedException is tried exactly once', async () => {
    const before = aws.emu.stats();
    aws.emu.inject({ status: 403, errorType: 'AccessDeniedException', count: 1 });
    const e = await fails(() => session('good', { noCache: true }), 'AWS_ACCESS_DENIED');
    expect(e.message).toMatch(/denied/i);
    expect(aws.emu.stats().createSession).toBe(before.createSession + 1);
    expect(aws.emu.stats().requests).toBe(before.requests + 1);
  });

  /** An emulator of its own (queued faults must not outlive the test) and a profile `name` on it. */
  async function ownEmulator(name: string) {
    const emu = await startEmulator({
      region: 'us-east-1',
      trustAnchors: [{ arn: aws.arns.trustAnchorArn, certificatesPem: [await core.certificatePem('root')] }],
      profiles: [{ arn: aws.arns.profileArn, roleArns: [aws.arns.roleArn] }],
    });
    await core.addProfile(profileInput(name, 'good-cert', { endpoint: emu.url }));
    return emu;
  }

  it('503 on every attempt gives up with the status in the message', async () => {
    const down = await ownEmulator('down');
    try {
      down.inject({ status: 503, count: 50 });
      const e = await fails(() => session('down'), 'AWS_SERVER_ERROR');
      expect(e.message).toMatch(/503/);
      expect(down.stats().createSession).toBeGreaterThanOrEqual(2);
      expect(down.stats().createSession).toBeLessThanOrEqual(10);
    } finally {
      await down.close();
    }
  });

  it('a timeout (ANCHORAGE_HTTP_TIMEOUT_MS) names the endpoint and the limit', async () => {
    const slow = await ownEmulator('slow');
    try {
      slow.inject({ delayMs: 3000, count: 10 });
      const impatient = await t.reopen({ ANCHORAGE_HTTP_TIMEOUT_MS: '500' });
      const started = Date.now();
      const e = await fails(() => impatient.session('slow'), 'TIMEOUT');
      const elapsed = Date.now() - started;
      expect(e.message).toContain(slow.url);
      expect(e.message).toMatch(/0\.5 s|500 ?ms/);
      // Every attempt was cut at 0.5 s rather than waiting the 3 s delay out.
      const attempts = slow.stats().createSession;
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(elapsed).toBeLessThan(attempts * 3000);
    } finally {
      await slow.close();
    }
  });
});
