import { describe, expect, it } from 'vitest';
import { samePolicy } from '../../../../../main/core/registration/policy-equality';
import { buildTrustPolicy } from '../../../../../shared/domain/trust-policy';

describe('samePolicy (IAM reads "x" as ["x"], and order does not matter)', () => {
  const wanted = buildTrustPolicy({
    commonName: 'ci',
    trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:1:trust-anchor/a',
  });

  it('is the same after IAM round-trips it (keys and actions reordered, one-element lists as strings)', () => {
    const [s] = wanted.Statement;
    const roundTripped = {
      Statement: {
        Condition: { ArnEquals: s!.Condition!.ArnEquals, StringEquals: s!.Condition!.StringEquals },
        Action: [...s!.Action].reverse(),
        Principal: { Service: ['rolesanywhere.amazonaws.com'] },
        Effect: 'Allow',
      },
      Version: '2012-10-17',
    };
    expect(samePolicy(roundTripped, wanted)).toBe(true);
  });

  it('differs when a condition, an action or the principal differs', () => {
    expect(
      samePolicy(buildTrustPolicy({ commonName: 'other' }), buildTrustPolicy({ commonName: 'ci' })),
    ).toBe(false);
    expect(samePolicy(buildTrustPolicy({}), wanted)).toBe(false);
    const fewer = structuredClone(wanted);
    fewer.Statement[0]!.Action = ['sts:AssumeRole'];
    expect(samePolicy(fewer, wanted)).toBe(false);
    const ec2 = structuredClone(wanted);
    ec2.Statement[0]!.Principal.Service = 'ec2.amazonaws.com';
    expect(samePolicy(ec2, wanted)).toBe(false);
    expect(samePolicy(undefined, wanted)).toBe(false);
  });
});
