// Issue 11 §2: which variables count as credentials already there (exec refuses to nest), and what is taken
// away with them.
import { describe, expect, it } from 'vitest';
import {
  containerVariables,
  credentialsInEnvironment,
  withoutCredentials,
} from '../../../../../main/core/serve/client-env';

describe('credential variables', () => {
  it('finds static keys, container and web-identity pointers, and an enclosing exec; not empty ones', () => {
    expect(credentialsInEnvironment({ PATH: '/bin', AWS_REGION: 'eu-west-1', AWS_PROFILE: 'dev' })).toEqual(
      [],
    );
    expect(credentialsInEnvironment({ AWS_ACCESS_KEY_ID: '' })).toEqual([]);
    expect(
      credentialsInEnvironment({
        AWS_SESSION_TOKEN: 't',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
        ANCHORAGE_EXEC: 'dev',
      }),
    ).toEqual([
      'AWS_SESSION_TOKEN',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'ANCHORAGE_EXEC',
    ]);
  });

  it('removes them with their companions and the profile selectors, and keeps the rest', () => {
    const env = withoutCredentials({
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_CREDENTIAL_EXPIRATION: 'then',
      AWS_ROLE_ARN: 'arn',
      AWS_PROFILE: 'other',
      AWS_DEFAULT_PROFILE: 'other',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t',
      ANCHORAGE_EXEC: 'outer',
      ANCHORAGE_HOME: '/data',
    });
    expect(env).toEqual({ PATH: '/bin', AWS_REGION: 'eu-west-1', ANCHORAGE_HOME: '/data' });
  });

  it('names a served profile with the full URI and the token file', () => {
    expect(
      containerVariables({
        profile: 'dev',
        url: 'http://127.0.0.1:9911/credentials/dev',
        tokenFile: '/d/dev.token',
      }),
    ).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9911/credentials/dev',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/d/dev.token',
    });
  });
});
