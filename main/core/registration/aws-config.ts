/**
 * Region and endpoints for the registration calls, resolved as the AWS SDKs document it (AWS SDKs and Tools
 * reference guide, "Service-specific endpoints" and "AWS Region"), from this core's environment and the
 * operator's `~/.aws` profile:
 *
 * - endpoint: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the profile's `services` section
 *   (`<service> = endpoint_url = …`), then its `endpoint_url`; none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`
 *   is true. Resolved here for both clients, because the only Roles Anywhere client in the registry (3.332)
 *   predates configured endpoints: one rule, the SDK's, for both services.
 * - region: the input, then `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`.
 */
import { AnchorageError } from '../../../shared/errors';
import { isWellFormedRegion } from '../../../shared/domain/regions';
import type { OperatorSource } from '../../../shared/schemas/registration';
import { profileOf, sharedFiles } from './operator';

/** The services' ids as the endpoint settings spell them (the SDKs' `serviceId`, upper/lower case). */
export type ServiceKey = 'ROLESANYWHERE' | 'IAM';

type Section = Record<string, string | undefined>;

interface SharedConfig {
  profile: Section;
  services: Section | undefined;
}

/** The operator's profile section (config file, then credentials file) and its `services` section. */
async function sharedConfig(source: OperatorSource, env: NodeJS.ProcessEnv): Promise<SharedConfig> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const files = await loadSharedConfigFiles({ ...sharedFiles(env), ignoreCache: true });
  const name = profileOf(source, env);
  const profile: Section = { ...files.credentialsFile[name], ...files.configFile[name] };
  const servicesName = profile.services;
  const services = servicesName ? files.configFile[`services.${servicesName}`] : undefined;
  return { profile, services };
}

/** The configured endpoint URL of a service, or undefined for the SDK's default endpoint. */
export async function configuredEndpoint(
  service: ServiceKey,
  source: OperatorSource,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  const fromEnv = env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const config = await sharedConfig(source, env);
  if (config.profile.ignore_configured_endpoint_urls?.toLowerCase() === 'true') return undefined;
  // loadSharedConfigFiles flattens a sub-section into `<key>.<subkey>` keys.
  return config.services?.[`${service.toLowerCase()}.endpoint_url`] ?? config.profile.endpoint_url;
}

/** The region of the calls: the input, else the SDK's configuration; REGION_MISMATCH-free, just required. */
export async function operatorRegion(
  input: string | undefined,
  source: OperatorSource,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const region =
    input ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (await sharedConfig(source, env)).profile.region;
  if (!region) {
    throw new AnchorageError(
      'INVALID_INPUT',
      'No region: none was given, and the AWS configuration sets none.',
      'Choose the region of the trust anchor (the one your workloads will get credentials in).',
      { facts: { field: 'region', reason: 'missing' } },
    );
  }
  if (!isWellFormedRegion(region)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${region}" is not an AWS region name.`,
      'Use a name such as eu-west-1.',
      {
        facts: { field: 'region', reason: 'malformed' },
      },
    );
  }
  return region;
}

/** The default region the configuration gives (for the app's picker), or undefined. */
export async function configuredRegion(
  source: OperatorSource,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  return env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (await sharedConfig(source, env)).profile.region;
}
