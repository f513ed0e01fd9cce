/**
 * The operator: whose AWS credentials the registration calls use, in which region, against which endpoints
 * (issue 12 §1). Credentials come from the AWS SDK's default provider chain (env, `~/.aws` profiles with SSO
 * and credential_process) or a static set from the vault; they are resolved once per command, held in memory
 * for its calls, and never stored.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AnchorageError } from '../../../shared/errors';
import type { OperatorSource } from '../../../shared/schemas/registration';
import type { StaticCredentials } from '../static-credentials';

/** What the SDK clients need: the credentials as an AWS SDK identity. */
export interface OperatorIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** The shared config and credentials files, as the SDKs find them (AWS SDKs and Tools reference guide). */
export function sharedFiles(env: NodeJS.ProcessEnv): { configFilepath: string; filepath: string } {
  const home = env.HOME ?? homedir();
  return {
    configFilepath: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    filepath: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

/** The `~/.aws` profile the SDK uses for a source: the chosen one, else AWS_PROFILE, else `default`. */
export function profileOf(source: OperatorSource, env: NodeJS.ProcessEnv): string {
  return (source.kind === 'aws-profile' ? source.profile : undefined) ?? env.AWS_PROFILE ?? 'default';
}

const SOURCE_HINT =
  'Sign in with the AWS CLI (aws configure, or aws sso login for an SSO profile), choose another AWS profile, ' +
  'or use a static credential set stored in Anchorage.';

/** Resolve the operator's credentials, once; an SDK provider failure becomes AWS_OPERATOR_CREDENTIALS. */
export async function operatorCredentials(
  source: OperatorSource,
  env: NodeJS.ProcessEnv,
  statics: StaticCredentials,
): Promise<OperatorIdentity> {
  if (source.kind === 'static') {
    const { entry, secretAccessKey } = await statics.get(source.name);
    return { accessKeyId: entry.accessKeyId, secretAccessKey };
  }
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const profile = profileOf(source, env);
  try {
    // The chain reads the environment itself; the files are this core's (its env option). A profile is passed
    // only when chosen: the SDK then skips AWS_ACCESS_KEY_ID, as the AWS CLI does with --profile.
    const chosen = source.kind === 'aws-profile' && source.profile ? { profile: source.profile } : {};
    return await fromNodeProviderChain({ ...chosen, ...sharedFiles(env) })();
  } catch (error) {
    // The SDK's message names the providers it tried and never a secret.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AnchorageError(
      'AWS_OPERATOR_CREDENTIALS',
      `No AWS credentials for the AWS profile "${profile}": ${detail}`,
      SOURCE_HINT,
      { cause: error, facts: { source: source.kind, profile } },
    );
  }
}
