import { AnchorageError } from '../../shared/errors';
import { safeFileName } from '../../shared/domain/file-names';
import type { CertificateSummary, Inspection } from '../../shared/schemas/models';
import { certificateNameProblem, commonNameProblem } from '../../shared/domain/limits';
import type {
  CreateCaInput,
  DeleteOptions,
  ExportInput,
  ExportResult,
  ImportInput,
  IssueCertInput,
  RenameResult,
  RenewCaResult,
  RenewCertOptions,
} from './api';
import { sameName } from '../../shared/domain/names';
import { certificateId, isCaCertificate, keyRecordId, nameTaken, summarize } from './inventory';
import type { CertificateRecord, Inventory } from './inventory';
import type { IssuedCertificate } from './pki/ca';
import { generatePassword, validatePfxPassword } from './pki/pfx-password';
import type { CaSigner } from './pki/signer';
import type { Vault } from './vault/vault';

// The PKI engine is loaded by the methods that make or parse certificates, on first use; @peculiar/x509 only by
// those that parse with it (pem.ts, csr.ts, crl.ts): `list` and `get` read certificates from their DER
// (inventory.ts summarize), and `ca create` and `cert issue` write them as DER (pki/certificate-writer.ts),
// without it (issue 11 §3).
const caModule = () => import('./pki/ca');
const crlModule = () => import('./pki/crl');
const csrModule = () => import('./pki/csr');
const issueModule = () => import('./pki/issue');
const pemModule = () => import('./pki/pem');
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
    return Promise.all((await this.inventory.all()).map((r) => summarize(r, now)));
  }

  async get(ref: string): Promise<CertificateSummary> {
    return await summarize(await this.inventory.resolve(ref), this.now());
  }

  async pem(ref: string): Promise<string> {
    return (await this.inventory.resolve(ref)).certificatePem;
  }

  async createCa(input: CreateCaInput): Promise<CertificateSummary> {
    await this.assertNameFree(input.name);
    const now = this.now();
    if (input.parent) {
      const parent = await this.inventory.resolve(input.parent, 'ca');
      const { createIntermediateCa } = await caModule();
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
    const { createRootCa } = await caModule();
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
      const { signCsr } = await csrModule();
      const signed = await signCsr({ issuer, csr: input.csr, days: input.days, sans: input.sans, now });
      checkCommonName(signed.certificate.subjectName.getField('CN')[0] ?? '');
      const der = signed.certificateDer;
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
    const { issueClientCertificate } = await issueModule();
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
    const { certificateDer, certificateFromPem } = await pemModule();
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
    const id = certificateId(kind, der);
    const pem = material.certificatePem;
    const existing = all.find((r) => r.id === id || r.certificatePem === pem);
    if (existing && !existing.hasPrivateKey && material.privateKeyPkcs8) {
      // The key for an entry that has none (issue 9): the import has checked it against this certificate.
      const keyId = keyRecordId(existing.id);
      const key = material.privateKeyPkcs8;
      const attached = await this.inventory.attachKey(existing.id, {
        put: () => this.vault.put(keyId, key),
        remove: () => this.vault.delete(keyId),
      });
      return [await summarize(attached, this.now())];
    }
    const name = input.name ?? leaf.subjectName.getField('CN')[0] ?? certificateId(kind, der);
    // Already there (with its key, or again without one): the inventory says so, by the entry's name.
    if (!existing) await this.assertNameFree(name);
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
    const { certificateFromPem } = await pemModule();
    const { inspectCertificate } = await inspectModule();
    const record = await this.inventory.resolve(ref);
    // Its issuer, when held, adds the "valid beyond its issuer" check.
    const issuer = record.issuerId
      ? await this.inventory.resolve(record.issuerId).catch(() => undefined)
      : undefined;
    return inspectCertificate(record.certificatePem, this.now(), {
      ...(issuer ? { issuer: certificateFromPem(issuer.certificatePem) } : {}),
    });
  }

  async export(input: ExportInput): Promise<ExportResult> {
    const record = await this.inventory.resolve(input.ref);
    const withKey = input.format === 'pfx' || input.format === 'key';
    // A CA without its key says MISSING_KEY (privateKey below): there is nothing to confirm.
    if (record.kind === 'ca' && record.hasPrivateKey && withKey && !input.includePrivateKey) {
      // Whoever holds a CA's key can mint certificates that Roles Anywhere trusts (issue 9).
      throw new AnchorageError(
        'CONFIRMATION_REQUIRED',
        `This export would contain the private key of the CA "${record.name}", which can issue certificates ` +
          'your trust anchor accepts.',
        'Confirm that the CA’s private key should be exported, or export the CA certificate alone (PEM).',
        { facts: { reason: 'ca-private-key', name: record.name, format: input.format } },
      );
    }
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
            await (await pfxModule()).exportEncryptedKey(key, requirePassword(input.password)),
          ),
          suggestedFileName: `${base}.key.pem`,
          description: 'the private key, encrypted PKCS#8 (AES-256-CBC, PBKDF2-HMAC-SHA256)',
        };
      }
      case 'pfx': {
        const key = await this.privateKey(record);
        const profile = input.pfxProfile ?? 'modern';
        const password = requirePassword(input.password);
        const { exportPfx } = await pfxModule();
        // exportPfx reads the file back: the file we hand over must open with the password we were given.
        const bytes = await exportPfx({
          certificatePem: record.certificatePem,
          chainPem: chain,
          privateKeyPkcs8: key,
          password,
          profile,
          friendlyName: record.name,
        });
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
    if (record.revokedAt) return await summarize(record, this.now());
    const changed = await this.inventory.change(record.id, (r) => {
      r.revokedAt = this.now().toISOString();
    });
    return await summarize(changed, this.now());
  }

  async crl(caRef: string): Promise<string> {
    const { certificateFromPem } = await pemModule();
    const ca = await this.inventory.resolve(caRef, 'ca');
    const issuer = await this.signer(ca);
    const revoked = (await this.inventory.all())
      .filter((r) => r.issuerId === ca.id && r.revokedAt)
      .map((r) => ({
        serialNumber: certificateFromPem(r.certificatePem).serialNumber,
        revokedAt: new Date(r.revokedAt!),
      }));
    const crlNumber = await this.inventory.nextCrlNumber(ca.id);
    const { createCrl } = await crlModule();
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

  /** The one name rule (shared/domain/limits.ts), then free ignoring case; `self` may keep its own name. */
  private async assertNameFree(name: string, self?: string): Promise<void> {
    const problem = certificateNameProblem(name);
    if (problem) {
      throw new AnchorageError(
        'INVALID_INPUT',
        problem.message,
        problem.facts.reason === 'required'
          ? 'Give it a name.'
          : 'Use up to 64 printable characters that do not look like an id (ca-/crt- and 12 hex digits).',
        { facts: problem.facts },
      );
    }
    if ((await this.inventory.all()).some((r) => r.id !== self && sameName(r.name, name))) {
      throw nameTaken(name);
    }
  }

  /**
   * Rename a CA or certificate. Profiles name it by id, so they are not touched.
   * @throws AnchorageError INVALID_INPUT (the name rule), ALREADY_EXISTS, NOT_FOUND.
   */
  async rename(ref: string, name: string): Promise<RenameResult> {
    const record = await this.inventory.resolve(ref);
    await this.assertNameFree(name, record.id);
    const renamed = await this.inventory.rename(record.id, name);
    return { previousName: record.name, certificate: await summarize(renamed, this.now()) };
  }

  /**
   * Delete an entry and its key record, and nothing else. `profiles` are the names of the profiles that sign
   * with it: any of them refuses the delete, `force` or not. A CA that issued certificates still in force
   * (unrevoked client certificates, intermediates) is refused unless `force`; they then stay, with their
   * chain, but without an issuer in Anchorage.
   * @throws AnchorageError IN_USE, NOT_FOUND.
   */
  async delete(
    ref: string,
    profiles: readonly string[],
    options: DeleteOptions = {},
  ): Promise<{ record: CertificateRecord; orphaned: string[] }> {
    const record = await this.inventory.resolve(ref);
    if (profiles.length > 0) {
      throw new AnchorageError(
        'IN_USE',
        `"${record.name}" is used by ${profiles.length === 1 ? 'the profile' : 'the profiles'} ` +
          `${profiles.join(', ')}; nothing was deleted.`,
        'Point those profiles at another certificate, or remove them, first.',
        { facts: { reason: 'profiles', name: record.name, profiles: profiles.join(', ') } },
      );
    }
    const chainAbove = await this.chainPem(record);
    const orphaned = await this.inventory.remove(
      record.id,
      (all) => {
        const live = all.filter((r) => r.issuerId === record.id && r.id !== record.id && !r.revokedAt);
        if (live.length > 0 && !options.force) {
          const names = live.map((r) => r.name).join(', ');
          throw new AnchorageError(
            'IN_USE',
            `The CA "${record.name}" still has ${live.length} unrevoked certificate(s): ${names}; nothing was deleted.`,
            'Revoke or delete them first, or delete the CA anyway and keep them without an issuer in Anchorage ' +
              '(they can then no longer be revoked or renewed here).',
            { facts: { reason: 'unrevoked', name: record.name, certificates: names, count: live.length } },
          );
        }
      },
      chainAbove,
    );
    if (record.hasPrivateKey) await this.vault.delete(keyRecordId(record.id));
    return { record, orphaned };
  }

  /**
   * A successor for a client certificate from the same CA: new key (same type) and serial, same subject and
   * SANs. It takes the old one's name (unless `name`); the old one is renamed "<name> (old <serial>)", marked
   * superseded, and revoked only with `revokeOld`, all in one inventory write.
   * @throws AnchorageError INVALID_INPUT (a CA, or no issuer in Anchorage), MISSING_KEY (the CA's), as
   *   {@link renewClientCertificate}.
   */
  async renewCert(
    ref: string,
    options: Omit<RenewCertOptions, 'revokeOld'> & { revokeOld?: boolean } = {},
  ): Promise<{ certificate: CertificateRecord; previous: CertificateRecord }> {
    const { certificateFromPem } = await pemModule();
    const old = await this.inventory.resolve(ref, 'client');
    if (!old.issuerId) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${old.name}" was not issued by a CA in Anchorage, so Anchorage cannot renew it.`,
        'Renew it with the CA that issued it, then import the new certificate.',
        { facts: { reason: 'no-issuer', name: old.name } },
      );
    }
    const ca = await this.inventory.resolve(old.issuerId, 'ca');
    const previous = certificateFromPem(old.certificatePem);
    const name = options.name ?? old.name;
    const oldName = `${old.name.slice(0, 48)} (old ${previous.serialNumber.slice(0, 8).toLowerCase()})`;
    if (options.name !== undefined) await this.assertNameFree(options.name);
    const { renewClientCertificate } = await issueModule();
    const issued = await renewClientCertificate({
      issuer: await this.signer(ca),
      previous: old.certificatePem,
      ...(options.days !== undefined ? { days: options.days } : {}),
      now: this.now(),
    });
    const now = this.now().toISOString();
    const record: CertificateRecord = {
      id: certificateId('client', issued.certificateDer),
      name,
      kind: 'client',
      certificatePem: issued.certificatePem,
      issuerId: ca.id,
      extraChainPem: [],
      hasPrivateKey: true,
      createdAt: now,
      revokedAt: null,
      supersededBy: null,
    };
    let before: CertificateRecord = old;
    const keyId = keyRecordId(record.id);
    await this.inventory.add(
      record,
      { put: () => this.vault.put(keyId, issued.privateKeyPkcs8), remove: () => this.vault.delete(keyId) },
      (all) => {
        const current = all.find((r) => r.id === old.id);
        if (!current) return;
        current.supersededBy = record.id;
        if (options.name === undefined) current.name = oldName;
        if (options.revokeOld && !current.revokedAt) current.revokedAt = now;
        before = { ...current };
      },
    );
    return { certificate: record, previous: before };
  }

  /**
   * A new certificate for a CA's own key, replacing the old one in place (same id, name, key, subject, SKI).
   * Certificates it issued keep chaining to it: they validate against the old and the new CA certificate.
   * @throws AnchorageError MISSING_KEY, INVALID_INPUT (an intermediate whose parent is not in Anchorage), as
   *   {@link renewCa}.
   */
  async renewCa(ref: string, options: { days?: number } = {}): Promise<RenewCaResult> {
    const { certificateFromPem } = await pemModule();
    const ca = await this.inventory.resolve(ref, 'ca');
    const current = await this.signer(ca);
    const cert = certificateFromPem(ca.certificatePem);
    let parent: CaSigner | undefined;
    if (ca.issuerId) {
      parent = await this.signer(await this.inventory.resolve(ca.issuerId, 'ca'));
    } else if (cert.subject !== cert.issuer) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `The CA "${ca.name}" was issued by a CA that is not in Anchorage, so Anchorage cannot renew it.`,
        'Renew it with the CA that issued it, then import the new certificate.',
        { facts: { reason: 'no-issuer', name: ca.name } },
      );
    }
    const { renewCa } = await caModule();
    const renewed = await renewCa({
      current,
      ...(parent ? { parent } : {}),
      ...(options.days !== undefined ? { days: options.days } : {}),
      now: this.now(),
    });
    const changed = await this.inventory.replaceCertificate(ca.id, renewed.certificatePem);
    return {
      ca: await summarize(changed, this.now()),
      previousPem: ca.certificatePem,
      bundlePem: renewed.certificatePem + ca.certificatePem,
    };
  }

  private async store(
    name: string,
    kind: 'ca' | 'client',
    issued: IssuedCertificate,
    issuerId: string | null,
  ): Promise<CertificateSummary> {
    const fields = { name, kind, certificatePem: issued.certificatePem, issuerId, hasPrivateKey: true };
    return this.record(fields, issued.certificateDer, issued.privateKeyPkcs8);
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
      supersededBy: null,
    };
    const keyId = keyRecordId(record.id);
    await this.inventory.add(
      record,
      privateKeyPkcs8 && {
        put: () => this.vault.put(keyId, privateKeyPkcs8),
        remove: () => this.vault.delete(keyId),
      },
    );
    return await summarize(record, this.now());
  }
}

/** A CN that X.509 allows (ub-common-name, 64), for subjects Anchorage did not build itself (CSRs). */
function checkCommonName(cn: string): void {
  const problem = commonNameProblem(cn);
  if (problem) {
    throw new AnchorageError('INVALID_INPUT', problem.message, 'Choose a shorter common name.', {
      facts: problem.facts,
    });
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
