/**
 * Representative facts: every shape core attaches to an AnchorageError (issue 8), plus none at all. The edge
 * wording tests (test/unit/main/cli/error-words.test.ts, test/unit/renderer/error-words.test.tsx) walk every
 * code in ERROR_CODES through each of them.
 */
import type { ErrorFacts, ErrorInfo } from '../../../shared/errors';

/** An error as core would pass it, with a neutral message and hint, for the edges to word. */
export function sampleError(code: ErrorInfo['code'], facts?: ErrorFacts): ErrorInfo {
  return { code, message: 'Something is wrong.', hint: 'Do the neutral thing.', ...(facts ? { facts } : {}) };
}

export const REPRESENTATIVE_FACTS: ReadonlyArray<ErrorFacts | undefined> = [
  undefined,
  {},
  { field: 'name', reason: 'required' },
  { field: 'name', reason: 'taken', name: 'prod-ca' },
  { reason: 'duplicate', name: 'prod-ca', id: 'c0ffee' },
  { field: 'name', what: 'profile', name: 'bad name', maxLength: 64 },
  { field: 'cn', reason: 'required' },
  { field: 'certificate', reason: 'is-ca', name: 'prod-ca' },
  { field: 'endpoint', reason: 'not-a-url', endpoint: 'nope' },
  { field: 'endpoint', reason: 'not-https', endpoint: 'http://example.com' },
  { field: 'stsEndpoint', reason: 'not-https', endpoint: 'http://example.com' },
  // the IPC door's schema failures (issue 10)
  { field: 'region', reason: 'required', channel: 'profile.add' },
  { field: 'subject.commonName', reason: 'invalid', channel: 'cert.issue' },
  { field: 'request', reason: 'invalid', channel: 'cert.list' },
  { field: 'url', reason: 'not-allowed' },
  // registering with AWS (issue 12)
  { call: 'iam:CreateRole', awsCode: 'AccessDenied', status: 403 },
  { call: 'rolesanywhere:ListTrustAnchors', awsCode: 'ECONNREFUSED', endpoint: 'http://127.0.0.1:1' },
  { source: 'aws-profile', profile: 'default' },
  { source: 'static' },
  { role: 'anchorage-ci' },
  { ca: 'prod-ca', region: 'eu-west-1' },
  {
    ca: 'prod-ca',
    region: 'eu-west-1',
    trustAnchor: 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/x',
  },
  { field: 'trustAnchorArn', reason: 'ambiguous', count: 2 },
  { field: 'certificate', reason: 'not-issued-by-ca', name: 'ci', ca: 'prod-ca' },
  { field: 'saveProfile', name: 'ci' },
  { field: 'roleName', reason: 'invalid' },
  // serving credentials (issue 11)
  { variables: 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY' },
  { port: 9911, errno: 'EADDRINUSE' },
  { field: 'port', reason: 'invalid' },
  { field: 'profile', reason: 'required' },
  { field: 'endpoint', endpoint: 'https://rolesanywhere.eu-west-1.amazonaws.com' },
  { field: 'durationSeconds', min: 900, max: 43200, got: '60' },
  { field: 'sessionName' },
  { field: 'accessKeyId' },
  { field: 'clipboardClearSeconds', min: 5, max: 600, got: '1' },
  { field: 'refreshMarginSeconds', min: 60, max: 3600, got: '1' },
  { field: 'days', reason: 'not-whole', min: 1, got: '0' },
  { field: 'days', reason: 'past-last-date', max: 2_900_000, got: 3_000_000 },
  { field: 'days', days: 400, maxDays: 29, issuer: 'CN=ca', issuerNotAfter: '2027-01-01T00:00:00.000Z' },
  { field: 'days', days: 400, maxDays: 0, issuer: 'CN=ca', issuerNotAfter: '2027-01-01T00:00:00.000Z' },
  { field: 'password', reason: 'required' },
  { field: 'password', reason: 'too-short', min: 8, length: 3 },
  { field: 'password', reason: 'not-ascii', position: 4 },
  { field: 'password', what: 'pfx' },
  { field: 'password', what: 'key' },
  { what: 'profile', name: 'dev' },
  { what: 'static', name: 'demo' },
  { what: 'static-secret', name: 'demo' },
  { what: 'ca', name: 'no-such-ca', reason: 'missing' },
  { what: 'ca', name: 'leaf', reason: 'wrong-kind' },
  { what: 'client', name: 'prod-ca', reason: 'wrong-kind' },
  { what: 'certificate', name: 'x', reason: 'missing' },
  { what: 'certificate', reason: 'gone', id: 'c0ffee' },
  { what: 'vault-record', id: 'key.c0ffee' },
  { name: 'agent7', revokedAt: '2026-01-01T00:00:00.000Z', profile: 'dev' },
  { subject: 'CN=agent7' },
  { path: '/tmp/out.pem' },
  { endpoint: 'https://rolesanywhere.us-east-1.amazonaws.com' },
  { errno: 'ENOSPC', action: 'write', path: '/tmp/out.pem' },
  // vault management (issue 9)
  { field: 'vaultPassphrase', reason: 'too-short', min: 12, length: 5 },
  { field: 'backupPassphrase', reason: 'too-short', min: 12, length: 5 },
  { field: 'backupPassphrase', path: '/tmp/vault-key.backup' },
  { reason: 'other-store', kind: 'passphrase-file', asked: 'keychain' },
  { reason: 'other-store', kind: 'keychain', asked: 'passphrase-file' },
  { reason: 'key-mismatch', failed: 1, records: 2 },
  { reason: 'other-key', what: 'vault-key', kind: 'keychain' },
  { field: 'vaultKind', reason: 'same-store', kind: 'keychain' },
  { field: 'vaultKind', reason: 'no-passphrase', kind: 'keychain' },
  { what: 'passphrase-file', path: '/tmp/secrets.json' },
  // issue 9: lifecycle verbs and the one name rule
  { field: 'name', reason: 'too-long', maxLength: 64, length: 300 },
  { field: 'name', reason: 'control-character', position: 3 },
  { field: 'name', reason: 'id-shaped', name: 'ca-0123456789ab' },
  { field: 'cn', reason: 'too-long', maxLength: 64, length: 65 },
  { reason: 'profiles', name: 'agent7', profiles: 'dev, prod' },
  { reason: 'unrevoked', name: 'prod-ca', certificates: 'agent7, agent8', count: 2 },
  { reason: 'ca-private-key', name: 'prod-ca', format: 'pfx' },
  { reason: 'no-issuer', name: 'imported' },
  { reason: 'ski-changes', subject: 'CN=imported CA' },
  // issue 9: profile add without --replace, configure-aws and its --remove
  { what: 'profile', reason: 'taken', name: 'dev' },
  {
    reason: 'overriding-keys',
    path: '/home/u/.aws/config',
    section: 'profile dev',
    keys: 'role_arn, source_profile',
  },
  { reason: 'not-anchorage', path: '/home/u/.aws/config', section: 'profile dev' },
  { what: 'aws-profile', name: 'dev', path: '/home/u/.aws/config' },
];

/** A CLI flag, or `anchorage <command>`: words that belong to the CLI only. */
export const CLI_WORDS = /--[a-z]|\banchorage [a-z]/;
