import { quoteSh } from '../../../shared/credentials';

/**
 * The environment variables that point the AWS CLI and SDKs at credentials (AWS SDKs and Tools reference guide,
 * "Container credential provider", "IMDS credential provider", "Environment variables"), for the lines a user
 * pastes and for the environment `exec` builds.
 */

/** Variables that carry credentials or point an SDK at them: an `exec` inside another must not mix them. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
] as const;

/**
 * What goes with them and is removed with them: the expiry of old keys, the web-identity role, and the profile
 * selectors, since a named profile with its own credentials comes before the container provider in the SDKs'
 * chain (aws-vault removes the same).
 */
const COMPANION_VARIABLES = [
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
] as const;

/** Set in the environment of every command `exec` runs, naming the profile: a nested `exec` is noticed. */
export const EXEC_MARKER = 'ANCHORAGE_EXEC';

/** Where a served profile is: its container-credentials URL and its token file. */
export interface ProfileEndpoint {
  profile: string;
  url: string;
  tokenFile: string;
}

/** The container-credentials variables of a served profile (the file form; see `exec` for the token form). */
export function containerVariables(endpoint: ProfileEndpoint): Record<string, string> {
  return {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url,
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: endpoint.tokenFile,
  };
}

/**
 * The shell lines that point a POSIX shell's AWS tools at a served profile: clear what would come before the
 * container provider in the SDKs' chain, set the container variables, and (for the AWS CLI before 2.14 and SDKs
 * from before late 2023, which read only the token itself) the token from its file, never the token in the text.
 */
export function pasteLines(endpoint: ProfileEndpoint): string[] {
  return [
    'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_PROFILE',
    ...Object.entries(containerVariables(endpoint)).map(
      ([name, value]) => `export ${name}=${quoteSh(value)}`,
    ),
    `export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(cat ${quoteSh(endpoint.tokenFile)})"`,
  ];
}

/** The variable botocore and the JS SDK read for a custom instance-metadata endpoint. */
export function imdsVariables(url: string): Record<string, string> {
  return { AWS_EC2_METADATA_SERVICE_ENDPOINT: url };
}

/** The credential variables present (non-empty) in `env`, and the marker of an enclosing `exec`. */
export function credentialsInEnvironment(env: NodeJS.ProcessEnv): string[] {
  return [...CREDENTIAL_VARIABLES, EXEC_MARKER].filter((name) => (env[name] ?? '') !== '');
}

/** `env` without any credential, companion or marker variable. */
export function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of [...CREDENTIAL_VARIABLES, ...COMPANION_VARIABLES, EXEC_MARKER]) delete out[name];
  return out;
}
