import { effectiveRefreshMargin } from '../../shared/domain/defaults';
import { AnchorageError } from '../../shared/errors';
import { formatCredentials, maskSecret } from '../../shared/credentials';
import type { CredentialFormat } from '../../shared/credentials';
import type { CallerIdentity, MaskedSession, Profile } from '../../shared/schemas/models';
import type { ServedSession } from '../../shared/credentials';
import type { ProfileSessionState } from '../../shared/schemas/models';
import type { SessionOptions } from './api';
import { SessionCache } from './aws/session-cache';
import type { CertificateService } from './certificate-service';
import { profileFingerprint } from './profile-fingerprint';
import type { ProfileStore } from './profiles';
import type { SettingsStore } from './settings';
import type { Vault } from './vault/vault';

/** Roles Anywhere sessions for profiles: cached in the vault, single-flight across processes. */
export class SessionService {
  private readonly cache: SessionCache;

  constructor(
    dataDir: string,
    vault: Vault,
    private readonly profiles: ProfileStore,
    private readonly certificates: CertificateService,
    private readonly settings: SettingsStore,
    private readonly now: () => Date,
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs?: number,
  ) {
    this.cache = new SessionCache(dataDir, vault, now);
  }

  async get(name: string, options: SessionOptions = {}): Promise<ServedSession> {
    const profile = await this.profiles.getProfile(name);
    const margin = effectiveRefreshMargin(
      options.refreshMarginSeconds ?? (await this.settings.get()).refreshMarginSeconds,
      profile.durationSeconds,
    );
    const { credentials, fromCache } = await this.cache.getOrCreate(name, () => this.create(profile), {
      minRemainingSeconds: margin,
      noCache: options.noCache,
      fingerprint: profileFingerprint(profile),
    });
    return {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
      roleArn: credentials.roleArn,
      assumedRoleArn: credentials.assumedRoleArn,
      fromCache,
    };
  }

  async masked(name: string, options?: SessionOptions): Promise<MaskedSession> {
    const s = await this.get(name, options);
    return {
      profile: name,
      accessKeyId: s.accessKeyId,
      secretAccessKeyMasked: maskSecret(s.secretAccessKey),
      sessionTokenMasked: maskSecret(s.sessionToken),
      expiration: s.expiration,
      fromCache: s.fromCache,
      roleArn: s.roleArn,
      assumedRoleArn: s.assumedRoleArn,
    };
  }

  async format(name: string, format: CredentialFormat, options?: SessionOptions): Promise<string> {
    const s = await this.get(name, options);
    const profile = await this.profiles.getProfile(name);
    return formatCredentials(s, format, { profile: name, region: profile.region });
  }

  async whoami(name: string): Promise<CallerIdentity> {
    const profile = await this.profiles.getProfile(name);
    const s = await this.get(name);
    // Network clients (and @smithy's SigV4) load on first use: the warm cache path never needs them.
    const { getCallerIdentity } = await import('./aws/sts');
    return getCallerIdentity({
      credentials: s,
      region: profile.region,
      endpoint: profile.stsEndpoint ?? process.env.AWS_ENDPOINT_URL_STS,
      fetch: this.fetchImpl,
      now: this.now,
      timeoutMs: this.timeoutMs,
    });
  }

  /**
   * Whether the profile has a cached session it would serve: until when, or since when expired. From the
   * session's state file when it matches the record, so `profile list` needs no vault key (session-cache.ts).
   */
  async state(profile: Profile): Promise<ProfileSessionState> {
    const cached = await this.cache.times(profile.name, profileFingerprint(profile));
    if (!cached) return { state: 'none' };
    return this.cache.remainingMs(cached) > 0
      ? { state: 'cached', expiresAt: cached.expiration }
      : { state: 'expired', expiredAt: cached.expiration };
  }

  async forget(name: string): Promise<void> {
    await this.cache.clear(name);
  }

  /** Forget the cached sessions of every profile that signs with this certificate (it was revoked). */
  async forgetCertificate(certificateId: string): Promise<void> {
    for (const profile of await this.profiles.listProfiles()) {
      if (profile.certificateId === certificateId) await this.cache.clear(profile.name);
    }
  }

  private async create(profile: Profile) {
    const { record, privateKeyPkcs8, chainPem } = await this.certificates.signingMaterial(
      profile.certificateId,
    );
    if (record.revokedAt) {
      throw new AnchorageError(
        'REVOKED',
        `The certificate "${record.name}" was revoked on ${record.revokedAt}.`,
        'Issue a new client certificate and point the profile at it.',
        { facts: { name: record.name, revokedAt: record.revokedAt, profile: profile.name } },
      );
    }
    // x509 (under pki/pem) only for a new session: `profile list` and a cached session never load it.
    const { certificateFromPem, pemToDer } = await import('./pki/pem');
    // Send every certificate between leaf and root as X-Amz-X509-Chain; the self-signed root is left out,
    // since AWS finds it in the trust anchor.
    const isSelfSigned = (pem: string) => {
      const cert = certificateFromPem(pem);
      return cert.subject === cert.issuer;
    };
    const intermediates = chainPem.filter((pem) => !isSelfSigned(pem)).map((pem) => pemToDer(pem));
    const { createSession } = await import('./aws/roles-anywhere-client');
    const session = await createSession({
      certificateDer: pemToDer(record.certificatePem),
      chainDer: intermediates,
      privateKeyPkcs8,
      trustAnchorArn: profile.trustAnchorArn,
      profileArn: profile.profileArn,
      roleArn: profile.roleArn,
      region: profile.region,
      durationSeconds: profile.durationSeconds,
      roleSessionName: profile.sessionName,
      endpoint: profile.endpoint,
      fips: profile.fips,
      fetch: this.fetchImpl,
      now: this.now,
      timeoutMs: this.timeoutMs,
    });
    // Credentials end when the certificate does: past its notAfter, Anchorage hands out nothing made with it.
    const certificateEnd = certificateFromPem(record.certificatePem).notAfter;
    if (certificateEnd.getTime() >= Date.parse(session.expiration)) return session;
    return { ...session, expiration: certificateEnd.toISOString(), endsWithCertificate: true };
  }
}
