/**
 * The operator's AWS account, as the registration needs it: the Roles Anywhere and IAM calls of issue 12,
 * through the official clients (`@aws-sdk/client-rolesanywhere`, `@aws-sdk/client-iam`), loaded on first use
 * so that no other command pays for them. Every call is recorded (`made`), paginated lists are read to the
 * end, and a failure becomes an AnchorageError naming the call (aws-errors.ts). The only file that touches
 * the SDKs' types.
 */
// Types only (erased): the clients themselves are imported on first use, in `open`.
import type * as RA from '@aws-sdk/client-rolesanywhere';
import type * as IAM from '@aws-sdk/client-iam';
import { partitionOfRegion } from '../../../shared/domain/regions';
import type { OperatorSource } from '../../../shared/schemas/registration';
import type { StaticCredentials } from '../static-credentials';
import { configuredEndpoint } from './aws-config';
import { awsCallError, type Call } from './aws-errors';
import { operatorCredentials } from './operator';

export interface TrustAnchorInfo {
  arn: string;
  id: string;
  name: string;
  enabled: boolean;
  sourceType: string;
  /** The PEM bundle of a CERTIFICATE_BUNDLE source ('' for AWS_ACM_PCA). */
  bundlePem: string;
}

export interface ProfileInfo {
  arn: string;
  id: string;
  name: string;
  enabled: boolean;
  roleArns: string[];
  durationSeconds?: number;
}

export interface CrlInfo {
  arn: string;
  id: string;
  name: string;
  enabled: boolean;
  trustAnchorArn: string;
}

export interface RoleInfo {
  arn: string;
  name: string;
  /** The trust policy, decoded (IAM sends it URL-encoded). */
  trustPolicy: unknown;
}

/** IAM's signing region per partition (IAM is global: one endpoint per partition). */
const IAM_REGION = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' } as const;

/**
 * Attempts per call, the first included: the SDK's standard retry mode (exponential backoff with jitter,
 * throttling and 5xx retried), made explicit so that a test can fail every attempt.
 */
export const MAX_ATTEMPTS = 3;

/** Per call, every SDK retry included: a dead endpoint fails instead of hanging. */
const DEFAULT_CALL_TIMEOUT_MS = 30_000;

type RolesAnywhere = typeof RA;
type Iam = typeof IAM;

/** IAM answers policy documents URL-encoded (RFC 3986), as its API reference says. */
function decodePolicy(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(decodeURIComponent(text));
  } catch {
    return undefined;
  }
}

export class AwsAccount {
  /** Every call made, in order, as `service:Operation`. */
  readonly made: Call[] = [];

  private constructor(
    readonly region: string,
    private readonly ra: { sdk: RolesAnywhere; client: InstanceType<RolesAnywhere['RolesAnywhereClient']> },
    private readonly iam: { sdk: Iam; client: InstanceType<Iam['IAMClient']> },
    private readonly endpoints: { rolesanywhere?: string; iam?: string },
    private readonly timeoutMs: number,
  ) {}

  /** Resolve the operator's credentials and endpoints, and build both clients. */
  static async open(options: {
    source: OperatorSource;
    region: string;
    env: NodeJS.ProcessEnv;
    statics: StaticCredentials;
    timeoutMs?: number;
  }): Promise<AwsAccount> {
    const { source, region, env } = options;
    // The current SDK warns on stderr that its releases after January 2027 need Node 22; Anchorage pins its
    // clients (package-lock.json) and supports Node 20.19, so the warning would only be noise in a command's
    // output. The SDK reads this switch when a client is built.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const [identity, raEndpoint, iamEndpoint, raSdk, iamSdk] = await Promise.all([
      operatorCredentials(source, env, options.statics),
      configuredEndpoint('ROLESANYWHERE', source, env),
      configuredEndpoint('IAM', source, env),
      import('@aws-sdk/client-rolesanywhere'),
      import('@aws-sdk/client-iam'),
    ]);
    const credentials = async () => identity;
    const partition = partitionOfRegion(region)?.id ?? 'aws';
    const ra = new raSdk.RolesAnywhereClient({
      region,
      credentials,
      // client-rolesanywhere 3.332's retry middleware makes maxAttempts + 1 attempts (measured against a server
      // that always throttles: 3 → 4); the current IAM client makes exactly maxAttempts.
      maxAttempts: MAX_ATTEMPTS - 1,
      ...(raEndpoint ? { endpoint: raEndpoint } : {}),
    });
    const iam = new iamSdk.IAMClient({
      region: IAM_REGION[partition],
      credentials,
      maxAttempts: MAX_ATTEMPTS,
      ...(iamEndpoint ? { endpoint: iamEndpoint } : {}),
    });
    return new AwsAccount(
      region,
      { sdk: raSdk, client: ra },
      { sdk: iamSdk, client: iam },
      { ...(raEndpoint ? { rolesanywhere: raEndpoint } : {}), ...(iamEndpoint ? { iam: iamEndpoint } : {}) },
      options.timeoutMs ? options.timeoutMs * 3 : DEFAULT_CALL_TIMEOUT_MS,
    );
  }

  /** Record and make one call; its failure as an AnchorageError. */
  private async call<T>(call: Call, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    this.made.push(call);
    try {
      return await send(AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      const service = call.startsWith('iam:') ? 'iam' : 'rolesanywhere';
      throw awsCallError(error, call, this.endpoints[service]);
    }
  }

  private raSend<T>(operation: string, command: unknown): Promise<T> {
    return this.call(`rolesanywhere:${operation}`, (abortSignal) =>
      (this.ra.client.send as (c: unknown, o: unknown) => Promise<T>)(command, { abortSignal }),
    );
  }

  private iamSend<T>(operation: string, command: unknown): Promise<T> {
    return this.call(`iam:${operation}`, (abortSignal) =>
      (this.iam.client.send as (c: unknown, o: unknown) => Promise<T>)(command, { abortSignal }),
    );
  }

  // ── Roles Anywhere ─────────────────────────────────────────────────────────────────────────────────────

  async listTrustAnchors(): Promise<TrustAnchorInfo[]> {
    const out: TrustAnchorInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.raSend<RA.ListTrustAnchorsCommandOutput>(
        'ListTrustAnchors',
        new this.ra.sdk.ListTrustAnchorsCommand({ ...(nextToken ? { nextToken } : {}) }),
      );
      for (const t of page.trustAnchors ?? []) out.push(trustAnchorInfo(t));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  }

  async createTrustAnchor(name: string, bundlePem: string): Promise<TrustAnchorInfo> {
    const answer = await this.raSend<RA.CreateTrustAnchorCommandOutput>(
      'CreateTrustAnchor',
      new this.ra.sdk.CreateTrustAnchorCommand({
        name,
        enabled: true,
        source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: bundlePem } },
      }),
    );
    return trustAnchorInfo(answer.trustAnchor ?? {});
  }

  async updateTrustAnchor(id: string, bundlePem: string): Promise<TrustAnchorInfo> {
    const answer = await this.raSend<RA.UpdateTrustAnchorCommandOutput>(
      'UpdateTrustAnchor',
      new this.ra.sdk.UpdateTrustAnchorCommand({
        trustAnchorId: id,
        source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: bundlePem } },
      }),
    );
    return trustAnchorInfo(answer.trustAnchor ?? {});
  }

  async enableTrustAnchor(id: string): Promise<TrustAnchorInfo> {
    const answer = await this.raSend<RA.EnableTrustAnchorCommandOutput>(
      'EnableTrustAnchor',
      new this.ra.sdk.EnableTrustAnchorCommand({ trustAnchorId: id }),
    );
    return trustAnchorInfo(answer.trustAnchor ?? {});
  }

  async listProfiles(): Promise<ProfileInfo[]> {
    const out: ProfileInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.raSend<RA.ListProfilesCommandOutput>(
        'ListProfiles',
        new this.ra.sdk.ListProfilesCommand({ ...(nextToken ? { nextToken } : {}) }),
      );
      for (const p of page.profiles ?? []) out.push(profileInfo(p));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  }

  async createProfile(name: string, roleArn: string, durationSeconds: number): Promise<ProfileInfo> {
    const answer = await this.raSend<RA.CreateProfileCommandOutput>(
      'CreateProfile',
      new this.ra.sdk.CreateProfileCommand({ name, roleArns: [roleArn], durationSeconds, enabled: true }),
    );
    return profileInfo(answer.profile ?? {});
  }

  async listCrls(): Promise<CrlInfo[]> {
    const out: CrlInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.raSend<RA.ListCrlsCommandOutput>(
        'ListCrls',
        new this.ra.sdk.ListCrlsCommand({ ...(nextToken ? { nextToken } : {}) }),
      );
      for (const c of page.crls ?? []) out.push(crlInfo(c));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  }

  /** ImportCrl: AWS wants the CRL in PEM (API reference, ImportCrl). */
  async importCrl(name: string, crlPem: string, trustAnchorArn: string): Promise<CrlInfo> {
    const answer = await this.raSend<RA.ImportCrlCommandOutput>(
      'ImportCrl',
      new this.ra.sdk.ImportCrlCommand({
        name,
        crlData: new TextEncoder().encode(crlPem),
        trustAnchorArn,
        enabled: true,
      }),
    );
    return crlInfo(answer.crl ?? {});
  }

  async updateCrl(id: string, crlPem: string): Promise<CrlInfo> {
    const answer = await this.raSend<RA.UpdateCrlCommandOutput>(
      'UpdateCrl',
      new this.ra.sdk.UpdateCrlCommand({ crlId: id, crlData: new TextEncoder().encode(crlPem) }),
    );
    return crlInfo(answer.crl ?? {});
  }

  async enableCrl(id: string): Promise<CrlInfo> {
    const answer = await this.raSend<RA.EnableCrlCommandOutput>(
      'EnableCrl',
      new this.ra.sdk.EnableCrlCommand({ crlId: id }),
    );
    return crlInfo(answer.crl ?? {});
  }

  // ── IAM ────────────────────────────────────────────────────────────────────────────────────────────────

  /** The role, or undefined when IAM has none of that name (NoSuchEntity). */
  async getRole(name: string): Promise<RoleInfo | undefined> {
    try {
      const answer = await this.iamSend<IAM.GetRoleCommandOutput>(
        'GetRole',
        new this.iam.sdk.GetRoleCommand({ RoleName: name }),
      );
      return roleInfo(answer.Role);
    } catch (error) {
      if ((error as { facts?: { awsCode?: string } }).facts?.awsCode === 'NoSuchEntity') return undefined;
      throw error;
    }
  }

  async createRole(name: string, trustPolicy: unknown): Promise<RoleInfo> {
    const answer = await this.iamSend<IAM.CreateRoleCommandOutput>(
      'CreateRole',
      new this.iam.sdk.CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify(trustPolicy),
        Description: 'Assumed through IAM Roles Anywhere (created by Anchorage)',
      }),
    );
    return roleInfo(answer.Role);
  }

  async updateAssumeRolePolicy(name: string, trustPolicy: unknown): Promise<void> {
    await this.iamSend(
      'UpdateAssumeRolePolicy',
      new this.iam.sdk.UpdateAssumeRolePolicyCommand({
        RoleName: name,
        PolicyDocument: JSON.stringify(trustPolicy),
      }),
    );
  }

  async listAttachedRolePolicies(name: string): Promise<string[]> {
    const out: string[] = [];
    let marker: string | undefined;
    do {
      const page = await this.iamSend<IAM.ListAttachedRolePoliciesCommandOutput>(
        'ListAttachedRolePolicies',
        new this.iam.sdk.ListAttachedRolePoliciesCommand({
          RoleName: name,
          ...(marker ? { Marker: marker } : {}),
        }),
      );
      for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) out.push(p.PolicyArn);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return out;
  }

  async attachRolePolicy(name: string, policyArn: string): Promise<void> {
    await this.iamSend(
      'AttachRolePolicy',
      new this.iam.sdk.AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }),
    );
  }

  async listRoles(): Promise<RoleInfo[]> {
    const out: RoleInfo[] = [];
    let marker: string | undefined;
    do {
      const page = await this.iamSend<IAM.ListRolesCommandOutput>(
        'ListRoles',
        new this.iam.sdk.ListRolesCommand({ ...(marker ? { Marker: marker } : {}) }),
      );
      for (const r of page.Roles ?? []) out.push(roleInfo(r));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return out;
  }
}

type SdkTrustAnchor = RA.TrustAnchorDetail;
type SdkProfile = RA.ProfileDetail;
type SdkCrl = RA.CrlDetail;
type SdkRole = IAM.Role;

function trustAnchorInfo(t: SdkTrustAnchor): TrustAnchorInfo {
  const data = t.source?.sourceData;
  return {
    arn: t.trustAnchorArn ?? '',
    id: t.trustAnchorId ?? '',
    name: t.name ?? '',
    enabled: t.enabled ?? false,
    sourceType: t.source?.sourceType ?? '',
    bundlePem: data && 'x509CertificateData' in data ? (data.x509CertificateData ?? '') : '',
  };
}

function profileInfo(p: SdkProfile): ProfileInfo {
  return {
    arn: p.profileArn ?? '',
    id: p.profileId ?? '',
    name: p.name ?? '',
    enabled: p.enabled ?? false,
    roleArns: p.roleArns ?? [],
    ...(p.durationSeconds !== undefined ? { durationSeconds: p.durationSeconds } : {}),
  };
}

function crlInfo(c: SdkCrl): CrlInfo {
  return {
    arn: c.crlArn ?? '',
    id: c.crlId ?? '',
    name: c.name ?? '',
    enabled: c.enabled ?? false,
    trustAnchorArn: c.trustAnchorArn ?? '',
  };
}

function roleInfo(r: SdkRole | undefined): RoleInfo {
  return {
    arn: r?.Arn ?? '',
    name: r?.RoleName ?? '',
    trustPolicy: decodePolicy(r?.AssumeRolePolicyDocument),
  };
}
