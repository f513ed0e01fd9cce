import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { CREDENTIAL_FORMATS } from '../../shared/credentials';
import type { CredentialFormat } from '../../shared/credentials';
import { SESSION_DURATION } from '../../shared/domain/limits';
import { AnchorageError } from '../../shared/errors';
import type { Profile, StaticCredential } from '../../shared/schemas/models';
import type { ProfileSessionState } from '../../shared/schemas/models';
import type { ConfigureAwsResult, ProfilePatch, SignInput } from '../core/api';
import { fields, table } from './format';
import { cliCommandFor } from './command-line';
import { action } from './run';
import { requireSecret } from './secret-input';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function describeProfile(p: Profile): string {
  return fields([
    ['Profile', p.name],
    ['Certificate', p.certificateId],
    ['Trust anchor', p.trustAnchorArn],
    ['Profile ARN', p.profileArn],
    ['Role', p.roleArn],
    ['Region', p.region],
    ['Duration', `${p.durationSeconds} s`],
    ['Session name', p.sessionName],
    ['Endpoint', p.endpoint],
    ['STS endpoint', p.stsEndpoint],
    ['FIPS', p.fips ? 'yes' : undefined],
  ]);
}

/** `cached until …`, `expired …`, `none`: a profile's session in `profile list`. */
function sessionState(session: ProfileSessionState): string {
  switch (session.state) {
    case 'cached':
      return `cached until ${session.expiresAt}`;
    case 'expired':
      return `expired ${session.expiredAt}`;
    case 'none':
      return 'none';
  }
}

/** What configure-aws did, and what the user must still know (the credentials file, the file vault). */
function configuredText(r: ConfigureAwsResult): string {
  const lines = [`Updated ${r.path}${r.backup ? ` (backup: ${r.backup})` : ''}.`];
  if (r.removedKeys.length > 0)
    lines.push(`Removed ${r.removedKeys.join(', ')} from that profile (--force).`);
  if (r.credentialsFile) {
    lines.push(
      `warning: ${r.credentialsFile.path} also has this profile${r.credentialsFile.keys.length > 0 ? ` (${r.credentialsFile.keys.join(', ')})` : ''}; ` +
        'the AWS CLI reads it before credential_process. Remove that section to use Anchorage.',
    );
  }
  if (r.vault === 'passphrase-file') {
    lines.push(
      'The data directory uses the file vault: the AWS CLI must run with ANCHORAGE_VAULT=file and ' +
        'ANCHORAGE_VAULT_PASSPHRASE in its environment (export both in your shell profile or CI job). ' +
        'The passphrase is never written into the AWS config.',
    );
  }
  lines.push('Try: aws sts get-caller-identity --profile …');
  return lines.join('\n');
}

function removedText(r: { path: string; backup: string; removed: string }): string {
  return `Removed the AWS profile ${r.removed} from ${r.path} (backup: ${r.backup}).`;
}

/** Parse `--duration`: whole seconds; the range (shared/domain/limits.ts) is checked in core. */
function duration(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new AnchorageError(
      'INVALID_DURATION',
      `--duration must be a whole number of seconds (got "${value}").`,
      `CreateSession accepts ${SESSION_DURATION.min} (15 minutes) to ${SESSION_DURATION.max} (12 hours).`,
    );
  }
  return Number(value);
}

/** `--time 20150830T123600Z` → Date, for reproducible signatures. */
function amzTime(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m)
    throw new AnchorageError(
      'INVALID_INPUT',
      `--time must look like 20150830T123600Z (got "${value}").`,
      'Use UTC, in the X-Amz-Date format.',
    );
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function parseHeader(line: string): [string, string] {
  const at = line.indexOf(':');
  if (at <= 0)
    throw new AnchorageError(
      'INVALID_INPUT',
      `A header must look like 'Name: value' (got "${line}").`,
      "For example --header 'content-type: application/json'.",
    );
  return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
}

/** `profile add|set|list|show|remove`. */
export function registerProfileCommand(program: Command): void {
  const profile = program
    .command('profile')
    .description('Roles Anywhere profiles: which certificate, which ARNs');
  profile
    .command('add <name>')
    .description('add a profile (an existing name only with --replace)')
    .requiredOption('--cert <ref>', 'client certificate (id or name)')
    .requiredOption('--trust-anchor-arn <arn>', 'arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID')
    .requiredOption('--profile-arn <arn>', 'arn:aws:rolesanywhere:REGION:ACCOUNT:profile/ID')
    .requiredOption('--role-arn <arn>', 'arn:aws:iam::ACCOUNT:role/NAME')
    .option('--region <region>', 'default: the region of the trust anchor ARN')
    .option('--duration <seconds>', 'session duration, 900–43200 s', duration)
    .option('--session-name <name>', 'role session name')
    .option('--endpoint <url>', 'Roles Anywhere endpoint override (private endpoint, emulator)')
    .option('--fips', 'use the FIPS endpoint (US and GovCloud regions)')
    .option('--sts-endpoint <url>', 'STS endpoint for whoami (default: AWS_ENDPOINT_URL_STS, else regional)')
    .option('--replace', 'replace a profile of the same name as a whole')
    .action(
      action(
        (core, o, [name]) =>
          core.addProfile(
            {
              name: name as string,
              certificate: o.cert as string,
              trustAnchorArn: o.trustAnchorArn as string,
              profileArn: o.profileArn as string,
              roleArn: o.roleArn as string,
              region: o.region as string | undefined,
              durationSeconds: o.duration as number | undefined,
              sessionName: o.sessionName as string | undefined,
              endpoint: o.endpoint as string | undefined,
              stsEndpoint: o.stsEndpoint as string | undefined,
              fips: Boolean(o.fips),
            },
            { replace: Boolean(o.replace) },
          ),
        describeProfile,
      ),
    );
  profile
    .command('set <name>')
    .description('change some fields of a profile; the rest stay, and its cached session is dropped')
    .option('--cert <ref>', 'client certificate (id or name)')
    .option('--trust-anchor-arn <arn>', 'arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID')
    .option('--profile-arn <arn>', 'arn:aws:rolesanywhere:REGION:ACCOUNT:profile/ID')
    .option('--role-arn <arn>', 'arn:aws:iam::ACCOUNT:role/NAME')
    .option('--region <region>', "default: the trust anchor ARN's region")
    .option('--duration <seconds>', 'session duration, 900–43200 s', duration)
    .option('--session-name <name>', "role session name ('' clears it)")
    .option('--endpoint <url>', "Roles Anywhere endpoint override ('' clears it)")
    .option('--sts-endpoint <url>', "STS endpoint for whoami ('' clears it)")
    .action(
      action((core, o, [name]) => {
        const patch: ProfilePatch = {
          ...(o.cert !== undefined ? { certificate: o.cert as string } : {}),
          ...(o.trustAnchorArn !== undefined ? { trustAnchorArn: o.trustAnchorArn as string } : {}),
          ...(o.profileArn !== undefined ? { profileArn: o.profileArn as string } : {}),
          ...(o.roleArn !== undefined ? { roleArn: o.roleArn as string } : {}),
          ...(o.region !== undefined ? { region: o.region as string } : {}),
          ...(o.duration !== undefined ? { durationSeconds: o.duration as number } : {}),
          ...(o.sessionName !== undefined ? { sessionName: o.sessionName as string } : {}),
          ...(o.endpoint !== undefined ? { endpoint: o.endpoint as string } : {}),
          ...(o.stsEndpoint !== undefined ? { stsEndpoint: o.stsEndpoint as string } : {}),
        };
        if (Object.keys(patch).length === 0) {
          throw new AnchorageError(
            'INVALID_INPUT',
            'Nothing to change: give at least one field.',
            'For example: anchorage profile set NAME --role-arn arn:aws:iam::ACCOUNT:role/NAME',
          );
        }
        return core.setProfile(name as string, patch);
      }, describeProfile),
    );
  profile
    .command('list')
    .description('list profiles')
    .action(
      action(
        (core) => core.profileOverview(),
        (list) =>
          list.length === 0
            ? 'No profiles yet. Add one with: anchorage profile add NAME --cert … --trust-anchor-arn … --profile-arn … --role-arn …'
            : table(
                ['NAME', 'REGION', 'ROLE', 'CERTIFICATE', 'SESSION'],
                list.map((p) => [p.name, p.region, p.roleArn, p.certificateName, sessionState(p.session)]),
              ),
      ),
    );
  profile
    .command('show <name>')
    .description('show a profile')
    .action(action((core, _o, [name]) => core.getProfile(name as string), describeProfile));
  profile
    .command('remove <name>')
    .description('remove a profile and its cached session')
    .action(
      action(
        async (core, _o, [name]) => (await core.removeProfile(name as string), { removed: name }),
        (r) => `Removed ${r.removed}`,
      ),
    );
}

/** `static add|list|remove`: static access keys. */
export function registerStaticCommand(program: Command): void {
  const statics = program
    .command('static')
    .description('static access keys (for demos; prefer Roles Anywhere sessions)');
  statics
    .command('add <name>')
    .description('store an access key; the secret comes from --secret-stdin or AWS_SECRET_ACCESS_KEY')
    .requiredOption('--access-key-id <id>', 'AKIA… or ASIA…')
    .option('--secret-stdin', 'read the secret access key from stdin')
    .action(
      action(
        async (core, o, [name]) => {
          const secret = await requireSecret(
            Boolean(o.secretStdin),
            'AWS_SECRET_ACCESS_KEY',
            'secret access key',
          );
          return core.addStatic(name as string, o.accessKeyId as string, secret);
        },
        (s: StaticCredential) => `Stored ${s.name} (${s.accessKeyId}); the secret is in the vault.`,
      ),
    );
  statics
    .command('list')
    .description('list static credential sets')
    .action(
      action(
        (core) => core.listStatic(),
        (list) =>
          table(
            ['NAME', 'ACCESS KEY ID', 'ADDED'],
            list.map((s) => [s.name, s.accessKeyId, s.createdAt]),
          ),
      ),
    );
  statics
    .command('remove <name>')
    .description('remove a static credential set')
    .action(
      action(
        async (core, _o, [name]) => (await core.removeStatic(name as string), { removed: name }),
        (r) => `Removed ${r.removed}`,
      ),
    );
}

/** `session PROFILE [--format …]`. */
export function registerSessionCommand(program: Command): void {
  program
    .command('session <profile>')
    .description(
      'print session credentials for a profile (cached until the refresh margin, 15 minutes by default)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(CREDENTIAL_FORMATS.map((f) => f.id))
        .default('env'),
    )
    .option('--no-cache', 'always call CreateSession')
    .action(
      action(async (core, o, [name]) => {
        const format = (o.json ? 'json' : o.format) as CredentialFormat;
        const text = await core.formatSession(name as string, format, { noCache: o.cache === false });
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        return undefined;
      }),
    );
}

/** `credential-process PROFILE` when it comes with other options (main/cli.ts serves the plain form). */
export function registerCredentialProcessCommand(program: Command): void {
  program
    .command('credential-process <profile>')
    .description('print credentials as the AWS CLI/SDK `credential_process` expects (see configure-aws)')
    .action(
      action(async (_core, o, [name]) => {
        const { credentialProcess } = await import('./credential-process');
        await credentialProcess(name as string, o.home);
        return undefined;
      }),
    );
}

/** `whoami PROFILE`. */
export function registerWhoamiCommand(program: Command): void {
  program
    .command('whoami <profile>')
    .description('call STS GetCallerIdentity with the session credentials')
    .action(
      action(
        (core, _o, [name]) => core.whoami(name as string),
        (r) => r.Arn,
      ),
    );
}

/** `configure-aws [PROFILE] [--force] [--remove PROFILE]`. */
export function registerConfigureAwsCommand(program: Command): void {
  program
    .command('configure-aws [profile]')
    .description('add `credential_process` for this profile to ~/.aws/config (or AWS_CONFIG_FILE)')
    .option(
      '--force',
      'remove keys of that AWS profile that would override credential_process (after a backup)',
    )
    .option('--remove <profile>', 'remove the AWS profile section configure-aws wrote (after a backup)')
    .action(
      action(
        async (core, o, [name]) => {
          if ((name === undefined) === (o.remove === undefined)) {
            throw new AnchorageError(
              'INVALID_INPUT',
              'Give a profile to configure, or --remove PROFILE, but not both.',
              'anchorage configure-aws NAME, or anchorage configure-aws --remove NAME',
            );
          }
          if (o.remove !== undefined) {
            const removed = await core.unconfigureAws(o.remove as string);
            return { ...removed, removed: o.remove as string };
          }
          const base = [process.execPath, process.argv[1] ?? 'anchorage'];
          return core.configureAws(name!, (dataDir) => cliCommandFor(base, dataDir), {
            force: Boolean(o.force),
          });
        },
        (r) => ('removed' in r ? removedText(r) : configuredText(r)),
      ),
    );
}

/** `trust-policy [--cn …] [--source-arn …] [--profile …]`. */
export function registerTrustPolicyCommand(program: Command): void {
  program
    .command('trust-policy')
    .description("print the IAM role's trust policy for Roles Anywhere (JSON to paste into the IAM console)")
    .option('--cn <cn>', 'only certificates with this subject CN (aws:PrincipalTag/x509Subject/CN)')
    .option('--source-arn <arn>', 'only sessions through this trust anchor (aws:SourceArn)')
    .option(
      '--profile <name>',
      "take the CN and the trust anchor ARN from this profile's certificate and ARNs",
    )
    .action(
      action(
        (core, o) =>
          core.trustPolicy({
            ...(o.cn !== undefined ? { commonName: o.cn as string } : {}),
            ...(o.sourceArn !== undefined ? { trustAnchorArn: o.sourceArn as string } : {}),
            ...(o.profile !== undefined ? { profile: o.profile as string } : {}),
          }),
        (policy) => JSON.stringify(policy, null, 2),
      ),
    );
}

/** `sign --service … --region … --url …`. */
export function registerSignCommand(program: Command): void {
  program
    .command('sign')
    .description(
      'SigV4-sign a request and show every step (canonical request, string to sign, headers, curl)',
    )
    .requiredOption('--service <service>', 'e.g. s3, execute-api, sts')
    .requiredOption('--region <region>', 'e.g. eu-west-1')
    .requiredOption('--url <url>', 'full request URL, as sent (%XX stays as written)')
    .option('--method <method>', 'HTTP method', 'GET')
    .option('--header <header>', "'Name: value' (repeatable; a repeated name is comma-joined)", collect, [])
    .option('--data <string>', 'request body')
    .option('--data-file <file>', 'request body from a file')
    .option('--time <amzdate>', 'sign at this time (YYYYMMDDTHHMMSSZ) instead of now')
    .option('--profile <name>', 'sign with this profile’s session credentials')
    .option('--static <name>', 'sign with this static credential set')
    .action(
      action(
        async (core, o) => {
          if (o.profile && o.static)
            throw new AnchorageError(
              'INVALID_INPUT',
              'Use --profile or --static, not both.',
              'Without either, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN are used.',
            );
          const body = o.dataFile
            ? await readFile(o.dataFile as string, 'utf8')
            : (o.data as string | undefined);
          const input: SignInput = {
            method: (o.method as string).toUpperCase(),
            url: o.url as string,
            // Every --header in order: a repeated name is one header with the values comma-joined (core).
            headers: (o.header as string[]).map(parseHeader),
            body,
            service: o.service as string,
            region: o.region as string,
            time: o.time ? amzTime(o.time as string) : undefined,
            source: o.profile
              ? { kind: 'profile', name: o.profile as string }
              : o.static
                ? { kind: 'static', name: o.static as string }
                : { kind: 'env' },
          };
          return core.sign(input);
        },
        (p) =>
          [
            '# Canonical request',
            p.canonicalRequest,
            '',
            '# String to sign',
            p.stringToSign,
            '',
            '# Signature',
            p.signature,
            '',
            '# Headers',
            ...Object.entries(p.headers).map(([k, v]) => `${k}: ${v}`),
            '',
            '# URL sent',
            p.url,
            '',
            ...(p.notes.length > 0 ? ['# Notes', ...p.notes.map((n) => `- ${n}`), ''] : []),
            '# curl',
            p.curl,
            ...(p.curlHeaders !== undefined
              ? ['', '# headers.txt (save this as headers.txt where you run the curl line)', p.curlHeaders]
              : []),
          ].join('\n'),
      ),
    );
}
