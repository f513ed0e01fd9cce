/**
 * Runs the built `anchorage` CLI (bin/anchorage.js → out/cli) as a real child process, the way a user
 * or the AWS CLI runs it. Each harness has its own data directory. Secrets go through env or stdin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const BIN = join(REPO, 'bin', 'anchorage.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  home: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<CliResult>;
  /** Run and expect exit 0; returns stdout parsed as JSON when `--json` is among the args. */
  ok<T = unknown>(args: string[], options?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<T>;
  cleanup(): void;
}

/**
 * A fresh data directory. `vault: 'file'` uses the passphrase store; `'keychain'` the real Secret
 * Service, which needs the suite to run under scripts/with-keyring.sh (npm test does).
 */
export function cliHarness(options: { vault?: 'file' | 'keychain' } = {}): CliHarness {
  if (!existsSync(join(REPO, 'out', 'cli', 'anchorage.mjs'))) {
    throw new Error('The CLI is not built: run `npm run build:cli` (npm test builds it first).');
  }
  const home = mkdtempSync(join(tmpdir(), 'anchorage-it-'));
  const vault = options.vault ?? 'file';
  // A keychain service of its own: test files run in parallel against one test keyring, and a vault key
  // must never be read, replaced or deleted by another harness (docs/decisions.md, "The keychain item").
  const service = `anchorage-it-${randomBytes(6).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ANCHORAGE_HOME: home,
    ANCHORAGE_VAULT: vault,
    ANCHORAGE_KEYCHAIN_SERVICE: service,
    ...(vault === 'file' ? { ANCHORAGE_VAULT_PASSPHRASE: 'integration-test-passphrase' } : {}),
  };
  const run: CliHarness['run'] = (args, opts = {}) =>
    new Promise((done, fail) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...env, ...opts.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', fail);
      child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(opts.stdin ?? '');
    });
  return {
    home,
    env,
    run,
    async ok<T>(args: string[], opts?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<T> {
      const r = await run(args, opts);
      if (r.code !== 0) throw new Error(`anchorage ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return (args.includes('--json') ? JSON.parse(r.stdout) : r.stdout) as T;
    },
    cleanup: () => {
      rmSync(home, { recursive: true, force: true });
      // The vault key this harness may have stored in the test keyring (secret-tool exits 1 if none).
      if (vault === 'keychain')
        spawnSync('secret-tool', ['clear', 'service', service, 'username', 'vault-key']);
    },
  };
}

/** The harnesses one test file makes, removed together in its `afterAll`. */
export function homePool(): {
  fresh(options?: { vault?: 'file' | 'keychain' }): CliHarness;
  cleanup(): void;
} {
  const homes: CliHarness[] = [];
  return {
    fresh(options = { vault: 'file' }) {
      const h = cliHarness(options);
      homes.push(h);
      return h;
    },
    cleanup() {
      for (const h of homes.splice(0)) h.cleanup();
    },
  };
}

/** The single-line CLI error contract (ARCHITECTURE §9): `error: … (hint: …)`, nothing else on stderr. */
const ERROR_LINE = /^error: [^\n]+ \(hint: [^\n]+\)\n$/;

/** Assert the CLI failed the documented way: non-zero exit, one `error: … (hint: …)` line, no stdout. */
export function cliFailure(result: { code: number; stdout: string; stderr: string }): string {
  if (result.code === 0) throw new Error(`expected a failure, got exit 0 with: ${result.stdout}`);
  if (!ERROR_LINE.test(result.stderr)) {
    throw new Error(`stderr is not one "error: … (hint: …)" line:\n${result.stderr}`);
  }
  if (result.stdout !== '') throw new Error(`expected no stdout on failure, got: ${result.stdout}`);
  return result.stderr;
}
