// Bad input through the built `anchorage` CLI: one refusal per category, each a non-zero exit with one
// `error: … (hint: …)` line on stderr (ARCHITECTURE §9), and nothing lost (every file of the data directory
// hashes the same before and after); the checks only the CLI makes (--days, the size of a named file before
// reading it); and several processes at once. Each refusal's code and facts, for every bad input, are checked
// in process in test/unit/main/core/bad-input.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/schemas/models';
import { cliFailure, homePool } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { snapshot, tempDir } from '../support/fs';

const homes = homePool();
const scratch = tempDir('anchorage-bad-out-');
const out = scratch.dir;
let cli: CliHarness;

const freshHome = () => homes.fresh();

beforeAll(async () => {
  cli = freshHome();
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
});
afterAll(() => {
  homes.cleanup();
  scratch.cleanup();
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
  it('unreadable input (garbage PEM on import)', async () => {
    const pem = write(
      'garbage.pem',
      '-----BEGIN CERTIFICATE-----\nthis is not base64 at all!!\n-----END CERTIFICATE-----\n',
    );
    await refused(['import', pem], /^error: .*(base64|not a valid X\.509|cannot be imported)/i);
  });

  it('an input file over the size limit (import, inspect, a CSR to sign): refused from its size, unread', async () => {
    const big = write('huge.pem', Buffer.alloc(1024 * 1024 + 1, 0x41));
    const pattern =
      /^error: .*huge\.pem is 1\.0 MiB \(1,048,577 bytes\); Anchorage reads .* at most 1\.0 MiB \(1,048,576 bytes\)\./;
    await refused(['import', big], pattern);
    await refused(['inspect', big], pattern);
    await refused(['cert', 'issue', '--ca', 'bad-ca', '--csr', big], pattern);
  });

  it('--days 0, negative or fractional: refused by the CLI before core', async () => {
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

  it("a rule core enforces (a validity beyond the CA's), naming both dates", async () => {
    const caNotAfter =
      (await cli.ok<CertificateSummary[]>(['list', '--json'])).find((c) => c.name === 'bad-ca')?.notAfter ??
      '';
    const line = await refused(
      ['cert', 'issue', '--ca', 'bad-ca', '--cn', 'too-long', '--key-type', 'ec-p256', '--days', '99999'],
      /^error: A 99999-day certificate would expire on .* after its issuer "CN=bad-ca"/,
    );
    expect(line).toContain(caNotAfter.slice(0, 10));
  });

  it('a name that does not exist (an unknown CA)', async () => {
    await refused(
      ['cert', 'issue', '--ca', 'no-such-ca', '--cn', 'orphan', '--key-type', 'ec-p256'],
      /^error: There is no CA named "no-such-ca"\./,
    );
  });

  it('a damaged store file (`{garbage` in inventory.json): named, and kept', async () => {
    const h = freshHome();
    await h.ok(['ca', 'create', '--name', 'corrupt-ca', '--key-type', 'ec-p256']);
    const inventory = join(h.home, 'inventory.json');
    writeFileSync(inventory, '{garbage');
    const line = await refused(
      ['list'],
      /^error: .*inventory\.json is damaged \(it is not valid JSON\); Anchorage will not overwrite it\./,
      { home: h },
    );
    expect(line).toContain(inventory);
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
          env: { ANCHORAGE_EXPORT_PASSWORD: 'race-password' },
        }),
      ),
    );
    for (const r of exports) expect(r.code, r.stderr).toBe(0);
    // No lock or temp file is left behind.
    expect(snapshot(h.home).filter((e) => /\.lock$|\.tmp$/.test(e.path))).toEqual([]);
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
