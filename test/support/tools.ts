/**
 * Tools nobody here wrote (ARCHITECTURE §6, §7): openssl and Java's keytool check what core and the CLI
 * export. Secrets reach them through environment variables (`-passin env:PW`, `-storepass:env PW`), never argv
 * (ARCHITECTURE §4). A missing tool fails the test with the command that installs it, never skips it.
 */
import { spawnSync } from 'node:child_process';
import { AnchorageError } from '../../shared/errors';

export const OPENSSL = '/usr/bin/openssl';

/** Debian's awscli (installed by .ci/run), never whatever `aws` comes first on PATH. */
export const AWS_CLI = '/usr/bin/aws';
const KEYTOOL = '/usr/bin/keytool';

const INSTALL: Record<string, string> = {
  openssl: 'apt-get install -y openssl',
  keytool: 'apt-get install -y openjdk-17-jre-headless',
  gdbus: 'apt-get install -y dbus-x11 gnome-keyring libglib2.0-bin libsecret-tools',
  'secret-tool': 'apt-get install -y dbus-x11 gnome-keyring libglib2.0-bin libsecret-tools',
  // Neither is a Debian package on bookworm; the node machine image ships both.
  'cfn-lint': 'pip install cfn-lint',
  terraform: 'HashiCorp’s terraform release, unzipped onto PATH',
};

/** Fail (never skip) with the install command when a system tool is missing. */
export function requireTool(tool: string): void {
  const probe = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  if (probe.status !== 0) {
    throw new Error(
      `${tool} is required for these tests but was not found; install it with: ${INSTALL[tool] ?? `apt-get install ${tool}`}`,
    );
  }
}

/** openssl and keytool, both. */
export function requirePkiTools(): void {
  requireTool('openssl');
  requireTool('keytool');
}

/** openssl's arguments for a fresh EC P-256 key (`req -newkey …`). */
export const EC_P256_NEWKEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes (for DER output). */
  raw: Buffer;
}

export interface ToolOptions {
  /** Added to the environment (passwords go this way). */
  env?: NodeJS.ProcessEnv;
  /** Fed to stdin. */
  input?: string | Uint8Array;
  cwd?: string;
}

/** Run a tool; returns the result whatever the exit code. */
export function run(tool: string, args: string[], options: ToolOptions = {}): ToolResult {
  const r = spawnSync(tool, args, {
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
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

/** Run a tool and return stdout, failing the test with its stderr when it exits non-zero. */
export function ok(tool: string, args: string[], options?: ToolOptions): string {
  return runOk(tool, args, options).stdout;
}

function runOk(tool: string, args: string[], options?: ToolOptions): ToolResult {
  const r = run(tool, args, options);
  if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r;
}

/** Run openssl; returns the result whatever the exit code. */
export const openssl = (args: string[], options?: ToolOptions): ToolResult => run(OPENSSL, args, options);

/** Run openssl and throw (with its stderr) unless it exits 0. */
export const opensslOk = (args: string[], options?: ToolOptions): ToolResult => runOk(OPENSSL, args, options);

/** A throwaway self-signed EC P-256 certificate from openssl `req -x509` (its key discarded), PEM; `args` add `-subj` and the rest. */
export const opensslThrowawayCertificate = (args: string[]): string =>
  ok(OPENSSL, ['req', '-x509', ...EC_P256_NEWKEY, '-nodes', '-keyout', '/dev/null', ...args]);

/**
 * `openssl verify -x509_strict -purpose sslclient` of a client certificate against a root, through the
 * intermediates given (`-untrusted`); its stdout ("…: OK"), or a failed test with openssl's stderr.
 */
export function opensslVerifyClient(rootPath: string, clientPath: string, intermediatePath?: string): string {
  const untrusted = intermediatePath ? ['-untrusted', intermediatePath] : [];
  return ok(OPENSSL, [
    'verify',
    '-x509_strict',
    '-purpose',
    'sslclient',
    '-CAfile',
    rootPath,
    ...untrusted,
    clientPath,
  ]);
}

/** Run keytool (a JVM start: slow-ish, so the tests call it sparingly). */
export const keytool = (args: string[], options?: ToolOptions): ToolResult => run(KEYTOOL, args, options);

export interface Extension {
  name: string;
  critical: boolean;
  /** The value lines, trimmed and joined with a newline. */
  value: string;
}

/**
 * The X509v3 extensions block of `openssl x509 -text` (the text), in order. Headers are indented 12 spaces,
 * their values 16; "Signature Algorithm:" at a smaller indent ends the section.
 */
export function opensslExtensions(text: string): Extension[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'X509v3 extensions:');
  const out: Extension[] = [];
  if (start < 0) return out;
  for (const line of lines.slice(start + 1)) {
    const header = /^ {12}(\S[^:]*):\s*(critical)?\s*$/.exec(line);
    const current = out[out.length - 1];
    if (header && header[1]) out.push({ name: header[1], critical: header[2] === 'critical', value: '' });
    else if (/^ {16}/.test(line) && current)
      current.value = current.value ? `${current.value}\n${line.trim()}` : line.trim();
    else break;
  }
  return out;
}

/** The extensions of the certificate at `certPath`, by display name (e.g. "X509v3 Basic Constraints"). */
export function opensslExtensionMap(certPath: string): Map<string, { critical: boolean; value: string }> {
  const text = opensslOk(['x509', '-in', certPath, '-noout', '-text']).stdout;
  return new Map(opensslExtensions(text).map(({ name, ...rest }) => [name, rest]));
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
  return opensslOk(['pkey', '-pubin', '-outform', 'DER'], { input: pem }).raw;
}

/** The DER SubjectPublicKeyInfo derived from a private key (PEM on stdin, optionally encrypted; PW via env). */
export function keyPublicKeyDer(keyPem: string, password?: string): Buffer {
  const pass = password === undefined ? [] : ['-passin', 'env:PKI_TOOLS_PW'];
  return opensslOk(['pkey', ...pass, '-pubout', '-outform', 'DER'], {
    input: keyPem,
    env: password === undefined ? {} : { PKI_TOOLS_PW: password },
  }).raw;
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
