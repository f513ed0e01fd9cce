import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AnchorageError, fileSystemError } from '../../shared/errors';
import type { CoreApi, SignInput } from './api';
import { configureAwsProfile, removeAwsProfile } from './aws/aws-config-file';
import { recordId as sessionRecordId } from './aws/session-cache';
import { parseArn } from '../../shared/domain/arn';
import { buildTrustPolicy } from '../../shared/domain/trust-policy';
import type { AwsCredentials } from '../../shared/credentials';
import { CertificateService } from './certificate-service';
import { Inventory } from './inventory';
import { ProfileStore } from './profiles';
import { SessionService } from './session-service';
import { SettingsStore } from './settings';
import { StaticCredentials } from './static-credentials';
import { UiStateStore } from './ui-state';
import type { SecretStore } from './vault/secret-store';
import { createSecretStore, createStoreOfKind } from './vault/select-store';
import { Vault } from './vault/vault';

export interface CoreOptions {
  dataDir: string;
  /** Default: chosen from the environment (`ANCHORAGE_VAULT`): the OS keychain or the passphrase file. */
  secretStore?: SecretStore;
  clock?: () => Date;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
}

/** `ANCHORAGE_HTTP_TIMEOUT_MS`: per-attempt timeout for AWS calls (default 10 s), for slow links and tests. */
function httpTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.ANCHORAGE_HTTP_TIMEOUT_MS;
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 300_000) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `ANCHORAGE_HTTP_TIMEOUT_MS must be 100–300000 ms (got "${raw}").`,
      'Unset it to use the default of 10 s.',
    );
  }
  return ms;
}

/**
 * The composition root (ARCHITECTURE §2): builds the core from (dataDir, secretStore, clock, fetch).
 * Nothing here knows whether a window or a terminal asked.
 */
export async function createCore(options: CoreOptions): Promise<CoreApi> {
  const { dataDir } = options;
  const env = options.env ?? process.env;
  const now = options.clock ?? (() => new Date());
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const secretStore = options.secretStore ?? createSecretStore(dataDir, env);
  const vault = new Vault(dataDir, secretStore);
  const inventory = new Inventory(dataDir, vault);
  const certificates = new CertificateService(inventory, vault, now);
  const profiles = new ProfileStore(dataDir);
  const statics = new StaticCredentials(profiles, vault, now);
  const settings = new SettingsStore(dataDir);
  const uiState = new UiStateStore(dataDir);
  const sessions = new SessionService(
    dataDir,
    vault,
    profiles,
    certificates,
    settings,
    now,
    fetchImpl,
    httpTimeoutMs(env),
  );

  /** The client certificate a profile signs with: a client, with its key in the vault. */
  async function signingCertificate(ref: string) {
    const cert = await certificates.get(ref);
    if (cert.kind !== 'client') {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${cert.name}" is a CA; a profile signs with a client certificate.`,
        'Choose a client certificate, or issue one from this CA.',
        { facts: { field: 'certificate', reason: 'is-ca', name: cert.name } },
      );
    }
    if (!cert.hasPrivateKey) {
      throw new AnchorageError(
        'MISSING_KEY',
        `"${cert.name}" has no private key in Anchorage, so it cannot sign CreateSession.`,
        'Import it together with its key.',
      );
    }
    return cert;
  }

  async function signingCredentials(source: SignInput['source']): Promise<AwsCredentials> {
    switch (source.kind) {
      case 'profile':
        return sessions.get(source.name);
      case 'static': {
        const { entry, secretAccessKey } = await statics.get(source.name);
        return { accessKeyId: entry.accessKeyId, secretAccessKey };
      }
      case 'env': {
        const accessKeyId = env.AWS_ACCESS_KEY_ID;
        const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
        if (!accessKeyId || !secretAccessKey) {
          throw new AnchorageError(
            'NO_CREDENTIALS',
            'No credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).',
            'Set them in the environment, or sign with a profile or a static credential set.',
          );
        }
        return {
          accessKeyId,
          secretAccessKey,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        };
      }
    }
  }

  return {
    vaultStatus: () => vault.status(),
    vaultReport: () => vault.status(),
    backupVaultKey: (passphrase) => vault.backupKey(passphrase),
    restoreVaultKey: (bytes, passphrase, source) => vault.restoreKey(bytes, passphrase, source),
    migrateVault: (to, opts = {}) =>
      vault.migrate(createStoreOfKind(dataDir, to, env, opts.passphrase), { keepOld: opts.keepOld }),
    changeVaultPassphrase: (next) => vault.changePassphrase(next),
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
    wizardProgress: () => uiState.wizard(),
    saveWizardProgress: (progress) => uiState.saveWizard(progress),
    claimExpiryNotice: (id, days) => uiState.claimExpiryNotice(id, days),

    createCa: (input) => certificates.createCa(input),
    issueCert: (input) => certificates.issue(input),
    importCertificate: (input) => certificates.import(input),
    listCertificates: () => certificates.list(),
    getCertificate: (ref) => certificates.get(ref),
    certificatePem: (ref) => certificates.pem(ref),
    inspectCertificate: (ref) => certificates.inspect(ref),
    inspectBytes: (bytes, password, options) => certificates.inspectBytes(bytes, password, options),
    exportCertificate: (input) => certificates.export(input),
    async revokeCertificate(ref) {
      const revoked = await certificates.revoke(ref);
      await sessions.forgetCertificate(revoked.id);
      return revoked;
    },
    crl: (ref) => certificates.crl(ref),
    generatePassword: () => certificates.generatePassword(),
    renameCertificate: (ref, name) => certificates.rename(ref, name),
    async deleteCertificate(ref, opts = {}) {
      const record = await certificates.get(ref);
      const users = (await profiles.listProfiles()).filter((p) => p.certificateId === record.id);
      const { orphaned } = await certificates.delete(
        record.id,
        users.map((p) => p.name),
        opts,
      );
      // None signs with it (that refuses the delete), but one may have been pointed at it in between.
      await sessions.forgetCertificate(record.id);
      return {
        deleted: { id: record.id, name: record.name, kind: record.kind },
        keyDeleted: record.hasPrivateKey,
        orphaned,
        sessionsCleared: [],
      };
    },
    async renewCertificate(ref, opts = {}) {
      const { certificate, previous } = await certificates.renewCert(ref, opts);
      // Each profile moves to the new certificate, then its cached session (made with the old one) goes.
      const moved: string[] = [];
      for (const p of await profiles.listProfiles()) {
        if (p.certificateId !== previous.id) continue;
        await profiles.updateProfile(p.name, { certificateId: certificate.id });
        await sessions.forget(p.name);
        moved.push(p.name);
      }
      return {
        certificate: await certificates.get(certificate.id),
        previous: await certificates.get(previous.id),
        profilesMoved: moved,
      };
    },
    renewCa: (ref, opts) => certificates.renewCa(ref, opts),

    async addProfile(input, options) {
      const cert = await signingCertificate(input.certificate);
      const profile = await profiles.putProfile({ ...input, certificateId: cert.id }, now(), options);
      await sessions.forget(profile.name);
      return profile;
    },
    async setProfile(name, patch) {
      const certificateId =
        patch.certificate === undefined ? undefined : (await signingCertificate(patch.certificate)).id;
      const { after } = await profiles.updateProfile(name, {
        ...patch,
        ...(certificateId ? { certificateId } : {}),
      });
      // The fingerprint would already refuse the old session; dropping it also frees its vault record.
      await sessions.forget(name);
      return after;
    },
    listProfiles: () => profiles.listProfiles(),
    async profileOverview() {
      const certs = new Map((await certificates.list()).map((c) => [c.id, c]));
      const list = await profiles.listProfiles();
      return Promise.all(
        list.map(async (p) => ({
          ...p,
          certificateName: certs.get(p.certificateId)?.name ?? p.certificateId,
          certificateStatus: certs.get(p.certificateId)?.status ?? ('missing' as const),
          session: await sessions.state(p),
        })),
      );
    },
    getProfile: (name) => profiles.getProfile(name),
    async removeProfile(name) {
      await profiles.removeProfile(name);
      await sessions.forget(name);
    },
    addStatic: (name, accessKeyId, secretAccessKey) => statics.add(name, accessKeyId, secretAccessKey),
    listStatic: () => statics.list(),
    removeStatic: (name) => statics.remove(name),

    session: (name, opts) => sessions.get(name, opts),
    async sessionStamp(name) {
      // The cached session is one vault file (vault.ts: `<dataDir>/vault/<id>.json`): every store renames a new
      // file over it (a new inode, while the old one still exists) and every clear removes it, so one stat tells.
      // Only a clear followed by a whole CreateSession within one file-time tick, reusing the freed inode for a
      // record of the same size, could look unchanged.
      try {
        const s = await stat(join(dataDir, 'vault', `${sessionRecordId(name)}.json`), { bigint: true });
        return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw fileSystemError(error, { action: 'read' }) ?? error;
      }
    },
    maskedSession: (name, opts) => sessions.masked(name, opts),
    formatSession: (name, format, opts) => sessions.format(name, format, opts),
    whoami: (name) => sessions.whoami(name),
    async configureAws(name, commandFor, opts = {}) {
      const profile = await profiles.getProfile(name);
      const result = await configureAwsProfile({
        profileName: name,
        // Absolute: the AWS CLI runs the line from any directory (issue 9).
        command: commandFor(resolve(dataDir)),
        region: profile.region,
        force: opts.force,
        env,
      });
      return { ...result, dataDir: resolve(dataDir), vault: secretStore.kind };
    },
    unconfigureAws: (name) => removeAwsProfile({ profileName: name, env }),
    async trustPolicy(input) {
      let { commonName, trustAnchorArn } = input;
      if (input.profile !== undefined) {
        const profile = await profiles.getProfile(input.profile);
        trustAnchorArn ??= profile.trustAnchorArn;
        commonName ??= (await certificates.get(profile.certificateId)).commonName;
      }
      // aws:SourceArn must name a trust anchor (INVALID_ARN, part by part, otherwise).
      if (trustAnchorArn !== undefined) trustAnchorArn = parseArn('trust-anchor', trustAnchorArn.trim()).text;
      return buildTrustPolicy({
        ...(commonName !== undefined ? { commonName } : {}),
        ...(trustAnchorArn !== undefined ? { trustAnchorArn } : {}),
      });
    },
    async sign(input) {
      const { previewSigV4 } = await import('./aws/sigv4-preview');
      const preview = await previewSigV4({
        method: input.method,
        url: input.url,
        headers: input.headers,
        body: input.body,
        service: input.service,
        region: input.region,
        credentials: await signingCredentials(input.source),
        time: input.time ?? now(),
      });
      return {
        canonicalRequest: preview.canonicalRequest,
        stringToSign: preview.stringToSign,
        signature: preview.signature,
        signedHeaders: preview.signedHeaders,
        authorization: preview.authorization,
        headers: preview.headers,
        url: preview.url,
        notes: preview.notes,
        curl: preview.curl,
        ...(preview.curlHeaders !== undefined ? { curlHeaders: preview.curlHeaders } : {}),
      };
    },
  };
}
