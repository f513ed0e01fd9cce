// The PKI commands as a process: what only the built CLI shows. The certificates themselves (openssl verify,
// exact extensions, the summary fields, chains, CSRs, CRLs, inspection rules) are checked in process, in
// test/unit/main/core/pki-outputs.test.ts; here the same flow runs once through argv, --json, files and the
// human output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary, Inspection } from '../../shared/schemas/models';
import { cliHarness } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { opensslIdentity, openssl, requirePkiTools } from '../support/tools';
import { tempDir } from '../support/fs';

let cli: CliHarness;
const scratch = tempDir('anchorage-pki-out-');
const out = scratch.dir;

beforeAll(() => {
  requirePkiTools();
  cli = cliHarness({ vault: 'file' });
});
afterAll(() => {
  cli.cleanup();
  scratch.cleanup();
});

describe('ca create, cert issue, export, inspect, revoke, crl through argv', () => {
  it('--json prints what openssl reads from the files written; inspect prints PASS per rule; crl needs --force to replace', async () => {
    const ca = await cli.ok<CertificateSummary>([
      'ca',
      'create',
      '--name',
      'cli-ca',
      '--key-type',
      'ec-p256',
      '--json',
    ]);
    expect(ca).toMatchObject({ name: 'cli-ca', kind: 'ca', keyType: 'ec-p256' });
    const client = await cli.ok<CertificateSummary>([
      'cert',
      'issue',
      '--ca',
      'cli-ca',
      '--cn',
      'cli-client',
      '--key-type',
      'ec-p256',
      '--san',
      'dns:cli.example.com',
      '--json',
    ]);
    expect(client).toMatchObject({ name: 'cli-client', kind: 'client', hasPrivateKey: true });
    const caPem = join(out, 'cli-ca.pem');
    const clientPem = join(out, 'cli-client.pem');
    await cli.ok(['export', 'cli-ca', '--format', 'pem', '--out', caPem]);
    await cli.ok(['export', client.id, '--format', 'pem', '--out', clientPem]); // by id, too
    expect(ca.sha256Fingerprint).toBe(opensslIdentity(caPem).sha256);
    expect(client.sha256Fingerprint).toBe(opensslIdentity(clientPem).sha256);
    const verified = openssl([
      'verify',
      '-x509_strict',
      '-purpose',
      'sslclient',
      '-CAfile',
      caPem,
      clientPem,
    ]);
    expect(verified.stdout).toContain(': OK');

    const inspected = await cli.ok<Inspection>(['inspect', caPem, '--json']);
    expect(inspected.sha256Fingerprint).toBe(ca.sha256Fingerprint);
    // The human form: the verdict first, then PASS for each trust-anchor rule (a CA is judged as one only).
    const text = await cli.ok<string>(['inspect', caPem]);
    expect(text.split('\n')[0]).toBe('ready for Roles Anywhere as a trust anchor');
    expect(text.match(/^ {2}PASS /gm)).toHaveLength(inspected.checks?.length ?? -1);
    expect(text).not.toMatch(/\b(FAIL|WARN)\b/);

    expect(await cli.ok<CertificateSummary>(['revoke', 'cli-client', '--json'])).toMatchObject({
      status: 'revoked',
      id: client.id,
    });
    const crl = join(out, 'cli-ca.crl.pem');
    await cli.ok(['crl', 'cli-ca', '--out', crl]);
    const first = readFileSync(crl, 'utf8');
    expect(first).toMatch(/^-----BEGIN X509 CRL-----/);
    // An existing file is never replaced without --force, and stays as it was.
    expect((await cli.run(['crl', 'cli-ca', '--out', crl])).code).not.toBe(0);
    expect(readFileSync(crl, 'utf8')).toBe(first);
    await cli.ok(['crl', 'cli-ca', '--out', crl, '--force']);
    expect(readFileSync(crl, 'utf8')).not.toBe(first);
  });
});
