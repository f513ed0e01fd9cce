import { copyFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { quoteSh } from '../../../shared/credentials';
import { AnchorageError } from '../../../shared/errors';
import { readFileIfExists, writeFileAtomic } from '../store/atomic-file';

export interface ConfigureAwsProfileInput {
  /** Defaults to `AWS_CONFIG_FILE`, else `~/.aws/config` (the same lookup as the AWS CLI and SDKs). */
  configPath?: string;
  /** The AWS profile to write: `default` becomes `[default]`, anything else `[profile NAME]`. */
  profileName: string;
  /** How to start Anchorage, e.g. `[process.execPath, '/opt/anchorage/bin/anchorage.js']`. */
  command: string[];
  /** Also set `region` in the section. */
  region?: string;
  /** The Anchorage profile that credential-process serves; defaults to `profileName`. */
  anchorageProfile?: string;
  /** Quoting rules of the platform that will run the command (tests pass it); defaults to this one. */
  platform?: NodeJS.Platform;
  /** Remove the section's keys that would override or break credential_process (see {@link overridingKeys}). */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface ConfigureAwsProfileResult {
  path: string;
  /** The copy of the file as it was, when an existing file was changed. */
  backup?: string;
  /** Keys removed from the section (with `force`). */
  removedKeys: string[];
  /** A section of the same name in the shared credentials file: the AWS CLI takes it over the config file. */
  credentialsFile?: { path: string; keys: string[] };
}

/**
 * Keys that make the AWS CLI and SDKs ignore `credential_process` or fail before reaching it. botocore's
 * provider chain asks, in order: environment, assume-role (`role_arn` with `source_profile` or
 * `credential_source`), web identity (`web_identity_token_file`), SSO (`sso_*`), the shared credentials
 * file, then `credential_process`, then static keys in the config file (`aws_access_key_id` …). Each of these
 * either wins or, half set, fails ("The source profile … must have credentials").
 */
const OVERRIDING_KEYS: ReadonlySet<string> = new Set([
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
]);

/** The keys of `section` that would override or break credential_process, in file order. */
function overridingKeys(content: string, section: string): string[] {
  return sectionKeys(content, section).filter((k) => OVERRIDING_KEYS.has(k) || k.startsWith('sso_'));
}

/**
 * Write or update the `credential_process` (and optionally `region`) of one profile in the AWS config
 * file, so that every AWS SDK and the AWS CLI fetch credentials from Anchorage
 * (AWS SDKs and Tools reference guide, "Process credential provider").
 *
 * Every other byte of the file is kept: other sections, comments, blank lines, line endings. A file
 * that changes is first copied to `config.anchorage-backup-<timestamp>`; the write itself is atomic.
 */
export async function configureAwsProfile(
  input: ConfigureAwsProfileInput,
): Promise<ConfigureAwsProfileResult> {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  validateProfileName(input.profileName);
  if (input.command.length === 0)
    throw new AnchorageError(
      'INVALID_INPUT',
      'The credential_process command is empty.',
      'Give the path of the Anchorage executable.',
    );

  const configured = input.configPath ?? env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  const requested = resolve(expandHome(configured));
  // A symlinked config (dotfile managers) is updated in place: renaming over the link would replace it.
  const path = await realpath(requested).catch(() => requested);

  const existing = await readFileIfExists(path);
  const before = existing?.toString('utf8') ?? '';
  const section = sectionName(input.profileName);
  const overriding = overridingKeys(before, section);
  if (overriding.length > 0 && !input.force) {
    throw new AnchorageError(
      'AWS_CONFIG_CONFLICT',
      `[${section}] in ${path} has keys that would override credential_process or break it: ${overriding.join(', ')}.`,
      'Remove those keys from the section, or let Anchorage remove them (it backs the file up first).',
      { facts: { reason: 'overriding-keys', path, section, keys: overriding.join(', ') } },
    );
  }
  const commandLine = credentialProcessLine(
    input.command,
    input.anchorageProfile ?? input.profileName,
    platform,
  );
  const values: Array<[string, string]> = [['credential_process', commandLine]];
  if (input.region) values.push(['region', input.region]);
  const after = upsertSection(before, section, values, overriding);
  const credentialsFile = await credentialsFileSection(input.profileName, env);
  const notes = { removedKeys: overriding, ...(credentialsFile ? { credentialsFile } : {}) };

  if (existing !== undefined && after === before) return { path, ...notes };
  let backup: string | undefined;
  if (existing !== undefined) {
    backup = await backupFile(path, (input.now ?? (() => new Date()))());
  }
  await writeFileAtomic(path, after);
  return backup ? { path, backup, ...notes } : { path, ...notes };
}

export interface RemoveAwsProfileInput {
  configPath?: string;
  profileName: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/**
 * Undo {@link configureAwsProfile}: remove the profile's section, after a backup. Refused, with nothing
 * written, when the section is missing or its `credential_process` is not an Anchorage command line.
 */
export async function removeAwsProfile(
  input: RemoveAwsProfileInput,
): Promise<{ path: string; backup: string }> {
  const env = input.env ?? process.env;
  validateProfileName(input.profileName);
  const configured = input.configPath ?? env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  const requested = resolve(expandHome(configured));
  const path = await realpath(requested).catch(() => requested);
  const section = sectionName(input.profileName);
  const before = (await readFileIfExists(path))?.toString('utf8') ?? '';
  const found = sectionRange(splitLines(before), section);
  if (!found) {
    throw new AnchorageError(
      'NOT_FOUND',
      `${path} has no [${section}] section.`,
      'Check the AWS profile name.',
      {
        facts: { what: 'aws-profile', name: input.profileName, path },
      },
    );
  }
  const line = sectionValue(before, section, 'credential_process');
  if (line === undefined || !isAnchorageCommand(line)) {
    throw new AnchorageError(
      'AWS_CONFIG_CONFLICT',
      `[${section}] in ${path} was not written by Anchorage: its credential_process ${line === undefined ? 'is missing' : 'runs another program'}.`,
      'Edit that section by hand if it should go.',
      { facts: { reason: 'not-anchorage', path, section } },
    );
  }
  const backup = await backupFile(path, (input.now ?? (() => new Date()))());
  await writeFileAtomic(path, removeSection(before, section));
  return { path, backup };
}

/** Anchorage's line ends with `credential-process PROFILE` (profile names need no quoting). */
function isAnchorageCommand(line: string): boolean {
  return /(^|\s)["']?credential-process["']?\s+["']?[A-Za-z0-9][A-Za-z0-9._-]*["']?\s*$/.test(line);
}

/**
 * The `[NAME]` section of the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
 * `~/.aws/credentials`; no `profile ` prefix there), with its keys: botocore asks it before credential_process.
 */
async function credentialsFileSection(
  profileName: string,
  env: NodeJS.ProcessEnv,
): Promise<{ path: string; keys: string[] } | undefined> {
  const path = resolve(expandHome(env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials')));
  const content = await readFileIfExists(path).catch(() => undefined);
  if (content === undefined) return undefined;
  const text = content.toString('utf8');
  if (!sectionRange(splitLines(text), profileName)) return undefined;
  return { path, keys: sectionKeys(text, profileName) };
}

/**
 * The value of `credential_process`: the command, `credential-process`, and the profile, each quoted as
 * the SDKs split it. botocore splits with `shlex.split` on POSIX (and the Go and JS SDKs hand the line
 * to `sh -c`), so single quotes are right there; on Windows botocore and `cmd.exe` follow
 * CommandLineToArgvW, where only double quotes group.
 */
export function credentialProcessLine(
  command: string[],
  profile: string,
  platform: NodeJS.Platform = process.platform,
): string {
  const [program, ...rest] = command;
  // "Absolute command": a relative path would resolve against whatever directory the SDK runs in.
  const absolute =
    program && (program.includes('/') || program.includes(sep)) && !isAbsolute(program)
      ? resolve(program)
      : program;
  const quote = platform === 'win32' ? quoteWindows : quotePosix;
  return [absolute ?? '', ...rest, 'credential-process', profile].map(quote).join(' ');
}

/** POSIX shell / shlex quoting: bare when safe (a readable config line), else shared/credentials' quoteSh. */
function quotePosix(arg: string): string {
  return arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : quoteSh(arg);
}

/** CommandLineToArgvW quoting: double quotes; backslashes are literal except before a quote. */
export function quoteWindows(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  const escaped = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1');
  return `"${escaped}"`;
}

function sectionName(profileName: string): string {
  // In the config file (unlike the credentials file) named profiles carry the `profile ` prefix.
  return profileName === 'default' ? 'default' : `profile ${profileName}`;
}

function validateProfileName(name: string): void {
  // A bracket or line break would end the section header early and corrupt the file.
  if (!name || /[[\]\r\n]/.test(name) || name.trim() !== name) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${name}" cannot be an AWS profile name.`,
      'Use letters, digits, dashes and underscores.',
    );
  }
}

interface Line {
  text: string; // without its terminator
  eol: string; // '\n', '\r\n', or '' on the last line
}

function splitLines(content: string): Line[] {
  if (content === '') return [];
  const lines: Line[] = [];
  const re = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  for (let m = re.exec(content); m && !(m[0] === '' && m.index >= content.length); m = re.exec(content)) {
    lines.push({ text: m[1] ?? '', eol: m[2] ?? '' });
    if (m[0] === '') re.lastIndex++;
  }
  return lines;
}

const HEADER = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/;

function headerName(text: string): string | undefined {
  const name = HEADER.exec(text)?.[1];
  return name === undefined ? undefined : name.replace(/\s+/g, ' ');
}

function isSameSection(found: string, wanted: string): boolean {
  // botocore accepts `[profile default]` as the default profile too.
  return found === wanted || (wanted === 'default' && found === 'profile default');
}

/** First and one-past-last line of a section (the header included), or undefined. */
function sectionRange(lines: Line[], section: string): { start: number; end: number } | undefined {
  const start = lines.findIndex((line) => {
    const name = headerName(line.text);
    return name !== undefined && isSameSection(name, section);
  });
  if (start === -1) return undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (headerName(lines[i]!.text) !== undefined) {
      end = i;
      break;
    }
  }
  return { start, end };
}

/** The top-level `key = value` lines of a section (continuations, blanks and comments skipped). */
function sectionEntries(content: string, section: string): Array<[string, string]> {
  const lines = splitLines(content);
  const range = sectionRange(lines, section);
  if (!range) return [];
  const entries: Array<[string, string]> = [];
  let keyIndent: number | undefined;
  for (let i = range.start + 1; i < range.end; i++) {
    const text = lines[i]!.text;
    const indent = text.length - text.trimStart().length;
    if (text.trim() === '') {
      keyIndent = undefined;
      continue;
    }
    if (/^\s*[#;]/.test(text)) continue;
    if (keyIndent !== undefined && indent > keyIndent) continue;
    keyIndent = indent;
    const m = /^\s*([^=:]+?)\s*[=:]\s*(.*)$/.exec(text);
    if (m) entries.push([m[1]!, m[2]!]);
  }
  return entries;
}

/** The top-level keys of a section, in file order. */
function sectionKeys(content: string, section: string): string[] {
  return sectionEntries(content, section).map(([k]) => k);
}

function sectionValue(content: string, section: string, key: string): string | undefined {
  return sectionEntries(content, section).find(([k]) => k === key)?.[1];
}

/**
 * Remove a section: its header and lines, up to the comments and blank lines that lead into the next
 * section (they belong to it). Every other byte stays.
 */
export function removeSection(content: string, section: string): string {
  const lines = splitLines(content);
  const range = sectionRange(lines, section);
  if (!range) return content;
  let end = range.end;
  if (end < lines.length) {
    while (end > range.start + 1 && /^\s*([#;].*)?$/.test(lines[end - 1]!.text)) end--;
    // Keep one blank line before the next section when the removed one was preceded by none.
    while (
      end < range.end &&
      lines[end]!.text.trim() === '' &&
      range.start > 0 &&
      lines[range.start - 1]!.text.trim() === ''
    )
      end++;
  }
  // A section that opened the file leaves no blank lines at its top.
  if (range.start === 0) while (end < lines.length && lines[end]!.text.trim() === '') end++;
  const kept = [...lines.slice(0, range.start), ...lines.slice(end)];
  if (kept.length > 0 && end === lines.length) {
    // The file now ends where the section started: drop trailing blank lines left before it.
    while (kept.length > 1 && kept[kept.length - 1]!.text.trim() === '') kept.pop();
  }
  return kept.map((line) => line.text + line.eol).join('');
}

/**
 * Set `key = value` pairs in one section of an INI text, touching no other line. Keys are matched at
 * the top level of the section only: an indented line after a key is that key's continuation (Python
 * configparser, which botocore uses), e.g. the nested `s3 =` settings. A replaced key loses its old
 * continuation lines with it. Keys in `remove` go, with their continuation lines.
 */
export function upsertSection(
  content: string,
  section: string,
  values: ReadonlyArray<readonly [string, string]>,
  remove: readonly string[] = [],
): string {
  const lines = splitLines(content);
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const start = lines.findIndex((line) => {
    const name = headerName(line.text);
    return name !== undefined && isSameSection(name, section);
  });
  const removed = new Set(remove);

  if (start === -1) {
    const block = [`[${section}]`, ...values.map(([k, v]) => `${k} = ${v}`)];
    let prefix = content;
    if (prefix !== '' && !/(\r\n|\n|\r)$/.test(prefix)) prefix += eol;
    // A blank line between sections, as `aws configure` writes them.
    if (prefix !== '' && !/(\r\n|\n|\r)\s*(\r\n|\n|\r)$/.test(prefix) && prefix.trim() !== '') prefix += eol;
    return prefix + block.join(eol) + eol;
  }

  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (headerName(lines[i]!.text) !== undefined) {
      end = i;
      break;
    }
  }

  const pending = new Map(values.map(([k, v]) => [k, v]));
  const out: Line[] = lines.slice(0, start + 1);
  let keyIndent: number | undefined; // indentation of the last key line; deeper lines continue it
  let dropping = false; // inside the continuation of a key we replaced
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]!;
    const indent = line.text.length - line.text.trimStart().length;
    const blank = line.text.trim() === '';
    const comment = /^\s*[#;]/.test(line.text);
    if (!blank && !comment && keyIndent !== undefined && indent > keyIndent) {
      if (!dropping) out.push(line);
      continue;
    }
    dropping = false;
    if (blank || comment) {
      keyIndent = blank ? undefined : keyIndent;
      out.push(line);
      continue;
    }
    keyIndent = indent;
    const key = /^\s*([^=:]+?)\s*[=:]/.exec(line.text)?.[1];
    if (key !== undefined && removed.has(key)) {
      dropping = true; // the key goes, with its continuation lines
      continue;
    }
    if (key !== undefined && pending.has(key)) {
      out.push({ text: `${line.text.slice(0, indent)}${key} = ${pending.get(key)}`, eol: line.eol || eol });
      pending.delete(key);
      dropping = true;
      continue;
    }
    out.push(line);
  }

  if (pending.size > 0) {
    // Append after the section's last non-blank line, so the blank line before the next section stays.
    let insertAt = out.length;
    while (insertAt > start + 1 && out[insertAt - 1]!.text.trim() === '') insertAt--;
    const previous = out[insertAt - 1]!;
    if (previous.eol === '') previous.eol = eol;
    const added = [...pending].map(([k, v]) => ({ text: `${k} = ${v}`, eol }));
    const isLast = end === lines.length && insertAt === out.length;
    if (isLast && lines.length > 0 && lines[lines.length - 1]!.eol === '') added[added.length - 1]!.eol = '';
    out.splice(insertAt, 0, ...added);
  }
  return [...out, ...lines.slice(end)].map((line) => line.text + line.eol).join('');
}

async function backupFile(path: string, now: Date): Promise<string> {
  // Colons are not allowed in Windows file names, so the ISO time loses them.
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const base = join(dirname(path), `${path.slice(dirname(path).length + 1)}.anchorage-backup-${stamp}`);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : `${base}-${n}`;
    try {
      // COPYFILE_EXCL: two runs in the same second never overwrite an earlier backup.
      await copyFile(path, candidate, 1);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AnchorageError(
          'IO_ERROR',
          `Could not back up ${path}: ${(error as Error).message}`,
          'Check that the directory is writable.',
          { cause: error },
        );
      }
    }
  }
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}
