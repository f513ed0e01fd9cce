import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_FORMATS,
  formatCredentials,
  isCredentialFormat,
  maskSecret,
  quoteFish,
  quotePowerShell,
} from '../../../shared/credentials';
import type { AwsCredentials } from '../../../shared/credentials';

const creds: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEYID1234',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/+token==',
  expiration: '2025-01-02T03:04:05Z',
};

/** Run a script given on stdin (never argv) with a system tool; fail with the install command if it is missing. */
function run(tool: string, args: string[], script: string, apt: string): string {
  const result = spawnSync(tool, args, { input: script, encoding: 'utf8' });
  if (result.error) throw new Error(`${tool} is missing: install it with \`apt-get install -y ${apt}\``);
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

describe('formatCredentials: exact output', () => {
  it('env (bash/zsh)', () => {
    expect(formatCredentials(creds, 'env')).toBe(
      [
        "export AWS_ACCESS_KEY_ID='ASIAEXAMPLEKEYID1234'",
        "export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "export AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEXAMPLE/+token=='",
        "export AWS_CREDENTIAL_EXPIRATION='2025-01-02T03:04:05Z'",
      ].join('\n'),
    );
  });

  it('fish', () => {
    expect(formatCredentials(creds, 'fish')).toBe(
      [
        "set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLEKEYID1234'",
        "set -gx AWS_SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "set -gx AWS_SESSION_TOKEN 'IQoJb3JpZ2luX2VjEXAMPLE/+token=='",
        "set -gx AWS_CREDENTIAL_EXPIRATION '2025-01-02T03:04:05Z'",
      ].join('\n'),
    );
  });

  it('powershell', () => {
    expect(formatCredentials(creds, 'powershell')).toBe(
      [
        "$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLEKEYID1234'",
        "$Env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "$Env:AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/+token=='",
        "$Env:AWS_CREDENTIAL_EXPIRATION = '2025-01-02T03:04:05Z'",
      ].join('\n'),
    );
  });

  it('cmd', () => {
    expect(formatCredentials(creds, 'cmd')).toBe(
      [
        'set "AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEYID1234"',
        'set "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"',
        'set "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE/+token=="',
        'set "AWS_CREDENTIAL_EXPIRATION=2025-01-02T03:04:05Z"',
      ].join('\n'),
    );
  });

  it('dotenv', () => {
    expect(formatCredentials(creds, 'dotenv')).toBe(
      [
        "AWS_ACCESS_KEY_ID='ASIAEXAMPLEKEYID1234'",
        "AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEXAMPLE/+token=='",
        "AWS_CREDENTIAL_EXPIRATION='2025-01-02T03:04:05Z'",
      ].join('\n'),
    );
  });

  it('json', () => {
    expect(formatCredentials(creds, 'json')).toBe(
      `{
  "AccessKeyId": "ASIAEXAMPLEKEYID1234",
  "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLE/+token==",
  "Expiration": "2025-01-02T03:04:05Z"
}`,
    );
  });

  it('ini (a ~/.aws/credentials section)', () => {
    expect(formatCredentials(creds, 'ini', { profile: 'anchorage-dev' })).toBe(
      [
        '[anchorage-dev]',
        'aws_access_key_id = ASIAEXAMPLEKEYID1234',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        'aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE/+token==',
      ].join('\n'),
    );
    expect(formatCredentials(creds, 'ini').split('\n')[0]).toBe('[default]');
  });

  it('process (credential_process, Version 1)', () => {
    expect(formatCredentials(creds, 'process')).toBe(
      '{"Version":1,"AccessKeyId":"ASIAEXAMPLEKEYID1234","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","SessionToken":"IQoJb3JpZ2luX2VjEXAMPLE/+token==","Expiration":"2025-01-02T03:04:05Z"}',
    );
  });

  it('omits what is absent and adds the region when asked', () => {
    const stat = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
    expect(JSON.parse(formatCredentials(stat, 'process'))).toEqual({
      Version: 1,
      AccessKeyId: 'AKIDEXAMPLE',
      SecretAccessKey: 'secret',
    });
    expect(formatCredentials(stat, 'env')).toBe(
      "export AWS_ACCESS_KEY_ID='AKIDEXAMPLE'\nexport AWS_SECRET_ACCESS_KEY='secret'",
    );
    expect(formatCredentials(stat, 'env', { region: 'eu-west-1' })).toContain(
      "export AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'",
    );
    expect(formatCredentials(stat, 'ini', { region: 'eu-west-1' })).toContain('\nregion = eu-west-1');
    expect(JSON.parse(formatCredentials(stat, 'json', { region: 'eu-west-1' }))).toEqual({
      AccessKeyId: 'AKIDEXAMPLE',
      SecretAccessKey: 'secret',
      Region: 'eu-west-1',
    });
  });
});

describe('formatCredentials: quoting is shell-safe', () => {
  const nasty: AwsCredentials = {
    accessKeyId: "it's",
    secretAccessKey: 'a b\t$HOME `id` $(id) "q" \\ ! * ; & | < > # ~',
    sessionToken: "''\\''",
  };

  it.each([
    ['bash', 'bash'],
    ['dash', 'dash'],
  ])('%s reads back every value verbatim', (tool, apt) => {
    const script = `${formatCredentials(nasty, 'env')}\nprintf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"\n`;
    expect(run(tool, ['-s'], script, apt).split('\0').slice(0, 3)).toEqual([
      nasty.accessKeyId,
      nasty.secretAccessKey,
      nasty.sessionToken,
    ]);
  });

  it('fish and PowerShell quoting escape exactly their own metacharacters', () => {
    expect(quoteFish("a'b\\c$d")).toBe("'a\\'b\\\\c$d'");
    expect(quotePowerShell("a'b\u2019c$d")).toBe("'a''b\u2019\u2019c$d'");
  });

  it('cmd refuses values it cannot quote instead of mangling them', () => {
    expect(() => formatCredentials({ accessKeyId: 'A', secretAccessKey: '100%' }, 'cmd')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => formatCredentials({ accessKeyId: 'A', secretAccessKey: 'a"b' }, 'cmd')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(formatCredentials({ accessKeyId: 'A', secretAccessKey: 'a&b|c' }, 'cmd')).toContain(
      'set "AWS_SECRET_ACCESS_KEY=a&b|c"',
    );
  });

  it('dotenv falls back to escaped double quotes for a value with a quote', () => {
    expect(formatCredentials({ accessKeyId: "it's", secretAccessKey: 's' }, 'dotenv').split('\n')[0]).toBe(
      'AWS_ACCESS_KEY_ID="it\'s"',
    );
  });

  it('ini is read back by Python configparser (what botocore uses); bad section names are refused', () => {
    const ini = formatCredentials(creds, 'ini', { profile: 'dev' });
    const script = `import configparser, json, sys\nc = configparser.RawConfigParser()\nc.read_string(sys.stdin.read())\nprint(json.dumps(dict(c['dev'])))\n`;
    const result = spawnSync('python3', ['-c', script], { input: ini, encoding: 'utf8' });
    if (result.error) throw new Error('python3 is missing: install it with `apt-get install -y python3`');
    expect(JSON.parse(result.stdout)).toEqual({
      aws_access_key_id: creds.accessKeyId,
      aws_secret_access_key: creds.secretAccessKey,
      aws_session_token: creds.sessionToken,
    });
    expect(() => formatCredentials(creds, 'ini', { profile: 'a]b' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('format list and masking', () => {
  it('lists every format once with a label', () => {
    expect(CREDENTIAL_FORMATS.map((f) => f.id)).toEqual([
      'env',
      'fish',
      'powershell',
      'cmd',
      'dotenv',
      'json',
      'ini',
      'process',
    ]);
    for (const f of CREDENTIAL_FORMATS) {
      expect(f.label.length).toBeGreaterThan(2);
      expect(isCredentialFormat(f.id)).toBe(true);
      expect(() => formatCredentials(creds, f.id)).not.toThrow();
    }
    expect(isCredentialFormat('yaml')).toBe(false);
  });

  it('maskSecret shows at most the ends of a long secret and nothing of a short one', () => {
    expect(maskSecret(creds.secretAccessKey)).toBe('wJal…EKEY');
    expect(maskSecret('short')).toBe('••••••••');
    expect(maskSecret('')).toBe('');
    expect(maskSecret(creds.secretAccessKey)).not.toContain('K7MDENG');
  });
});
