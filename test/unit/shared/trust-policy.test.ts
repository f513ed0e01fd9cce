import { describe, expect, it } from 'vitest';
import {
  TRUST_ANCHOR_ARN_PLACEHOLDER,
  buildTrustPolicy,
  consoleSteps,
  consoleStepsText,
  trustPolicyJson,
} from '../../../shared/domain/trust-policy';

const TA = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';

describe('trust policy', () => {
  it('is the Roles Anywhere trust policy of the user guide when no condition is asked for', () => {
    // IAM Roles Anywhere user guide, "Trust policy" (verbatim shape, two-space JSON as the console shows it).
    expect(trustPolicyJson()).toBe(
      [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Principal": {',
        '        "Service": "rolesanywhere.amazonaws.com"',
        '      },',
        '      "Action": [',
        '        "sts:AssumeRole",',
        '        "sts:TagSession",',
        '        "sts:SetSourceIdentity"',
        '      ]',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('adds the CN condition', () => {
    expect(buildTrustPolicy({ commonName: ' build-agent ' }).Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent' },
    });
    // A blank CN adds nothing rather than a condition nobody can meet.
    expect(buildTrustPolicy({ commonName: '  ' }).Statement[0]?.Condition).toBeUndefined();
  });

  it('adds the trust-anchor condition, with a placeholder until the ARN is known', () => {
    expect(buildTrustPolicy({ trustAnchorArn: TA }).Statement[0]?.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': TA },
    });
    expect(buildTrustPolicy({ trustAnchorArn: '' }).Statement[0]?.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': TRUST_ANCHOR_ARN_PLACEHOLDER },
    });
  });

  it('combines both conditions in one statement', () => {
    const policy = JSON.parse(trustPolicyJson({ commonName: 'a', trustAnchorArn: TA })) as ReturnType<
      typeof buildTrustPolicy
    >;
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'a' },
      ArnEquals: { 'aws:SourceArn': TA },
    });
  });
});

describe('console steps', () => {
  it('are trust anchor, role, profile, then the ARNs, in that order', () => {
    const steps = consoleSteps({ caName: 'Team CA', region: 'eu-west-1' });
    expect(steps.map((s) => s.title)).toEqual([
      'Create a trust anchor',
      'Create the role',
      'Create a profile',
      'Enter the three ARNs here',
    ]);
    expect(steps[0]?.detail).toContain('"Team CA"');
    expect(steps[0]?.detail).toContain('eu-west-1');
    expect(steps[1]?.detail).toContain('Custom trust policy');
  });

  it('render as numbered text', () => {
    const lines = consoleStepsText().split('\n');
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => expect(line.startsWith(`${i + 1}. `)).toBe(true));
  });
});
