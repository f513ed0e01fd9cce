// Issue 9, item 6: with --json an error is one line of {"error":{code,message,hint}}, hint in the CLI's words.
import { describe, expect, it } from 'vitest';
import { errorOutput, wantsJson } from '../../../../main/cli/format';
import { sampleError } from '../../shared/error-facts';

describe('CLI error output', () => {
  it('is the error line without --json, and one JSON line with it', () => {
    const info = sampleError('FILE_EXISTS', { path: '/tmp/out.pem' });
    expect(errorOutput(info, false)).toMatch(/^error: Something is wrong\. \(hint: .*--out.*\)$/);
    const line = errorOutput(info, true);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as { error: Record<string, string> };
    expect(Object.keys(parsed.error)).toEqual(['code', 'message', 'hint']);
    expect(parsed.error).toMatchObject({ code: 'FILE_EXISTS', message: 'Something is wrong.' });
    expect(parsed.error.hint).toContain('--out');
  });

  it('reads --json from argv before any `--`', () => {
    expect(wantsJson(['list', '--json'])).toBe(true);
    expect(wantsJson(['--json', 'list'])).toBe(true);
    expect(wantsJson(['list'])).toBe(false);
    expect(wantsJson(['sign', '--', '--json'])).toBe(false);
  });
});
