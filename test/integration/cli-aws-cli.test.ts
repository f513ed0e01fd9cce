/**
 * Issue 3, "the real AWS CLI": `anchorage configure-aws NAME` writes `credential_process` into the file
 * AWS_CONFIG_FILE names; Debian's awscli then runs that exact command line (shlex-split by botocore) and
 * calls STS GetCallerIdentity on the emulator, which verifies botocore's SigV4 signature with the credentials
 * it issued. Three calls make one CreateSession: the session cache works across processes.
 *
 * The AWS CLI gets a minimal environment: no ANCHORAGE_HOME (the written command carries `--home`), only
 * the vault selection and, for the file vault, its passphrase, as a user's shell profile would export them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AWS_CLI, makeWorld } from './aws-fixtures';
import type { World } from './aws-fixtures';

function requireAwsCli(): void {
  try {
    execFileSync(AWS_CLI, ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `The AWS CLI (${AWS_CLI}) is required: install it with \`sudo apt-get install -y awscli\`.`,
    );
  }
}

const worlds: World[] = [];
afterAll(async () => {
  for (const w of worlds) {
    await w.close();
    expect(w.r.leaks()).toEqual([]);
  }
});

function aws(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AWS_CLI, args, { env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.each(['file', 'keychain'] as const)('configure-aws + /usr/bin/aws (%s vault)', (vault) => {
  it('aws sts get-caller-identity works through credential_process, with one CreateSession for three calls', async () => {
    requireAwsCli();
    const w = await makeWorld({ vault });
    worlds.push(w);
    await w.profile('dev', { extra: ['--session-name', 'from-aws-cli'] });

    // An existing config: its other section and comment must survive, and a backup must be made.
    const home = join(w.scratch, 'home');
    execFileSync('mkdir', ['-p', home]);
    const configFile = join(w.scratch, 'aws-config');
    const original = '# my settings\n[default]\nregion = eu-north-1\noutput = json\n';
    writeFileSync(configFile, original);

    const written = await w.r.ok<string>(['configure-aws', 'dev'], { env: { AWS_CONFIG_FILE: configFile } });
    expect(written).toContain(configFile);
    const config = readFileSync(configFile, 'utf8');
    expect(config.startsWith(original)).toBe(true);
    expect(config).toMatch(/^\[profile dev\]$/m);
    const line = /^credential_process = (.+)$/m.exec(config)?.[1] ?? '';
    // The absolute command: this node, the CLI entry, the data dir, then `credential-process dev`.
    expect(line).toContain(process.execPath);
    expect(line).toContain('bin/anchorage.js');
    expect(line).toContain(`--home ${w.h.home}`);
    expect(line).toMatch(/ credential-process dev$/);
    expect(config).toMatch(/^region = us-east-1$/m);
    expect(readdirSync(w.scratch).some((f) => f.startsWith('aws-config.anchorage-backup-'))).toBe(true);

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      // Debian's awscli 2.9 predates the service-specific AWS_ENDPOINT_URL_STS (CLI 2.13), so the emulator
      // also goes as --endpoint-url, which every version honours; the variable is kept for newer CLIs.
      AWS_ENDPOINT_URL_STS: w.emu.url,
      ANCHORAGE_VAULT: vault,
      // The harness's own keychain service (test files share one test keyring; cli-harness.ts).
      ANCHORAGE_KEYCHAIN_SERVICE: w.h.env.ANCHORAGE_KEYCHAIN_SERVICE,
      ...(vault === 'file'
        ? { ANCHORAGE_VAULT_PASSPHRASE: w.h.env.ANCHORAGE_VAULT_PASSPHRASE }
        : // The Secret Service is reached over the session bus of scripts/with-keyring.sh.
          {
            DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
            XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
          }),
    };

    for (let i = 0; i < 3; i++) {
      const res = await aws(
        ['--profile', 'dev', '--endpoint-url', w.emu.url, 'sts', 'get-caller-identity', '--output', 'json'],
        env,
      );
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({
        Account: '123456789012',
        Arn: 'arn:aws:sts::123456789012:assumed-role/anchorage-it/from-aws-cli',
      });
    }
    expect(w.emu.stats().createSession).toBe(1);
    expect(w.emu.stats().getCallerIdentity).toBe(3);

    // What the AWS CLI got is what `session` prints (the cached session), not some other credential.
    const keys = JSON.parse(await w.r.ok<string>(['session', 'dev', '--format', 'json'])) as {
      AccessKeyId: string;
    };
    expect(w.emu.issued().map((s) => s.accessKeyId)).toEqual([keys.AccessKeyId]);

    // A second configure-aws with nothing to change leaves the file byte for byte.
    await w.r.ok(['configure-aws', 'dev'], { env: { AWS_CONFIG_FILE: configFile } });
    expect(readFileSync(configFile, 'utf8')).toBe(config);
  });
});

describe('a failing credential_process', () => {
  it('makes the AWS CLI fail with Anchorage’s error, after one CreateSession', async () => {
    requireAwsCli();
    const w = await makeWorld();
    worlds.push(w);
    await w.profile('broken');
    const configFile = join(w.scratch, 'aws-config');
    await w.r.ok(['configure-aws', 'broken'], { env: { AWS_CONFIG_FILE: configFile } });
    w.emu.inject({ status: 403, errorType: 'AccessDeniedException', count: 1 });
    const res = await aws(
      ['--profile', 'broken', '--endpoint-url', w.emu.url, 'sts', 'get-caller-identity'],
      {
        PATH: process.env.PATH,
        HOME: w.scratch,
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: join(w.scratch, 'none'),
        AWS_EC2_METADATA_DISABLED: 'true',
        ANCHORAGE_VAULT: 'file',
        ANCHORAGE_VAULT_PASSPHRASE: w.h.env.ANCHORAGE_VAULT_PASSPHRASE,
      },
    );
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/denied/i);
    expect(w.emu.stats().createSession).toBe(1);
  });
});

describe('configure-aws over an existing assume-role profile (issue 9)', () => {
  it('refuses its keys by name, then with --force replaces them so that the AWS CLI uses Anchorage', async () => {
    requireAwsCli();
    const w = await makeWorld();
    worlds.push(w);
    await w.profile('dev');
    const configFile = join(w.scratch, 'aws-config');
    const original = [
      '[profile base]',
      'region = eu-north-1',
      '',
      '[profile dev]',
      'role_arn = arn:aws:iam::123456789012:role/old',
      'source_profile = base',
      '',
    ].join('\n');
    writeFileSync(configFile, original);
    const noCredentials = join(w.scratch, 'no-credentials');
    const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: noCredentials };
    const backups = () => readdirSync(w.scratch).filter((f) => f.startsWith('aws-config.anchorage-backup-'));

    const refused = await w.r.fails(['configure-aws', 'dev'], { env });
    expect(refused).toMatch(/role_arn, source_profile/);
    expect(refused).toContain('--force');
    expect(readFileSync(configFile, 'utf8')).toBe(original);
    expect(backups()).toEqual([]);

    // A relative --home, given from this directory: the written line carries it absolute.
    const relativeHome = relative(process.cwd(), w.h.home);
    expect(isAbsolute(relativeHome)).toBe(false);
    const out = await w.r.ok<string>(['--home', relativeHome, 'configure-aws', 'dev', '--force'], { env });
    expect(out).toContain('Removed role_arn, source_profile');
    // The harness's file vault: say what the AWS CLI's environment needs, never the passphrase itself.
    expect(out).toMatch(/ANCHORAGE_VAULT=file and ANCHORAGE_VAULT_PASSPHRASE/);
    const config = readFileSync(configFile, 'utf8');
    expect(config).not.toContain(w.h.env.ANCHORAGE_VAULT_PASSPHRASE!);
    expect(config).not.toMatch(/role_arn|source_profile = /);
    expect(config).toContain(`--home ${w.h.home} credential-process dev`);
    expect(backups()).toHaveLength(1);
    expect(readFileSync(join(w.scratch, backups()[0]!), 'utf8')).toBe(original);

    const res = await aws(
      ['--profile', 'dev', '--endpoint-url', w.emu.url, 'sts', 'get-caller-identity', '--output', 'json'],
      {
        PATH: process.env.PATH,
        HOME: w.scratch,
        // Another directory than the one configure-aws ran in.
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: noCredentials,
        AWS_EC2_METADATA_DISABLED: 'true',
        ANCHORAGE_VAULT: 'file',
        ANCHORAGE_VAULT_PASSPHRASE: w.h.env.ANCHORAGE_VAULT_PASSPHRASE,
      },
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ Account: '123456789012' });
  });

  it('warns when the shared credentials file has a section of the same name', async () => {
    const w = await makeWorld();
    worlds.push(w);
    await w.profile('dev');
    const credentials = join(w.scratch, 'credentials');
    writeFileSync(credentials, '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\n');
    const out = await w.r.ok<string>(['configure-aws', 'dev'], {
      env: { AWS_CONFIG_FILE: join(w.scratch, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: credentials },
    });
    expect(out).toMatch(new RegExp(`warning: ${credentials} also has this profile \\(aws_access_key_id\\)`));
    const json = await w.r.ok<{ credentialsFile: { path: string; keys: string[] } }>(
      ['--json', 'configure-aws', 'dev'],
      { env: { AWS_CONFIG_FILE: join(w.scratch, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: credentials } },
    );
    expect(json.credentialsFile).toEqual({ path: credentials, keys: ['aws_access_key_id'] });
  });

  it('--remove undoes it with a backup, and refuses a section Anchorage did not write', async () => {
    const w = await makeWorld();
    worlds.push(w);
    await w.profile('dev');
    const configFile = join(w.scratch, 'aws-config');
    const original = '[profile mine]\ncredential_process = /opt/other/tool --profile mine\n';
    writeFileSync(configFile, original);
    const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(w.scratch, 'none') };
    await w.r.ok(['configure-aws', 'dev'], { env });
    expect(readFileSync(configFile, 'utf8')).toContain('[profile dev]');

    const refused = await w.r.fails(['configure-aws', '--remove', 'mine'], { env });
    expect(refused).toMatch(/not written by Anchorage/);
    const missing = await w.r.fails(['configure-aws', '--remove', 'nope'], { env });
    expect(missing).toMatch(/no \[profile nope\] section/);

    const out = await w.r.ok<string>(['configure-aws', '--remove', 'dev'], { env });
    expect(out).toMatch(/Removed the AWS profile dev from .*backup: /);
    expect(readFileSync(configFile, 'utf8')).toBe(original);

    await w.r.fails(['configure-aws'], { env });
    await w.r.fails(['configure-aws', 'dev', '--remove', 'dev'], { env });
  });
});
