/**
 * Test helpers: run openssl and keytool (tools nobody here wrote, ARCHITECTURE §6) and manage temp dirs.
 * Secrets go to child processes through environment variables, never argv (ARCHITECTURE §4).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnchorageError } from '../../../../../shared/errors';

const INSTALL: Record<string, string> = {
  openssl: 'sudo apt-get install -y openssl',
  keytool: 'sudo apt-get install -y openjdk-17-jre-headless',
};

/** Fail (never skip) with the install command when a system tool is missing. */
export function requireTool(tool: 'openssl' | 'keytool'): void {
  const probe = spawnSync(tool, [tool === 'openssl' ? 'version' : '-help'], { encoding: 'utf8' });
  if (probe.error)
    throw new Error(`${tool} is required for these tests but was not found. Install it: ${INSTALL[tool]}`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a tool; `env` adds variables (for passwords), `input` feeds stdin. */
export function run(
  tool: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string | Uint8Array; cwd?: string } = {},
): RunResult {
  const r = spawnSync(tool, args, {
    env: { ...process.env, ...options.env },
    input: options.input,
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run a tool and return stdout, failing the test with stderr when it exits non-zero. */
export function ok(tool: string, args: string[], options: Parameters<typeof run>[2] = {}): string {
  const r = run(tool, args, options);
  if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A temp dir with a `write` helper and `cleanup`. */
export function tempDir(): {
  dir: string;
  write: (name: string, data: string | Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-pki-'));
  return {
    dir,
    write: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The X509v3 extensions block of `openssl x509 -text` as {name, critical, value} entries. */
export function opensslExtensions(text: string): Array<{ name: string; critical: boolean; value: string }> {
  const section = text.split('X509v3 extensions:')[1]?.split(/\n\s*Signature Algorithm:/)[0] ?? '';
  const out: Array<{ name: string; critical: boolean; value: string }> = [];
  for (const line of section.split('\n')) {
    const header = /^ {12}(\S.*?):\s*(critical)?\s*$/.exec(line);
    if (header) out.push({ name: header[1]!, critical: header[2] === 'critical', value: '' });
    else if (line.trim() && out.length) out[out.length - 1]!.value += line.trim();
  }
  return out;
}

/** The AnchorageError that `fn` throws or rejects with (other errors fail the test). */
export async function rejection(fn: () => unknown): Promise<AnchorageError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AnchorageError) return e;
    throw e;
  }
  throw new Error('expected an error');
}
