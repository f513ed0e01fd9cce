// The app words every error's hint with its fields, pages and buttons, never with CLI flags or commands
// (ARCHITECTURE §9, issue 8): every code, with every shape of facts core attaches, through ErrorAlert.
import { describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import ErrorAlert from '../../../renderer/components/ErrorAlert';
import { appHint } from '../../../renderer/error-words';
import { ERROR_CODES } from '../../../shared/errors';
import { TESTIDS } from '../../../renderer/testids';
import { CLI_WORDS, REPRESENTATIVE_FACTS, sampleError } from '../shared/error-facts';

const info = sampleError;

describe('app error words', () => {
  it.each(ERROR_CODES)('%s: what ErrorAlert shows has no CLI flag or command', (code) => {
    const { container, getAllByTestId } = render(
      <>
        {REPRESENTATIVE_FACTS.map((facts, i) => (
          <ErrorAlert key={i} error={info(code, facts)} />
        ))}
      </>,
    );
    const alerts = getAllByTestId(TESTIDS.errorAlert);
    expect(alerts).toHaveLength(REPRESENTATIVE_FACTS.length);
    for (const alert of alerts) {
      expect(alert.textContent).toContain('Something is wrong.');
      expect(alert.textContent).not.toMatch(CLI_WORDS);
      expect(alert.textContent).not.toMatch(/undefined|\[object /);
    }
    expect(getAllByTestId(TESTIDS.errorHint)).toHaveLength(REPRESENTATIVE_FACTS.length);
    expect(container.textContent).not.toMatch(CLI_WORDS);
    cleanup();
  });

  it('says it with the app’s fields and pages where core gave facts', () => {
    expect(appHint(info('ALREADY_EXISTS', { field: 'name', reason: 'taken', name: 'a' }))).toContain(
      'Name field',
    );
    expect(appHint(info('VALIDITY_EXCEEDS_ISSUER', { field: 'days', maxDays: 29 }))).toBe(
      'Enter 29 or fewer in Validity (days), or renew the CA first.',
    );
    expect(appHint(info('INVALID_PASSWORD', { field: 'password', reason: 'too-short', min: 8 }))).toContain(
      'Generate a strong password',
    );
    expect(appHint(info('NOT_FOUND', { what: 'profile', name: 'dev' }))).toContain('Credentials page');
    expect(
      appHint(info('INVALID_INPUT', { field: 'endpoint', reason: 'not-https', endpoint: 'x' })),
    ).toContain('Endpoint field');
  });

  it('words the registration errors (issue 12) with the controls of Register for me and the AWS dialogs', () => {
    expect(appHint(info('AWS_TRUST_POLICY_DIFFERS', { role: 'ci' }))).toBe(
      'Tick “Replace an existing role’s trust policy” and choose Try again (whatever the role “ci” trusts now loses access), or type another Role name.',
    );
    expect(appHint(info('AWS_OPERATOR_CREDENTIALS', { source: 'aws-profile', profile: 'ops' }))).toContain(
      'Sign in for the AWS profile “ops”',
    );
    expect(appHint(info('AWS_OPERATOR_CREDENTIALS', { source: 'static' }))).toContain(
      'Add the static set again on the Credentials page',
    );
    expect(appHint(info('AWS_NO_TRUST_ANCHOR', { ca: 'prod', region: 'eu-west-1' }))).toContain(
      'choose the Region its trust anchor is in (not eu-west-1)',
    );
    expect(appHint(info('AWS_NO_TRUST_ANCHOR', { ca: 'prod', region: 'x', trustAnchor: 'arn:x' }))).toContain(
      '“Trust anchor ARN”',
    );
    expect(appHint(info('AWS_ALREADY_EXISTS', { call: 'iam:CreateRole' }))).toContain('Choose Try again');
    expect(appHint(info('AWS_ACCESS_DENIED', { call: 'iam:CreateRole', awsCode: 'AccessDenied' }))).toContain(
      'Allow iam:CreateRole',
    );
    // Without a registration call, an access denial (CreateSession) keeps core's hint.
    expect(appHint(info('AWS_ACCESS_DENIED'))).toBe('Do the neutral thing.');
    expect(appHint(info('ALREADY_EXISTS', { field: 'saveProfile', name: 'ci' }))).toContain(
      'remove the profile “ci” on the Credentials page',
    );
    expect(appHint(info('INVALID_INPUT', { field: 'roleName', reason: 'invalid' }))).toBe(
      'Correct the Role name field.',
    );
  });

  it('falls back to core’s neutral hint where it has no words of its own', () => {
    expect(appHint(info('KEYCHAIN_LOCKED'))).toBe('Do the neutral thing.');
  });
});
