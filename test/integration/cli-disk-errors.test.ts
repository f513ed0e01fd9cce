// Issue 7 §5: a full, read-only or unwritable data directory, and an `--out` that is a directory or lies under a
// file, get a message that says what failed and where (never "this is a bug"), and change nothing. The disks are
// real: a tmpfs and a read-only bind mount in a private mount namespace (unshare), and root without its
// permission-override capabilities (setpriv), so the kernel itself refuses.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, homePool } from './cli-harness';
import type { CliHarness } from './cli-harness';
import { cleanupDirs, snapshot, tempDir } from '../support/fs';

const homes = homePool();
const dirs: string[] = [];
afterAll(() => {
  homes.cleanup();
  cleanupDirs(dirs);
});

/** Fail (never skip) with the install command when the namespace tools are missing. */
beforeAll(() => {
  for (const tool of ['unshare', 'setpriv']) {
    if (spawnSync(tool, ['--version']).error) {
      throw new Error(`${tool} is required for these tests; install it with: apt-get install -y util-linux`);
    }
  }
});

/** Run a shell script in a private mount namespace, with the harness's environment; `$CLI` runs anchorage. */
function inMountNamespace(h: CliHarness, script: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    'unshare',
    ['--mount', '--propagation', 'private', 'bash', '-euo', 'pipefail', '-c', script],
    {
      env: { ...h.env, CLI: `${process.execPath} ${BIN}` },
      encoding: 'utf8',
    },
  );
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function homeWithCa(): Promise<CliHarness> {
  const h = homes.fresh();
  await h.ok(['ca', 'create', '--name', 'disk-ca', '--key-type', 'ec-p256']);
  return h;
}

const errorLine = (stderr: string) => stderr.trim().split('\n').pop() ?? '';

describe('disk errors on the data directory', () => {
  it('read-only (EROFS): names the data directory and the cause, and writes nothing', async () => {
    const h = await homeWithCa();
    const before = snapshot(h.home);
    const r = inMountNamespace(
      h,
      `mount --bind "$ANCHORAGE_HOME" "$ANCHORAGE_HOME" && mount -o remount,ro,bind "$ANCHORAGE_HOME"
       set +e; $CLI cert issue --ca disk-ca --cn ro-client --key-type ec-p256; echo "exit=$?"`,
    );
    expect(r.stdout).toContain('exit=1');
    const line = errorLine(r.stderr);
    expect(line).toMatch(
      new RegExp(`^error: Could not write ${h.home}/\\S+: the file system is read-only \\(EROFS\\)\\.`),
    );
    expect(line).toContain('(hint: Choose a location on a writable disk, or remount this one read-write.)');
    expect(line).not.toMatch(/bug|\.tmp/);
    expect(snapshot(h.home)).toEqual(before);
  });

  it('full (ENOSPC): says the disk is full; nothing half-written and no orphan key is left', async () => {
    const h = await homeWithCa();
    const out = tempDir().dir;
    dirs.push(out);
    const before = snapshot(h.home);
    // The home is copied onto a tmpfs, the tmpfs is filled, the command runs, and the home is copied back out.
    const r = inMountNamespace(
      h,
      `tmp=$(mktemp -d); mount -t tmpfs -o size=1m tmpfs "$tmp"
       cp -a "$ANCHORAGE_HOME/." "$tmp/"; export ANCHORAGE_HOME="$tmp"
       dd if=/dev/zero of="$tmp/.filler" bs=4k 2>/dev/null || true
       set +e; $CLI cert issue --ca disk-ca --cn full-client --key-type ec-p256; echo "exit=$?"; set -e
       rm "$tmp/.filler"; cp -a "$tmp/." "${out}/"`,
    );
    expect(r.stdout).toContain('exit=1');
    const line = errorLine(r.stderr);
    expect(line).toMatch(/^error: Could not write \S+: the disk is full \(ENOSPC\)\./);
    expect(line).toContain('(hint: Free some space on that disk, then try again.)');
    // Same files, same bytes: no temp file, no lock, no key record for the certificate that was not issued.
    expect(snapshot(out)).toEqual(before);
  });

  it('not writable (EACCES, root without CAP_DAC_OVERRIDE): says permission denied and where', async () => {
    const h = await homeWithCa();
    const before = snapshot(h.home);
    for (const d of [h.home, join(h.home, 'vault')]) chmodSync(d, 0o500);
    try {
      const r = spawnSync(
        'setpriv',
        [
          '--bounding-set',
          '-dac_override,-dac_read_search',
          process.execPath,
          BIN,
          'cert',
          'issue',
          '--ca',
          'disk-ca',
          '--cn',
          'denied',
        ],
        { env: h.env, encoding: 'utf8' },
      );
      expect(r.status).toBe(1);
      const line = errorLine(r.stderr);
      expect(line).toMatch(
        new RegExp(`^error: Could not write ${h.home}/\\S+: permission denied \\(EACCES\\)\\.`),
      );
      expect(line).toContain('hint: Check the owner and permissions of that path');
    } finally {
      for (const d of [h.home, join(h.home, 'vault')]) chmodSync(d, 0o700);
    }
    expect(snapshot(h.home).map((e) => ({ ...e, mode: e.type === 'dir' ? 0 : e.mode }))).toEqual(
      before.map((e) => ({ ...e, mode: e.type === 'dir' ? 0 : e.mode })),
    );
  });
});

describe('disk errors on paths the user gives', () => {
  it('--out that is a directory (EISDIR) or lies under a file (ENOTDIR): named, and nothing written', async () => {
    const h = await homeWithCa();
    const out = tempDir().dir;
    dirs.push(out);
    const dir = join(out, 'a-directory');
    mkdirSync(dir);
    const file = join(out, 'a-file');
    writeFileSync(file, 'keep me');
    const before = snapshot(out);

    const isDir = await h.run(['export', 'disk-ca', '--format', 'pem', '--out', dir]);
    expect(isDir.code).toBe(1);
    expect(errorLine(isDir.stderr)).toBe(
      `error: Could not write ${dir}: it is a directory (EISDIR). (hint: Give the path of a file, not of a directory.)`,
    );
    const underFile = await h.run(['export', 'disk-ca', '--format', 'pem', '--out', join(file, 'ca.pem')]);
    expect(underFile.code).toBe(1);
    expect(errorLine(underFile.stderr)).toBe(
      `error: Could not write ${join(file, 'ca.pem')}: part of the path is a file, not a directory (ENOTDIR). (hint: Check the path.)`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('an input file that does not exist (ENOENT): named, with what to check', async () => {
    const h = homes.fresh();
    const missing = join(h.home, 'no-such-cert.pem');
    const r = await h.run(['inspect', missing]);
    expect(r.code).toBe(1);
    expect(errorLine(r.stderr)).toBe(
      `error: Could not read ${missing}: it does not exist (ENOENT). (hint: Check the path and the file name.)`,
    );
    expect(existsSync(missing)).toBe(false);
  });
});
