// The CLI words every error's hint with its flags and commands (ARCHITECTURE §9, issue 8).
import { describe, expect, it } from 'vitest';
import { cliErrorLine, cliHint } from '../../../../main/cli/error-words';
import { ERROR_CODES } from '../../../../shared/errors';
import { REPRESENTATIVE_FACTS, sampleError } from '../../shared/error-facts';

const info = sampleError;

describe('CLI error words', () => {
  it.each(ERROR_CODES)('%s: every fact shape gives one `error: … (hint: …)` line', (code) => {
    for (const facts of REPRESENTATIVE_FACTS) {
      const line = cliErrorLine(info(code, facts));
      expect(line).toMatch(/^error: Something is wrong\. \(hint: \S.*\)$/);
      expect(line).not.toContain('\n');
      expect(line).not.toMatch(/undefined|\[object /);
    }
  });

  it('says it with the CLI’s flags and commands where core gave facts', () => {
    expect(cliHint(info('ALREADY_EXISTS', { field: 'name', reason: 'taken', name: 'a' }))).toBe(
      'Choose another --name, or see `anchorage list`.',
    );
    expect(cliHint(info('NOT_FOUND', { what: 'profile', name: 'dev' }))).toContain(
      '`anchorage profile list`',
    );
    expect(cliHint(info('NOT_FOUND', { what: 'ca', name: 'x', reason: 'missing' }))).toContain(
      '`anchorage ca create --name NAME`',
    );
    expect(cliHint(info('VALIDITY_EXCEEDS_ISSUER', { field: 'days', maxDays: 29 }))).toBe(
      'Use --days 29 or fewer, or renew the CA first.',
    );
    expect(cliHint(info('INVALID_PASSWORD', { field: 'password', reason: 'required' }))).toMatch(
      /--password-stdin.*ANCHORAGE_EXPORT_PASSWORD.*--generate-password/,
    );
    expect(
      cliHint(info('INVALID_INPUT', { field: 'endpoint', reason: 'not-https', endpoint: 'x' })),
    ).toContain('--endpoint');
    expect(cliHint(info('REVOKED', { name: 'c', revokedAt: 'then', profile: 'dev' }))).toContain(
      '`anchorage profile set dev --cert NEW`',
    );
    expect(cliHint(info('FILE_EXISTS', { path: '/x' }))).toContain('--force');
  });

  it('falls back to core’s neutral hint where it has no words of its own', () => {
    expect(cliHint(info('KEYCHAIN_LOCKED'))).toBe('Do the neutral thing.');
    expect(cliHint(info('INVALID_INPUT', { field: 'name', what: 'profile', name: 'x y' }))).toBe(
      'Do the neutral thing.',
    );
  });
});
