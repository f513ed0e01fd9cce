import { describe, expect, it } from 'vitest';
import { parseArn, parseArnSet, validateArn, validateArnSet } from '../../../shared/domain/arn';
import type { ArnKind, ArnPart } from '../../../shared/domain/arn';

const TA = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
const PROFILE = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/6f4943fb-13d4-4242-89c4-be367595c380';
const ROLE = 'arn:aws:iam::123456789012:role/anchorage-demo';

describe('validateArn: good ARNs', () => {
  it.each<[ArnKind, string, string, string]>([
    ['trust-anchor', TA, 'aws', 'us-east-1'],
    [
      'trust-anchor',
      'arn:aws-cn:rolesanywhere:cn-north-1:123456789012:trust-anchor/1CB4E36E-E4AD-4BBB-9B37-FDAFB2CBE4FE',
      'aws-cn',
      'cn-north-1',
    ],
    [
      'trust-anchor',
      'arn:aws-us-gov:rolesanywhere:us-gov-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe',
      'aws-us-gov',
      'us-gov-west-1',
    ],
    ['profile', PROFILE, 'aws', 'us-east-1'],
    [
      'profile',
      'arn:aws-cn:rolesanywhere:cn-northwest-1:123456789012:profile/6f4943fb-13d4-4242-89c4-be367595c380',
      'aws-cn',
      'cn-northwest-1',
    ],
    [
      'profile',
      'arn:aws-us-gov:rolesanywhere:us-gov-east-1:123456789012:profile/6f4943fb-13d4-4242-89c4-be367595c380',
      'aws-us-gov',
      'us-gov-east-1',
    ],
    ['role', ROLE, 'aws', ''],
    ['role', 'arn:aws:iam::123456789012:role/service-role/team/ci+deploy=1,a.b@c-d_e', 'aws', ''],
    ['role', 'arn:aws-cn:iam::123456789012:role/x', 'aws-cn', ''],
    ['role', 'arn:aws-us-gov:iam::123456789012:role/x', 'aws-us-gov', ''],
    ['any', 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn:prod', 'aws', 'eu-west-1'],
  ])('%s %s', (kind, text, partition, region) => {
    const result = validateArn(kind, text);
    expect(result).toMatchObject({ ok: true, arn: { partition, region, text } });
  });

  it('splits the resource and ignores pasted surrounding whitespace', () => {
    const result = validateArn('role', `  ${'arn:aws:iam::123456789012:role/path/to/Name'}\n`);
    expect(result).toEqual({
      ok: true,
      arn: {
        text: 'arn:aws:iam::123456789012:role/path/to/Name',
        partition: 'aws',
        service: 'iam',
        region: '',
        account: '123456789012',
        resource: 'role/path/to/Name',
        resourceType: 'role',
        resourceId: 'path/to/Name',
      },
    });
    expect(validateArn('any', 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn:prod')).toMatchObject({
      arn: { resource: 'function:my-fn:prod' },
    });
  });
});

describe('validateArn: each bad part has its own message', () => {
  it.each<[ArnKind, string, ArnPart, RegExp]>([
    ['trust-anchor', '', 'arn', /trust anchor ARN is empty/],
    ['trust-anchor', 'arn:aws:rolesanywhere: us-east-1:1:x', 'arn', /whitespace/],
    [
      'trust-anchor',
      'ARN:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x',
      'prefix',
      /starts with "arn:"; this one starts with "ARN:"/,
    ],
    ['trust-anchor', 'arn:aws:rolesanywhere:us-east-1', 'arn', /six parts .* this one has 4/],
    [
      'trust-anchor',
      TA.replace('arn:aws:', 'arn:awz:'),
      'partition',
      /Partition "awz" is unknown; expected aws, aws-cn, aws-us-gov/,
    ],
    ['trust-anchor', TA.replace('arn:aws:', 'arn::'), 'partition', /partition \(second part\) is empty/],
    [
      'trust-anchor',
      TA.replace('rolesanywhere', 'iam'),
      'service',
      /Service is "iam"; a trust anchor ARN has service "rolesanywhere"/,
    ],
    [
      'trust-anchor',
      TA.replace('us-east-1', 'us-east'),
      'region',
      /Region "us-east" is not a well-formed region name/,
    ],
    [
      'trust-anchor',
      TA.replace('us-east-1', 'cn-north-1'),
      'region',
      /belongs to partition aws-cn, but the ARN says partition aws/,
    ],
    ['trust-anchor', TA.replace('us-east-1', ''), 'region', /region \(fourth part\) is empty/],
    [
      'trust-anchor',
      TA.replace('123456789012', '12345'),
      'account',
      /Account "12345" has 5 digits; an AWS account ID has exactly 12/,
    ],
    [
      'trust-anchor',
      TA.replace('123456789012', '12345678901x'),
      'account',
      /must be 12 digits; it contains other characters/,
    ],
    ['trust-anchor', TA.replace('123456789012', ''), 'account', /account \(fifth part\) is empty/],
    [
      'trust-anchor',
      TA.replace('trust-anchor/', 'profile/'),
      'resource-type',
      /must start with "trust-anchor\/"; found "profile" \(this looks like a profile ARN\)/,
    ],
    [
      'trust-anchor',
      TA.replace('1cb4e36e-e4ad', '1cb4e36e-e4a'),
      'resource-id',
      /Trust anchor ID "1cb4e36e-e4a-.*" is not a UUID/,
    ],
    [
      'profile',
      PROFILE.replace('profile/', 'trust-anchor/'),
      'resource-type',
      /must start with "profile\/".*looks like a trust anchor ARN/,
    ],
    [
      'profile',
      PROFILE.replace('6f4943fb-', ''),
      'resource-id',
      /Profile ID ".*" is not a UUID \(expected 8-4-4-4-12/,
    ],
    ['role', ROLE.replace('iam', 'sts'), 'service', /a role ARN has service "iam"/],
    [
      'role',
      ROLE.replace('iam::', 'iam:us-east-1:'),
      'region',
      /region must be empty in a role ARN \(IAM is global/,
    ],
    ['role', ROLE.replace('role/', 'user/'), 'resource-type', /must start with "role\/"; found "user"/],
    ['role', 'arn:aws:iam::123456789012:role/', 'resource-id', /role name is empty/],
    ['role', 'arn:aws:iam::123456789012:role/bad#name', 'resource-id', /Role name "bad#name" is invalid/],
    ['role', `arn:aws:iam::123456789012:role/${'x'.repeat(65)}`, 'resource-id', /is invalid: 1–64/],
    ['role', 'arn:aws:iam::123456789012:role/a//b', 'resource-id', /Role path .* is invalid/],
    ['role', 'arn:aws:iam::123456789012:', 'resource-type', /resource \(sixth part\) is empty/],
  ])('%s %s → %s', (kind, text, part, message) => {
    const result = validateArn(kind, text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.part).toBe(part);
      expect(result.message).toMatch(message);
    }
  });

  it('parseArn throws INVALID_ARN with the message and a hint', () => {
    expect(parseArn('profile', PROFILE).resourceId).toBe('6f4943fb-13d4-4242-89c4-be367595c380');
    expect(() => parseArn('role', ROLE.replace('123456789012', '1'))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARN',
        message: expect.stringMatching(/^Invalid role ARN: Account "1" has 1 digits/),
        hint: expect.stringContaining('IAM console'),
      }),
    );
  });
});

describe('validateArnSet: cross-checks', () => {
  const good = { trustAnchorArn: TA, profileArn: PROFILE, roleArn: ROLE };

  it('accepts an agreeing set and defaults the region to the trust anchor’s', () => {
    const result = validateArnSet(good);
    expect(result).toMatchObject({ ok: true, region: 'us-east-1' });
    expect(parseArnSet({ ...good, region: 'us-east-1' }).role.resource).toBe('role/anchorage-demo');
  });

  it('names both regions when the chosen region is not the trust anchor’s', () => {
    const result = validateArnSet({ ...good, region: 'eu-west-1' });
    expect(result).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          field: 'region',
          code: 'REGION_MISMATCH',
          message: 'The region is eu-west-1 but the trust anchor is in us-east-1.',
        }),
      ],
    });
    expect(() => parseArnSet({ ...good, region: 'eu-west-1' })).toThrow(
      expect.objectContaining({
        code: 'REGION_MISMATCH',
        message: expect.stringMatching(/eu-west-1.*us-east-1/),
      }),
    );
  });

  it('requires the profile in the trust anchor’s region and account', () => {
    const other = PROFILE.replace('us-east-1', 'eu-west-1').replace('123456789012', '210987654321');
    const result = validateArnSet({ ...good, profileArn: other });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.field, i.code])).toEqual([
      ['profileArn', 'REGION_MISMATCH'],
      ['profileArn', 'INVALID_ARN'],
    ]);
    expect(result.issues[0]?.message).toBe(
      'The profile is in eu-west-1 but the trust anchor is in us-east-1; they must be in the same region.',
    );
    expect(result.issues[1]?.message).toMatch(/account 210987654321 .* account 123456789012/);
  });

  it('requires the role in the trust anchor’s partition', () => {
    const result = validateArnSet({ ...good, roleArn: 'arn:aws-cn:iam::123456789012:role/x' });
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { field: 'roleArn', code: 'INVALID_ARN', message: expect.stringMatching(/partition aws-cn .* aws/) },
      ],
    });
  });

  it('reports every invalid field at once, for the form', () => {
    const result = validateArnSet({ trustAnchorArn: 'x', profileArn: '', roleArn: ROLE, region: 'nowhere' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.field, i.part])).toEqual([
      ['trustAnchorArn', 'prefix'],
      ['profileArn', 'arn'],
      ['region', undefined],
    ]);
    expect(() => parseArnSet({ trustAnchorArn: 'x', profileArn: '', roleArn: ROLE })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARN',
        message: expect.stringMatching(/^Invalid trust anchor ARN: An ARN starts with/),
      }),
    );
  });
});
