/**
 * Wrappers around tools nobody here wrote (ARCHITECTURE §6, §7): openssl and Java's keytool check every
 * artifact the CLI exports. Secrets reach them through env vars (`-passin env:PW`, `-storepass:env PW`),
 * never argv. Also: temp dirs, and a before/after snapshot of a data directory.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const OPENSSL = '/usr/bin/openssl';
export const KEYTOOL = '/usr/bin/keytool';

/** Fail (never skip) with the apt command when openssl or keytool is missing (ARCHITECTURE §7). */
export function requirePkiTools(): void {
  if (!existsSync(OPENSSL))
    throw new Error(`${OPENSSL} is missing; install it with: apt-get install -y openssl`);
  if (!existsSync(KEYTOOL)) {
    throw new Error(`${KEYTOOL} is missing; install it with: apt-get install -y openjdk-17-jre-headless`);
  }
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes (for DER output). */
  raw: Buffer;
}

interface ToolOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string | Buffer;
  cwd?: string;
}

function runTool(bin: string, args: string[], options: ToolOptions = {}): ToolResult {
  const r = spawnSync(bin, args, {
    env: { ...process.env, ...options.env },
    input: options.stdin ?? '',
    cwd: options.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const raw = r.stdout ?? Buffer.alloc(0);
  return {
    code: r.status ?? -1,
    stdout: raw.toString('utf8'),
    stderr: (r.stderr ?? Buffer.alloc(0)).toString('utf8'),
    raw,
  };
}

/** Run openssl; returns the result whatever the exit code. */
export function openssl(args: string[], options?: ToolOptions): ToolResult {
  return runTool(OPENSSL, args, options);
}

/** Run openssl and throw (with its stderr) unless it exits 0. */
export function opensslOk(args: string[], options?: ToolOptions): ToolResult {
  const r = openssl(args, options);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r;
}

/** Run keytool (a JVM start: slow-ish, so the tests call it sparingly). */
export function keytool(args: string[], options?: ToolOptions): ToolResult {
  return runTool(KEYTOOL, args, options);
}

export interface Extension {
  critical: boolean;
  /** The value lines, trimmed and joined with a newline. */
  value: string;
}

/**
 * The X509v3 extensions of a certificate as `openssl x509 -text` prints them, by display name
 * (e.g. "X509v3 Basic Constraints"). Headers are indented 12 spaces, their values 16.
 */
export function opensslExtensions(certPath: string): Map<string, Extension> {
  const text = opensslOk(['x509', '-in', certPath, '-noout', '-text']).stdout;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'X509v3 extensions:');
  const out = new Map<string, Extension>();
  if (start < 0) return out;
  let current: Extension | undefined;
  for (const line of lines.slice(start + 1)) {
    const header = /^ {12}(\S[^:]*):\s*(critical)?\s*$/.exec(line);
    if (header && header[1]) {
      current = { critical: header[2] === 'critical', value: '' };
      out.set(header[1], current);
    } else if (/^ {16}/.test(line) && current) {
      current.value = current.value ? `${current.value}\n${line.trim()}` : line.trim();
    } else {
      break; // "Signature Algorithm:" at a smaller indent ends the section
    }
  }
  return out;
}

/** Serial (upper-case hex, no colons) and SHA-256 fingerprint (colon-separated upper-case hex) per openssl. */
export function opensslIdentity(certPath: string): { serialHex: string; sha256: string } {
  const out = opensslOk(['x509', '-in', certPath, '-noout', '-serial', '-fingerprint', '-sha256']).stdout;
  const serial = /serial=([0-9A-Fa-f]+)/.exec(out)?.[1];
  const fp = /Fingerprint=([0-9A-F:]+)/i.exec(out)?.[1];
  if (!serial || !fp) throw new Error(`unexpected openssl output: ${out}`);
  return { serialHex: serial.toUpperCase(), sha256: fp.toUpperCase() };
}

/** The DER SubjectPublicKeyInfo of a certificate, per openssl. */
export function certPublicKeyDer(certPath: string): Buffer {
  const pem = opensslOk(['x509', '-in', certPath, '-noout', '-pubkey']).stdout;
  return opensslOk(['pkey', '-pubin', '-outform', 'DER'], { stdin: pem }).raw;
}

/** The DER SubjectPublicKeyInfo derived from a private key (PEM on stdin, optionally encrypted; PW via env). */
export function keyPublicKeyDer(keyPem: string, password?: string): Buffer {
  const pass = password === undefined ? [] : ['-passin', 'env:PKI_TOOLS_PW'];
  return opensslOk(['pkey', ...pass, '-pubout', '-outform', 'DER'], {
    stdin: keyPem,
    env: password === undefined ? {} : { PKI_TOOLS_PW: password },
  }).raw;
}

/** A fresh temp directory; remember to `rmSync` it (or use {@link cleanupDirs}). */
export function tempDir(prefix = 'anchorage-pki-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanupDirs(dirs: string[]): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Entry {
  path: string;
  type: 'file' | 'dir';
  mode: number;
  sha256: string;
}

/** Every file and directory under `root`, with mode and content hash, sorted by path. */
export function snapshot(root: string): Entry[] {
  const out: Entry[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      const path = relative(root, full);
      if (st.isDirectory()) {
        out.push({ path, type: 'dir', mode: st.mode & 0o777, sha256: '' });
        walk(full);
      } else {
        const sha256 = createHash('sha256').update(readFileSync(full)).digest('hex');
        out.push({ path, type: 'file', mode: st.mode & 0o777, sha256 });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Files under `root` whose bytes contain `needle`. */
export function filesContaining(root: string, needle: Uint8Array | string): string[] {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : Buffer.from(needle);
  return snapshot(root)
    .filter((e) => e.type === 'file' && readFileSync(join(root, e.path)).includes(bytes))
    .map((e) => e.path);
}

/** The single-line CLI error contract (ARCHITECTURE §9): `error: … (hint: …)`, nothing else on stderr. */
export const ERROR_LINE = /^error: [^\n]+ \(hint: [^\n]+\)\n$/;

/** Assert the CLI failed the documented way: non-zero exit, one `error: … (hint: …)` line, no stdout. */
export function cliFailure(result: { code: number; stdout: string; stderr: string }): string {
  if (result.code === 0) throw new Error(`expected a failure, got exit 0 with: ${result.stdout}`);
  if (!ERROR_LINE.test(result.stderr)) {
    throw new Error(`stderr is not one "error: … (hint: …)" line:\n${result.stderr}`);
  }
  if (result.stdout !== '') throw new Error(`expected no stdout on failure, got: ${result.stdout}`);
  return result.stderr;
}
