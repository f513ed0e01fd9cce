/**
 * "Register with AWS for me" (issue 12), as core offers it: discovery, setup, the CRL and the trust anchor
 * kept in step, templates. Each command opens the operator's account once (credentials resolved, clients
 * built) and makes its calls through it.
 */
import { AnchorageError } from '../../../shared/errors';
import { DEFAULT_SESSION_DURATION } from '../../../shared/domain/limits';
import {
  DiscoverInputSchema,
  CaTrustAnchorInputSchema,
  TemplateInputSchema,
  type OperatorSource,
} from '../../../shared/schemas/registration';
import type {
  CoreApi,
  DiscoverInput,
  Discovery,
  OperatorSources,
  PushCrlInput,
  PushCrlResult,
  SetupInput,
  SetupResult,
  SetupStep,
  TemplateInput,
  UpdateAnchorInput,
  UpdateAnchorResult,
} from '../api';
import type { StaticCredentials } from '../static-credentials';
import { AwsAccount } from './aws-account';
import { configuredRegion, operatorRegion } from './aws-config';
import { discover } from './discover';
import { parseInput } from './input';
import { pushCrl, updateAnchor } from './keep-in-step';
import { sharedFiles } from './operator';
import { defaultProfileName, defaultTrustAnchorName } from './resource-names';
import { requireCa } from './require-ca';
import { runSetup } from './setup';

export interface RegistrationDeps {
  core: CoreApi;
  statics: StaticCredentials;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  timeoutMs?: number | undefined;
}

export class RegistrationService {
  constructor(private readonly deps: RegistrationDeps) {}

  private async open(source: OperatorSource, region: string | undefined): Promise<AwsAccount> {
    const resolved = await operatorRegion(region, source, this.deps.env);
    return AwsAccount.open({
      source,
      region: resolved,
      env: this.deps.env,
      statics: this.deps.statics,
      ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
    });
  }

  async sources(): Promise<OperatorSources> {
    const { env } = this.deps;
    const { loadSharedConfigFiles } = await import('@smithy/core/config');
    const files = await loadSharedConfigFiles({ ...sharedFiles(env), ignoreCache: true });
    // Sub-sections (`services.x`, `sso-session.x`) are not profiles.
    const names = [...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)].filter(
      (n) => !n.includes('.'),
    );
    const statics = await this.deps.statics.list();
    const defaultRegion = await configuredRegion({ kind: 'aws-profile' }, env);
    return {
      awsProfiles: [...new Set(names)].sort(),
      statics: statics.map((s) => s.name),
      environment: Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE),
      ...(defaultRegion ? { defaultRegion } : {}),
    };
  }

  async discover(raw: DiscoverInput): Promise<Discovery> {
    const input = parseInput(DiscoverInputSchema, raw);
    return discover(this.deps.core, await this.open(input.operator, input.region));
  }

  setup(input: SetupInput, options: { onStep?: (steps: SetupStep[]) => void } = {}): Promise<SetupResult> {
    return runSetup(
      {
        core: this.deps.core,
        region: (region, source) => operatorRegion(region, source, this.deps.env),
        openAccount: (source, region) => this.open(source, region),
      },
      input,
      options.onStep,
    );
  }

  async pushCrl(raw: PushCrlInput): Promise<PushCrlResult> {
    const input = parseInput(CaTrustAnchorInputSchema, raw);
    return pushCrl(this.deps.core, await this.open(input.operator, input.region), input);
  }

  async updateAnchor(raw: UpdateAnchorInput): Promise<UpdateAnchorResult> {
    const input = parseInput(CaTrustAnchorInputSchema, raw);
    return updateAnchor(
      this.deps.core,
      await this.open(input.operator, input.region),
      input,
      this.deps.now(),
    );
  }

  async template(raw: TemplateInput): Promise<string> {
    const input = parseInput(TemplateInputSchema, raw);
    const { core } = this.deps;
    const ca = requireCa(await core.getCertificate(input.ca));
    if (input.conditions.includes('cn') && !input.certificate) {
      throw new AnchorageError(
        'INVALID_INPUT',
        'The CN condition needs the client certificate whose CN the role admits.',
        'Name the client certificate too.',
        { facts: { field: 'certificate', reason: 'required' } },
      );
    }
    const client = input.certificate ? await core.getCertificate(input.certificate) : undefined;
    const { renderTemplate } = await import('./template');
    return renderTemplate({
      format: input.format,
      caName: ca.name,
      caPem: await core.certificatePem(ca.id),
      ...(client && input.conditions.includes('cn') ? { commonName: client.commonName } : {}),
      roleName: input.roleName,
      policyArns: input.policyArns,
      trustAnchorName: input.trustAnchorName ?? defaultTrustAnchorName(ca.name),
      profileName: input.profileName ?? defaultProfileName(input.roleName),
      durationSeconds: input.durationSeconds ?? DEFAULT_SESSION_DURATION,
      conditions: input.conditions,
    });
  }
}
