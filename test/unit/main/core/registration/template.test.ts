/**
 * What both templates of `aws template` (issue 12 §5) refuse or leave out, whatever the format: the syntax of
 * each is checked by its own tools in template-cloudformation.test.ts and template-terraform.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cliHint } from '../../../../../main/cli/error-words';
import { renderTemplate, type TemplateSpec } from '../../../../../main/core/registration/template';
import { TEMPLATE_FORMATS } from '../../../../../shared/domain/registration';
import { rejection } from '../../../../support/tools';
import { PEM_SHAPED, templateSpec } from './template-fixtures';

/** No condition and no policy unless a test asks for them. */
const spec = (overrides: Partial<TemplateSpec>): TemplateSpec =>
  templateSpec('cloudformation', PEM_SHAPED, {
    conditions: [],
    policyArns: [],
    commonName: undefined,
    ...overrides,
  });

describe.each(TEMPLATE_FORMATS)('aws template --format %s', (format) => {
  it('refuses the cn condition without a CN, rather than trust every certificate of the CA', async () => {
    for (const commonName of [undefined, '', '   ']) {
      const error = await rejection(() => renderTemplate(spec({ format, conditions: ['cn'], commonName })));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.facts).toMatchObject({ field: 'commonName' });
      // Core's hint is neutral; the CLI words it with its flags.
      expect(error.hint).not.toContain('--');
      expect(cliHint(error.toInfo())).toContain('--cert');
    }
  });

  it('pins no CN unless the cn condition is asked for', () => {
    const text = renderTemplate(spec({ format, commonName: 'build-agent-7', conditions: ['source-arn'] }));
    expect(text).toContain('aws:SourceArn');
    expect(text).not.toContain('build-agent-7');
    expect(text).not.toContain('x509Subject/CN');
  });

  it('has no trust-policy condition when none is asked for', () => {
    const text = renderTemplate(spec({ format, commonName: 'build-agent-7' }));
    expect(text).not.toMatch(/Condition|aws:SourceArn|x509Subject/);
  });

  it('refuses an empty CA certificate', async () => {
    const error = await rejection(() => renderTemplate(spec({ format, caPem: ' \n\r\n ' })));
    expect(error.code).toBe('MALFORMED_PEM');
  });
});
