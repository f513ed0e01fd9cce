// Issue 2 acceptance, through the built `anchorage` CLI: bad input, one test each. Every refusal is a non-zero
// exit with one `error: … (hint: …)` line on stderr (ARCHITECTURE §9), and nothing is lost: every file of the
// data directory hashes the same before and after. Then a damaged store file, and six processes issuing at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/models';
import { homePool } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { createPrivateKey } from 'node:crypto';
import { pemToDer } from '../../main/core/pki/pem';
import { patch, resigned, withIterations } from '../unit/main/core/pki/hostile';
import { cleanupDirs, cliFailure, opensslOk, requirePkiTools, snapshot, tempDir } from './pki-tools';

const dirs: string[] = [];
const homes = homePool();
let cli: CliHarness;
let other: CliHarness;
let out: string;

const freshHome = () => homes.fresh();

beforeAll(async () => {
  requirePkiTools();
  out = tempDir('anchorage-bad-out-');
  dirs.push(out);
  cli = freshHome();
  other = freshHome();
  // A 30-day CA with a 10-day client, and a CA certificate imported without its key.
  await cli.ok(['ca', 'create', '--name', 'bad-ca', '--key-type', 'ec-p256', '--days', '30']);
  await cli.ok([
    'cert',
    'issue',
    '--ca',
    'bad-ca',
    '--cn',
    'bad-client',
    '--key-type',
    'ec-p256',
    '--days',
    '10',
  ]);
  await cli.ok(['export', 'bad-client', '--format', 'pem', '--out', join(out, 'bad-client.pem')]);
  await other.ok(['ca', 'create', '--name', 'other-ca', '--key-type', 'ec-p256']);
  await other.ok(['export', 'other-ca', '--format', 'pem', '--out', join(out, 'other-ca.pem')]);
  await cli.ok(['import', join(out, 'other-ca.pem'), '--name', 'ext-ca']);
});
afterAll(() => {
  homes.cleanup();
  cleanupDirs(dirs);
});

/** Run, expect the one-line refusal matching `pattern`, and that no file in `h`'s data dir changed. */
async function refused(
  args: string[],
  pattern: RegExp,
  options: { env?: NodeJS.ProcessEnv; stdin?: string; home?: CliHarness } = {},
): Promise<string> {
  const h = options.home ?? cli;
  const before = snapshot(h.home);
  const result = await h.run(args, options);
  const line = cliFailure(result);
  expect(line).toMatch(pattern);
  expect(snapshot(h.home)).toEqual(before);
  return line;
}

function write(name: string, content: string | Buffer): string {
  const path = join(out, name);
  writeFileSync(path, content);
  return path;
}

describe('bad input: a clear one-line error, and nothing lost', () => {
  it('garbage PEM (and garbage bytes) on import', async () => {
    const pem = write(
      'garbage.pem',
      '-----BEGIN CERTIFICATE-----\nthis is not base64 at all!!\n-----END CERTIFICATE-----\n',
    );
    await refused(['import', pem], /^error: .*(base64|not a valid X\.509|cannot be imported)/i);
    const bytes = write('garbage.bin', Buffer.from('not a certificate, not a key, not a PFX\n'));
    await refused(['import', bytes], /^error: The input cannot be imported: /);
    const truncated = write('truncated.pem', readFileSync(join(out, 'bad-client.pem'), 'utf8').slice(0, 200));
    await refused(['import', truncated], /^error: /);
  });

  it('a certificate without its key where one is needed: PFX export of a CA imported alone', async () => {
    const pfx = join(out, 'ext-ca.pfx');
    await refused(
      ['export', 'ext-ca', '--format', 'pfx', '--out', pfx],
      /^error: "ext-ca" has no private key in Anchorage/,
      {
        env: { ANCHORAGE_EXPORT_PASSWORD: 'pw-ext' },
      },
    );
    await refused(
      ['export', 'ext-ca', '--format', 'key', '--include-private-key', '--out', pfx],
      /has no private key/,
      {
        env: { ANCHORAGE_EXPORT_PASSWORD: 'pw-ext' },
      },
    );
    expect(existsSync(pfx)).toBe(false);
  });

  it('a key that does not match the certificate', async () => {
    const key = join(out, 'stranger.key');
    opensslOk(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    // Into a home that does not hold the certificate yet, so nothing but the mismatch can stop it.
    await refused(
      ['import', join(out, 'bad-client.pem'), key],
      /^error: The private key does not belong to the certificate \("CN=bad-client"\)/,
      {
        home: other,
      },
    );
  });

  it('an input file over the size limit (import, inspect, a CSR to sign): refused from its size, unread', async () => {
    const big = write('huge.pem', Buffer.alloc(1024 * 1024 + 1, 0x41));
    const pattern =
      /^error: .*huge\.pem is 1\.0 MiB \(1,048,577 bytes\); Anchorage reads certificate, key, CSR, CRL and PFX files of at most 1\.0 MiB \(1,048,576 bytes\)\. \(hint: Check that this is the right file/;
    await refused(['import', big], pattern);
    await refused(['inspect', big], pattern);
    await refused(['cert', 'issue', '--ca', 'bad-ca', '--csr', big], pattern);
  });

  it('a PFX whose MAC asks for 2³¹−1 iterations: refused at once, naming the count and the cap', async () => {
    const pfx = join(out, 'bad-client-iter.pfx');
    await cli.ok(['export', 'bad-client', '--format', 'pfx', '--out', pfx], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'right-password' },
    });
    const hostile = write('iter.pfx', withIterations(readFileSync(pfx), { mac: 2 ** 31 - 1 }));
    const started = performance.now();
    await refused(
      ['import', hostile, '--password-stdin'],
      /^error: The PFX's MAC uses 2,147,483,647 iterations; Anchorage opens PFX files with at most 10,000,000 .*\(hint: Export the PFX again with a standard iteration count/,
      { stdin: 'right-password', home: other },
    );
    await refused(['inspect', hostile, '--password-stdin'], /2,147,483,647 iterations/, {
      stdin: 'right-password',
    });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('an RC2-40 PFX (openssl -legacy): UNSUPPORTED, naming the algorithm and what to export instead', async () => {
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
      ['import', pfx, '--password-stdin'],
      /^error: The PFX's certificate safe is encrypted with pbeWithSHAAnd40BitRC2-CBC, .*\(hint: Export the PFX again with a modern profile/,
      { stdin: 'rc2-password', home: other },
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
    const file = write('damaged-ku.der', damaged);
    const pattern =
      /^error: The certificate's keyUsage extension \(2\.5\.29\.15\) cannot be parsed\. \(hint: /;
    await refused(['import', file], pattern, { home: other });
    await refused(['inspect', file], pattern);
  });

  it('a wrong PFX password on import', async () => {
    const pfx = join(out, 'bad-client.pfx');
    await cli.ok(['export', 'bad-client', '--format', 'pfx', '--out', pfx], {
      env: { ANCHORAGE_EXPORT_PASSWORD: 'right-password' },
    });
    const line = await refused(['import', pfx, '--password-stdin'], /^error: The PFX password is wrong/, {
      stdin: 'wrong-password',
      home: other,
    });
    expect(line).not.toContain('wrong-password');
    await refused(['import', pfx], /^error: This looks like a PFX\/P12 file, which needs its password/, {
      home: other,
      env: { ANCHORAGE_IMPORT_PASSWORD: '' },
    });
  });

  it('a non-ASCII PFX password on export: refused up front, saying Java needs ASCII', async () => {
    const pfx = join(out, 'non-ascii.pfx');
    const line = await refused(
      ['export', 'bad-client', '--format', 'pfx', '--out', pfx],
      /^error: .*not printable ASCII.*Java/,
      {
        env: { ANCHORAGE_EXPORT_PASSWORD: 'pässwört-€' },
      },
    );
    expect(line).not.toContain('pässwört');
    await refused(
      [
        'export',
        'bad-client',
        '--format',
        'pfx',
        '--pfx-profile',
        'legacy',
        '--password-stdin',
        '--out',
        pfx,
      ],
      /ASCII/,
      {
        stdin: 'mot-de-passe-éé',
      },
    );
    expect(existsSync(pfx)).toBe(false);
  });

  it('--days 0', async () => {
    await refused(
      ['cert', 'issue', '--ca', 'bad-ca', '--cn', 'zero-days', '--key-type', 'ec-p256', '--days', '0'],
      /^error: --days must be a whole number of days, at least 1 \(got "0"\)/,
    );
    await refused(
      ['ca', 'create', '--name', 'zero-ca', '--key-type', 'ec-p256', '--days', '0'],
      /at least 1/,
    );
    await refused(
      ['cert', 'issue', '--ca', 'bad-ca', '--cn', 'neg-days', '--key-type', 'ec-p256', '--days', '-5'],
      /at least 1/,
    );
    await refused(
      ['cert', 'issue', '--ca', 'bad-ca', '--cn', 'frac-days', '--key-type', 'ec-p256', '--days', '1.5'],
      /whole number/,
    );
  });

  it("a validity beyond the CA's (--days 99999 on cert issue), naming both dates", async () => {
    const caNotAfter =
      (await cli.ok<CertificateSummary[]>(['list', '--json'])).find((c) => c.name === 'bad-ca')?.notAfter ??
      '';
    const line = await refused(
      ['cert', 'issue', '--ca', 'bad-ca', '--cn', 'too-long', '--key-type', 'ec-p256', '--days', '99999'],
      /^error: A 99999-day certificate would expire on .* after its issuer "CN=bad-ca"/,
    );
    expect(line).toContain(caNotAfter.slice(0, 10));
    // The default 365 days also outlives this 30-day CA: refused, not silently shortened.
    await refused(
      ['cert', 'issue', '--ca', 'bad-ca', '--cn', 'default-days', '--key-type', 'ec-p256'],
      /after its issuer/,
    );
    // And an intermediate cannot outlive its root either.
    await refused(
      [
        'ca',
        'create',
        '--name',
        'long-int',
        '--parent',
        'bad-ca',
        '--key-type',
        'ec-p256',
        '--days',
        '99999',
      ],
      /after its issuer/,
    );
  });

  it('an unknown CA', async () => {
    await refused(
      ['cert', 'issue', '--ca', 'no-such-ca', '--cn', 'orphan', '--key-type', 'ec-p256'],
      /^error: There is no CA named "no-such-ca"\. \(hint: See `anchorage list`/,
    );
    await refused(
      ['ca', 'create', '--name', 'orphan-int', '--parent', 'no-such-ca', '--key-type', 'ec-p256'],
      /no CA named "no-such-ca"/,
    );
    // A client certificate is not a CA.
    await refused(
      ['cert', 'issue', '--ca', 'bad-client', '--cn', 'x', '--key-type', 'ec-p256'],
      /"bad-client" is not a CA/,
    );
    await refused(['crl', 'no-such-ca', '--out', join(out, 'x.crl')], /no CA named "no-such-ca"/);
  });
});

describe('re-importing what is already there', () => {
  // Bug found by this suite: CertificateService.import put the key into the vault under the certificate's id,
  // then, when the inventory refused the duplicate, deleted that vault record: the EXISTING certificate's key.
  it('the same PFX imported again under another name: refused, and the existing certificate keeps its key', async () => {
    const h = freshHome();
    await h.ok(['ca', 'create', '--name', 'dup-ca', '--key-type', 'ec-p256']);
    await h.ok(['cert', 'issue', '--ca', 'dup-ca', '--cn', 'dup-client', '--key-type', 'ec-p256']);
    const env = { ANCHORAGE_EXPORT_PASSWORD: 'dup-pw' };
    for (const ref of ['dup-client', 'dup-ca']) {
      const pfx = join(out, `${ref}-dup.pfx`);
      await h.ok(['export', ref, '--format', 'pfx', '--out', pfx], { env });
      await refused(
        ['import', pfx, '--name', `${ref}-again`, '--password-stdin'],
        /already in the inventory/,
        { home: h, stdin: 'dup-pw' },
      );
      await refused(['import', pfx, '--password-stdin'], /already|taken/, { home: h, stdin: 'dup-pw' });
      // The key is still there and still opens.
      await h.ok(['export', ref, '--format', 'pfx', '--out', join(out, `${ref}-after.pfx`)], { env });
    }
    await h.ok(['cert', 'issue', '--ca', 'dup-ca', '--cn', 'dup-client-2', '--key-type', 'ec-p256']);
  });
});

describe('a damaged store file', () => {
  it('`{garbage` in inventory.json: reported by name, kept byte for byte, and never overwritten', async () => {
    const h = freshHome();
    await h.ok(['ca', 'create', '--name', 'corrupt-ca', '--key-type', 'ec-p256']);
    await h.ok(['cert', 'issue', '--ca', 'corrupt-ca', '--cn', 'corrupt-client', '--key-type', 'ec-p256']);
    const inventory = join(h.home, 'inventory.json');
    writeFileSync(inventory, '{garbage');
    const pem = join(out, 'corrupt-import.pem');
    await other.ok(['export', 'other-ca', '--format', 'pem', '--out', pem]);

    const line = await refused(
      ['list'],
      /^error: .*inventory\.json is damaged \(it is not valid JSON\); Anchorage will not overwrite it\./,
      { home: h },
    );
    expect(line).toContain(inventory);
    for (const args of [
      ['cert', 'issue', '--ca', 'corrupt-ca', '--cn', 'after-damage', '--key-type', 'ec-p256'],
      ['ca', 'create', '--name', 'after-damage-ca', '--key-type', 'ec-p256'],
      ['import', pem],
      ['revoke', 'corrupt-client'],
      ['crl', 'corrupt-ca', '--out', join(out, 'corrupt.crl')],
    ]) {
      await refused(args, /inventory\.json is damaged/, { home: h });
    }
    expect(readFileSync(inventory, 'utf8')).toBe('{garbage');
    // Only the two vault records of before: no orphan key was written for the refused issue/create.
    expect(snapshot(h.home).filter((e) => e.path.startsWith('vault/'))).toHaveLength(2);
  });
});

describe('several CLI processes at once', () => {
  it('six `cert issue` processes against one home: all succeed, `list` shows all six, every key is there', async () => {
    const h = freshHome();
    await h.ok(['ca', 'create', '--name', 'race-ca', '--key-type', 'ec-p256']);
    const names = Array.from({ length: 6 }, (_, i) => `race-${i}`);
    const results = await Promise.all(
      names.map((n) =>
        h.run(['cert', 'issue', '--ca', 'race-ca', '--cn', n, '--key-type', 'ec-p256', '--json']),
      ),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const issued = results.map((r) => JSON.parse(r.stdout) as CertificateSummary);

    const list = await h.ok<CertificateSummary[]>(['list', '--json']);
    expect(
      list
        .filter((c) => c.kind === 'client')
        .map((c) => c.name)
        .sort(),
    ).toEqual(names);
    expect(new Set(issued.map((c) => c.serialNumber)).size).toBe(6);
    expect(snapshot(h.home).filter((e) => e.type === 'file' && e.path.startsWith('vault/'))).toHaveLength(7);
    // Each one's key decrypts and belongs to it: export them all (at once, too).
    const exports = await Promise.all(
      names.map((n) =>
        h.run(['export', n, '--format', 'pfx', '--out', join(out, `${n}.pfx`)], {
          env: { ANCHORAGE_EXPORT_PASSWORD: 'race-pw' },
        }),
      ),
    );
    for (const r of exports) expect(r.code, r.stderr).toBe(0);
    // No lock or temp file is left behind.
    expect(snapshot(h.home).filter((e) => /\.lock$|\.tmp$/.test(e.path))).toEqual([]);
  });

  it('a lock file left by a crashed process is taken over, not waited on for 30 s', async () => {
    const h = freshHome();
    await h.ok(['ca', 'create', '--name', 'stale-ca', '--key-type', 'ec-p256']);
    // The pid of a process that has exited: the lock's owner is gone.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(join(h.home, 'inventory.json.lock'), dead, { mode: 0o600 });
    const started = Date.now();
    await h.ok(['cert', 'issue', '--ca', 'stale-ca', '--cn', 'after-crash', '--key-type', 'ec-p256']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(h.home, 'inventory.json.lock'))).toBe(false);
    expect((await h.ok<CertificateSummary[]>(['list', '--json'])).map((c) => c.name)).toEqual([
      'stale-ca',
      'after-crash',
    ]);
  });

  it('six `ca create` processes in an empty home (racing to create the vault key): all six CAs work', async () => {
    const h = freshHome();
    const names = Array.from({ length: 6 }, (_, i) => `first-ca-${i}`);
    const results = await Promise.all(
      names.map((n) => h.run(['ca', 'create', '--name', n, '--key-type', 'ec-p256'])),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect((await h.ok<CertificateSummary[]>(['list', '--json'])).map((c) => c.name).sort()).toEqual(names);
    // One vault key opened every record: each CA can still sign.
    const issues = await Promise.all(
      names.map((n) => h.run(['cert', 'issue', '--ca', n, '--cn', `${n}-client`, '--key-type', 'ec-p256'])),
    );
    for (const r of issues) expect(r.code, r.stderr).toBe(0);
  });
});
