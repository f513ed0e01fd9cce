/**
 * Issue 3, "CLI → emulator", the failures: an untrusted CA, an expired certificate, a wrong region, bad ARNs
 * and durations, and the retry policy (503 503 201; one 403; a timeout). Each is one `error: … (hint: …)`
 * line on stderr and a non-zero exit; what must not be sent is checked on the emulator's counters.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index';
import { createCa as testCa, issueLeaf } from '../emulator/test-pki';
import { addProfile, arnsFor, createCa, exportPem, issueCert, makeWorld } from './aws-fixtures';
import type { CertJson, World } from './aws-fixtures';

let w: World;

beforeAll(async () => {
  w = await makeWorld({ region: 'us-east-1' });
  await w.profile('good');
});

afterAll(async () => {
  await w?.close();
  expect(w.r.leaks()).toEqual([]);
});

const created = () => w.emu.stats().createSession;

describe('an untrusted CA', () => {
  let rogue: CertJson;
  beforeAll(async () => {
    // Same profile and trust anchor ARNs as the world, but a CA the trust anchor does not hold.
    rogue = await createCa(w.r, 'rogue-root', { org: 'Rogue Org' });
    await issueCert(w.r, rogue.id, 'rogue-client');
    await addProfile(w.r, 'rogue', 'rogue-client', w.arns, w.emu.url);
    await createCa(w.r, 'rogue-intermediate', { parent: rogue.id });
    await issueCert(w.r, 'rogue-intermediate', 'rogue-chained');
    await addProfile(w.r, 'rogue-chained', 'rogue-chained', w.arns, w.emu.url);
  });

  it('exits non-zero with "untrusted" and the issuer DN the trust anchor must hold', async () => {
    const before = created();
    const stderr = await w.r.fails(['session', 'rogue', '--format', 'json']);
    expect(stderr).toMatch(/untrusted/i);
    // The issuer DN in RFC 4514 order, exactly as openssl (a tool nobody here wrote) prints the CA's subject.
    const pem = await exportPem(w.r, rogue.id, w.scratch);
    const dn = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], {
      input: pem,
      encoding: 'utf8',
    })
      .replace(/^subject=/, '')
      .trim();
    expect(dn).toBe('CN=rogue-root,O=Rogue Org');
    expect(stderr.replace(/, /g, ',')).toContain(`"${dn}"`);
    // Every RDN the CLI itself showed for the CA (`ca create` prints them in certificate order).
    for (const rdn of rogue.subject.split(', ')) expect(stderr).toContain(rdn);
    // An authentication failure is a 4xx: asked once, never retried.
    expect(created()).toBe(before + 1);
  });

  it('names the root (the top of the chain sent), not the intermediate, for a chained certificate', async () => {
    const stderr = await w.r.fails(['session', 'rogue-chained']);
    expect(stderr).toMatch(/untrusted/i);
    expect(stderr).toContain('"CN=rogue-root, O=Rogue Org"');
    expect(stderr).not.toContain('CN=rogue-intermediate');
  });
});

describe('an expired certificate', () => {
  it('is refused locally before anything is sent', async () => {
    // Made outside Anchorage (WebCrypto + @peculiar/x509), then imported: the CA alone, then cert + key.
    const DAY = 86_400_000;
    const notAfter = new Date(Date.now() - 2 * DAY);
    const ca = await testCa('Outside CA');
    const leaf = await issueLeaf(ca, {
      cn: 'expired-client',
      notBefore: new Date(Date.now() - 60 * DAY),
      notAfter,
    });
    const caFile = join(w.scratch, 'outside-ca.pem');
    const leafFile = join(w.scratch, 'expired.pem');
    const keyFile = join(w.scratch, 'expired.key');
    writeFileSync(caFile, ca.pem);
    writeFileSync(leafFile, leaf.pem);
    writeFileSync(keyFile, leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, {
      mode: 0o600,
    });
    await w.r.ok(['import', caFile, '--name', 'outside-ca']);
    await w.r.ok(['import', leafFile, keyFile, '--name', 'expired-client']);
    // The trust anchor holds the CA, so expiry is the only thing wrong.
    w.emu.setConfig({
      trustAnchors: [{ arn: w.arns.trustAnchorArn, certificatesPem: [w.caPem, ca.pem] }],
    });
    await addProfile(w.r, 'expired', 'expired-client', w.arns, w.emu.url);

    const before = w.emu.stats();
    const stderr = await w.r.fails(['session', 'expired']);
    expect(stderr).toMatch(/expired/i);
    expect(stderr).toContain(notAfter.toISOString().slice(0, 10)); // says when
    expect(w.emu.stats().createSession).toBe(before.createSession);
    expect(w.emu.stats().requests).toBe(before.requests);
  });
});

describe('a wrong region', () => {
  it('profile add --region other than the trust anchor’s is refused, naming both regions', async () => {
    const stderr = await w.r.fails([
      'profile',
      'add',
      'wrong-region',
      '--cert',
      'good-client',
      '--trust-anchor-arn',
      w.arns.trustAnchorArn,
      '--profile-arn',
      w.arns.profileArn,
      '--role-arn',
      w.arns.roleArn,
      '--region',
      'eu-west-1',
      '--endpoint',
      w.emu.url,
    ]);
    expect(stderr).toContain('eu-west-1');
    expect(stderr).toContain('us-east-1');
    expect(stderr).toMatch(/region/i);
    const list = await w.r.ok<{ name: string }[]>(['--json', 'profile', 'list']);
    expect(list.map((p) => p.name)).not.toContain('wrong-region');
  });

  it('a trust anchor and profile in a region the endpoint does not serve: the error names both', async () => {
    const elsewhere = arnsFor('eu-central-1', 'c');
    await addProfile(w.r, 'elsewhere', 'good-client', elsewhere, w.emu.url);
    const before = created();
    const stderr = await w.r.fails(['session', 'elsewhere']);
    expect(stderr).toContain('eu-central-1');
    expect(stderr).toContain('us-east-1');
    expect(created()).toBe(before + 1);
  });
});

describe('bad input is refused locally', () => {
  const add = (
    name: string,
    over: Partial<Record<'ta' | 'profile' | 'role', string>>,
    extra: string[] = [],
  ) =>
    w.r.fails([
      'profile',
      'add',
      name,
      '--cert',
      'good-client',
      '--trust-anchor-arn',
      over.ta ?? w.arns.trustAnchorArn,
      '--profile-arn',
      over.profile ?? w.arns.profileArn,
      '--role-arn',
      over.role ?? w.arns.roleArn,
      '--endpoint',
      w.emu.url,
      ...extra,
    ]);

  it('a bad ARN names the part that is wrong and what was expected', async () => {
    const ta = w.arns.trustAnchorArn;
    const typo = await add('bad1', { ta: ta.replace('trust-anchor/', 'trust-anchr/') });
    expect(typo).toMatch(/trust anchor ARN/i);
    expect(typo).toContain('trust-anchor/');
    expect(typo).toContain('trust-anchr');

    const service = await add('bad2', { role: 'arn:aws:sts::123456789012:role/x' });
    expect(service).toMatch(/role ARN/i);
    expect(service).toMatch(/iam/);

    const account = await add('bad3', { profile: w.arns.profileArn.replace(':123456789012:', ':12345:') });
    expect(account).toMatch(/profile ARN/i);
    expect(account).toMatch(/account/i);
    expect(account).toMatch(/exactly 12|12 digits/i);

    const partition = await add('bad4', { ta: ta.replace('arn:aws:', 'arn:aws-mars:') });
    expect(partition).toMatch(/partition/i);
    expect(partition).toContain('aws-mars');

    const uuid = await add('bad5', {
      profile: w.arns.profileArn.replace(/profile\/.*$/, 'profile/not-a-uuid'),
    });
    expect(uuid).toMatch(/UUID|ID/);
  });

  it('--duration 899 (and 43201, and a non-number) is refused with the allowed range, nothing sent', async () => {
    const before = w.emu.stats().requests;
    for (const bad of ['899', '43201', 'abc']) {
      const stderr = await add(`dur-${bad}`, {}, ['--duration', bad]);
      expect(stderr).toMatch(/duration/i);
      expect(stderr).toMatch(/900/);
      expect(stderr).toMatch(/43200/);
    }
    expect(w.emu.stats().requests).toBe(before);
    const list = await w.r.ok<{ name: string }[]>(['--json', 'profile', 'list']);
    expect(list.some((p) => p.name.startsWith('dur-'))).toBe(false);
  });

  it('a duration longer than the profile allows reaches AWS once and comes back as its validation error', async () => {
    await w.profile('long', { extra: ['--duration', '7200'] });
    const before = created();
    const stderr = await w.r.fails(['session', 'long']);
    expect(stderr).toMatch(/duration|3600|7200/i);
    expect(created()).toBe(before + 1);
  });
});

describe('retries', () => {
  it('503, 503, then success: success after exactly three CreateSession requests', async () => {
    const before = created();
    w.emu.inject({ status: 503, count: 2 });
    const out = JSON.parse(await w.r.ok<string>(['session', 'good', '--format', 'json', '--no-cache'])) as {
      AccessKeyId: string;
    };
    expect(out.AccessKeyId).toMatch(/^ASIA/);
    expect(created()).toBe(before + 3);
  });

  it('429 throttling and a reset connection are retried too', async () => {
    const before = created();
    w.emu.inject({ status: 429, count: 1 });
    w.emu.inject({ resetConnection: true, count: 1 });
    await w.r.ok(['session', 'good', '--format', 'json', '--no-cache']);
    expect(created()).toBe(before + 3);
  });

  it('a 403 AccessDeniedException is tried exactly once and exits non-zero', async () => {
    const before = w.emu.stats();
    w.emu.inject({ status: 403, errorType: 'AccessDeniedException', count: 1 });
    const stderr = await w.r.fails(['session', 'good', '--no-cache']);
    expect(stderr).toMatch(/denied/i);
    expect(w.emu.stats().createSession).toBe(before.createSession + 1);
    expect(w.emu.stats().requests).toBe(before.requests + 1);
  });

  it('503 on every attempt gives up with the status in the message', async () => {
    const slow = await startEmulator({
      region: w.region,
      trustAnchors: [{ arn: w.arns.trustAnchorArn, certificatesPem: [w.caPem] }],
      profiles: [{ arn: w.arns.profileArn, roleArns: [w.arns.roleArn] }],
    });
    try {
      await addProfile(w.r, 'down', 'good-client', w.arns, slow.url);
      slow.inject({ status: 503, count: 50 });
      const stderr = await w.r.fails(['session', 'down']);
      expect(stderr).toMatch(/503/);
      expect(slow.stats().createSession).toBeGreaterThanOrEqual(2);
      expect(slow.stats().createSession).toBeLessThanOrEqual(10);
    } finally {
      await slow.close();
    }
  });

  it('a timeout gives a clear message naming the endpoint and the limit', async () => {
    // Its own emulator: the queued delays must not outlive this test.
    const slow = await startEmulator({
      region: w.region,
      trustAnchors: [{ arn: w.arns.trustAnchorArn, certificatesPem: [w.caPem] }],
      profiles: [{ arn: w.arns.profileArn, roleArns: [w.arns.roleArn] }],
    });
    try {
      await addProfile(w.r, 'slow', 'good-client', w.arns, slow.url);
      slow.inject({ delayMs: 3000, count: 10 });
      const started = Date.now();
      const stderr = await w.r.fails(['session', 'slow'], { env: { ANCHORAGE_HTTP_TIMEOUT_MS: '500' } });
      const elapsed = Date.now() - started;
      expect(stderr).toMatch(/no answer|timed? ?out/i);
      expect(stderr).toContain(slow.url);
      expect(stderr).toMatch(/0\.5 s|500 ?ms/);
      // Every attempt was cut at 0.5 s rather than waiting the 3 s delay out.
      const attempts = slow.stats().createSession;
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(elapsed).toBeLessThan(attempts * 3000);
    } finally {
      await slow.close();
    }
  });
});
