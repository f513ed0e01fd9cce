import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AnchorageError, fileSystemError } from '../../shared/errors';
import type { CoreApi, SignInput } from './api';
import { recordId as sessionRecordId } from './aws/session-cache';
import type { AwsCredentials } from '../../shared/credentials';
import { generatePassword } from './pki/pfx-password';
import type { SecretStore } from './vault/secret-store';
import { openSecretStore, openStoreOfKind } from './vault/store-choice';
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
 * Every module the core loads on first use, for the CLI build's code cache (main/cli/program.ts `warmUp`):
 * V8 caches only the code that has run, and the commands that use a module should find it compiled.
 */
export async function loadCoreModules(): Promise<void> {
  await Promise.all([
    import('./inventory'),
    import('./certificate-service'),
    import('./profiles'),
    import('./static-credentials'),
    import('./settings'),
    import('./ui-state'),
    import('./session-service'),
    import('./aws/aws-config-file'),
    import('../../shared/domain/arn'),
    import('../../shared/domain/trust-policy'),
  ]);
}

/** `make()` on the first call, then the same promise: a service built on first use, and shared. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
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
  const secretStore = options.secretStore ?? (await openSecretStore(dataDir, env));
  const vault = new Vault(dataDir, secretStore);
  const timeoutMs = httpTimeoutMs(env);
  // Each service, and the modules it needs (zod's schemas, @peculiar/x509, the PKI, the AWS client), is
  // loaded and built on first use: a command runs only its own part of the core (issue 11 §3).
  const inventory = once(async () => new (await import('./inventory')).Inventory(dataDir, vault));
  const certificates = once(
    async () => new (await import('./certificate-service')).CertificateService(await inventory(), vault, now),
  );
  const profiles = once(async () => new (await import('./profiles')).ProfileStore(dataDir));
  const statics = once(
    async () => new (await import('./static-credentials')).StaticCredentials(await profiles(), vault, now),
  );
  const settings = once(async () => new (await import('./settings')).SettingsStore(dataDir));
  const uiState = once(async () => new (await import('./ui-state')).UiStateStore(dataDir));
  const sessions = once(async () => {
    const { SessionService } = await import('./session-service');
    const [p, c, s] = await Promise.all([profiles(), certificates(), settings()]);
    return new SessionService(dataDir, vault, p, c, s, now, fetchImpl, timeoutMs);
  });

  /** The client certificate a profile signs with: a client, with its key in the vault. */
  async function signingCertificate(ref: string) {
    const cert = await (await certificates()).get(ref);
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
        return (await sessions()).get(source.name);
      case 'static': {
        const { entry, secretAccessKey } = await (await statics()).get(source.name);
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

  // Registering with AWS (issue 12) works through the rest of core, and loads the AWS SDK on first use only.
  const registration = once(async () => {
    const { RegistrationService } = await import('./registration/registration-service');
    return new RegistrationService({ core, statics: await statics(), env, now, timeoutMs });
  });

  const core: CoreApi = {
    vaultStatus: () => vault.status(),
    vaultReport: () => vault.status(),
    backupVaultKey: (passphrase) => vault.backupKey(passphrase),
    restoreVaultKey: (bytes, passphrase, source) => vault.restoreKey(bytes, passphrase, source),
    migrateVault: async (to, opts = {}) =>
      vault.migrate(await openStoreOfKind(dataDir, to, env, opts.passphrase), { keepOld: opts.keepOld }),
    changeVaultPassphrase: (next) => vault.changePassphrase(next),
    getSettings: async () => (await settings()).get(),
    updateSettings: async (patch) => (await settings()).update(patch),
    wizardProgress: async () => (await uiState()).wizard(),
    saveWizardProgress: async (progress) => (await uiState()).saveWizard(progress),
    claimExpiryNotice: async (id, days) => (await uiState()).claimExpiryNotice(id, days),

    // Both need the vault key (to store the new key; to read the CA's): the keychain is asked first, and answers
    // while the PKI loads (keychain-store.ts reads it off the main thread).
    createCa: async (input) => {
      vault.prefetchKey();
      return (await certificates()).createCa(input);
    },
    issueCert: async (input) => {
      vault.prefetchKey();
      return (await certificates()).issue(input);
    },
    importCertificate: async (input) => (await certificates()).import(input),
    listCertificates: async () => (await certificates()).list(),
    getCertificate: async (ref) => (await certificates()).get(ref),
    certificatePem: async (ref) => (await certificates()).pem(ref),
    inspectCertificate: async (ref) => (await certificates()).inspect(ref),
    // Parsed with no certificate service or inventory: a small PEM in this thread, anything else in the
    // worker (worker/parse-file.ts).
    async inspectBytes(bytes, password, options = {}) {
      const { parseFile } = await import('./worker/parse-file');
      return parseFile({
        kind: 'inspect',
        bytes,
        ...(password !== undefined ? { password } : {}),
        now: now().toISOString(),
        ...options,
      });
    },
    exportCertificate: async (input) => (await certificates()).export(input),
    async revokeCertificate(ref) {
      const revoked = await (await certificates()).revoke(ref);
      await (await sessions()).forgetCertificate(revoked.id);
      return revoked;
    },
    crl: async (ref) => (await certificates()).crl(ref),
    generatePassword: () => generatePassword(),
    renameCertificate: async (ref, name) => (await certificates()).rename(ref, name),
    async deleteCertificate(ref, opts = {}) {
      const [certs, store] = await Promise.all([certificates(), profiles()]);
      const record = await certs.get(ref);
      const users = (await store.listProfiles()).filter((p) => p.certificateId === record.id);
      const { orphaned } = await certs.delete(
        record.id,
        users.map((p) => p.name),
        opts,
      );
      // None signs with it (that refuses the delete), but one may have been pointed at it in between.
      await (await sessions()).forgetCertificate(record.id);
      return {
        deleted: { id: record.id, name: record.name, kind: record.kind },
        keyDeleted: record.hasPrivateKey,
        orphaned,
        sessionsCleared: [],
      };
    },
    async renewCertificate(ref, opts = {}) {
      const [certs, store, cache] = await Promise.all([certificates(), profiles(), sessions()]);
      const { certificate, previous } = await certs.renewCert(ref, opts);
      // Each profile moves to the new certificate, then its cached session (made with the old one) goes.
      const moved: string[] = [];
      for (const p of await store.listProfiles()) {
        if (p.certificateId !== previous.id) continue;
        await store.updateProfile(p.name, { certificateId: certificate.id });
        await cache.forget(p.name);
        moved.push(p.name);
      }
      return {
        certificate: await certs.get(certificate.id),
        previous: await certs.get(previous.id),
        profilesMoved: moved,
      };
    },
    renewCa: async (ref, opts) => (await certificates()).renewCa(ref, opts),

    async addProfile(input, options) {
      const cert = await signingCertificate(input.certificate);
      const profile = await (
        await profiles()
      ).putProfile({ ...input, certificateId: cert.id }, now(), options);
      await (await sessions()).forget(profile.name);
      return profile;
    },
    async setProfile(name, patch) {
      const certificateId =
        patch.certificate === undefined ? undefined : (await signingCertificate(patch.certificate)).id;
      const { after } = await (
        await profiles()
      ).updateProfile(name, {
        ...patch,
        ...(certificateId ? { certificateId } : {}),
      });
      // The fingerprint would already refuse the old session; dropping it also frees its vault record.
      await (await sessions()).forget(name);
      return after;
    },
    listProfiles: async () => (await profiles()).listProfiles(),
    async profileOverview() {
      const [all, store, cache] = await Promise.all([certificates(), profiles(), sessions()]);
      const certs = new Map((await all.list()).map((c) => [c.id, c]));
      const list = await store.listProfiles();
      return Promise.all(
        list.map(async (p) => ({
          ...p,
          certificateName: certs.get(p.certificateId)?.name ?? p.certificateId,
          certificateStatus: certs.get(p.certificateId)?.status ?? ('missing' as const),
          session: await cache.state(p),
        })),
      );
    },
    getProfile: async (name) => (await profiles()).getProfile(name),
    async removeProfile(name) {
      await (await profiles()).removeProfile(name);
      await (await sessions()).forget(name);
    },
    addStatic: async (name, accessKeyId, secretAccessKey) =>
      (await statics()).add(name, accessKeyId, secretAccessKey),
    listStatic: async () => (await statics()).list(),
    removeStatic: async (name) => (await statics()).remove(name),

    session: async (name, opts) => (await sessions()).get(name, opts),
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
    maskedSession: async (name, opts) => (await sessions()).masked(name, opts),
    formatSession: async (name, format, opts) => (await sessions()).format(name, format, opts),
    whoami: async (name) => (await sessions()).whoami(name),
    async configureAws(name, commandFor, opts = {}) {
      const profile = await (await profiles()).getProfile(name);
      const { configureAwsProfile } = await import('./aws/aws-config-file');
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
    async unconfigureAws(name) {
      const { removeAwsProfile } = await import('./aws/aws-config-file');
      return removeAwsProfile({ profileName: name, env });
    },
    async trustPolicy(input) {
      let { commonName, trustAnchorArn } = input;
      if (input.profile !== undefined) {
        const profile = await (await profiles()).getProfile(input.profile);
        trustAnchorArn ??= profile.trustAnchorArn;
        commonName ??= (await (await certificates()).get(profile.certificateId)).commonName;
      }
      const [{ parseArn }, { buildTrustPolicy }] = await Promise.all([
        import('../../shared/domain/arn'),
        import('../../shared/domain/trust-policy'),
      ]);
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

    operatorSources: async () => (await registration()).sources(),
    awsDiscover: async (input) => (await registration()).discover(input),
    awsSetup: async (input, opts) => (await registration()).setup(input, opts),
    awsPushCrl: async (input) => (await registration()).pushCrl(input),
    awsUpdateAnchor: async (input) => (await registration()).updateAnchor(input),
    awsTemplate: async (input) => (await registration()).template(input),
  };
  return core;
}
