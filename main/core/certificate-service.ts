import { AnchorageError } from '../../shared/errors';
import { safeFileName } from '../../shared/domain/file-names';
import type { CertificateSummary, Inspection } from '../../shared/schemas/models';
import type { CreateCaInput, ExportInput, ExportResult, ImportInput, IssueCertInput } from './api';
import { certificateId, isCaCertificate, keyRecordId, summarize } from './inventory';
import type { CertificateRecord, Inventory } from './inventory';
import { createIntermediateCa, createRootCa } from './pki/ca';
import type { IssuedCertificate } from './pki/ca';
import { createCrl } from './pki/crl';
import { signCsr } from './pki/csr';
import { generatePassword, validatePfxPassword } from './pki/pfx-password';
import { issueClientCertificate } from './pki/issue';
import { certificateDer, certificateFromPem } from './pki/pem';
import type { CaSigner } from './pki/signer';
import type { Vault } from './vault/vault';

// PKCS#12, import and inspect are loaded on first use: most commands (ca create, cert issue,
// list, credential_process) never need them, and every CLI process would pay for compiling them (npm run bench).
const pfxModule = () => import('./pki/pkcs12-export');
const inspectModule = () => import('./pki/inspect');
// User-supplied files are parsed in a worker with a time limit (issue 7): hostile input cannot block the app.
const workerModule = () => import('./worker/run-in-worker');

/**
 * CAs and client certificates: the PKI engine's pure functions joined to the inventory (public data)
 * and the vault (private keys). Keys go to the vault before the inventory names them, and are removed
 * again if the inventory write fails, so a crash never leaves a certificate without its key.
 */
export class CertificateService {
  constructor(
    private readonly inventory: Inventory,
    private readonly vault: Vault,
    private readonly now: () => Date,
  ) {}

  async list(): Promise<CertificateSummary[]> {
    const now = this.now();
    return (await this.inventory.all()).map((r) => summarize(r, now));
  }

  async get(ref: string): Promise<CertificateSummary> {
    return summarize(await this.inventory.resolve(ref), this.now());
  }

  async pem(ref: string): Promise<string> {
    return (await this.inventory.resolve(ref)).certificatePem;
  }

  async createCa(input: CreateCaInput): Promise<CertificateSummary> {
    await this.assertNameFree(input.name);
    const now = this.now();
    if (input.parent) {
      const parent = await this.inventory.resolve(input.parent, 'ca');
      const issued = await createIntermediateCa({
        issuer: await this.signer(parent),
        subject: input.subject,
        keyType: input.keyType,
        days: input.days,
        pathLength: input.pathLength,
        now,
      });
      return this.store(input.name, 'ca', issued, parent.id);
    }
    const issued = await createRootCa({
      subject: input.subject,
      keyType: input.keyType,
      days: input.days,
      pathLength: input.pathLength,
      now,
    });
    return this.store(input.name, 'ca', issued, null);
  }

  async issue(input: IssueCertInput): Promise<CertificateSummary> {
    const ca = await this.inventory.resolve(input.ca, 'ca');
    const issuer = await this.signer(ca);
    const now = this.now();
    if (input.csr) {
      const signed = await signCsr({ issuer, csr: input.csr, days: input.days, sans: input.sans, now });
      const der = certificateDer(signed.certificate);
      const name =
        input.name ?? signed.certificate.subjectName.getField('CN')[0] ?? certificateId('client', der);
      await this.assertNameFree(name);
      return this.record(
        {
          name,
          kind: 'client',
          certificatePem: signed.certificatePem,
          issuerId: ca.id,
          hasPrivateKey: false,
        },
        der,
      );
    }
    const name = input.name ?? input.subject.commonName;
    await this.assertNameFree(name);
    const issued = await issueClientCertificate({
      issuer,
      subject: input.subject,
      keyType: input.keyType,
      days: input.days,
      sans: input.sans,
      now,
    });
    return this.store(name, 'client', issued, ca.id);
  }

  async import(input: ImportInput): Promise<CertificateSummary[]> {
    const { parseInWorker } = await workerModule();
    const material = await parseInWorker({
      kind: 'import',
      files: input.files,
      ...(input.password !== undefined ? { password: input.password } : {}),
    });
    const leaf = certificateFromPem(material.certificatePem);
    const der = certificateDer(leaf);
    const kind = isCaCertificate(leaf) ? 'ca' : 'client';
    const all = await this.inventory.all();
    const issuer = all.find(
      (r) =>
        r.kind === 'ca' &&
        certificateFromPem(r.certificatePem).subject === leaf.issuer &&
        r.id !== certificateId(kind, der),
    );
    const name = input.name ?? leaf.subjectName.getField('CN')[0] ?? certificateId(kind, der);
    await this.assertNameFree(name);
    const summary = await this.record(
      {
        name,
        kind,
        certificatePem: material.certificatePem,
        issuerId: issuer?.id ?? null,
        hasPrivateKey: material.privateKeyPkcs8 !== undefined,
        extraChainPem: material.chainPem,
      },
      der,
      material.privateKeyPkcs8,
    );
    return [summary];
  }

  async inspect(ref: string): Promise<Inspection> {
    const { inspectCertificate } = await inspectModule();
    return inspectCertificate((await this.inventory.resolve(ref)).certificatePem, this.now());
  }

  async inspectBytes(bytes: Uint8Array, password?: string): Promise<Inspection> {
    const { parseInWorker } = await workerModule();
    return parseInWorker({
      kind: 'inspect',
      bytes,
      ...(password !== undefined ? { password } : {}),
      now: this.now().toISOString(),
    });
  }

  async export(input: ExportInput): Promise<ExportResult> {
    const record = await this.inventory.resolve(input.ref);
    const chain = await this.chainPem(record);
    const base = safeFileName(record.name);
    switch (input.format) {
      case 'pem':
        return {
          bytes: new TextEncoder().encode(record.certificatePem),
          suggestedFileName: `${base}.pem`,
          description: 'the certificate (PEM)',
        };
      case 'chain':
        return {
          bytes: new TextEncoder().encode([record.certificatePem, ...chain].join('')),
          suggestedFileName: `${base}-chain.pem`,
          description: `the certificate and ${chain.length} issuer certificate(s), leaf first (PEM bundle)`,
        };
      case 'key': {
        const key = await this.privateKey(record);
        return {
          bytes: new TextEncoder().encode(
            (await pfxModule()).exportEncryptedKey(key, requirePassword(input.password)),
          ),
          suggestedFileName: `${base}.key.pem`,
          description: 'the private key, encrypted PKCS#8 (AES-256-CBC, PBKDF2-HMAC-SHA256)',
        };
      }
      case 'pfx': {
        const key = await this.privateKey(record);
        const profile = input.pfxProfile ?? 'modern';
        const password = requirePassword(input.password);
        const { exportPfx, readPfx } = await pfxModule();
        const bytes = exportPfx({
          certificatePem: record.certificatePem,
          chainPem: chain,
          privateKeyPkcs8: key,
          password,
          profile,
          friendlyName: record.name,
        });
        // Read it back: the file we hand over must open with the password we were given.
        await readPfx(bytes, password);
        const what =
          profile === 'legacy'
            ? '3DES + SHA-1 MAC, for Mendix Cloud, older Java and Windows Server 2016'
            : 'AES-256 + SHA-256 MAC';
        return {
          bytes,
          suggestedFileName: `${base}.pfx`,
          description: `PKCS#12 with key and ${chain.length + 1} certificate(s), ${what}`,
        };
      }
    }
  }

  async revoke(ref: string): Promise<CertificateSummary> {
    const record = await this.inventory.resolve(ref);
    if (record.kind !== 'client') {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${record.name}" is a CA; only client certificates are revoked here.`,
        'To retire a CA, remove its trust anchor in Roles Anywhere.',
      );
    }
    if (!record.issuerId) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${record.name}" was not issued by a CA in Anchorage, so Anchorage cannot sign its CRL.`,
        'Revoke it with the CA that issued it.',
      );
    }
    if (record.revokedAt) return summarize(record, this.now());
    const changed = await this.inventory.change(record.id, (r) => {
      r.revokedAt = this.now().toISOString();
    });
    return summarize(changed, this.now());
  }

  async crl(caRef: string): Promise<string> {
    const ca = await this.inventory.resolve(caRef, 'ca');
    const issuer = await this.signer(ca);
    const revoked = (await this.inventory.all())
      .filter((r) => r.issuerId === ca.id && r.revokedAt)
      .map((r) => ({
        serialNumber: certificateFromPem(r.certificatePem).serialNumber,
        revokedAt: new Date(r.revokedAt!),
      }));
    const crlNumber = await this.inventory.nextCrlNumber(ca.id);
    return (await createCrl({ issuer, revoked, crlNumber, now: this.now() })).pem;
  }

  generatePassword(): string {
    return generatePassword();
  }

  /** The certificate, private key and issuer chain a profile signs CreateSession with. */
  async signingMaterial(
    ref: string,
  ): Promise<{ record: CertificateRecord; privateKeyPkcs8: Uint8Array; chainPem: string[] }> {
    const record = await this.inventory.resolve(ref);
    const chain = await this.chainPem(record);
    return { record, privateKeyPkcs8: await this.privateKey(record), chainPem: chain };
  }

  /** Issuer certificates above `record`, nearest first, up to and including the root. */
  async chainPem(record: CertificateRecord): Promise<string[]> {
    const all = await this.inventory.all();
    const chain: string[] = [...record.extraChainPem];
    let issuerId = record.issuerId;
    const seen = new Set([record.id]);
    while (issuerId && !seen.has(issuerId)) {
      seen.add(issuerId);
      const issuer = all.find((r) => r.id === issuerId);
      if (!issuer) break;
      chain.push(issuer.certificatePem, ...issuer.extraChainPem);
      issuerId = issuer.issuerId;
    }
    return chain;
  }

  private async privateKey(record: CertificateRecord): Promise<Uint8Array> {
    if (!record.hasPrivateKey) {
      throw new AnchorageError(
        'MISSING_KEY',
        `"${record.name}" has no private key in Anchorage (it was imported without one, or issued from a CSR).`,
        'Import the certificate together with its key (PEM key file or PFX).',
      );
    }
    return this.vault.get(keyRecordId(record.id));
  }

  private async signer(ca: CertificateRecord): Promise<CaSigner> {
    return { certificate: ca.certificatePem, privateKeyPkcs8: await this.privateKey(ca) };
  }

  private async assertNameFree(name: string): Promise<void> {
    if (!name.trim())
      throw new AnchorageError('INVALID_INPUT', 'A name is required.', 'Give it a name.', {
        facts: { field: 'name', reason: 'required' },
      });
    if ((await this.inventory.all()).some((r) => r.name === name)) {
      throw new AnchorageError(
        'ALREADY_EXISTS',
        `The name "${name}" is taken.`,
        'Choose another name; the list of certificates shows the names in use.',
        { facts: { field: 'name', reason: 'taken', name } },
      );
    }
  }

  private async store(
    name: string,
    kind: 'ca' | 'client',
    issued: IssuedCertificate,
    issuerId: string | null,
  ): Promise<CertificateSummary> {
    const fields = { name, kind, certificatePem: issued.certificatePem, issuerId, hasPrivateKey: true };
    return this.record(fields, certificateDer(issued.certificate), issued.privateKeyPkcs8);
  }

  /** Add to the inventory; a private key goes to the vault under the inventory's lock (Inventory.add). */
  private async record(
    fields: Pick<CertificateRecord, 'name' | 'kind' | 'certificatePem' | 'issuerId' | 'hasPrivateKey'> & {
      extraChainPem?: string[];
    },
    der: Uint8Array,
    privateKeyPkcs8?: Uint8Array,
  ): Promise<CertificateSummary> {
    const record: CertificateRecord = {
      ...fields,
      id: certificateId(fields.kind, der),
      extraChainPem: fields.extraChainPem ?? [],
      createdAt: this.now().toISOString(),
      revokedAt: null,
    };
    const keyId = keyRecordId(record.id);
    await this.inventory.add(
      record,
      privateKeyPkcs8 && {
        put: () => this.vault.put(keyId, privateKeyPkcs8),
        remove: () => this.vault.delete(keyId),
      },
    );
    return summarize(record, this.now());
  }
}

/** An export password: present, then the one rule for PFX and key files alike (shared/domain/limits.ts). */
function requirePassword(password: string | undefined): string {
  if (!password)
    throw new AnchorageError(
      'INVALID_PASSWORD',
      'This export needs a password.',
      'Give a password, or let Anchorage generate one.',
      { facts: { field: 'password', reason: 'required' } },
    );
  validatePfxPassword(password);
  return password;
}
