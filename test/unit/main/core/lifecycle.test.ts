/**
 * Issue 9, lifecycle verbs in process (test/support/core-harness.ts): rename, delete, cert renew, ca renew, a key
 * attached to a key-less entry, the one name rule for CAs and certificates, and the guard on a CA's private key.
 * Every refusal is checked for its code and facts, and for leaving the data directory exactly as it was.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../main/core/api';
import { certificateFromPem } from '../../../../main/core/pki/pem';
import { x509 } from '../../../../main/core/pki/provider';
import { AnchorageError } from '../../../../shared/errors';
import { ACCOUNT, createCa, issueCert, testCore, withAws } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';
import { snapshot, tempDir } from '../../../support/fs';
import { opensslOk } from '../../../support/tools';

const cores: TestCore[] = [];
const scratch = tempDir('anchorage-lifecycle-');
afterAll(async () => {
  for (const t of cores.splice(0)) await t.cleanup();
  scratch.cleanup();
});

async function fresh(): Promise<TestCore> {
  const t = await testCore('running');
  cores.push(t);
  return t;
}

const ARNS = {
  trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
  profileArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb`,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/lifecycle`,
};

function addProfile(core: CoreApi, name: string, certificate: string) {
  return core.addProfile({ name, certificate, ...ARNS, region: 'us-east-1', durationSeconds: 3600 });
}

/** The AnchorageError `run` throws, and that the data directory is byte for byte as before. */
async function refusal(t: TestCore, run: () => Promise<unknown>): Promise<AnchorageError> {
  const before = snapshot(t.dataDir);
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnchorageError);
  expect(snapshot(t.dataDir)).toEqual(before);
  return error as AnchorageError;
}

const keyFile = (t: TestCore, id: string) => join(t.dataDir, 'vault', `key.${id}.json`);

describe('names of CAs and certificates (one rule with profile names)', () => {
  it.each([
    ['a newline', 'prod\nca', 'control-character'],
    ['an ANSI escape', 'prod\u001b[31mca', 'control-character'],
    ['65 characters', 'x'.repeat(65), 'too-long'],
    ['the shape of a CA id', 'ca-0123456789ab', 'id-shaped'],
    ['the shape of a certificate id', 'CRT-0123456789AB', 'id-shaped'],
    ['only spaces', '   ', 'required'],
  ])('refuses a name with %s, writing nothing', async (_what, name, reason) => {
    const t = await fresh();
    await createCa(t.core, 'root');
    const error = await refusal(t, () => createCa(t.core, name));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.facts).toMatchObject({ field: 'name', reason });
    expect(error.message).not.toContain('\u001b');
  });

  it('refuses a name another entry has in another case', async () => {
    const t = await fresh();
    await createCa(t.core, 'Prod');
    const error = await refusal(t, () =>
      t.core.createCa({ name: 'prod', subject: { commonName: 'x' }, keyType: 'ec-p256', days: 10 }),
    );
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(error.facts).toMatchObject({ reason: 'taken', name: 'prod' });
    expect((await t.core.getCertificate('PROD')).name).toBe('Prod');
  });

  it('refuses a CN over 64 characters (X.509 ub-common-name), for a CA and a certificate', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    const long = 'c'.repeat(65);
    const forCa = await refusal(t, () =>
      t.core.createCa({ name: 'long', subject: { commonName: long }, keyType: 'ec-p256', days: 10 }),
    );
    expect(forCa.facts).toMatchObject({ field: 'cn', reason: 'too-long', maxLength: 64, length: 65 });
    const forCert = await refusal(t, () =>
      t.core.issueCert({ ca: ca.id, name: 'n', subject: { commonName: long }, keyType: 'ec-p256', days: 1 }),
    );
    expect(forCert.facts).toMatchObject({ field: 'cn', reason: 'too-long' });
    await expect(issueCert(t.core, ca.id, 'c'.repeat(64))).resolves.toMatchObject({ kind: 'client' });
  });
});

describe('rename', () => {
  it('renames a CA and a certificate; profiles keep working (they name the id)', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    const cert = await issueCert(t.core, ca.id, 'agent');
    await addProfile(t.core, 'dev', cert.id);
    const r1 = await t.core.renameCertificate('root', 'Root 2026');
    expect(r1).toMatchObject({ previousName: 'root', certificate: { id: ca.id, name: 'Root 2026' } });
    const r2 = await t.core.renameCertificate(cert.id, 'agent-7');
    expect(r2.previousName).toBe('agent');
    expect((await t.core.getProfile('dev')).certificateId).toBe(cert.id);
    // Its own name in another case is not "taken".
    await expect(t.core.renameCertificate('agent-7', 'AGENT-7')).resolves.toMatchObject({
      certificate: { name: 'AGENT-7' },
    });
  });

  it('refuses a taken name (ignoring case) and a bad one, writing nothing', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'agent');
    expect((await refusal(t, () => t.core.renameCertificate('agent', 'ROOT'))).code).toBe('ALREADY_EXISTS');
    expect((await refusal(t, () => t.core.renameCertificate('agent', 'a\nb'))).facts).toMatchObject({
      reason: 'control-character',
    });
    expect((await refusal(t, () => t.core.renameCertificate('nope', 'x'))).code).toBe('NOT_FOUND');
  });
});

describe('delete', () => {
  it('deletes a certificate and its key record, and nothing else', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    const keep = await issueCert(t.core, ca.id, 'keep');
    const gone = await issueCert(t.core, ca.id, 'gone');
    expect(existsSync(keyFile(t, gone.id))).toBe(true);
    const result = await t.core.deleteCertificate('gone');
    expect(result).toEqual({
      deleted: { id: gone.id, name: 'gone', kind: 'client' },
      keyDeleted: true,
      orphaned: [],
      sessionsCleared: [],
    });
    expect(existsSync(keyFile(t, gone.id))).toBe(false);
    expect(existsSync(keyFile(t, keep.id))).toBe(true);
    expect(existsSync(keyFile(t, ca.id))).toBe(true);
    expect((await t.core.listCertificates()).map((c) => c.name).sort()).toEqual(['keep', 'root']);
  });

  it('refuses while a profile uses the certificate, even with force, and names the profiles', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    const cert = await issueCert(t.core, ca.id, 'agent');
    await addProfile(t.core, 'dev', cert.id);
    await addProfile(t.core, 'prod', cert.id);
    for (const force of [false, true]) {
      const error = await refusal(t, () => t.core.deleteCertificate('agent', { force }));
      expect(error.code).toBe('IN_USE');
      expect(error.facts).toMatchObject({ reason: 'profiles', name: 'agent', profiles: 'dev, prod' });
      expect(error.message).toContain('dev, prod');
    }
  });

  it('refuses a CA with unrevoked certificates and names them; revoked ones do not count', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'live');
    const revoked = await issueCert(t.core, ca.id, 'old');
    await t.core.revokeCertificate(revoked.id);
    const error = await refusal(t, () => t.core.deleteCertificate('root'));
    expect(error.code).toBe('IN_USE');
    expect(error.facts).toMatchObject({ reason: 'unrevoked', name: 'root', certificates: 'live', count: 1 });
  });

  it('with force deletes the CA; its certificates stay, without an issuer, with their chain whole', async () => {
    const t = await fresh();
    const root = await createCa(t.core, 'root');
    const mid = await createCa(t.core, 'mid', 'ec-p256', { parent: root.id });
    const leaf = await issueCert(t.core, mid.id, 'leaf');
    await addProfile(t.core, 'dev', leaf.id);
    const result = await t.core.deleteCertificate('mid', { force: true });
    expect(result).toMatchObject({
      deleted: { id: mid.id, kind: 'ca' },
      keyDeleted: true,
      orphaned: ['leaf'],
    });
    expect(existsSync(keyFile(t, mid.id))).toBe(false);
    expect((await t.core.getCertificate(leaf.id)).issuerId).toBeNull();
    // The profile still signs with a full chain: leaf, the deleted intermediate, the root.
    const chain = await t.core.exportCertificate({ ref: leaf.id, format: 'chain' });
    const pems = new TextDecoder().decode(chain.bytes).match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    expect(pems).toHaveLength(3);
  });
});

describe('cert renew', () => {
  it('makes a successor with a new key and serial, same subject, SANs and key type; profiles move to it', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    const old = await issueCert(t.core, ca.id, 'agent', 'rsa-2048', {
      subject: { organization: 'Example', country: 'NL' },
      sans: ['dns:agent.example.com', 'uri:spiffe://example/agent'],
      days: 200,
    });
    await addProfile(t.core, 'dev', old.id);
    const r = await t.core.renewCertificate('agent');
    expect(r.profilesMoved).toEqual(['dev']);
    expect(r.certificate).toMatchObject({
      name: 'agent',
      subject: old.subject,
      keyType: 'rsa-2048',
      issuerId: ca.id,
      hasPrivateKey: true,
    });
    expect(r.certificate.serialNumber).not.toBe(old.serialNumber);
    expect(r.previous).toMatchObject({ id: old.id, status: 'superseded' });
    expect((await t.core.getCertificate(old.id)).status).toBe('superseded');
    expect(r.previous.name).toMatch(/^agent \(old [0-9a-f]{8}\)$/);
    expect((await t.core.getProfile('dev')).certificateId).toBe(r.certificate.id);
    // Same days as before by default, same SAN extension, new public key.
    const days = (c: { notBefore: string; notAfter: string }) =>
      Math.round((Date.parse(c.notAfter) - Date.parse(c.notBefore)) / 86_400_000);
    expect(days(r.certificate)).toBe(days(old));
    const [a, b] = [old.id, r.certificate.id].map(async (id) =>
      certificateFromPem(await t.core.certificatePem(id)),
    );
    const [prev, next] = [await a!, await b!];
    const san = (c: x509.X509Certificate) =>
      c.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
    expect(san(next)).toEqual(san(prev));
    expect(Buffer.from(next.publicKey.rawData)).not.toEqual(Buffer.from(prev.publicKey.rawData));
    // The inventory marks the old one superseded by the new one.
    const inventory = JSON.parse(readFileSync(join(t.dataDir, 'inventory.json'), 'utf8')) as {
      certificates: { id: string; supersededBy: string | null }[];
    };
    expect(inventory.certificates.find((c) => c.id === old.id)?.supersededBy).toBe(r.certificate.id);
    expect(inventory.certificates.find((c) => c.id === r.certificate.id)?.supersededBy).toBeNull();
  });

  it('revokes the old certificate only with revokeOld, and takes --days and a new name', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    await issueCert(t.core, ca.id, 'agent');
    const r = await t.core.renewCertificate('agent', { revokeOld: true, days: 30, name: 'agent-2027' });
    expect(r.previous).toMatchObject({ name: 'agent', status: 'revoked' });
    expect(r.certificate).toMatchObject({ name: 'agent-2027', daysToExpiry: 29 });
  });

  it('drops the cached sessions of the profiles that moved', async () => {
    const t = await fresh();
    const aws = await withAws(t);
    try {
      await aws.profile('dev');
      await t.core.session('dev');
      await t.core.session('dev');
      expect(aws.emu.stats().createSession).toBe(1);
      await t.core.renewCertificate('dev-cert', { revokeOld: true });
      await t.core.session('dev');
      expect(aws.emu.stats().createSession).toBe(2);
      expect(aws.emu.issued().at(-1)?.subjectCn).toBe('dev-client');
    } finally {
      await aws.emu.close();
    }
  });

  it('refuses a CA, and a certificate whose issuer is not in Anchorage, writing nothing', async () => {
    const t = await fresh();
    await createCa(t.core, 'root');
    expect((await refusal(t, () => t.core.renewCertificate('root'))).code).toBe('NOT_FOUND');
    const other = await fresh();
    const otherCa = await createCa(other.core, 'elsewhere');
    const foreign = await issueCert(other.core, otherCa.id, 'foreign');
    const file = scratch.write('foreign.pem', await other.core.certificatePem(foreign.id));
    await t.core.importCertificate({ files: [readFileSync(file)] });
    const error = await refusal(t, () => t.core.renewCertificate('foreign'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.facts).toMatchObject({ reason: 'no-issuer', name: 'foreign' });
  });
});

describe('ca renew', () => {
  it('gives the CA a new certificate for the same key, subject and SKI; old leaves verify against it', async () => {
    const t = await fresh();
    const root = await createCa(t.core, 'root', 'ec-p256', { days: 400 });
    const mid = await createCa(t.core, 'mid', 'ec-p256', { parent: root.id, days: 300 });
    const leaf = await issueCert(t.core, mid.id, 'leaf', 'ec-p256', { days: 100 });
    const oldRootPem = await t.core.certificatePem(root.id);
    const r = await t.core.renewCa('root', { days: 800 });
    expect(r.ca).toMatchObject({ id: root.id, name: 'root', subject: root.subject, daysToExpiry: 799 });
    expect(r.ca.serialNumber).not.toBe(root.serialNumber);
    expect(r.previousPem).toBe(oldRootPem);
    const [next, prev] = [r.ca, root].map((c) => c.sha256Fingerprint);
    expect(next).not.toBe(prev);
    const ski = (pem: string) =>
      certificateFromPem(pem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(ski(await t.core.certificatePem(root.id))).toBe(ski(oldRootPem));
    expect(r.bundlePem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);

    const rMid = await t.core.renewCa('mid');
    expect(rMid.ca).toMatchObject({ id: mid.id, issuerId: root.id });
    // The leaf issued before both renewals verifies against the new root through the new intermediate,
    // and against the old root through the old intermediate.
    const leafFile = scratch.write('leaf.pem', await t.core.certificatePem(leaf.id));
    const newRoot = scratch.write('new-root.pem', await t.core.certificatePem(root.id));
    const newMid = scratch.write('new-mid.pem', await t.core.certificatePem(mid.id));
    const oldChain = scratch.write('old.pem', rMid.previousPem + oldRootPem);
    opensslOk(['verify', '-CAfile', newRoot, '-untrusted', newMid, leafFile]);
    opensslOk(['verify', '-CAfile', oldChain, leafFile]);
    // New leaves go on chaining under the renewed CA.
    await expect(issueCert(t.core, mid.id, 'after', 'ec-p256', { days: 100 })).resolves.toMatchObject({
      issuerId: mid.id,
    });
  });

  it('renews an expired root', async () => {
    const t = await fresh();
    await createCa(t.core, 'root', 'ec-p256', { days: 10 });
    t.clock.advance(20 * 86_400_000);
    expect((await t.core.getCertificate('root')).status).toBe('expired');
    const r = await t.core.renewCa('root', { days: 365 });
    expect(r.ca.status).toBe('valid');
  });

  it('refuses a CA without its key, and a client certificate, writing nothing', async () => {
    const t = await fresh();
    const other = await fresh();
    const ca = await createCa(other.core, 'elsewhere');
    await t.core.importCertificate({
      files: [new TextEncoder().encode(await other.core.certificatePem(ca.id))],
    });
    expect((await refusal(t, () => t.core.renewCa('elsewhere'))).code).toBe('MISSING_KEY');
    const mine = await createCa(t.core, 'mine');
    await issueCert(t.core, mine.id, 'leaf');
    expect((await refusal(t, () => t.core.renewCa('leaf'))).code).toBe('NOT_FOUND');
  });
});

describe('import: a key for an entry that has none', () => {
  async function keylessPair() {
    const t = await fresh();
    const other = await fresh();
    const ca = await createCa(other.core, 'elsewhere');
    const cert = await issueCert(other.core, ca.id, 'agent');
    const pfx = await other.core.exportCertificate({
      ref: cert.id,
      format: 'pfx',
      password: 'correct horse',
    });
    const pem = new TextEncoder().encode(await other.core.certificatePem(cert.id));
    const stranger = await issueCert(other.core, ca.id, 'stranger');
    const strangerPfx = await other.core.exportCertificate({
      ref: stranger.id,
      format: 'pfx',
      password: 'correct horse',
    });
    await t.core.importCertificate({ files: [pem] });
    return { t, cert, pfx: pfx.bytes, strangerPfx: strangerPfx.bytes, pem };
  }

  it('attaches the key once it is checked against the certificate', async () => {
    const { t, cert, pfx } = await keylessPair();
    expect((await t.core.getCertificate(cert.id)).hasPrivateKey).toBe(false);
    const [attached] = await t.core.importCertificate({ files: [pfx], password: 'correct horse' });
    expect(attached).toMatchObject({ id: cert.id, name: 'agent', hasPrivateKey: true });
    expect(existsSync(keyFile(t, cert.id))).toBe(true);
    await expect(addProfile(t.core, 'dev', cert.id)).resolves.toMatchObject({ certificateId: cert.id });
  });

  it('refuses the same certificate again once it has its key, and without a key, by its name', async () => {
    const { t, pfx, pem } = await keylessPair();
    const again = await refusal(t, () => t.core.importCertificate({ files: [pem], name: 'other-name' }));
    expect(again.code).toBe('ALREADY_EXISTS');
    expect(again.facts).toMatchObject({ reason: 'duplicate', name: 'agent' });
    await t.core.importCertificate({ files: [pfx], password: 'correct horse' });
    const twice = await refusal(t, () =>
      t.core.importCertificate({ files: [pfx], password: 'correct horse' }),
    );
    expect(twice.facts).toMatchObject({ reason: 'duplicate', name: 'agent' });
  });

  it('refuses a key that belongs to another certificate, writing nothing', async () => {
    const { t, pem, strangerPfx } = await keylessPair();
    const keyPem = opensslOk(['pkcs12', '-nocerts', '-nodes', '-passin', 'env:PW'], {
      input: Buffer.from(strangerPfx),
      env: { PW: 'correct horse' },
    }).stdout;
    const error = await refusal(t, () =>
      t.core.importCertificate({ files: [pem, new TextEncoder().encode(keyPem)] }),
    );
    expect(error.code).toBe('KEY_MISMATCH');
  });
});

describe("a CA's private key", () => {
  it('is exported (pfx or key) only with includePrivateKey', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    for (const format of ['pfx', 'key'] as const) {
      const error = await refusal(t, () =>
        t.core.exportCertificate({ ref: ca.id, format, password: 'correct horse' }),
      );
      expect(error.code).toBe('CONFIRMATION_REQUIRED');
      expect(error.facts).toMatchObject({ reason: 'ca-private-key', name: 'root', format });
      await expect(
        t.core.exportCertificate({ ref: ca.id, format, password: 'correct horse', includePrivateKey: true }),
      ).resolves.toMatchObject({ suggestedFileName: expect.stringContaining('root') });
    }
    // The certificate alone needs no confirmation.
    await expect(t.core.exportCertificate({ ref: ca.id, format: 'pem' })).resolves.toBeDefined();
  });
});

describe('inventory files from before issue 9', () => {
  it('load without supersededBy (it defaults to null)', async () => {
    const t = await fresh();
    const ca = await createCa(t.core, 'root');
    const path = join(t.dataDir, 'inventory.json');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { certificates: Record<string, unknown>[] };
    for (const c of doc.certificates) delete c.supersededBy;
    writeFileSync(path, JSON.stringify(doc));
    const core = await t.reopen();
    expect((await core.listCertificates()).map((c) => c.id)).toEqual([ca.id]);
    await expect(issueCert(core, ca.id, 'after')).resolves.toMatchObject({ issuerId: ca.id });
  });
});
