import type { IncomingHttpHeaders } from 'node:http';
import { refusal, textAnswer } from './answers';
import type { Answer } from './answers';
import type { ImdsTokens } from './tokens';

const IMDS_TOKEN_PATH = '/latest/api/token';
const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
/** EC2's bounds for a session token's lifetime (IMDSv2 user guide). */
const TTL_MAX_SECONDS = 21_600;

/**
 * An IMDSv2-compatible endpoint for one profile (EC2 user guide, "Use the Instance Metadata Service"; botocore's
 * InstanceMetadataFetcher): PUT /latest/api/token with the TTL header, then GET
 * /latest/meta-data/iam/security-credentials/ (the profile's name) and …/NAME (the credentials document),
 * each with the token. IMDSv1 (no token) is refused, as on an instance that requires IMDSv2, and so is a PUT
 * that carries X-Forwarded-For, EC2's defence against requests relayed by a proxy.
 */
export class ImdsEndpoint {
  constructor(
    private readonly profile: string,
    private readonly tokens: ImdsTokens,
    private readonly credentials: () => Promise<Answer>,
  ) {}

  async answer(method: string, path: string, headers: IncomingHttpHeaders): Promise<Answer> {
    if (path === IMDS_TOKEN_PATH) return this.token(method, headers);
    if (method !== 'GET') {
      return refusal(405, 'method', 'MethodNotAllowed', 'Only GET reads instance metadata.', {
        Allow: 'GET',
      });
    }
    if (!this.tokens.valid(one(headers[TOKEN_HEADER]))) {
      return refusal(
        401,
        'imds-token',
        'Unauthorized',
        'A valid X-aws-ec2-metadata-token is required (IMDSv2: PUT /latest/api/token first).',
      );
    }
    if (path === CREDENTIALS_PATH || path === `${CREDENTIALS_PATH}/`) return textAnswer(this.profile);
    if (path === `${CREDENTIALS_PATH}/${this.profile}`) return this.credentials();
    return refusal(404, 'not-found', 'NotFound', 'This endpoint serves only iam/security-credentials.');
  }

  private token(method: string, headers: IncomingHttpHeaders): Answer {
    if (method !== 'PUT') {
      return refusal(405, 'method', 'MethodNotAllowed', 'A metadata token is requested with PUT.', {
        Allow: 'PUT',
      });
    }
    if (headers['x-forwarded-for'] !== undefined) {
      return refusal(
        403,
        'forwarded',
        'Forbidden',
        'A token request through a proxy (X-Forwarded-For) is refused.',
      );
    }
    const raw = one(headers[TTL_HEADER]);
    const ttl = Number(raw);
    if (raw === undefined || !/^\d+$/.test(raw) || ttl < 1 || ttl > TTL_MAX_SECONDS) {
      return refusal(
        400,
        'imds-ttl',
        'BadRequest',
        `${TTL_HEADER} must be a whole number of seconds from 1 to ${TTL_MAX_SECONDS}.`,
      );
    }
    return textAnswer(this.tokens.issue(ttl), { [TTL_HEADER]: String(ttl) });
  }
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
