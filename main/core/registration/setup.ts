/**
 * `aws setup` (issue 12 §3): the trust anchor, the role and its policies, the Roles Anywhere profile, the
 * Anchorage profile and a test, each created only when it does not exist already. Idempotent by finding
 * before creating: a second run creates nothing, and a run after a failure continues from the failed step.
 * A dry run resolves nothing remote and calls nothing; it lists every call a run may make and the policy
 * the operator needs for them.
 */
import { AnchorageError, toErrorInfo } from '../../../shared/errors';
import { DEFAULT_SESSION_DURATION } from '../../../shared/domain/limits';
import { SETUP_STEP_IDS, type SetupStepId } from '../../../shared/domain/registration';
import { buildTrustPolicy } from '../../../shared/domain/trust-policy';
import { SetupInputSchema } from '../../../shared/schemas/registration';
import type { CertificateSummary } from '../../../shared/schemas/models';
import type { CoreApi, SetupInput, SetupResult, SetupStep } from '../api';
import type { AwsAccount } from './aws-account';
import { bundleCertificates, bundleHolds, describeCertificate } from './bundle';
import { parseInput } from './input';
import { setupOperatorPolicy } from './operator-policy';
import { samePolicy } from './policy-equality';
import { requireCa } from './require-ca';
import { defaultProfileName, defaultSavedProfileName, defaultTrustAnchorName } from './resource-names';

type Input = ReturnType<typeof SetupInputSchema.parse>;

export interface SetupDeps {
  core: CoreApi;
  region: (input: string | undefined, source: Input['operator']) => Promise<string>;
  openAccount: (source: Input['operator'], region: string) => Promise<AwsAccount>;
}

/** The calls each step may make, for the dry run (a real run lists those it made). */
function plannedCalls(id: SetupStepId, input: Input): string[] {
  switch (id) {
    case 'trust-anchor':
      return ['rolesanywhere:ListTrustAnchors', 'rolesanywhere:CreateTrustAnchor'];
    case 'role':
      return ['iam:GetRole', 'iam:CreateRole', ...(input.updateTrust ? ['iam:UpdateAssumeRolePolicy'] : [])];
    case 'role-policies':
      return ['iam:ListAttachedRolePolicies', 'iam:AttachRolePolicy'];
    case 'profile':
      return ['rolesanywhere:ListProfiles', 'rolesanywhere:CreateProfile'];
    case 'save-profile':
      return [];
    case 'test':
      return ['rolesanywhere:CreateSession', 'sts:GetCallerIdentity'];
  }
}

/** The CA and the client certificate it issued, both usable: checked before anything is called. */
async function checkedCertificates(
  core: CoreApi,
  input: Input,
): Promise<{ ca: CertificateSummary; client: CertificateSummary }> {
  const [ca, client] = await Promise.all([
    core.getCertificate(input.ca).then(requireCa),
    core.getCertificate(input.certificate),
  ]);
  if (client.kind !== 'client' || client.issuerId !== ca.id) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${client.name}" is not a client certificate issued by the CA "${ca.name}", so that trust anchor would not trust it.`,
      `Choose a client certificate the CA "${ca.name}" issued, or issue one.`,
      { facts: { field: 'certificate', reason: 'not-issued-by-ca', name: client.name, ca: ca.name } },
    );
  }
  for (const cert of [ca, client]) {
    if (cert.status === 'revoked' || cert.status === 'expired' || cert.status === 'not-yet-valid') {
      throw new AnchorageError(
        cert.status === 'revoked'
          ? 'REVOKED'
          : cert.status === 'expired'
            ? 'CERT_EXPIRED'
            : 'CERT_NOT_YET_VALID',
        `"${cert.name}" is ${cert.status.replace(/-/g, ' ')}, so Roles Anywhere would refuse its sessions.`,
        cert.kind === 'ca' ? 'Renew the CA, or choose another.' : 'Renew the certificate, or choose another.',
        { facts: { field: cert.kind === 'ca' ? 'ca' : 'certificate', name: cert.name, status: cert.status } },
      );
    }
  }
  return { ca, client };
}

/** Runs the steps in order; the first failure stops the run, and the steps after it are `not-run`. */
export async function runSetup(
  deps: SetupDeps,
  rawInput: SetupInput,
  onStep?: (steps: SetupStep[]) => void,
): Promise<SetupResult> {
  const input = parseInput(SetupInputSchema, rawInput);
  const { core } = deps;
  const { ca, client } = await checkedCertificates(core, input);
  const region = await deps.region(input.region, input.operator);
  const operatorPolicy = setupOperatorPolicy({
    region,
    roleName: input.roleName,
    attachPolicies: input.policyArns.length > 0,
    updateTrust: input.updateTrust,
  });
  const ids = SETUP_STEP_IDS.filter((id) => id !== 'role-policies' || input.policyArns.length > 0);
  const steps: SetupStep[] = ids.map((id) => ({ id, status: 'planned', calls: plannedCalls(id, input) }));
  const result = (complete: boolean, extra: Partial<SetupResult> = {}): SetupResult => ({
    dryRun: input.dryRun,
    region,
    complete,
    steps: steps.map((s) => ({ ...s })),
    operatorPolicy,
    ...extra,
  });
  if (input.dryRun) return result(false);

  const trustAnchorName = input.trustAnchorName ?? defaultTrustAnchorName(ca.name);
  const profileName = input.profileName ?? defaultProfileName(input.roleName);
  const savedName = input.saveProfile ?? defaultSavedProfileName(input.roleName);
  const durationSeconds = input.durationSeconds ?? DEFAULT_SESSION_DURATION;
  const caPem = await core.certificatePem(ca.id);
  const caCert = describeCertificate(caPem);
  const account = await deps.openAccount(input.operator, region);
  const notify = () => onStep?.(steps.map((s) => ({ ...s })));

  let trustAnchorArn = '';
  let roleArn = '';
  let profileArn = '';
  let identity: SetupResult['identity'];

  /** Each step's own work: it sets its fields and returns its status. */
  const work: Record<SetupStepId, (step: SetupStep) => Promise<SetupStep['status']>> = {
    async 'trust-anchor'(step) {
      const anchors = await account.listTrustAnchors();
      const holding = anchors.filter(
        (a) => bundleHolds(bundleCertificates(a.bundlePem), caCert) === 'current',
      );
      const found = holding.find((a) => a.enabled) ?? holding[0];
      if (found) {
        Object.assign(step, { name: found.name, arn: found.arn });
        trustAnchorArn = found.arn;
        if (found.enabled) return 'reused';
        await account.enableTrustAnchor(found.id);
        return 'updated';
      }
      const created = await account.createTrustAnchor(trustAnchorName, caPem);
      Object.assign(step, { name: created.name, arn: created.arn });
      trustAnchorArn = created.arn;
      return 'created';
    },
    async role(step) {
      const wanted = buildTrustPolicy({
        ...(input.conditions.includes('cn') ? { commonName: client.commonName } : {}),
        ...(input.conditions.includes('source-arn') ? { trustAnchorArn } : {}),
      });
      step.name = input.roleName;
      const existing = await account.getRole(input.roleName);
      if (!existing) {
        roleArn = (await account.createRole(input.roleName, wanted)).arn;
        step.arn = roleArn;
        return 'created';
      }
      roleArn = existing.arn;
      step.arn = roleArn;
      if (samePolicy(existing.trustPolicy, wanted)) return 'reused';
      if (!input.updateTrust) {
        step.trustPolicyDiff = {
          current: JSON.stringify(existing.trustPolicy ?? null, null, 2),
          wanted: JSON.stringify(wanted, null, 2),
        };
        throw new AnchorageError(
          'AWS_TRUST_POLICY_DIFFERS',
          `The role "${input.roleName}" exists with a different trust policy.`,
          'Replace its trust policy (this changes who may assume the role), or choose another role name.',
          { facts: { role: input.roleName } },
        );
      }
      await account.updateAssumeRolePolicy(input.roleName, wanted);
      return 'updated';
    },
    async 'role-policies'(step) {
      step.name = input.roleName;
      const attached = new Set(await account.listAttachedRolePolicies(input.roleName));
      const missing = input.policyArns.filter((arn) => !attached.has(arn));
      for (const arn of missing) await account.attachRolePolicy(input.roleName, arn);
      step.attached = missing;
      return missing.length > 0 ? 'updated' : 'reused';
    },
    async profile(step) {
      const listing = (await account.listProfiles()).filter((p) => p.roleArns.includes(roleArn));
      const found =
        listing.find((p) => p.enabled && p.name === profileName) ?? listing.find((p) => p.enabled);
      if (found) {
        Object.assign(step, { name: found.name, arn: found.arn });
        profileArn = found.arn;
        return 'reused';
      }
      const created = await account.createProfile(profileName, roleArn, durationSeconds);
      Object.assign(step, { name: created.name, arn: created.arn });
      profileArn = created.arn;
      return 'created';
    },
    async 'save-profile'(step) {
      step.name = savedName;
      const wanted = {
        name: savedName,
        certificate: client.id,
        trustAnchorArn,
        profileArn,
        roleArn,
        region,
        durationSeconds,
        ...(input.endpoint ? { endpoint: input.endpoint } : {}),
      };
      const existing = (await core.listProfiles()).find(
        (p) => p.name.toLowerCase() === savedName.toLowerCase(),
      );
      if (existing) {
        const same =
          existing.certificateId === client.id &&
          existing.trustAnchorArn === trustAnchorArn &&
          existing.profileArn === profileArn &&
          existing.roleArn === roleArn &&
          existing.region === region &&
          existing.durationSeconds === durationSeconds &&
          existing.endpoint === input.endpoint;
        if (same) return 'reused';
        throw new AnchorageError(
          'ALREADY_EXISTS',
          `An Anchorage profile named "${existing.name}" exists with other settings.`,
          'Save under another name, or remove that profile first.',
          { facts: { field: 'saveProfile', name: existing.name } },
        );
      }
      await core.addProfile(wanted);
      return 'created';
    },
    async test() {
      await core.session(savedName, { noCache: true });
      identity = await core.whoami(savedName);
      return 'passed';
    },
  };

  for (const step of steps) {
    step.status = 'running';
    notify();
    const before = account.made.length;
    try {
      step.status = await work[step.id](step);
      if (step.id !== 'save-profile' && step.id !== 'test') step.calls = account.made.slice(before);
    } catch (error) {
      if (step.id !== 'save-profile' && step.id !== 'test') step.calls = account.made.slice(before);
      step.status = 'failed';
      step.error = toErrorInfo(error);
      for (const later of steps.slice(steps.indexOf(step) + 1)) later.status = 'not-run';
      notify();
      return result(false);
    }
    notify();
  }
  return result(true, { profile: savedName, ...(identity ? { identity } : {}) });
}
