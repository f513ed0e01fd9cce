/** The template tests' CA (made by openssl, not by Anchorage) and the spec they vary. */
import type { TemplateSpec } from '../../../../../main/core/registration/template';
import type { TemplateFormat } from '../../../../../shared/domain/registration';
import { opensslThrowawayCertificate } from '../../../../support/tools';

/** PEM-shaped, not a certificate: for tests of a template's structure, not of what it holds. */
export const PEM_SHAPED =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ3\nQ0VSVA==\n-----END CERTIFICATE-----\n';

/** A self-signed EC P-256 CA certificate, PEM. */
export function opensslCaPem(): string {
  return opensslThrowawayCertificate(['-subj', '/CN=Template Test CA', '-days', '30']);
}

/** Both conditions, two policies, 2 h; `overrides` change any of it. */
export function templateSpec(
  format: TemplateFormat,
  caPem: string,
  overrides: Partial<TemplateSpec> = {},
): TemplateSpec {
  return {
    format,
    caName: 'Template Test CA',
    caPem,
    commonName: 'build-agent-7',
    roleName: 'anchorage-ci',
    policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/deploy'],
    trustAnchorName: 'Template Test CA',
    profileName: 'anchorage-ci',
    durationSeconds: 7200,
    conditions: ['cn', 'source-arn'],
    ...overrides,
  };
}
