/**
 * Shared set-up for the CLI ↔ emulator suites (issue 3): a PKI made THROUGH the built CLI (`ca create`,
 * `cert issue`, `export --format pem`), an emulator whose trust anchor holds that CA, and a profile pointing
 * at it with `--endpoint`/`--sts-endpoint`. Also a recorder that keeps every command's stderr, so a suite
 * can check at the end that no secret it saw on stdout ever leaked into an error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index';
import type { Emulator } from '../emulator/index';
import { cliHarness } from './cli-harness';
import type { CliHarness, CliResult } from './cli-harness';

export { AWS_CLI } from '../support/tools';
const ACCOUNT = '123456789012';

/** The three ARNs of a session; the UUIDs differ by `tag` so that two anchors never collide. */
export interface SessionArns {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
}

/** A summary as `--json ca create` / `cert issue` / `import` print it (the fields the tests use). */
export interface CertJson {
  id: string;
  name: string;
  subject: string;
  issuer: string;
  serialNumber: string;
}

/** Credentials as `session --format json` prints them. */
export interface SessionJson {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
  Region?: string;
}

/** Deterministic ARNs in `region` (hex digit `tag` makes them distinct). */
export function arnsFor(region: string, tag = 'a', role = 'anchorage-it'): SessionArns {
  const uuid = (c: string) => `${c.repeat(8)}-${c.repeat(4)}-4${c.repeat(3)}-8${c.repeat(3)}-${c.repeat(12)}`;
  return {
    trustAnchorArn: `arn:aws:rolesanywhere:${region}:${ACCOUNT}:trust-anchor/${uuid(tag)}`,
    profileArn: `arn:aws:rolesanywhere:${region}:${ACCOUNT}:profile/${uuid(tag === 'f' ? 'e' : 'f')}`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
  };
}

/**
 * Wraps a harness so that every result is kept: `results` for the final secrets check, `secrets` for the
 * credential values that any stdout carried (JSON, env, INI and process formats all match).
 */
export class Recorder {
  readonly results: { args: string[]; result: CliResult }[] = [];
  readonly secrets = new Set<string>();

  constructor(readonly h: CliHarness) {}

  async run(args: string[], options?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<CliResult> {
    const result = await this.h.run(args, options);
    this.results.push({ args, result });
    this.harvest(result.stdout);
    return result;
  }

  /** Run, expect exit 0, return stdout (parsed when `--json` is an argument). */
  async ok<T = string>(args: string[], options?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<T> {
    const r = await this.run(args, options);
    if (r.code !== 0) throw new Error(`anchorage ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return (args.includes('--json') ? JSON.parse(r.stdout) : r.stdout) as T;
  }

  /** Run, expect a non-zero exit and the one-line `error: … (hint: …)`; returns stderr. */
  async fails(args: string[], options?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<string> {
    const r = await this.run(args, options);
    if (r.code === 0)
      throw new Error(`anchorage ${args.join(' ')} succeeded, but should have failed: ${r.stdout}`);
    if (!/^error: .+ \(hint: .+\)\n$/s.test(r.stderr) || r.stderr.trim().includes('\n')) {
      throw new Error(
        `anchorage ${args.join(' ')}: stderr is not one 'error: … (hint: …)' line:\n${r.stderr}`,
      );
    }
    return r.stderr;
  }

  /** Note a secret the test handed in itself (a static secret key). */
  remember(secret: string): void {
    this.secrets.add(secret);
  }

  /** Every (stderr, secret) pair where the secret, plain or base64, appears in a command's stderr. */
  leaks(): { args: string[]; secret: string }[] {
    const found: { args: string[]; secret: string }[] = [];
    for (const { args, result } of this.results) {
      for (const secret of this.secrets) {
        if (containsSecret(result.stderr, secret)) found.push({ args, secret: `${secret.slice(0, 4)}…` });
      }
    }
    return found;
  }

  private harvest(stdout: string): void {
    const re =
      /(SecretAccessKey|SessionToken|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|aws_secret_access_key|aws_session_token)["']?\s*(?::|=|\s)\s*["']?([A-Za-z0-9/+=]{16,})/g;
    for (const m of stdout.matchAll(re)) this.secrets.add(m[2] as string);
  }
}

/** True when `text` holds `secret` as is, or base64/base64url-encoded (any of the three alignments). */
export function containsSecret(text: string | Buffer, secret: string): boolean {
  const hay = typeof text === 'string' ? text : text.toString('latin1');
  if (hay.includes(secret)) return true;
  // A secret inside a larger base64 blob shows up in one of three alignments; drop the first and last
  // 4-character groups, whose characters also depend on the neighbouring bytes.
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]).toString('base64');
    const core = b64.slice(4, -4);
    if (
      core.length >= 16 &&
      (hay.includes(core) || hay.includes(core.replace(/\+/g, '-').replace(/\//g, '_')))
    ) {
      return true;
    }
  }
  return false;
}

/** A scratch directory outside the data directory (exports, AWS config files, hand-made certificates). */
export function scratchDir(prefix = 'anchorage-it-scratch-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `ca create` through the CLI; `--parent` makes an intermediate. */
export function createCa(
  r: Recorder,
  name: string,
  opts: { keyType?: string; parent?: string; org?: string } = {},
): Promise<CertJson> {
  return r.ok<CertJson>([
    '--json',
    'ca',
    'create',
    '--name',
    name,
    '--key-type',
    opts.keyType ?? 'rsa-2048',
    ...(opts.parent ? ['--parent', opts.parent] : []),
    ...(opts.org ? ['--org', opts.org] : []),
  ]);
}

/** `cert issue` through the CLI. */
export function issueCert(r: Recorder, ca: string, cn: string, keyType = 'rsa-2048'): Promise<CertJson> {
  return r.ok<CertJson>([
    '--json',
    'cert',
    'issue',
    '--ca',
    ca,
    '--cn',
    cn,
    '--name',
    cn,
    '--key-type',
    keyType,
  ]);
}

/** The CA's certificate PEM, via `export --format pem` (what a user uploads to the trust anchor). */
export async function exportPem(r: Recorder, ref: string, dir: string): Promise<string> {
  const out = join(dir, `${ref}-${Date.now()}-${Math.random().toString(16).slice(2)}.pem`);
  await r.ok(['export', ref, '--format', 'pem', '--out', out]);
  return readFileSync(out, 'utf8');
}

/** `profile add` pointing at the emulator for both Roles Anywhere and STS. */
export function addProfile(
  r: Recorder,
  name: string,
  cert: string,
  arns: SessionArns,
  endpoint: string,
  extra: string[] = [],
): Promise<unknown> {
  return r.ok([
    '--json',
    'profile',
    'add',
    name,
    '--cert',
    cert,
    '--trust-anchor-arn',
    arns.trustAnchorArn,
    '--profile-arn',
    arns.profileArn,
    '--role-arn',
    arns.roleArn,
    '--endpoint',
    endpoint,
    '--sts-endpoint',
    endpoint,
    ...extra,
  ]);
}

/** A ready world: harness + recorder, one root CA (made by the CLI), an emulator trusting it, a scratch dir. */
export interface World {
  h: CliHarness;
  r: Recorder;
  emu: Emulator;
  ca: CertJson;
  caPem: string;
  arns: SessionArns;
  region: string;
  scratch: string;
  /** Add a client certificate from the world's CA and a profile `name` for it, pointing at the emulator. */
  profile(name: string, opts?: { keyType?: string; extra?: string[] }): Promise<CertJson>;
  close(): Promise<void>;
}

/** Build a {@link World}: fresh data dir, CLI-made root CA, emulator in `region` trusting it. */
export async function makeWorld(
  opts: { region?: string; vault?: 'file' | 'keychain'; caKeyType?: string; durationSeconds?: number } = {},
): Promise<World> {
  const region = opts.region ?? 'us-east-1';
  const h = cliHarness({ vault: opts.vault ?? 'file' });
  const r = new Recorder(h);
  const scratch = scratchDir();
  const ca = await createCa(r, 'world-root', { keyType: opts.caKeyType ?? 'rsa-2048' });
  const caPem = await exportPem(r, ca.id, scratch.dir);
  const arns = arnsFor(region);
  const emu = await startEmulator({
    region,
    trustAnchors: [{ arn: arns.trustAnchorArn, certificatesPem: [caPem] }],
    profiles: [
      { arn: arns.profileArn, roleArns: [arns.roleArn], durationSeconds: opts.durationSeconds ?? 3600 },
    ],
  });
  return {
    h,
    r,
    emu,
    ca,
    caPem,
    arns,
    region,
    scratch: scratch.dir,
    async profile(name, p = {}) {
      const cert = await issueCert(r, ca.id, `${name}-client`, p.keyType);
      await addProfile(r, name, cert.id, arns, emu.url, p.extra);
      return cert;
    },
    async close() {
      await emu.close();
      h.cleanup();
      scratch.cleanup();
    },
  };
}
