// Issue 11 §1: what `anchorage serve` prints once it listens (one JSON line, or export lines a POSIX shell
// runs as they are), its event lines, and its --port rule.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { eventLine, portOption, readyJson, readyText } from '../../../../main/cli/serve-command';
import type { CredentialServer } from '../../../../main/core/serve/credential-server';

const server = (imds: boolean): CredentialServer => ({
  url: 'http://127.0.0.1:9911',
  port: 9911,
  endpoints: [
    {
      profile: 'dev',
      url: 'http://127.0.0.1:9911/credentials/dev',
      tokenFile: "/home/o'neil/serve/9911/dev.token",
    },
    {
      profile: 'ops',
      url: 'http://127.0.0.1:9911/credentials/ops',
      tokenFile: '/home/x/serve/9911/ops.token',
    },
  ],
  ...(imds ? { imds: { profile: 'dev', url: 'http://127.0.0.1:9911/' } } : {}),
  warm: () => Promise.resolve(),
  idle: () => Promise.resolve(),
  stop: () => Promise.resolve(),
});

describe('serve output', () => {
  it('--json: one line with each profile’s two variables, and the IMDS endpoint with --imds', () => {
    expect(readyJson(server(false))).toBe(
      JSON.stringify({
        url: 'http://127.0.0.1:9911',
        profiles: {
          dev: {
            AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9911/credentials/dev',
            AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/home/o'neil/serve/9911/dev.token",
          },
          ops: {
            AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9911/credentials/ops',
            AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/home/x/serve/9911/ops.token',
          },
        },
      }),
    );
    expect(JSON.parse(readyJson(server(true))).imds).toEqual({
      profile: 'dev',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9911/',
    });
    expect(readyJson(server(true))).not.toContain('\n');
  });

  it('text: export lines that sh runs as printed, quoting included', () => {
    const text = readyText(server(true));
    const devBlock = text.slice(0, text.indexOf('# Profile ops'));
    const shell = spawnSync(
      'sh',
      ['-c', `${devBlock.replace(/^export AWS_CONTAINER_AUTHORIZATION_TOKEN=.*$/m, '')}env`],
      {
        env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIAOLD', AWS_PROFILE: 'other' },
        encoding: 'utf8',
      },
    );
    expect(shell.status).toBe(0);
    expect(shell.stdout).toContain(
      'AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:9911/credentials/dev\n',
    );
    expect(shell.stdout).toContain(
      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/home/o'neil/serve/9911/dev.token\n",
    );
    expect(shell.stdout).not.toMatch(/^AWS_ACCESS_KEY_ID=|^AWS_PROFILE=/m);
    // The token itself is read from the file by the shell, never printed.
    expect(text).toMatch(
      /^export AWS_CONTAINER_AUTHORIZATION_TOKEN="\$\(cat '\/home\/o'\\''neil\/serve\/9911\/dev\.token'\)"$/m,
    );
    expect(text).toMatch(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT='http:\/\/127\.0\.0\.1:9911\/'$/m);
    expect(readyText(server(false))).not.toContain('IMDS');
  });

  it('event lines, as text and as JSON, with the CLI’s hint for an error', () => {
    const error = {
      type: 'error' as const,
      profile: 'dev',
      error: {
        code: 'REVOKED' as const,
        message: 'The certificate "c" was revoked on then.',
        hint: 'neutral',
        facts: { name: 'c', revokedAt: 'then', profile: 'dev' },
      },
    };
    expect(eventLine(error, false)).toBe(
      'serve: dev: error: The certificate "c" was revoked on then. (hint: Issue a new client certificate and point the profile at it (`anchorage profile set dev --cert NEW`).)',
    );
    expect(JSON.parse(eventLine(error, true))).toMatchObject({
      event: 'error',
      profile: 'dev',
      error: { code: 'REVOKED', hint: expect.stringContaining('anchorage profile set dev') },
    });
    const refused = {
      type: 'refused' as const,
      reason: 'host' as const,
      method: 'GET',
      path: '/credentials/dev',
    };
    expect(eventLine(refused, false)).toBe(
      'serve: refused GET /credentials/dev: a foreign Host header (DNS rebinding?)',
    );
    expect(JSON.parse(eventLine(refused, true))).toEqual({
      event: 'refused',
      reason: 'host',
      method: 'GET',
      path: '/credentials/dev',
    });
    const session = {
      type: 'session' as const,
      profile: 'dev',
      expiration: '2026-01-01T00:00:00Z',
      fromCache: true,
    };
    expect(eventLine(session, false)).toBe(
      'serve: dev: session valid until 2026-01-01T00:00:00Z (from the cache)',
    );
    expect(eventLine({ type: 'stopped' }, true)).toBe('{"event":"stopped"}');
  });

  it('--port: 0 to 65535, whole numbers only', () => {
    expect(portOption('0')).toBe(0);
    expect(portOption('65535')).toBe(65_535);
    for (const bad of ['65536', '-1', '1.5', '1e3', 'http', '']) {
      expect(() => portOption(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});
