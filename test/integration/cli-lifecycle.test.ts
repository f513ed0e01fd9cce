// Issue 9's lifecycle verbs as a process: argv, --json, exit codes and the `error: … (hint: …)` line of each
// refusal. What the verbs do to certificates, keys and profiles is checked in process, in
// test/unit/main/core/lifecycle.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeleteResult, RenameResult, RenewCaResult, RenewCertResult } from '../../main/core/api';
import type { CertificateSummary } from '../../shared/schemas/models';
import { cliFailure, homePool } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { snapshot, tempDir } from '../support/fs';

const pool = homePool();
const scratch = tempDir('anchorage-lifecycle-out-');
let h: CliHarness;

const ARNS = [
  '--trust-anchor-arn',
  'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  '--profile-arn',
  'arn:aws:rolesanywhere:us-east-1:123456789012:profile/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  '--role-arn',
  'arn:aws:iam::123456789012:role/lifecycle',
];

beforeAll(async () => {
  h = pool.fresh();
  await h.ok(['ca', 'create', '--name', 'root', '--key-type', 'ec-p256']);
  await h.ok(['cert', 'issue', '--ca', 'root', '--cn', 'agent', '--key-type', 'ec-p256']);
  await h.ok(['profile', 'add', 'dev', '--cert', 'agent', ...ARNS]);
});
afterAll(() => {
  pool.cleanup();
  scratch.cleanup();
});

/** Run, expect the one-line failure, and that the home is unchanged; returns the stderr line. */
async function refused(args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const before = snapshot(h.home);
  const line = cliFailure(await h.run(args, env ? { env } : undefined));
  expect(snapshot(h.home)).toEqual(before);
  return line;
}

describe('rename', () => {
  it('prints what it did, as text and as --json', async () => {
    expect(await h.ok(['rename', 'root', 'Root CA'])).toBe(
      'Renamed CA "root" to "Root CA" (' + (await id('Root CA')) + ').\n',
    );
    const r = await h.ok<RenameResult>(['rename', 'Root CA', 'root', '--json']);
    expect(r).toMatchObject({ previousName: 'Root CA', certificate: { name: 'root', kind: 'ca' } });
  });

  it('refuses a bad or taken name with one error line, writing nothing', async () => {
    expect(await refused(['rename', 'agent', 'ca-0123456789ab'])).toMatch(
      /shape of an id.*\(hint: Choose another name/,
    );
    expect(await refused(['rename', 'agent', 'ROOT'])).toMatch(/"ROOT" is taken.*--name/);
    expect(await refused(['rename', 'agent', 'x\u001b[31my'])).not.toContain('\u001b');
  });
});

describe('delete', () => {
  it('refuses a certificate a profile uses, naming it, even with --force', async () => {
    for (const force of [[], ['--force']]) {
      const line = await refused(['delete', 'agent', ...force]);
      expect(line).toMatch(/used by the profile dev; nothing was deleted/);
      expect(line).toMatch(/anchorage profile set PROFILE --cert OTHER/);
    }
  });

  it('refuses a CA with unrevoked certificates, naming them, and says what --force does', async () => {
    expect(await refused(['delete', 'root'])).toMatch(/unrevoked certificate\(s\): agent.*--force/);
  });

  it('deletes a certificate and its key, and says so', async () => {
    await h.ok(['cert', 'issue', '--ca', 'root', '--cn', 'spare', '--key-type', 'ec-p256']);
    const r = await h.ok<DeleteResult>(['delete', 'spare', '--json']);
    expect(r).toMatchObject({ deleted: { name: 'spare', kind: 'client' }, keyDeleted: true, orphaned: [] });
    expect(existsSync(join(h.home, 'vault', `key.${r.deleted.id}.json`))).toBe(false);
    await h.ok(['cert', 'issue', '--ca', 'root', '--cn', 'spare2', '--key-type', 'ec-p256']);
    expect(await h.ok(['delete', 'spare2'])).toMatch(
      /^Deleted certificate "spare2" \(crt-[0-9a-f]{12}\) and its private key\.\n$/,
    );
  });
});

describe('cert renew and ca renew', () => {
  it('cert renew moves the profile and reports the old one superseded', async () => {
    const before = await certificate('agent');
    const text = await h.ok<string>(['cert', 'renew', 'agent', '--days', '90']);
    expect(text).toMatch(/Renewed: +agent \(crt-/);
    expect(text).toMatch(
      /Replaces: +agent \(old [0-9a-f]{8}\) \(crt-[0-9a-f]{12}\), now superseded, still valid/,
    );
    expect(text).toMatch(/Profiles moved: +dev/);
    const after = await certificate('agent');
    expect(after.id).not.toBe(before.id);
    expect(after.daysToExpiry).toBe(89);
    const r = await h.ok<RenewCertResult>(['cert', 'renew', 'agent', '--revoke-old', '--json']);
    expect(r.previous).toMatchObject({ id: after.id, status: 'revoked' });
    expect(r.profilesMoved).toEqual(['dev']);
  });

  it('cert renew refuses a bad --days before anything happens', async () => {
    expect(await refused(['cert', 'renew', 'agent', '--days', '0'])).toMatch(/--days must be a whole number/);
  });

  it('ca renew writes the old + new bundle and prints the UpdateTrustAnchor step', async () => {
    const bundle = join(scratch.dir, 'bundle.pem');
    const text = await h.ok(['ca', 'renew', 'root', '--bundle-out', bundle]);
    expect(text).toMatch(/Renewed CA: +root \(ca-/);
    expect(text).toContain('aws rolesanywhere update-trust-anchor');
    expect(text).toContain(`x509CertificateData=$(cat ${bundle})`);
    expect(readFileSync(bundle, 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    // The file is not replaced without --force, and the CA is not renewed again then.
    expect(await refused(['ca', 'renew', 'root', '--bundle-out', bundle])).toMatch(/--force/);
    const r = await h.ok<RenewCaResult>(['ca', 'renew', 'root', '--json']);
    expect(r.bundlePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });
});

describe('list, export and import', () => {
  it('list shows issuer and key columns, and --tree nests certificates under their CA', async () => {
    const table = await h.ok<string>(['list']);
    expect(table.split('\n')[0]).toMatch(/^KIND +NAME +ID +ISSUER +KEY +SUBJECT/);
    expect(table).toMatch(/ca +root +ca-[0-9a-f]{12} +\(self\) +yes/);
    expect(table).toMatch(/client +agent +crt-[0-9a-f]{12} +root +yes/);
    const tree = await h.ok<string>(['list', '--tree']);
    expect(tree).toMatch(/^CA root \(ca-[0-9a-f]{12}\) valid/);
    expect(tree).toMatch(/\n(├─|└─) agent \(crt-/);
    const json = await h.ok<{ tree: { name: string; children: { name: string }[] }[] }>([
      'list',
      '--tree',
      '--json',
    ]);
    expect(json.tree[0]?.children.map((c) => c.name)).toContain('agent');
  });

  it("a CA's private key needs --include-private-key, for pfx as for key", async () => {
    const env = { ANCHORAGE_EXPORT_PASSWORD: 'correct horse battery' };
    const pfx = join(scratch.dir, 'root.pfx');
    expect(await refused(['export', 'root', '--format', 'pfx', '--out', pfx], env)).toMatch(
      /private key of the CA "root".*--include-private-key/,
    );
    expect(existsSync(pfx)).toBe(false);
    await h.ok(['export', 'root', '--format', 'pfx', '--include-private-key', '--out', pfx], { env });
    expect(existsSync(pfx)).toBe(true);
  });

  it('import attaches a key to a certificate imported without one', async () => {
    const other = pool.fresh();
    await other.ok(['ca', 'create', '--name', 'far', '--key-type', 'ec-p256']);
    await other.ok(['cert', 'issue', '--ca', 'far', '--cn', 'far-agent', '--key-type', 'ec-p256']);
    const env = {
      ANCHORAGE_EXPORT_PASSWORD: 'correct horse battery',
      ANCHORAGE_IMPORT_PASSWORD: 'correct horse battery',
    };
    const pem = join(scratch.dir, 'far-agent.pem');
    const pfx = join(scratch.dir, 'far-agent.pfx');
    await other.ok(['export', 'far-agent', '--out', pem]);
    await other.ok(['export', 'far-agent', '--format', 'pfx', '--out', pfx], { env });
    const [keyless] = await h.ok<CertificateSummary[]>(['import', pem, '--json']);
    expect(keyless).toMatchObject({ name: 'far-agent', hasPrivateKey: false });
    const [attached] = await h.ok<CertificateSummary[]>(['import', pfx, '--json'], { env });
    expect(attached).toMatchObject({ id: keyless!.id, hasPrivateKey: true });
    expect(await refused(['import', pfx], env)).toMatch(/already in the inventory as "far-agent"/);
  });
});

async function certificate(name: string): Promise<CertificateSummary> {
  const list = await h.ok<CertificateSummary[]>(['list', '--json']);
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

async function id(name: string): Promise<string> {
  return (await certificate(name)).id;
}
