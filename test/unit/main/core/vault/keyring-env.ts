/**
 * Test helpers for the real Secret Service that scripts/with-keyring.sh provides (ARCHITECTURE §7):
 * checking that we run inside it, locking and unlocking its `login` collection, reading items with
 * libsecret's `secret-tool`, and starting child processes (optionally inside a keyring of their own).
 */
import { execFileSync, spawn } from 'node:child_process';
import { requireTool } from '../../../../support/tools';

/** Fail with the install command when a system tool is missing (test/support/tools.ts). */
export { requireTool };
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
export const WITH_KEYRING = join(REPO_ROOT, 'scripts', 'with-keyring.sh');
const VAULT_CHILD = fileURLToPath(new URL('./vault-child.ts', import.meta.url));
export const APT_LINE = 'apt-get install -y dbus-x11 gnome-keyring libglib2.0-bin libsecret-tools';

const SECRETS = ['--session', '--dest', 'org.freedesktop.secrets'];
const LOGIN = '/org/freedesktop/secrets/collection/login';

/**
 * Throw unless we run inside scripts/with-keyring.sh. The password variable is checked too, so that a test
 * run from a desktop session (which has a bus) never locks or writes the developer's own keyring.
 */
export function requireKeyringSession(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS || !process.env.ANCHORAGE_TEST_KEYRING_PASSWORD) {
    throw new Error(
      'The keychain tests need a private, real Secret Service: run under scripts/with-keyring.sh ' +
        '(e.g. `scripts/with-keyring.sh npx vitest run test/unit/main/core/vault`).',
    );
  }
  for (const tool of ['gdbus', 'secret-tool']) requireTool(tool);
}

/** Lock the login collection through the Secret Service API (no prompt is needed to lock). */
export function lockLoginCollection(): void {
  execFileSync(
    'gdbus',
    [
      'call',
      ...SECRETS,
      '--object-path',
      '/org/freedesktop/secrets',
      '--method',
      'org.freedesktop.Secret.Service.Lock',
      `['${LOGIN}']`,
    ],
    {
      stdio: 'pipe',
    },
  );
}

/** Whether the login collection is locked, as the Secret Service reports it. */
export function isLoginCollectionLocked(): boolean {
  const out = execFileSync(
    'gdbus',
    [
      'call',
      ...SECRETS,
      '--object-path',
      LOGIN,
      '--method',
      'org.freedesktop.DBus.Properties.Get',
      'org.freedesktop.Secret.Collection',
      'Locked',
    ],
    {
      encoding: 'utf8',
    },
  );
  return out.includes('<true>');
}

/**
 * Unlock the login collection with its password. The Secret Service's own Unlock needs a prompt (a display);
 * gnome-keyring's control socket takes the password directly, as pam_gnome_keyring does. Protocol
 * (gnome-keyring daemon/control): a credentials byte, then a packet `u32 length, u32 op (1 = UNLOCK),
 * u32 passwordLength, password`, all big-endian; the reply is `u32 8, u32 result` (0 = OK, 1 = DENIED).
 */
export async function unlockLoginCollection(
  password = process.env.ANCHORAGE_TEST_KEYRING_PASSWORD ?? '',
): Promise<void> {
  const dir = process.env.GNOME_KEYRING_CONTROL ?? join(process.env.XDG_RUNTIME_DIR ?? '', 'keyring');
  const secret = Buffer.from(password, 'utf8');
  const header = Buffer.alloc(12);
  header.writeUInt32BE(12 + secret.length, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt32BE(secret.length, 8);
  const reply = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(join(dir, 'control'));
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from([0]), header, secret])));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
  const result = reply.length >= 8 ? reply.readUInt32BE(4) : -1;
  if (result !== 0)
    throw new Error(`gnome-keyring refused to unlock the login collection (result ${result}).`);
}

/** Store an item with libsecret's `secret-tool`, as another application would (extra attributes: pairs). */
export function secretToolStore(service: string, account: string, value: string, extra: string[] = []): void {
  execFileSync(
    'secret-tool',
    ['store', '--label', `${account}@${service}`, 'service', service, 'username', account, ...extra],
    {
      input: value,
    },
  );
}

/** The value libsecret's own client finds for a keyring-rs item (attributes `service`, `username`). */
export function secretToolLookup(service: string, account: string): string | undefined {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', service, 'username', account], {
      encoding: 'utf8',
    });
  } catch {
    return undefined; // secret-tool exits 1 when nothing matches
  }
}

/** How many items libsecret finds for a service, across all collections. */
export function secretToolCount(service: string): number {
  const out = execFileSync('secret-tool', ['search', '--all', '--unlock', 'service', service], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.split('\n').filter((line) => line.startsWith('[/')).length;
}

/** Remove an item with libsecret's client, behind the back of the code under test. */
export function secretToolClear(service: string, account: string): void {
  execFileSync('secret-tool', ['clear', 'service', service, 'username', account]);
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The child's last stdout line, parsed. */
  json: ChildReport;
}

type ChildReport =
  { ok: true; [key: string]: unknown } | { ok: false; code: string; message: string; hint: string };

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** Written to stdin (secrets go to children this way, never in argv). */
  stdin?: string;
  /** Run inside a fresh keyring session of its own (nested scripts/with-keyring.sh). */
  ownKeyring?: boolean;
  /** Called when the child prints `ready` (it has loaded everything and waits for stdin). */
  onReady?: () => void;
  /** Hold stdin back until this settles: lets a test release many waiting children at once. */
  release?: Promise<unknown>;
}

/** Run test/unit/main/core/vault/vault-child.ts with `args`, as a separate process. */
export function runVaultChild(args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  const node = [process.execPath, '--import', 'tsx', VAULT_CHILD, ...args];
  const [cmd, ...argv] = options.ownKeyring ? [WITH_KEYRING, ...node] : node;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, argv, {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let readySeen = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (!readySeen && /^ready$/m.test(stdout)) {
        readySeen = true;
        options.onReady?.();
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      let json: ChildReport;
      try {
        json = JSON.parse(last) as ChildReport;
      } catch {
        reject(
          new Error(
            `vault-child ${args.join(' ')} exited ${code} without a report.\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
        return;
      }
      resolve({ code, stdout, stderr, json });
    });
    void Promise.resolve(options.release).then(() => child.stdin.end(options.stdin ?? ''));
  });
}
