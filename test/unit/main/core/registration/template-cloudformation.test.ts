/**
 * The CloudFormation template of `aws template` (issue 12 §5), checked by tools we did not write: JSON.parse, a
 * YAML 1.2 parser (the `yaml` package), and cfn-lint, which validates every resource's properties, every
 * `Fn::GetAtt` attribute and the IAM policy against AWS's published resource schemas (offline).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { renderTemplate, type TemplateSpec } from '../../../../../main/core/registration/template';
import { buildTrustPolicy } from '../../../../../shared/domain/trust-policy';
import { requireTool, run } from '../../../../support/tools';
import { opensslCaPem, templateSpec } from './template-fixtures';

const HOSTILE = 'a"b\\c ${x} %{y}\n\t\u0001 é€ \u2028: - [x] {y} # z';

let caPem = '';
let scratch = '';
beforeAll(() => {
  requireTool('cfn-lint');
  scratch = mkdtempSync(join(tmpdir(), 'anchorage-cfn-'));
  caPem = opensslCaPem();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function spec(overrides: Partial<TemplateSpec> = {}): TemplateSpec {
  return templateSpec('cloudformation', caPem, overrides);
}

const VARIANTS: [string, () => TemplateSpec][] = [
  ['both conditions and two policies', () => spec()],
  ['no condition and no policy', () => spec({ conditions: [], policyArns: [] })],
  ['the cn condition only', () => spec({ conditions: ['cn'] })],
  ['the source-arn condition only', () => spec({ conditions: ['source-arn'], commonName: undefined })],
];

const getAtt = (resource: string, attribute: string) => ({ 'Fn::GetAtt': [resource, attribute] });

/** The template we expect for a spec, from the same trust-policy builder `aws setup` uses. */
function expectedTemplate(s: TemplateSpec): unknown {
  const anchorRef = 'TRUST-ANCHOR-REF';
  const policy = JSON.parse(
    JSON.stringify(
      buildTrustPolicy({
        commonName: s.conditions.includes('cn') ? s.commonName : undefined,
        trustAnchorArn: s.conditions.includes('source-arn') ? anchorRef : undefined,
      }),
    ).replace(`"${anchorRef}"`, JSON.stringify(getAtt('TrustAnchor', 'TrustAnchorArn'))),
  ) as unknown;
  const output = (value: unknown) => ({
    Description: expect.stringContaining('Anchorage profile'),
    Value: value,
  });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: expect.stringContaining(s.caName),
    Resources: {
      TrustAnchor: {
        Type: 'AWS::RolesAnywhere::TrustAnchor',
        Properties: {
          Name: s.trustAnchorName,
          Enabled: true,
          Source: { SourceType: 'CERTIFICATE_BUNDLE', SourceData: { X509CertificateData: caPem } },
        },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: s.roleName,
          AssumeRolePolicyDocument: policy,
          ...(s.policyArns.length > 0 ? { ManagedPolicyArns: s.policyArns } : {}),
        },
      },
      Profile: {
        Type: 'AWS::RolesAnywhere::Profile',
        Properties: {
          Name: s.profileName,
          Enabled: true,
          RoleArns: [getAtt('Role', 'Arn')],
          DurationSeconds: s.durationSeconds,
        },
      },
    },
    Outputs: {
      TrustAnchorArn: output(getAtt('TrustAnchor', 'TrustAnchorArn')),
      RoleArn: output(getAtt('Role', 'Arn')),
      ProfileArn: output(getAtt('Profile', 'ProfileArn')),
    },
  };
}

/** cfn-lint on each text (as a .json and as a .yaml file): its findings, empty when it passes. */
function cfnLint(texts: string[]): { code: number; findings: string } {
  const dir = mkdtempSync(join(scratch, 'lint-'));
  const files = texts.flatMap((text, i) =>
    ['json', 'yaml'].map((ext) => {
      const file = join(dir, `template-${i}.${ext}`);
      writeFileSync(file, text);
      return file;
    }),
  );
  const r = run('cfn-lint', ['--', ...files]);
  return { code: r.code, findings: `${r.stdout}${r.stderr}` };
}

describe('aws template --format cloudformation', () => {
  it.each(VARIANTS)('is JSON and YAML of the resources aws setup creates (%s)', (_name, make) => {
    const s = make();
    const text = renderTemplate(s);
    const json = JSON.parse(text) as unknown;
    expect(json).toEqual(expectedTemplate(s));
    expect(parseYaml(text)).toEqual(json);
  });

  it('passes cfn-lint, as JSON and as YAML', () => {
    const { code, findings } = cfnLint(VARIANTS.map(([, make]) => renderTemplate(make())));
    expect(findings).toBe('');
    expect(code).toBe(0);
  });

  it('cfn-lint here knows the Roles Anywhere schemas: it refuses a wrong attribute or property name', () => {
    // Without this, a cfn-lint that had no schema for AWS::RolesAnywhere::* would pass anything.
    const template = JSON.parse(renderTemplate(spec())) as {
      Outputs: { TrustAnchorArn: { Value: unknown } };
      Resources: { Profile: { Properties: Record<string, unknown> } };
    };
    template.Outputs.TrustAnchorArn.Value = getAtt('TrustAnchor', 'Arn');
    const { RoleArns, ...properties } = template.Resources.Profile.Properties;
    template.Resources.Profile.Properties = { ...properties, RoleArn: RoleArns };
    const { code, findings } = cfnLint([JSON.stringify(template, null, 2)]);
    expect(code).not.toBe(0);
    expect(findings).toContain("'Arn' is not one of");
    expect(findings).toContain("'RoleArns' is a required property");
  });

  it('keeps a hostile CN, names and policy ARN as data, the same in JSON and YAML', () => {
    const s = spec({
      commonName: HOSTILE,
      roleName: `role ${HOSTILE}`,
      trustAnchorName: `anchor ${HOSTILE}`,
      profileName: `profile ${HOSTILE}`,
      policyArns: [`arn:aws:iam::123456789012:policy/${HOSTILE}`],
    });
    const text = renderTemplate(s);
    const json = JSON.parse(text) as unknown;
    expect(json).toEqual(expectedTemplate(s));
    expect(parseYaml(text)).toEqual(json);
  });
});
