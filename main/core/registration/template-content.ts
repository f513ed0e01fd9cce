/**
 * What the CloudFormation and the Terraform template of `aws template` (issue 12 §5) both say: the role's trust
 * policy, the trust anchor's certificate bundle and the outputs' descriptions. Only their syntax differs.
 */
import { AnchorageError } from '../../../shared/errors';
import { buildTrustPolicy, TRUST_ANCHOR_ARN_PLACEHOLDER } from '../../../shared/domain/trust-policy';
import type { TemplateSpec } from './template';

/**
 * The trust policy `aws setup` gives the role (shared/domain/trust-policy.ts, for the spec's conditions), with
 * `trustAnchorArn` where the `source-arn` condition names the trust anchor: a template does not know the ARN
 * before it runs, so it refers to the anchor it creates (CloudFormation `Fn::GetAtt`, a Terraform reference).
 */
export function templateTrustPolicy<Ref>(
  spec: Pick<TemplateSpec, 'conditions' | 'commonName'>,
  trustAnchorArn: Ref,
) {
  const cn = spec.commonName?.trim();
  const pinsCn = spec.conditions.includes('cn');
  if (pinsCn && !cn) {
    // Dropping the condition instead would trust every certificate of the CA: refuse.
    throw new AnchorageError(
      'INVALID_INPUT',
      'The cn condition pins the client certificate’s CN, but no certificate CN was given.',
      'Name the client certificate whose CN the role should trust, or leave out the CN condition.',
      { facts: { field: 'commonName' } },
    );
  }
  const policy = buildTrustPolicy({
    commonName: pinsCn ? cn : undefined,
    // The placeholder only marks where the condition goes; every ArnEquals value is replaced below.
    trustAnchorArn: spec.conditions.includes('source-arn') ? TRUST_ANCHOR_ARN_PLACEHOLDER : undefined,
  });
  return {
    ...policy,
    Statement: policy.Statement.map(({ Condition, ...statement }) => {
      if (!Condition) return statement;
      const { ArnEquals, ...others } = Condition;
      const arnEquals =
        ArnEquals && Object.fromEntries(Object.keys(ArnEquals).map((key) => [key, trustAnchorArn]));
      return { ...statement, Condition: { ...others, ...(arnEquals ? { ArnEquals: arnEquals } : {}) } };
    }),
  };
}

/**
 * The CA's PEM as the trust anchor's CERTIFICATE_BUNDLE: one certificate line per line, `\n` endings, no blank
 * or trailing-space lines (PEM readers ignore them, RFC 7468 §2), so that a Terraform heredoc can hold it.
 */
export function bundlePem(pem: string): string {
  const lines = pem
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) {
    throw new AnchorageError(
      'MALFORMED_PEM',
      'The CA’s certificate is empty, so no trust anchor can hold it.',
      'Import the CA’s certificate again, or pick another CA.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The template's description: what it creates, and what to do with its outputs. */
export const templateDescription = (caName: string): string =>
  `IAM Roles Anywhere for the Anchorage CA "${caName}": a trust anchor holding the CA, the role its certificates ` +
  'may assume, and a profile listing the role. Its three ARN outputs are what the Anchorage profile needs.';

/** The three outputs, in the order an Anchorage profile asks for them. */
export const TEMPLATE_OUTPUTS = [
  { resource: 'trust-anchor', what: 'The trust anchor’s ARN' },
  { resource: 'profile', what: 'The Roles Anywhere profile’s ARN' },
  { resource: 'role', what: 'The IAM role’s ARN' },
] as const;
export type TemplateResource = (typeof TEMPLATE_OUTPUTS)[number]['resource'];

export const outputDescription = (output: (typeof TEMPLATE_OUTPUTS)[number]): string =>
  `${output.what}, for the Anchorage profile`;
