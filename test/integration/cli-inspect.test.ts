// `anchorage inspect` as a process (issue 9): the verdict comes first and the exit code says whether AWS would
// accept the file; `import` prints the same verdict. The levels themselves are tested in process, in
// test/unit/main/core/pki/inspect.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { ok, requirePkiTools } from '../support/tools';
import { tempDir } from '../support/fs';

let cli: CliHarness;
const scratch = tempDir('anchorage-inspect-');

beforeAll(() => {
  requirePkiTools();
  cli = cliHarness({ vault: 'file' });
});
afterAll(() => {
  cli.cleanup();
  scratch.cleanup();
});

/** An OpenSSL-made self-signed certificate. */
function opensslCert(name: string, extra: string[]): string {
  const key = `${scratch.dir}/${name}.key`;
  ok('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  return scratch.write(
    `${name}.pem`,
    ok('openssl', ['req', '-x509', '-new', '-key', key, '-days', '30', ...extra]),
  );
}

describe('inspect and import print a verdict', () => {
  it('exits 0 with "ready" for a good CA, 1 with "AWS would reject it" for a SHA-1 one; import flags it too', async () => {
    const good = opensslCert('good-ca', [
      '-subj',
      '/CN=good ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const passed = await cli.run(['inspect', good]);
    expect(passed.code).toBe(0);
    expect(passed.stdout.split('\n')[0]).toBe('ready for Roles Anywhere as a trust anchor');

    const bad = opensslCert('sha1-ca', [
      '-sha1',
      '-subj',
      '/CN=sha1 ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const failed = await cli.run(['inspect', bad]);
    expect(failed.code).toBe(1);
    expect(failed.stdout.split('\n')[0]).toBe('AWS would reject it as a trust anchor: 1 failure');
    expect(failed.stdout).toMatch(/^ {2}FAIL {2}signature-algorithm: ecdsa-with-SHA1; /m);
    expect(failed.stderr).toBe('');
    const json = await cli.run(['inspect', bad, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      verdict: { level: 'fail', failures: 1, role: 'trust-anchor' },
    });

    const asLeaf = await cli.run(['inspect', good, '--as', 'end-entity']);
    expect(asLeaf.code).toBe(1);
    expect(asLeaf.stdout.split('\n')[0]).toMatch(
      /^AWS would reject it as an end-entity \(client\) certificate: /,
    );

    const imported = await cli.run(['import', bad]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Verdict: AWS would reject it as a trust anchor: 1 failure');
  });
});
