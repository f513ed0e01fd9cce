/**
 * Issue 3, "CLI → emulator", the failures as a process shows them: one `error: … (hint: …)` line on stderr and
 * a non-zero exit, for a refusal from AWS (an untrusted CA) and for local refusals (a bad ARN, a --duration
 * the CLI cannot use). Every failure (expired certificate, regions, ARNs, durations, the retry policy, a
 * timeout) with its code, facts and the emulator's counters is checked in process in
 * test/unit/main/core/session-errors.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProfile, createCa, exportPem, issueCert, makeWorld } from './aws-fixtures';
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

  it('a bad ARN: one error line naming the part that is wrong', async () => {
    const ta = w.arns.trustAnchorArn;
    const typo = await add('bad1', { ta: ta.replace('trust-anchor/', 'trust-anchr/') });
    expect(typo).toMatch(/trust anchor ARN/i);
    expect(typo).toContain('trust-anchr');
  });

  it('--duration that is not a number (or out of range) is refused with the allowed range, nothing sent', async () => {
    const before = w.emu.stats().requests;
    for (const bad of ['abc', '899']) {
      const stderr = await add(`dur-${bad}`, {}, ['--duration', bad]);
      expect(stderr).toMatch(/duration/i);
      expect(stderr).toMatch(/900/);
      expect(stderr).toMatch(/43200/);
    }
    expect(w.emu.stats().requests).toBe(before);
    const list = await w.r.ok<{ name: string }[]>(['--json', 'profile', 'list']);
    expect(list.some((p) => p.name.startsWith('dur-'))).toBe(false);
  });
});
