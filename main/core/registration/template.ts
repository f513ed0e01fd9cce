/**
 * `aws template` (issue 12 §5): the trust anchor, role and profile that `aws setup` creates, as a CloudFormation
 * or Terraform template, for teams that provision through code. The two renderers share what the template says
 * (template-content.ts); the caller resolves names (resource-names.ts) and reads the CA's PEM.
 */
import type { TemplateFormat, TrustCondition } from '../../../shared/domain/registration';
import { renderCloudFormation } from './template-cloudformation';
import { renderTerraform } from './template-terraform';

/** Everything a template needs, resolved by the registration service (names defaulted, the CA's PEM read). */
export interface TemplateSpec {
  format: TemplateFormat;
  caName: string;
  /** The CA certificate, PEM: the trust anchor's CERTIFICATE_BUNDLE. */
  caPem: string;
  /** The client certificate's subject CN, for the `cn` condition. */
  commonName?: string;
  roleName: string;
  policyArns: string[];
  trustAnchorName: string;
  profileName: string;
  durationSeconds: number;
  conditions: TrustCondition[];
}

const RENDERERS: Record<TemplateFormat, (spec: TemplateSpec) => string> = {
  cloudformation: renderCloudFormation,
  terraform: renderTerraform,
};

/** The template text; throws INVALID_INPUT when the `cn` condition is asked for without a CN. */
export function renderTemplate(spec: TemplateSpec): string {
  return RENDERERS[spec.format](spec);
}
