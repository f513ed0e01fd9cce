/**
 * The trust-policy decision CreateSession applies to IAM-held roles, case by case, against the rules of the
 * IAM JSON policy reference ("Condition operators", "Policy evaluation logic"): an explicit Deny wins,
 * every required action needs an Allow, wildcards in StringLike/ArnLike, negated operators and IfExists on
 * absent keys, and the certificate's attributes as aws:PrincipalTag/x509… keys. Plus what IAM refuses as
 * MalformedPolicyDocument.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseTrustPolicy } from './control-plane/policy-document';
import {
  checkRolesAnywhereTrust,
  rolesAnywhereContext,
  type RequestContext,
} from './control-plane/trust-policy-check';
import { Rejection } from './rejection';
import { createCa, issueLeaf } from './test-pki';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const TA = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0c1a7a4e-6d1b-4a7e-9a3e-0e4b5d6c7f80';
const ALL = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

function ctx(cn: string, sourceArn = TA): RequestContext {
  return new Map([
    ['aws:principaltag/x509subject/cn', cn],
    ['aws:principaltag/x509issuer/cn', 'Test CA'],
    ['aws:sourcearn', sourceArn],
    ['aws:sourceaccount', '123456789012'],
  ]);
}

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const allow = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: 'Allow',
  Principal: { Service: 'rolesanywhere.amazonaws.com' },
  Action: ALL,
  ...extra,
});

/** The AccessDenied message, or undefined when the policy allows. */
function decision(doc: string, c: RequestContext): string | undefined {
  try {
    checkRolesAnywhereTrust(ROLE, doc, c);
    return undefined;
  } catch (e) {
    if (e instanceof Rejection && e.status === 403 && e.errorType === 'AccessDeniedException')
      return e.message;
    throw e;
  }
}

describe('the trust policy decision', () => {
  it('allows with a wildcard action and a StringLike CN, and refuses what the pattern excludes', () => {
    const doc = policy(
      allow({ Action: 'sts:*', Condition: { StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'svc-*' } } }),
    );
    expect(decision(doc, ctx('svc-build'))).toBeUndefined();
    expect(decision(doc, ctx('user-build'))).toMatch(/StringLike aws:PrincipalTag\/x509Subject\/CN/);
  });

  it('compares condition key names case-insensitively and values case-sensitively', () => {
    const doc = policy(
      allow({ Condition: { StringEquals: { 'AWS:PRINCIPALTAG/X509SUBJECT/CN': 'Alice' } } }),
    );
    expect(decision(doc, ctx('Alice'))).toBeUndefined();
    expect(decision(doc, ctx('alice'))).toBeDefined();
    const ci = policy(
      allow({ Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/x509Subject/CN': 'Alice' } } }),
    );
    expect(decision(ci, ctx('alice'))).toBeUndefined();
  });

  it('matches aws:SourceArn with ArnLike per ARN part', () => {
    const doc = policy(
      allow({
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:rolesanywhere:*:123456789012:trust-anchor/*' } },
      }),
    );
    expect(decision(doc, ctx('a'))).toBeUndefined();
    expect(decision(doc, ctx('a', TA.replace('123456789012', '999999999999')))).toMatch(/aws:SourceArn/);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const doc = policy(allow(), {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'mallory' } },
    });
    expect(decision(doc, ctx('alice'))).toBeUndefined();
    expect(decision(doc, ctx('mallory'))).toMatch(/explicitly denies .* sts:AssumeRole/);
  });

  it('needs every action Roles Anywhere asks for, however they are split across statements', () => {
    const split = policy(
      allow({ Action: 'sts:AssumeRole' }),
      allow({ Action: ['sts:TagSession', 'sts:SetSourceIdentity'] }),
    );
    expect(decision(split, ctx('a'))).toBeUndefined();
    expect(decision(policy(allow({ Action: ['sts:AssumeRole', 'sts:TagSession'] })), ctx('a'))).toMatch(
      /sts:SetSourceIdentity/,
    );
    expect(decision(policy(allow({ Action: undefined, NotAction: 'sts:TagSession' })), ctx('a'))).toMatch(
      /NotAction excludes sts:TagSession/,
    );
  });

  it('treats absent keys as IAM does: negated operators and IfExists hold, plain ones fail, Null tells', () => {
    const absent = 'aws:PrincipalTag/x509SAN/DNS';
    expect(
      decision(policy(allow({ Condition: { StringNotEquals: { [absent]: 'x' } } })), ctx('a')),
    ).toBeUndefined();
    expect(
      decision(policy(allow({ Condition: { StringEqualsIfExists: { [absent]: 'x' } } })), ctx('a')),
    ).toBeUndefined();
    expect(decision(policy(allow({ Condition: { StringEquals: { [absent]: 'x' } } })), ctx('a'))).toMatch(
      /no such key/,
    );
    expect(decision(policy(allow({ Condition: { Null: { [absent]: 'true' } } })), ctx('a'))).toBeUndefined();
    expect(decision(policy(allow({ Condition: { Null: { 'aws:SourceArn': 'true' } } })), ctx('a'))).toMatch(
      /present/,
    );
  });

  it('refuses a principal that is not Roles Anywhere, and admits "*"', () => {
    expect(decision(policy(allow({ Principal: { Service: 'ec2.amazonaws.com' } })), ctx('a'))).toMatch(
      /Principal does not name/,
    );
    expect(decision(policy(allow({ Principal: '*' })), ctx('a'))).toBeUndefined();
  });

  it('says so, as an emulator limitation, when a condition uses a key it does not model', () => {
    expect(() =>
      decision(
        policy(allow({ Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })),
        ctx('a'),
      ),
    ).toThrow(/Emulator limitation: the condition key aws:CurrentTime/);
  });

  it('reads the certificate into principal tags and the trust anchor into aws:SourceArn', async () => {
    const ca = await createCa('Context CA');
    const leaf = await issueLeaf(ca, { cn: 'build-agent' });
    const c = rolesAnywhereContext(new X509Certificate(leaf.pem), TA);
    expect(c.get('aws:principaltag/x509subject/cn')).toBe('build-agent');
    expect(c.get('aws:principaltag/x509issuer/cn')).toBe('Context CA');
    expect(c.get('aws:sourcearn')).toBe(TA);
    expect(c.get('aws:sourceaccount')).toBe('123456789012');
  });
});

describe('trust policies IAM refuses', () => {
  const refused = (doc: string): string => {
    try {
      parseTrustPolicy(doc);
    } catch (e) {
      if (e instanceof Rejection && e.errorType === 'MalformedPolicyDocument' && e.status === 400)
        return e.message;
      throw e;
    }
    throw new Error('expected MalformedPolicyDocument');
  };

  it('names what is wrong', () => {
    expect(refused('not json')).toBe('This policy contains invalid Json');
    expect(refused(policy({ ...allow(), Resource: '*' }))).toBe('Has prohibited field Resource');
    expect(refused(policy({ ...allow(), Effect: undefined }))).toBe('Missing required field Effect');
    expect(refused(policy({ ...allow(), Principal: undefined }))).toBe('Missing required field Principal');
    expect(refused(policy({ ...allow(), Action: 'AssumeRole' }))).toMatch(/prefaced by a vendor/);
    expect(refused(policy({ ...allow(), Condition: { StringEqualz: { k: 'v' } } }))).toMatch(
      /Invalid Condition type : StringEqualz/,
    );
    expect(refused(JSON.stringify({ Version: '2020-01-01', Statement: [allow()] }))).toBe(
      'The policy failed legacy parsing',
    );
  });
});
