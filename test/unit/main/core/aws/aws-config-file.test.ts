import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configureAwsProfile,
  credentialProcessLine,
  quoteWindows,
  removeAwsProfile,
  removeSection,
  upsertSection,
} from '../../../../../main/core/aws/aws-config-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'anchorage-awscfg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = () => new Date('2025-03-04T05:06:07.089Z');
const NODE = '/usr/bin/node';
const CLI = '/opt/anchorage/bin/anchorage.js';

/**
 * Read the file the way botocore does (configparser.RawConfigParser, then shlex.split of
 * credential_process): the check is by the tool that will run the line, not by our own parser.
 */
function botocoreView(path: string, section: string): { argv: string[]; region: string | null } {
  const code = `
import configparser, json, shlex, sys
cp = configparser.RawConfigParser()
cp.read(sys.argv[1])
s = cp[sys.argv[2]]
print(json.dumps({"argv": shlex.split(s.get("credential_process", "")), "region": s.get("region")}))
`;
  try {
    return JSON.parse(execFileSync('python3', ['-c', code, path, section], { encoding: 'utf8' })) as {
      argv: string[];
      region: string | null;
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('python3 is missing: apt-get install -y python3');
    throw error;
  }
}

describe('configureAwsProfile', () => {
  it('creates a new config file with the profile section', async () => {
    const configPath = join(dir, 'aws', 'config');
    const result = await configureAwsProfile({
      configPath,
      profileName: 'dev',
      command: [NODE, CLI],
      region: 'eu-west-1',
      now: NOW,
    });
    expect(result).toEqual({ path: configPath, removedKeys: [] });
    expect(readFileSync(configPath, 'utf8')).toBe(
      `[profile dev]\ncredential_process = ${NODE} ${CLI} credential-process dev\nregion = eu-west-1\n`,
    );
    expect(botocoreView(configPath, 'profile dev')).toEqual({
      argv: [NODE, CLI, 'credential-process', 'dev'],
      region: 'eu-west-1',
    });
    if (process.platform !== 'win32') expect(lstatSync(configPath).mode & 0o077).toBe(0);
  });

  it('writes [default] for the default profile', async () => {
    const configPath = join(dir, 'config');
    await configureAwsProfile({ configPath, profileName: 'default', command: [CLI] });
    expect(readFileSync(configPath, 'utf8')).toBe(
      `[default]\ncredential_process = ${CLI} credential-process default\n`,
    );
  });

  it('updates one profile and keeps every other byte, with a backup of the old file', async () => {
    const configPath = join(dir, 'config');
    const original = [
      '# my AWS config — hand-written',
      '[default]',
      'region = us-east-1',
      'output = json',
      '',
      '; the dev account',
      '[profile dev]',
      'region=us-west-2   ',
      'credential_process = /old/path credential-process dev',
      's3 =',
      '    max_concurrent_requests = 20',
      '    region = ignored-nested',
      '# trailing comment in dev',
      '',
      '[profile other]',
      'sso_start_url = https://example.awsapps.com/start',
      '\tcli_pager=',
      '',
    ].join('\r\n');
    writeFileSync(configPath, original);
    const result = await configureAwsProfile({
      configPath,
      profileName: 'dev',
      command: [NODE, CLI],
      region: 'eu-central-1',
      now: NOW,
    });

    expect(result.backup).toBe(join(dir, 'config.anchorage-backup-20250304T050607Z'));
    expect(readFileSync(result.backup!, 'utf8')).toBe(original);
    const updated = readFileSync(configPath, 'utf8');
    const expected = original
      .replace('region=us-west-2   ', 'region = eu-central-1')
      .replace('/old/path credential-process dev', `${NODE} ${CLI} credential-process dev`);
    expect(updated).toBe(expected);
    expect(botocoreView(configPath, 'profile dev')).toEqual({
      argv: [NODE, CLI, 'credential-process', 'dev'],
      region: 'eu-central-1',
    });
    expect(botocoreView(configPath, 'default').region).toBe('us-east-1');
  });

  it('appends a new section after the others, and does nothing when nothing changes', async () => {
    const configPath = join(dir, 'config');
    const original = '[default]\nregion = us-east-1\n# last line without newline';
    writeFileSync(configPath, original);
    const first = await configureAwsProfile({ configPath, profileName: 'ci', command: [CLI], now: NOW });
    expect(first.backup).toBeDefined();
    expect(readFileSync(configPath, 'utf8')).toBe(
      `${original}\n\n[profile ci]\ncredential_process = ${CLI} credential-process ci\n`,
    );
    // Second run, same command: no write, no second backup.
    const again = await configureAwsProfile({ configPath, profileName: 'ci', command: [CLI], now: NOW });
    expect(again).toEqual({ path: configPath, removedKeys: [] });
    expect(readdirSync(dir).filter((n) => n.includes('anchorage-backup'))).toHaveLength(1);
  });

  it('adds missing keys at the end of an existing section, before the blank line', async () => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, '[profile dev]\noutput = text\n\n[profile x]\nregion = us-east-1\n');
    await configureAwsProfile({ configPath, profileName: 'dev', command: [CLI], now: NOW });
    expect(readFileSync(configPath, 'utf8')).toBe(
      `[profile dev]\noutput = text\ncredential_process = ${CLI} credential-process dev\n\n[profile x]\nregion = us-east-1\n`,
    );
  });

  it('keeps backups of repeated changes in the same second apart', async () => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, '[default]\n');
    const a = await configureAwsProfile({ configPath, profileName: 'a', command: [CLI], now: NOW });
    const b = await configureAwsProfile({ configPath, profileName: 'b', command: [CLI], now: NOW });
    expect(a.backup).not.toBe(b.backup);
    expect(readFileSync(b.backup!, 'utf8')).toContain('[profile a]');
  });

  it('quotes paths and names with spaces and quotes as shlex splits them', async () => {
    const configPath = join(dir, 'config');
    const node = '/Applications/My Tools/node';
    const cli = "/Users/o'brien/anchorage cli/bin/anchorage.js";
    await configureAwsProfile({
      configPath,
      profileName: 'team dev',
      command: [node, cli, '--home', '/data/with space'],
      now: NOW,
    });
    const text = readFileSync(configPath, 'utf8');
    expect(text).toContain('[profile team dev]');
    expect(botocoreView(configPath, 'profile team dev').argv).toEqual([
      node,
      cli,
      '--home',
      '/data/with space',
      'credential-process',
      'team dev',
    ]);
    // And a POSIX shell (the Go and JS SDKs run the line through sh -c) splits it the same way.
    const line = /credential_process = (.*)/.exec(text)![1]!;
    const shell = execFileSync('sh', ['-c', `for a in ${line}; do printf '%s\\n' "$a"; done`], {
      encoding: 'utf8',
    });
    expect(shell.split('\n').slice(0, -1)).toEqual([
      node,
      cli,
      '--home',
      '/data/with space',
      'credential-process',
      'team dev',
    ]);
  });

  it('makes a relative program path absolute', () => {
    expect(credentialProcessLine(['bin/anchorage.js'], 'p', 'linux')).toBe(
      `${join(process.cwd(), 'bin/anchorage.js')} credential-process p`,
    );
    expect(credentialProcessLine(['anchorage'], 'p', 'linux')).toBe('anchorage credential-process p');
  });

  it('uses double quotes on Windows (CommandLineToArgvW)', () => {
    expect(credentialProcessLine(['C:\\Program Files\\Anchorage\\anchorage.exe'], 'dev', 'win32')).toBe(
      '"C:\\Program Files\\Anchorage\\anchorage.exe" credential-process dev',
    );
    expect(quoteWindows('a "b"')).toBe('"a \\"b\\""');
    expect(quoteWindows('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
  });

  it('follows a symlinked config file instead of replacing the link', async () => {
    const target = join(dir, 'real-config');
    writeFileSync(target, '[default]\n');
    const link = join(dir, 'config');
    symlinkSync(target, link);
    const result = await configureAwsProfile({
      configPath: link,
      profileName: 'dev',
      command: [CLI],
      now: NOW,
    });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('[profile dev]');
    expect(result.path).toBe(target);
  });

  it('uses AWS_CONFIG_FILE when no path is given', async () => {
    const configPath = join(dir, 'from-env');
    const result = await configureAwsProfile({
      profileName: 'dev',
      command: [CLI],
      env: { AWS_CONFIG_FILE: configPath },
    });
    expect(result.path).toBe(configPath);
  });

  it('refuses a profile name that would break the file', async () => {
    await expect(
      configureAwsProfile({ configPath: join(dir, 'c'), profileName: 'a]b', command: [CLI] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      configureAwsProfile({ configPath: join(dir, 'c'), profileName: 'a\nb', command: [CLI] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('matches [profile default] as the default profile', () => {
    expect(upsertSection('[profile default]\nregion = x\n', 'default', [['region', 'y']])).toBe(
      '[profile default]\nregion = y\n',
    );
  });
});

describe('keys that override credential_process (issue 9)', () => {
  const ASSUME = [
    '[default]',
    'region = eu-north-1',
    '',
    '[profile dev]',
    '# the old set-up',
    'role_arn = arn:aws:iam::123456789012:role/old',
    'source_profile = default',
    'sso_start_url = https://example.awsapps.com/start',
    'sso_region = eu-west-1',
    'output = json',
    's3 =',
    '  max_concurrent_requests = 4',
    '',
    '[profile other]',
    'region = us-east-1',
    '',
  ].join('\n');
  const noCredentials = (extra: NodeJS.ProcessEnv = {}) => ({
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    ...extra,
  });

  it('refuses them by name, writing nothing', async () => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, ASSUME);
    const error = await configureAwsProfile({
      configPath,
      profileName: 'dev',
      command: [CLI],
      env: noCredentials(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'AWS_CONFIG_CONFLICT',
      facts: {
        reason: 'overriding-keys',
        section: 'profile dev',
        keys: 'role_arn, source_profile, sso_start_url, sso_region',
      },
    });
    expect((error as Error).message).toMatch(/role_arn, source_profile, sso_start_url, sso_region/);
    expect(readFileSync(configPath, 'utf8')).toBe(ASSUME);
    expect(readdirSync(dir).filter((n) => n.includes('anchorage-backup'))).toEqual([]);
  });

  it.each([
    'credential_source',
    'web_identity_token_file',
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_session_token',
    'sso_session',
  ])('counts %s', async (key) => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, `[profile dev]\n${key} = x\n`);
    await expect(
      configureAwsProfile({ configPath, profileName: 'dev', command: [CLI], env: noCredentials() }),
    ).rejects.toMatchObject({ code: 'AWS_CONFIG_CONFLICT', facts: { keys: key } });
  });

  it('with force removes them (and only them) after a backup', async () => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, ASSUME);
    const result = await configureAwsProfile({
      configPath,
      profileName: 'dev',
      command: [NODE, CLI],
      region: 'us-east-1',
      force: true,
      env: noCredentials(),
      now: NOW,
    });
    expect(result.removedKeys).toEqual(['role_arn', 'source_profile', 'sso_start_url', 'sso_region']);
    expect(readFileSync(result.backup!, 'utf8')).toBe(ASSUME);
    const after = readFileSync(configPath, 'utf8');
    expect(after).toBe(
      [
        '[default]',
        'region = eu-north-1',
        '',
        '[profile dev]',
        '# the old set-up',
        'output = json',
        's3 =',
        '  max_concurrent_requests = 4',
        `credential_process = ${NODE} ${CLI} credential-process dev`,
        'region = us-east-1',
        '',
        '[profile other]',
        'region = us-east-1',
        '',
      ].join('\n'),
    );
    expect(botocoreView(configPath, 'profile dev').argv).toEqual([NODE, CLI, 'credential-process', 'dev']);
  });

  it('reports a section of the same name in the shared credentials file', async () => {
    const configPath = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      '[default]\naws_access_key_id = AKIA1\n\n[dev]\naws_access_key_id = AKIA2\naws_secret_access_key = s\n',
    );
    const result = await configureAwsProfile({
      configPath,
      profileName: 'dev',
      command: [CLI],
      env: { AWS_SHARED_CREDENTIALS_FILE: credentials },
    });
    expect(result.credentialsFile).toEqual({
      path: credentials,
      keys: ['aws_access_key_id', 'aws_secret_access_key'],
    });
    const none = await configureAwsProfile({
      configPath,
      profileName: 'other',
      command: [CLI],
      env: { AWS_SHARED_CREDENTIALS_FILE: credentials },
    });
    expect(none.credentialsFile).toBeUndefined();
  });
});

describe('removeAwsProfile (configure-aws --remove)', () => {
  const before = '# mine\n[default]\nregion = eu-north-1\n\n';
  const other = '# the next one\n[profile other]\nregion = us-east-1\n';

  it('removes the section configure-aws wrote, after a backup, and keeps every other byte', async () => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, before + other);
    await configureAwsProfile({
      configPath,
      profileName: 'dev',
      command: [NODE, CLI],
      region: 'eu-west-1',
      now: NOW,
    });
    const written = readFileSync(configPath, 'utf8');
    expect(written).toContain('[profile dev]');
    const result = await removeAwsProfile({ configPath, profileName: 'dev', now: NOW });
    expect(readFileSync(result.backup, 'utf8')).toBe(written);
    expect(readFileSync(configPath, 'utf8')).toBe(before + other);
  });

  it('removes a section in the middle, keeping the comment that leads into the next one', () => {
    const text = `${before}[profile dev]\ncredential_process = x credential-process dev\n\n${other}`;
    expect(removeSection(text, 'profile dev')).toBe(before + other);
  });

  it('refuses a section whose credential_process is not Anchorage’s, writing nothing', async () => {
    const configPath = join(dir, 'config');
    const text = '[profile dev]\ncredential_process = /usr/local/bin/other-tool --profile dev\n';
    writeFileSync(configPath, text);
    await expect(removeAwsProfile({ configPath, profileName: 'dev' })).rejects.toMatchObject({
      code: 'AWS_CONFIG_CONFLICT',
      facts: { reason: 'not-anchorage', section: 'profile dev' },
    });
    writeFileSync(configPath, '[profile dev]\nregion = x\n');
    await expect(removeAwsProfile({ configPath, profileName: 'dev' })).rejects.toMatchObject({
      code: 'AWS_CONFIG_CONFLICT',
    });
    expect(readdirSync(dir).filter((n) => n.includes('anchorage-backup'))).toEqual([]);
  });

  it('refuses a profile that is not in the file', async () => {
    const configPath = join(dir, 'config');
    writeFileSync(configPath, before);
    await expect(removeAwsProfile({ configPath, profileName: 'dev' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      facts: { what: 'aws-profile', name: 'dev' },
    });
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });
});

describe('removeSection', () => {
  it('leaves no blank line at the top when the section opened the file', () => {
    expect(removeSection('[profile dev]\na = 1\n\n[profile other]\nb = 2\n', 'profile dev')).toBe(
      '[profile other]\nb = 2\n',
    );
  });
});
