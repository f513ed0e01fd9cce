// The test harness itself (scripts/with-keyring.sh): a private, unlocked gnome-keyring in a private D-Bus
// session, HOME and XDG dirs in a temp dir that is removed afterwards, the exit code passed through.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APT_LINE, REPO_ROOT, WITH_KEYRING, requireTool } from './keyring-env';

function run(
  script: string,
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(WITH_KEYRING, ['bash', '-c', script], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/with-keyring.sh', () => {
  it('passes the exit code through', () => {
    expect(run('exit 0').status).toBe(0);
    expect(run('exit 7').status).toBe(7);
  });

  it('gives the command a private bus, an unlocked login keyring and temporary HOME/XDG dirs, then removes them', () => {
    requireTool('secret-tool');
    const outerBus = process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
    const result = run(
      [
        'echo "home=$HOME"',
        'echo "tmp=$ANCHORAGE_TEST_KEYRING_HOME"',
        'echo "bus=$DBUS_SESSION_BUS_ADDRESS"',
        'for v in XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do echo "$v=${!v}"; done',
        'test -f "$XDG_DATA_HOME/keyrings/login.keyring" && echo "login-keyring=yes"',
        "printf 'v' | secret-tool store --label=probe service harness-probe username u && secret-tool lookup service harness-probe username u && echo",
      ].join('\n'),
    );
    expect(result.status, result.stderr).toBe(0);
    const out = Object.fromEntries(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    const tmp = out.tmp ?? '';
    expect(tmp).toMatch(/anchorage-keyring\./);
    expect(out.home?.startsWith(tmp)).toBe(true);
    for (const v of ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR'])
      expect(out[v]?.startsWith(tmp), v).toBe(true);
    expect(out.bus).toMatch(/^unix:/);
    expect(out.bus).not.toBe(outerBus);
    expect(out['login-keyring']).toBe('yes');
    expect(result.stdout).toMatch(/^v$/m);
    expect(existsSync(tmp)).toBe(false);
  });

  it('names the apt packages when a tool is missing', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'anchorage-nopath-'));
    try {
      const result = spawnSync('/bin/bash', [WITH_KEYRING, 'true'], {
        env: { PATH: emptyPath },
        encoding: 'utf8',
      });
      expect(result.status).toBe(127);
      expect(result.stderr).toContain('missing dbus-run-session gnome-keyring-daemon gdbus');
      expect(result.stderr).toContain(APT_LINE);
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
