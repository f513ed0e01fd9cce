/**
 * Issue 7: hostile input cannot freeze or bloat anything. Oversized files, iteration counts above the cap,
 * algorithms OpenSSL 3 no longer provides, backtracking-prone PEM, negative serials and damaged extensions:
 * each refused (or shown) clearly and fast. Timings are measured in process against generous bounds and
 * against openssl on the same file; no sleeps.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnchorageError } from '../../../../../shared/errors';
import { loadX509Identity } from '../../../../../main/core/aws/x509-signer';
import { createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { importBundle } from '../../../../../main/core/pki/import';
import { inspect } from '../../../../../main/core/pki/inspect';
import { MAX_INPUT_BYTES, MAX_PBE_ITERATIONS } from '../../../../../main/core/pki/limits';
import { certificateFromDer, pemBlocks, pemToDer } from '../../../../../main/core/pki/pem';
import { createPfx, readPfx } from '../../../../../main/core/pki/pkcs12';
import { serialDecimal, serialHex } from '../../../../../main/core/pki/serial';
import { patch, resigned, withIterations } from './hostile';
import { ok, requireTool, rejection } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';
import { signerOf, x509Of } from '../../../../support/pki';

const tmp = tempDir();
const PASSWORD = 'hostile-pw-1';
const env = { PFXPW: PASSWORD };
let ca: IssuedCertificate;
let client: IssuedCertificate;
let modern: Uint8Array;
let legacy: Uint8Array;
let million: string;

beforeAll(async () => {
  requireTool('openssl');
  ca = await createRootCa({ subject: { commonName: 'Hostile Root' }, keyType: 'ec-p256' });
  client = await issueClientCertificate({
    issuer: signerOf(ca),
    subject: { commonName: 'hostile' },
    keyType: 'ec-p256',
  });
  const base = {
    certificate: x509Of(client),
    chain: [x509Of(ca)],
    privateKeyPkcs8: client.privateKeyPkcs8,
    password: PASSWORD,
  };
  modern = createPfx({ ...base, preset: 'modern' });
  legacy = createPfx({ ...base, preset: 'legacy' });
  // The same file as `openssl pkcs12 -export -iter 1000000`: MAC and both PBES2 bags at 1,000,000.
  const { key, cert } = opensslPair('million', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  million = `${tmp.dir}/million.pfx`;
  ok(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-iter',
      '1000000',
      '-inkey',
      key,
      '-in',
      cert,
      '-passout',
      'env:PFXPW',
      '-out',
      million,
    ],
    { env },
  );
});
afterAll(() => tmp.cleanup());

/** An openssl key (`genpkey` arguments) and a self-signed certificate for it (extra `req` arguments), as files. */
function opensslPair(name: string, gen: string[], req: string[] = []): { key: string; cert: string } {
  const key = tmp.write(`${name}.key`, ok('openssl', ['genpkey', ...gen]));
  const cert = tmp.write(
    `${name}.pem`,
    ok('openssl', ['req', '-x509', '-key', key, '-subj', `/CN=${name}`, '-days', '5', ...req]),
  );
  return { key, cert };
}
const EC = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];

/** Wall time of `fn` in ms. */
async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Hints are for any edge: no CLI flags, no buttons (shared/errors.ts). */
function expectEdgeNeutral(error: AnchorageError): void {
  expect(error.hint).not.toMatch(/--\w/);
  expect(error.hint).not.toMatch(/\bclick|button\b/i);
}

describe('input size', () => {
  it('refuses input over the limit in every core entry point, naming its size and the limit', async () => {
    const big = new Uint8Array(MAX_INPUT_BYTES + 1);
    big[0] = 0x30;
    for (const call of [
      () => readPfx(big, PASSWORD),
      () => importBundle(big, { password: PASSWORD }),
      () => inspect(big, { password: PASSWORD }),
      () => importBundle(`-----BEGIN CERTIFICATE-----\n${'A'.repeat(MAX_INPUT_BYTES)}`),
    ]) {
      const err = await rejection(call);
      expect(err.code).toBe('INPUT_TOO_LARGE');
      expect(err.message).toMatch(/1\.0 MiB \(1,048,\d{3} bytes\).*at most 1\.0 MiB \(1,048,576 bytes\)/);
      expectEdgeNeutral(err);
    }
  });

  it('still reads a CA bundle of several hundred certificates (the system bundle, three times over)', async () => {
    const system = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    const bundle = system.repeat(3);
    expect(bundle.length).toBeLessThan(MAX_INPUT_BYTES);
    expect(pemBlocks(bundle).length).toBeGreaterThan(300);
    const report = await inspect(bundle);
    // Every certificate of a bundle is inspected (issue 9).
    expect(report.type).toBe('bundle');
    expect(report.certificates?.length).toBe(
      pemBlocks(bundle).filter((b) => b.label === 'CERTIFICATE').length,
    );
  });

  it('refuses 1 MiB of random bytes fast, without bloating', async () => {
    const noise = randomBytes(MAX_INPUT_BYTES);
    noise[0] = 0x30;
    const before = process.memoryUsage().rss;
    const ms = await timed(async () => {
      expect((await rejection(() => readPfx(noise, PASSWORD))).code).toBe('MALFORMED_PFX');
      expect((await rejection(() => importBundle(noise, { password: PASSWORD }))).code).toMatch(
        /MALFORMED_P(FX|EM)/,
      );
    });
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('iteration counts', () => {
  it('refuses a MAC iteration count of 2³¹−1 before deriving, naming the count and the cap', async () => {
    const hostile = withIterations(modern, { mac: 2 ** 31 - 1 });
    let err!: AnchorageError;
    const ms = await timed(async () => (err = await rejection(() => readPfx(hostile, PASSWORD))));
    expect(ms).toBeLessThan(200);
    expect(err.code).toBe('ITERATIONS_TOO_HIGH');
    expect(err.message).toContain("The PFX's MAC uses 2,147,483,647 iterations");
    expect(err.message).toContain(MAX_PBE_ITERATIONS.toLocaleString('en-US'));
    expectEdgeNeutral(err);
  });

  it.each([
    ['modern', 0, /certificate safe encryption \(PBKDF2\) uses 10,000,001 iterations/],
    ['modern', 1, /key bag encryption \(PBKDF2\) uses 10,000,001 iterations/],
    ['legacy', 0, /certificate safe encryption \(pbeWithSHAAnd3-KeyTripleDES-CBC\) uses 10,000,001/],
    ['legacy', 1, /key bag encryption \(pbeWithSHAAnd3-KeyTripleDES-CBC\) uses 10,000,001/],
  ] as const)(
    'refuses a %s PFX whose PBE #%d is above the cap, before deriving',
    async (preset, i, pattern) => {
      const counts: Array<number | undefined> = [];
      counts[i] = MAX_PBE_ITERATIONS + 1;
      const hostile = withIterations(preset === 'modern' ? modern : legacy, { pbe: counts });
      let err!: AnchorageError;
      const ms = await timed(async () => (err = await rejection(() => readPfx(hostile, PASSWORD))));
      expect(ms).toBeLessThan(200);
      expect(err.code).toBe('ITERATIONS_TOO_HIGH');
      expect(err.message).toMatch(pattern);
    },
  );

  it('refuses a file whose counts are each allowed but together too many (legacy 3DES at 5,000,000)', async () => {
    const hostile = withIterations(legacy, { mac: 5_000_000, pbe: [5_000_000, 5_000_000] });
    const err = await rejection(() => readPfx(hostile, PASSWORD));
    expect(err.code).toBe('ITERATIONS_TOO_HIGH');
    expect(err.message).toMatch(/more than 30,000,000 key-derivation iterations in all/);
  });

  it('opens the 1,000,000-iteration PFX from openssl in at most 3× `openssl pkcs12 -nodes` on the same file', async () => {
    const bytes = new Uint8Array(readFileSync(million));
    const openssl = () =>
      spawnSync('openssl', ['pkcs12', '-in', million, '-nodes', '-passin', 'env:PFXPW'], {
        env: { ...process.env, ...env },
      });
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 2; i++) {
      ours.push(await timed(() => readPfx(bytes, PASSWORD)));
      theirs.push(await timed(() => expect(openssl().status).toBe(0)));
    }
    const back = await readPfx(bytes, PASSWORD);
    expect(back.keyType).toBe('rsa-2048');
    expect(back.privateKeyPkcs8).toBeDefined();
    expect(Math.min(...ours) / Math.min(...theirs)).toBeLessThanOrEqual(3);
  });
});

describe('algorithms', () => {
  it('refuses an RC2-40 PFX (openssl -legacy) as UNSUPPORTED_ALGORITHM, naming it and what to use instead', async () => {
    const path = `${tmp.dir}/rc2.pfx`;
    const { key, cert } = opensslPair('rc2', EC);
    ok(
      'openssl',
      ['pkcs12', '-export', '-legacy', '-inkey', key, '-in', cert, '-passout', 'env:PFXPW', '-out', path],
      { env },
    );
    const err = await rejection(() => readPfx(new Uint8Array(readFileSync(path)), PASSWORD));
    expect(err.code).toBe('UNSUPPORTED_ALGORITHM');
    expect(err.message).toContain('pbeWithSHAAnd40BitRC2-CBC');
    expect(err.hint).toMatch(/AES-256.*3DES/);
    expectEdgeNeutral(err);
  });
});

describe('PEM scanning is linear', () => {
  const unterminated = (bytes: number) => '-----BEGIN CERTIFICATE-----\n'.repeat(Math.ceil(bytes / 28));
  const best = async (text: string) =>
    Math.min(...(await Promise.all([0, 1, 2].map(() => timed(() => pemBlocks(text))))));

  it('scans 3 MB of BEGIN lines without END in well under a second, ~3× the time of 1 MB', async () => {
    const one = unterminated(1024 * 1024);
    const three = unterminated(3 * 1024 * 1024);
    expect(pemBlocks(three)).toEqual([]);
    const t1 = await best(one);
    const t3 = await best(three);
    expect(t3).toBeLessThan(2000);
    // Linear: ~3×; the old backtracking regex was quadratic (≥ 9×, minutes at 3 MB).
    expect(t3 / Math.max(t1, 0.5)).toBeLessThan(6);
  });

  it('refuses the same through import: no PEM block found', async () => {
    const err = await rejection(() => importBundle(unterminated(900 * 1024)));
    expect(err.code).toBe('MALFORMED_PEM');
    expect(err.message).toContain('no PEM block was found');
  });
});

describe('serials and extensions of imported certificates', () => {
  const issuerKey = () =>
    createPrivateKey({ key: Buffer.from(ca.privateKeyPkcs8), format: 'der', type: 'pkcs8' });

  it.each([
    ['-1', '-01', 'serial=-01'],
    ['0', '00', 'serial=00'],
  ] as const)(
    'shows serial %s as openssl does, and refuses it for signing',
    async (serial, hex, opensslLine) => {
      const pem = readFileSync(opensslPair(`serial${serial}`, EC, ['-set_serial', serial]).cert, 'utf8');
      expect(ok('openssl', ['x509', '-noout', '-serial'], { input: pem }).trim()).toBe(opensslLine);
      const text = ok('openssl', ['x509', '-noout', '-text'], { input: pem });
      expect(text).toMatch(serial === '0' ? /Serial Number: 0 \(0x0\)/ : /Serial Number:\s+\(Negative\)01/);
      const cert = certificateFromDer(pemToDer(pem));
      expect(serialHex(cert)).toBe(hex);
      expect(serialDecimal(cert)).toBe(serial);
      const report = await inspect(pem);
      expect(report.type === 'certificate' && report.serialHex).toBe(hex);
      const err = await rejection(() => loadX509Identity({ certificate: pem }));
      expect(err.code).toBe('INVALID_SERIAL');
      expect(err.message).toContain(`serial number is ${serial}`);
      expect(err.message).toMatch(/positive/);
      expectEdgeNeutral(err);
    },
  );

  it('names a damaged keyUsage extension', async () => {
    // keyUsage: OID 2.5.29.15, critical, OCTET STRING { BIT STRING }: make the BIT STRING an INTEGER.
    const der = Buffer.from(pemToDer(client.certificatePem));
    const oid = Buffer.from('0603551d0f', 'hex');
    const at = der.indexOf(oid);
    expect(at).toBeGreaterThan(0);
    const damaged = resigned(der, issuerKey(), (tbs) => {
      const start = tbs.indexOf(oid);
      const bitString = tbs.indexOf(Buffer.from([0x03]), start + oid.length + 3 + 2);
      return patch(tbs, tbs.subarray(bitString - 2, bitString + 2), Buffer.from([0x04, 0x04, 0x02, 0x02]));
    });
    const err = await rejection(() => importBundle(damaged));
    expect(err.code).toBe('MALFORMED_PEM');
    expect(err.message).toBe("The certificate's keyUsage extension (2.5.29.15) cannot be parsed.");
    expectEdgeNeutral(err);
    expect((await rejection(() => inspect(damaged))).message).toContain('keyUsage extension (2.5.29.15)');
  });
});
