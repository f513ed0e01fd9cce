/**
 * Issue 2 acceptance, in process through `createCore` (test/support/core-harness.ts): bad input, one test each.
 * Every refusal is an AnchorageError with its code and the facts (names, numbers, dates) in its message, and
 * nothing is lost: every file of the data directory hashes the same before and after. Then re-imports and a
 * damaged store file. The CLI's side of refusals (exit code, the one `error: … (hint: …)` line, argv checks
 * such as --days and the size of a named file, several processes at once) is in
 * test/integration/cli-bad-input.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../main/core/api';
import { pemToDer } from '../../../../main/core/pki/pem';
import type { AnchorageError } from '../../../../shared/errors';
import { createCa, issueCert, testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';
import { snapshot, tempDir } from '../../../support/fs';
import { opensslOk, rejection, requirePkiTools } from '../../../support/tools';
import { patch, resigned, withIterations } from './pki/hostile';

const scratch = tempDir('anchorage-bad-out-');
const out = scratch.dir;
const cores: TestCore[] = [];
let cli: TestCore;
let other: TestCore;

/** A fresh data directory; its clock runs, as openssl's does. */
async function fresh(): Promise<TestCore> {
  const t = await testCore('running');
  cores.push(t);
  return t;
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(out, name);
  writeFileSync(path, content);
  return path;
}

async function exportTo(core: CoreApi, file: string, input: Parameters<CoreApi['exportCertificate']>[0]) {
  return write(file, (await core.exportCertificate(input)).bytes);
}

const read = (...paths: string[]) => paths.map((p) => readFileSync(p));

beforeAll(async () => {
  requirePkiTools();
  cli = await fresh();
  other = await fresh();
  // A 30-day CA with a 10-day client, and a CA certificate imported without its key.
  await createCa(cli.core, 'bad-ca', 'ec-p256', { days: 30 });
  await issueCert(cli.core, 'bad-ca', 'bad-client', 'ec-p256', { days: 10 });
  await exportTo(cli.core, 'bad-client.pem', { ref: 'bad-client', format: 'pem' });
  await createCa(other.core, 'other-ca', 'ec-p256');
  await exportTo(other.core, 'other-ca.pem', { ref: 'other-ca', format: 'pem' });
  await cli.core.importCertificate({ name: 'ext-ca', files: read(join(out, 'other-ca.pem')) });
});
afterAll(async () => {
  for (const t of cores.splice(0)) await t.cleanup();
  scratch.cleanup();
});

/** Expect `fn` to be refused with `code` (and `facts` in the message) while no file of `t`'s data dir changes. */
async function refused(
  fn: (core: CoreApi) => Promise<unknown>,
  code: string,
  facts?: RegExp,
  t: TestCore = cli,
): Promise<AnchorageError> {
  const before = snapshot(t.dataDir);
  const error = await rejection(() => fn(t.core));
  expect(error.code, error.message).toBe(code);
  if (facts) expect(error.message).toMatch(facts);
  expect(snapshot(t.dataDir)).toEqual(before);
  return error;
}

describe('bad input: refused with its code and facts, and nothing lost', () => {
  it('garbage PEM (and garbage bytes, and a truncated certificate) on import', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nthis is not base64 at all!!\n-----END CERTIFICATE-----\n';
    const garbage = await refused((c) => c.importCertificate({ files: [Buffer.from(pem)] }), 'MALFORMED_PEM');
    expect(garbage.message).toMatch(/base64|not a valid X\.509|cannot be imported/i);
    await refused(
      (c) => c.importCertificate({ files: [Buffer.from('not a certificate, not a key, not a PFX\n')] }),
      'MALFORMED_PEM',
      /cannot be imported/,
    );
    const truncated = readFileSync(join(out, 'bad-client.pem'), 'utf8').slice(0, 200);
    await rejection(() => cli.core.importCertificate({ files: [Buffer.from(truncated)] }));
  });

  it('a certificate without its key where one is needed: PFX and key export of a CA imported alone', async () => {
    for (const format of ['pfx', 'key'] as const) {
      await refused(
        (c) => c.exportCertificate({ ref: 'ext-ca', format, password: 'pw-ext' }),
        'MISSING_KEY',
        /"ext-ca" has no private key/,
      );
    }
  });

  it('a key that does not match the certificate', async () => {
    const key = join(out, 'stranger.key');
    opensslOk(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    // Into a data directory that does not hold the certificate yet, so nothing but the mismatch can stop it.
    await refused(
      (c) => c.importCertificate({ files: read(join(out, 'bad-client.pem'), key) }),
      'KEY_MISMATCH',
      /"CN=bad-client"/,
      other,
    );
  });

  // A CSR is checked for its size by the CLI before reading (test/integration/cli-bad-input.test.ts); core reads
  // CSR bytes as a CSR (MALFORMED_CSR for these).
  it('input over the size limit (import, inspect): refused from its size', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x41);
    const sizes = /1,048,577 bytes.*1,048,576 bytes/;
    await refused((c) => c.importCertificate({ files: [big] }), 'INPUT_TOO_LARGE', sizes);
    await refused((c) => c.inspectBytes(big), 'INPUT_TOO_LARGE', sizes);
  });

  it('a PFX whose MAC asks for 2³¹−1 iterations: refused at once, naming the count and the cap', async () => {
    const pfx = await exportTo(cli.core, 'bad-client-iter.pfx', {
      ref: 'bad-client',
      format: 'pfx',
      password: 'right-password',
    });
    const hostile = withIterations(readFileSync(pfx), { mac: 2 ** 31 - 1 });
    const started = performance.now();
    await refused(
      (c) => c.importCertificate({ files: [hostile], password: 'right-password' }),
      'ITERATIONS_TOO_HIGH',
      /MAC uses 2,147,483,647 iterations.*at most 10,000,000/,
      other,
    );
    await refused((c) => c.inspectBytes(hostile, 'right-password'), 'ITERATIONS_TOO_HIGH', /2,147,483,647/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('an RC2-40 PFX (openssl -legacy): UNSUPPORTED_ALGORITHM, naming the algorithm', async () => {
    const key = join(out, 'rc2.key');
    const cert = join(out, 'rc2.pem');
    const pfx = join(out, 'rc2.pfx');
    opensslOk(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    opensslOk(['req', '-x509', '-key', key, '-subj', '/CN=rc2', '-days', '5', '-out', cert]);
    opensslOk([
      'pkcs12',
      '-export',
      '-legacy',
      '-inkey',
      key,
      '-in',
      cert,
      '-passout',
      'pass:rc2-password',
      '-out',
      pfx,
    ]);
    await refused(
      (c) => c.importCertificate({ files: read(pfx), password: 'rc2-password' }),
      'UNSUPPORTED_ALGORITHM',
      /certificate safe is encrypted with pbeWithSHAAnd40BitRC2-CBC/,
      other,
    );
  });

  it('a certificate with a damaged keyUsage extension: the error names the extension', async () => {
    const der = Buffer.from(pemToDer(readFileSync(join(out, 'bad-client.pem'), 'utf8')));
    const signer = createPrivateKey(
      opensslOk(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).stdout,
    );
    const damaged = resigned(der, signer, (tbs) => {
      const at = tbs.indexOf(Buffer.from('0603551d0f', 'hex'));
      const bitString = tbs.indexOf(Buffer.from([0x03]), at + 10);
      return patch(tbs, tbs.subarray(bitString - 2, bitString + 2), Buffer.from([0x04, 0x04, 0x02, 0x02]));
    });
    const named = /keyUsage extension \(2\.5\.29\.15\) cannot be parsed/;
    const a = await refused((c) => c.importCertificate({ files: [damaged] }), 'MALFORMED_PEM', named, other);
    const b = await rejection(() => cli.core.inspectBytes(damaged));
    expect(b.code).toBe(a.code);
    expect(b.message).toMatch(named);
  });

  it('a wrong PFX password, and none, on import', async () => {
    const pfx = await exportTo(cli.core, 'bad-client.pfx', {
      ref: 'bad-client',
      format: 'pfx',
      password: 'right-password',
    });
    const wrong = await refused(
      (c) => c.importCertificate({ files: read(pfx), password: 'wrong-password' }),
      'WRONG_PASSWORD',
      undefined,
      other,
    );
    expect(`${wrong.message} ${wrong.hint}`).not.toContain('wrong-password');
    await refused((c) => c.importCertificate({ files: read(pfx) }), 'PASSWORD_REQUIRED', /PFX/, other);
  });

  it('a non-ASCII PFX password on export: refused up front, saying Java needs ASCII', async () => {
    for (const [pfxProfile, password] of [
      ['modern', 'pässwört-€'],
      ['legacy', 'mot-de-passe-éé'],
    ] as const) {
      const e = await refused(
        (c) => c.exportCertificate({ ref: 'bad-client', format: 'pfx', pfxProfile, password }),
        'INVALID_PASSWORD',
        /ASCII/,
      );
      expect(`${e.message} ${e.hint}`).toMatch(/Java/);
      expect(`${e.message} ${e.hint}`).not.toContain(password);
    }
  });

  it('days below 1 or not whole', async () => {
    for (const days of [0, -5, 1.5]) {
      await refused(
        (c) => c.issueCert({ ca: 'bad-ca', subject: { commonName: 'zero-days' }, keyType: 'ec-p256', days }),
        'INVALID_DAYS',
      );
    }
    await refused((c) => createCa(c, 'zero-ca', 'ec-p256', { days: 0 }), 'INVALID_DAYS');
  });

  it("a validity beyond the CA's (99999 days), naming both dates", async () => {
    const caNotAfter = (await cli.core.getCertificate('bad-ca')).notAfter;
    const e = await refused(
      (c) => issueCert(c, 'bad-ca', 'too-long', 'ec-p256', { days: 99999 }),
      'VALIDITY_EXCEEDS_ISSUER',
      /99999-day certificate would expire on .* after its issuer "CN=bad-ca"/,
    );
    expect(e.message).toContain(caNotAfter.slice(0, 10));
    // The CLI's default 365 days also outlives this 30-day CA: refused, not silently shortened.
    await refused((c) => issueCert(c, 'bad-ca', 'default-days', 'ec-p256'), 'VALIDITY_EXCEEDS_ISSUER');
    // And an intermediate cannot outlive its root either.
    await refused(
      (c) => createCa(c, 'long-int', 'ec-p256', { parent: 'bad-ca', days: 99999 }),
      'VALIDITY_EXCEEDS_ISSUER',
    );
  });

  it('an unknown CA, and a client certificate used as a CA', async () => {
    await refused(
      (c) => issueCert(c, 'no-such-ca', 'orphan', 'ec-p256', { days: 5 }),
      'NOT_FOUND',
      /no CA named "no-such-ca"/,
    );
    await refused(
      (c) => createCa(c, 'orphan-int', 'ec-p256', { parent: 'no-such-ca', days: 30 }),
      'NOT_FOUND',
      /"no-such-ca"/,
    );
    await refused(
      (c) => issueCert(c, 'bad-client', 'x', 'ec-p256', { days: 5 }),
      'NOT_FOUND',
      /"bad-client" is not a CA/,
    );
    await refused((c) => c.crl('no-such-ca'), 'NOT_FOUND', /"no-such-ca"/);
  });
});

describe('re-importing what is already there', () => {
  // Bug found by this suite: CertificateService.import put the key into the vault under the certificate's id,
  // then, when the inventory refused the duplicate, deleted that vault record: the EXISTING certificate's key.
  it('the same PFX imported again under another name: refused, and the existing certificate keeps its key', async () => {
    const h = await fresh();
    await createCa(h.core, 'dup-ca', 'ec-p256');
    await issueCert(h.core, 'dup-ca', 'dup-client', 'ec-p256');
    for (const ref of ['dup-client', 'dup-ca']) {
      const pfx = await exportTo(h.core, `${ref}-dup.pfx`, {
        ref,
        format: 'pfx',
        password: 'dup-password',
        includePrivateKey: true,
      });
      await refused(
        (c) => c.importCertificate({ name: `${ref}-again`, files: read(pfx), password: 'dup-password' }),
        'ALREADY_EXISTS',
        undefined,
        h,
      );
      await refused(
        (c) => c.importCertificate({ files: read(pfx), password: 'dup-password' }),
        'ALREADY_EXISTS',
        undefined,
        h,
      );
      // The key is still there and still opens.
      await h.core.exportCertificate({
        ref,
        format: 'pfx',
        password: 'dup-password',
        includePrivateKey: true,
      });
    }
    await issueCert(h.core, 'dup-ca', 'dup-client-2', 'ec-p256');
  });
});

describe('a damaged store file', () => {
  it('`{garbage` in inventory.json: reported by name, kept byte for byte, and never overwritten', async () => {
    const h = await fresh();
    await createCa(h.core, 'corrupt-ca', 'ec-p256');
    await issueCert(h.core, 'corrupt-ca', 'corrupt-client', 'ec-p256');
    const inventory = join(h.dataDir, 'inventory.json');
    writeFileSync(inventory, '{garbage');
    const pem = readFileSync(join(out, 'other-ca.pem'));

    const e = await refused((c) => c.listCertificates(), 'CORRUPT_DATA', /inventory\.json is damaged/, h);
    expect(e.message).toContain(inventory);
    for (const attempt of [
      (c: CoreApi) => issueCert(c, 'corrupt-ca', 'after', 'ec-p256', { days: 5 }),
      (c: CoreApi) => createCa(c, 'after-ca', 'ec-p256', { days: 5 }),
      (c: CoreApi) => c.importCertificate({ files: [pem] }),
      (c: CoreApi) => c.revokeCertificate('corrupt-client'),
      (c: CoreApi) => c.crl('corrupt-ca'),
    ]) {
      await refused(attempt, 'CORRUPT_DATA', /inventory\.json is damaged/, h);
    }
    expect(readFileSync(inventory, 'utf8')).toBe('{garbage');
    // Only the two vault records of before: no orphan key was written for the refused issue/create.
    expect(snapshot(h.dataDir).filter((e) => e.path.startsWith('vault/'))).toHaveLength(2);
  });
});

describe('a lock left behind', () => {
  it('a lock file left by a crashed process is taken over, not waited on for 30 s', async () => {
    const h = await fresh();
    await createCa(h.core, 'stale-ca', 'ec-p256');
    // The pid of a process that has exited: the lock's owner is gone.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(join(h.dataDir, 'inventory.json.lock'), dead, { mode: 0o600 });
    const started = Date.now();
    await issueCert(h.core, 'stale-ca', 'after-crash', 'ec-p256');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(h.dataDir, 'inventory.json.lock'))).toBe(false);
    expect((await h.core.listCertificates()).map((c) => c.name)).toEqual(['stale-ca', 'after-crash']);
  });
});
