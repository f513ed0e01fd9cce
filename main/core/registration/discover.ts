/**
 * `aws discover` (issue 12 §2): what the operator's account has for Roles Anywhere in a region — the trust
 * anchors (and which of the user's CAs each holds), the profiles, and the roles that Roles Anywhere may
 * assume (their trust policies admit `rolesanywhere.amazonaws.com`).
 */
import type { CertificateSummary } from '../../../shared/schemas/models';
import type { CoreApi, Discovery } from '../api';
import type { AwsAccount } from './aws-account';
import { bundleCertificates, bundleHolds, describeCertificate } from './bundle';

const PRINCIPAL = 'rolesanywhere.amazonaws.com';

type Statement = {
  Effect?: string;
  Principal?: { Service?: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
};

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** The statements of a trust policy that allow Roles Anywhere. */
function rolesAnywhereStatements(policy: unknown): Statement[] {
  const raw = (policy as { Statement?: Statement | Statement[] } | undefined)?.Statement;
  const statements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return statements.filter((s) => s.Effect === 'Allow' && list(s.Principal?.Service).includes(PRINCIPAL));
}

/** The values a condition pins for one key, under any operator (StringEquals, ArnLike, …). */
function pinned(statements: Statement[], key: string): string[] {
  return statements.flatMap((s) =>
    Object.values(s.Condition ?? {}).flatMap((byKey) =>
      Object.entries(byKey)
        .filter(([k]) => k.toLowerCase() === key.toLowerCase())
        .flatMap(([, v]) => list(v)),
    ),
  );
}

export async function discover(core: CoreApi, account: AwsAccount): Promise<Discovery> {
  const [anchors, profiles, roles, certificates] = await Promise.all([
    account.listTrustAnchors(),
    account.listProfiles(),
    account.listRoles(),
    core.listCertificates(),
  ]);
  const cas = await Promise.all(
    certificates
      .filter((c): c is CertificateSummary => c.kind === 'ca')
      .map(async (ca) => ({ ca, cert: describeCertificate(await core.certificatePem(ca.id)) })),
  );
  return {
    region: account.region,
    trustAnchors: anchors.map((a) => {
      const bundle = bundleCertificates(a.bundlePem);
      return {
        arn: a.arn,
        name: a.name,
        enabled: a.enabled,
        sourceType: a.sourceType,
        matches: cas.flatMap(({ ca, cert }) => {
          const held = bundleHolds(bundle, cert);
          return held ? [{ id: ca.id, name: ca.name, current: held === 'current' }] : [];
        }),
      };
    }),
    profiles: profiles.map((p) => ({
      arn: p.arn,
      name: p.name,
      enabled: p.enabled,
      roleArns: p.roleArns,
      ...(p.durationSeconds !== undefined ? { durationSeconds: p.durationSeconds } : {}),
    })),
    roles: roles.flatMap((r) => {
      const statements = rolesAnywhereStatements(r.trustPolicy);
      if (statements.length === 0) return [];
      const [commonName] = pinned(statements, 'aws:PrincipalTag/x509Subject/CN');
      return [
        {
          arn: r.arn,
          name: r.name,
          ...(commonName !== undefined ? { commonName } : {}),
          trustAnchorArns: pinned(statements, 'aws:SourceArn'),
        },
      ];
    }),
  };
}
