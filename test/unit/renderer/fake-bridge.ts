import type { AnchorageApi, ChannelResponse, Result } from '../../../shared/schemas/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { maskSecret } from '../../../shared/credentials';
import { SETUP_STEP_IDS } from '../../../shared/domain/registration';
import type { SetupStepId } from '../../../shared/domain/registration';
import type {
  CertificateSummary,
  MaskedSession,
  Profile,
  ProfileOverview,
  Settings,
  WizardProgress,
} from '../../../shared/schemas/models';

/**
 * An in-memory `window.anchorage` for renderer unit tests, typed as the contract's AnchorageApi so it cannot
 * drift from it. It records every call. The real bridge (preload → ipc → core) is exercised end to end by the
 * Playwright suite; here only the renderer's behaviour is under test.
 */

export const FULL_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const FULL_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENxxxxxxxxxxxxxxxxxxxxxxxxxxx';

export interface Call {
  method: string;
  request: unknown;
}

export interface FakeState {
  certs: CertificateSummary[];
  profiles: Profile[];
  settings: Settings;
  /** Session lifetime handed out by sessionGet, in seconds. */
  sessionSeconds: number;
  /** Milliseconds until the clipboard is "cleared" after a copy. */
  clipboardMs: number;
  wizard: WizardProgress;
}

type SetupStep = ChannelResponse<'aws.progress'>[number];

/** The calls each step of `aws setup` makes when it creates everything (main/core/registration/setup.ts). */
const SETUP_CALLS: Record<SetupStepId, string[]> = {
  'trust-anchor': ['rolesanywhere:ListTrustAnchors', 'rolesanywhere:CreateTrustAnchor'],
  role: ['iam:GetRole', 'iam:CreateRole'],
  'role-policies': ['iam:ListAttachedRolePolicies', 'iam:AttachRolePolicy'],
  profile: ['rolesanywhere:ListProfiles', 'rolesanywhere:CreateProfile'],
  'save-profile': [],
  test: [],
};

/** The least-privilege policy `aws setup` reports for those calls. */
const OPERATOR_POLICY: ChannelResponse<'aws.setup'>['operatorPolicy'] = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'RolesAnywhere',
      Effect: 'Allow',
      Action: [
        'rolesanywhere:ListTrustAnchors',
        'rolesanywhere:CreateTrustAnchor',
        'rolesanywhere:ListProfiles',
        'rolesanywhere:CreateProfile',
      ],
      Resource: '*',
    },
    {
      Sid: 'Role',
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:CreateRole', 'iam:ListAttachedRolePolicies', 'iam:AttachRolePolicy'],
      Resource: 'arn:aws:iam::123456789012:role/Anchorage-*',
    },
  ],
};

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const fail = (error: ErrorInfo): Promise<Result<never>> => Promise.resolve({ ok: false, error });

let serial = 1000;

/** A certificate summary with sensible defaults. */
export function fakeCert(patch: Partial<CertificateSummary> = {}): CertificateSummary {
  serial += 1;
  const now = Date.now();
  return {
    id: `id-${serial}`,
    name: `cert-${serial}`,
    kind: 'client',
    subject: `CN=cert-${serial}`,
    commonName: `cert-${serial}`,
    issuer: 'CN=Test CA',
    issuerId: null,
    serialNumber: String(serial),
    serialHex: serial.toString(16),
    notBefore: new Date(now - 86_400_000).toISOString(),
    notAfter: new Date(now + 365 * 86_400_000).toISOString(),
    keyType: 'ec-p256',
    sha256Fingerprint: 'AB:CD',
    hasPrivateKey: true,
    status: 'valid',
    daysToExpiry: 365,
    revokedAt: null,
    createdAt: new Date(now).toISOString(),
    ...patch,
  };
}

/** Build a fake bridge; `overrides` replace single methods (e.g. to return an error). */
export function createFakeBridge(initial: Partial<FakeState> = {}, overrides: Partial<AnchorageApi> = {}) {
  const state: FakeState = {
    certs: [],
    profiles: [],
    settings: { clipboardClearSeconds: 30, refreshMarginSeconds: 300, defaultKeyType: 'ec-p256' },
    sessionSeconds: 3600,
    clipboardMs: 30_000,
    wizard: { step: 'ca' },
    ...initial,
  };
  const calls: Call[] = [];
  const clipboardAt = () => new Date(Date.now() + state.clipboardMs).toISOString();
  const session = (profile: string): MaskedSession => ({
    profile,
    accessKeyId: 'ASIAEXAMPLEKEYID0001',
    secretAccessKeyMasked: maskSecret(FULL_SECRET),
    sessionTokenMasked: maskSecret(FULL_TOKEN),
    expiration: new Date(Date.now() + state.sessionSeconds * 1000).toISOString(),
    fromCache: false,
    roleArn: 'arn:aws:iam::123456789012:role/Demo',
  });

  // "Register for me": each run's steps by run id (as main/ipc.ts keeps them for aws.progress).
  const setupRuns = new Map<string, SetupStep[]>();
  const region = (asked: string | undefined) => asked ?? 'eu-west-1';
  const anchorArn = (r: string) =>
    `arn:aws:rolesanywhere:${r}:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe`;

  const served = new Map<string, ChannelResponse<'serve.start'>>();
  const overview = (p: Profile): ProfileOverview => {
    const cert = state.certs.find((c) => c.id === p.certificateId);
    return {
      ...p,
      certificateName: cert?.name ?? p.certificateId,
      certificateStatus: cert?.status ?? 'missing',
      session: { state: 'none' },
    };
  };

  const base: AnchorageApi = {
    vaultStatus: () => ok({ kind: 'passphrase-file', state: 'available', detail: 'ANCHORAGE_VAULT=file' }),
    settingsGet: () => ok(state.settings),
    settingsUpdate: (patch) => ok((state.settings = { ...state.settings, ...patch } as Settings)),
    caCreate: (req) => {
      const ca = fakeCert({
        kind: 'ca',
        name: req.name,
        commonName: req.subject.commonName,
        subject: `CN=${req.subject.commonName}`,
        keyType: req.keyType,
      });
      state.certs.push(ca);
      return ok(ca);
    },
    caCrl: () => ok({ path: '/tmp/ca.crl' }),
    certIssue: (req) => {
      const cert = fakeCert({
        kind: 'client',
        name: req.name ?? req.subject.commonName,
        commonName: req.subject.commonName,
        subject: `CN=${req.subject.commonName}`,
        issuerId: req.ca,
      });
      state.certs.push(cert);
      return ok(cert);
    },
    certImport: () => ok([]),
    certList: () => ok([...state.certs]),
    certGet: (req) => ok(state.certs.find((c) => c.id === req.ref) ?? fakeCert()),
    certPem: () => ok({ pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }),
    certInspect: () =>
      ok({
        type: 'certificate',
        subject: 'CN=x',
        keyType: 'ec-p256',
        role: 'trust-anchor',
        checks: [{ rule: 'basic-constraints', level: 'pass', detail: 'Critical CA:TRUE.' }],
        verdict: { level: 'pass', failures: 0, warnings: 0, role: 'trust-anchor' },
      }),
    certInspectFile: () =>
      ok({
        type: 'certificate',
        subject: 'CN=x',
        keyType: 'ec-p256',
        verdict: { level: 'pass', failures: 0, warnings: 0 },
      }),
    certRevoke: (req) =>
      ok({ ...(state.certs.find((c) => c.id === req.ref) ?? fakeCert()), status: 'revoked' }),
    certExport: (req) =>
      ok({
        path: '/tmp/out.pfx',
        description: 'PKCS#12',
        passwordCopied: req.password?.kind === 'generated',
        clipboardClearsAt: req.password?.kind === 'generated' ? clipboardAt() : null,
      }),
    fileSaveText: () => ok({ path: '/tmp/saved.txt' }),
    profileAdd: (req) => {
      const profile: Profile = {
        name: req.name,
        certificateId: req.certificate,
        trustAnchorArn: req.trustAnchorArn,
        profileArn: req.profileArn,
        roleArn: req.roleArn,
        region: req.region ?? 'us-east-1',
        durationSeconds: req.durationSeconds ?? 3600,
        ...(req.endpoint ? { endpoint: req.endpoint } : {}),
        createdAt: new Date().toISOString(),
      };
      state.profiles.push(profile);
      return ok(profile);
    },
    profileList: () => ok(state.profiles.map(overview)),
    profileSet: (req) => {
      const index = state.profiles.findIndex((p) => p.name === req.name);
      if (index < 0) return fail({ code: 'NOT_FOUND', message: 'no', hint: 'no' });
      const { certificate, endpoint, ...rest } = req.patch;
      const before = state.profiles[index]!;
      const { endpoint: _oldEndpoint, ...kept } = before;
      const after: Profile = {
        ...kept,
        ...rest,
        ...(certificate ? { certificateId: certificate } : {}),
        ...((endpoint ?? before.endpoint) ? { endpoint: endpoint ?? before.endpoint } : {}),
      };
      state.profiles[index] = after;
      return ok(after);
    },
    wizardGet: () => ok({ ...state.wizard }),
    wizardSet: (req) => {
      state.wizard = { ...req };
      return ok({ ...req });
    },
    certRename: (req) => {
      const cert = state.certs.find((c) => c.id === req.ref || c.name === req.ref);
      if (!cert) return fail({ code: 'NOT_FOUND', message: 'no', hint: 'no' });
      const previousName = cert.name;
      cert.name = req.name;
      return ok({ previousName, certificate: { ...cert } });
    },
    certRenew: (req) => {
      const previous = state.certs.find((c) => c.id === req.ref) ?? fakeCert();
      const certificate = fakeCert({ name: previous.name, kind: previous.kind, issuerId: previous.issuerId });
      state.certs.push(certificate);
      const moved = state.profiles.filter((p) => p.certificateId === previous.id).map((p) => p.name);
      return ok({
        certificate,
        previous: { ...previous, status: 'superseded' as const },
        profilesMoved: moved,
      });
    },
    caRenew: (req) =>
      ok({ ca: state.certs.find((c) => c.id === req.ref) ?? fakeCert({ kind: 'ca' }), bundlePem: 'BUNDLE' }),
    certDelete: (req) => {
      const cert = state.certs.find((c) => c.id === req.ref);
      if (!cert) return fail({ code: 'NOT_FOUND', message: 'no', hint: 'no' });
      state.certs = state.certs.filter((c) => c.id !== cert.id);
      return ok({
        deleted: { id: cert.id, name: cert.name, kind: cert.kind },
        keyDeleted: true,
        orphaned: [],
      });
    },
    appOpenExternal: () => ok(null),
    serveList: () => ok([...served.values()]),
    serveStart: (req) => {
      const endpoint = {
        profile: req.profile,
        url: `http://127.0.0.1:9911/credentials/${req.profile}`,
        tokenFile: `/data/serve/9911/${req.profile}.token`,
        lines: [
          `export AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127.0.0.1:9911/credentials/${req.profile}'`,
        ],
      };
      served.set(req.profile, endpoint);
      return ok(endpoint);
    },
    serveStop: (req) => {
      served.delete(req.profile);
      return ok(null);
    },
    profileGet: (req) =>
      state.profiles.find((p) => p.name === req.name)
        ? ok(state.profiles.find((p) => p.name === req.name) as Profile)
        : fail({ code: 'NOT_FOUND', message: 'no', hint: 'no' }),
    profileRemove: () => ok(null),
    staticAdd: (req) =>
      ok({ name: req.name, accessKeyId: req.accessKeyId, createdAt: new Date().toISOString() }),
    staticList: () => ok([]),
    staticRemove: () => ok(null),
    sessionGet: (req) => ok(session(req.profile)),
    sessionCopy: () => ok({ clearsAt: clipboardAt() }),
    sessionWhoami: () =>
      ok({
        UserId: 'AROA:session',
        Account: '123456789012',
        Arn: 'arn:aws:sts::123456789012:assumed-role/Demo/session',
      }),
    awsConfigure: () => ok({ path: '/home/u/.aws/config' }),
    signPreview: (): Promise<Result<ChannelResponse<'sign.preview'>>> =>
      ok({
        previewId: 'p1',
        canonicalRequest: 'GET\n/',
        stringToSign: 'AWS4-HMAC-SHA256',
        signature: 'abc',
        signedHeaders: 'host',
        authorization: 'AWS4-HMAC-SHA256 …',
        headers: { host: 'sts.amazonaws.com' },
        url: 'https://sts.amazonaws.com/',
        notes: [],
        curl: 'curl …',
      }),
    signCopy: () => ok({ clearsAt: clipboardAt() }),
    clipboardClear: () => ok(null),
    awsSources: () =>
      ok({
        awsProfiles: ['default', 'admin'],
        statics: ['operator'],
        environment: false,
        defaultRegion: 'eu-west-1',
      }),
    awsDiscover: (req) => ok({ region: region(req.region), trustAnchors: [], profiles: [], roles: [] }),
    awsSetup: (req) => {
      const r = region(req.region);
      const arns: Partial<Record<SetupStepId, string>> = {
        'trust-anchor': anchorArn(r),
        role: `arn:aws:iam::123456789012:role/${req.roleName}`,
        profile: `arn:aws:rolesanywhere:${r}:123456789012:profile/6f4c3a1e-2b7d-4e0f-9a8c-5d1e2f3a4b5c`,
      };
      const saved = req.saveProfile ?? req.roleName;
      const steps: SetupStep[] = SETUP_STEP_IDS.map((id) => ({
        id,
        status: req.dryRun ? 'planned' : id === 'test' ? 'passed' : 'created',
        calls: SETUP_CALLS[id],
        ...(arns[id] && !req.dryRun ? { arn: arns[id] } : {}),
        ...(id === 'save-profile' ? { name: saved } : {}),
      }));
      setupRuns.set(req.runId, steps);
      if (!req.dryRun && !state.profiles.some((p) => p.name === saved)) {
        state.profiles.push({
          name: saved,
          certificateId: req.certificate,
          trustAnchorArn: arns['trust-anchor']!,
          profileArn: arns.profile!,
          roleArn: arns.role!,
          region: r,
          durationSeconds: 3600,
          ...(req.endpoint ? { endpoint: req.endpoint } : {}),
          createdAt: new Date().toISOString(),
        });
      }
      return ok({
        dryRun: Boolean(req.dryRun),
        region: r,
        complete: !req.dryRun,
        steps,
        operatorPolicy: OPERATOR_POLICY,
        ...(req.dryRun
          ? {}
          : {
              profile: saved,
              identity: {
                UserId: 'AROA:session',
                Account: '123456789012',
                Arn: `arn:aws:sts::123456789012:assumed-role/${req.roleName}/session`,
              },
            }),
      });
    },
    awsProgress: (req) => ok(setupRuns.get(req.runId) ?? []),
    awsPushCrl: (req) =>
      ok({
        crlArn: `arn:aws:rolesanywhere:${region(req.region)}:123456789012:crl/2b0c4d7e-0000-4000-8000-000000000001`,
        name: 'Anchorage-crl',
        trustAnchorArn: req.trustAnchorArn ?? anchorArn(region(req.region)),
        action: 'imported',
        enabled: true,
        revoked: state.certs.filter((c) => c.issuerId === req.ca && c.status === 'revoked').length,
        calls: ['rolesanywhere:ListTrustAnchors', 'rolesanywhere:ListCrls', 'rolesanywhere:ImportCrl'],
      }),
    awsUpdateAnchor: (req) =>
      ok({
        trustAnchorArn: req.trustAnchorArn ?? anchorArn(region(req.region)),
        action: 'updated',
        certificates: 2,
        calls: ['rolesanywhere:ListTrustAnchors', 'rolesanywhere:UpdateTrustAnchor'],
      }),
  };

  // Record every call, then delegate to the override or the default.
  const bridge = {} as Record<string, (request?: unknown) => Promise<Result<unknown>>>;
  for (const [method, impl] of Object.entries({ ...base, ...overrides })) {
    bridge[method] = (request?: unknown) => {
      calls.push({ method, request });
      return (impl as (r?: unknown) => Promise<Result<unknown>>)(request);
    };
  }
  return { bridge: bridge as unknown as AnchorageApi, calls, state };
}

/** The requests of every call to one method. */
export function callsOf(calls: Call[], method: keyof AnchorageApi): unknown[] {
  return calls.filter((c) => c.method === method).map((c) => c.request);
}
