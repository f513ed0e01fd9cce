/** Plain-text rendering helpers for the CLI's human output, and its one error line or JSON object. */
import { AnchorageError } from '../../shared/errors';
import type { ErrorInfo } from '../../shared/errors';
import { cliErrorLine, cliHint } from './error-words';

/** Left-aligned columns, header first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `key: value` lines, aligned. */
export function fields(entries: [string, string | number | undefined | null][]): string {
  const shown = entries.filter(([, v]) => v !== undefined && v !== null && v !== '');
  const width = Math.max(...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n');
}

/**
 * Whether the command line asks for `--json` (issue 9: errors then print as JSON too). Read from argv, since an
 * error may come before commander has parsed any option; `--` ends the options.
 */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * An error as the CLI prints it on stderr: `error: message (hint: …)`, or with `--json` one line of
 * `{"error":{"code","message","hint"}}`, the hint in the CLI's words either way (error-words.ts).
 */
export function errorOutput(info: ErrorInfo, json: boolean): string {
  if (!json) return cliErrorLine(info);
  return JSON.stringify({ error: { code: info.code, message: info.message, hint: cliHint(info) } });
}

/** `--out -`: the file's bytes go to standard output (issue 9). */
export const STDOUT = '-';

/**
 * Refuse binary output (a PFX) to a terminal before anything happens: it would garble the screen and could
 * leave key material in the scrollback. PEM (certificate, chain, encrypted key) is text and always allowed.
 */
export function assertStdoutTarget(binary: boolean): void {
  if (binary && process.stdout.isTTY) {
    throw new AnchorageError(
      'INVALID_INPUT',
      'A PFX is binary, and standard output is a terminal.',
      'Redirect it (`… --out - > agent.pfx`, or a pipe), or pass --out FILE.',
    );
  }
}

/**
 * Write an export to stdout, and its one-line summary (text, or JSON with `--json`) to stderr, so that
 * stdout carries the file's bytes and nothing else.
 */
export async function writeExportToStdout(
  bytes: Uint8Array,
  summary: { description: string; password?: string },
  json: boolean,
): Promise<undefined> {
  await new Promise<void>((done, fail) => process.stdout.write(bytes, (e) => (e ? fail(e) : done())));
  const note = json
    ? JSON.stringify({ path: STDOUT, ...summary })
    : `Wrote standard output: ${summary.description}${summary.password ? `\nPassword (shown once, store it now): ${summary.password}` : ''}`;
  process.stderr.write(`${note}\n`);
  return undefined;
}
