import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { AnchorageError, fileSystemError } from '../../shared/errors';
import { EXPORT_FORMATS, KEY_TYPES, PFX_PROFILES } from '../../shared/domain/key-types';
import type { ExportFormat, KeyType, PfxProfile } from '../../shared/domain/key-types';
import {
  CLIENT_CERT_DEFAULT_DAYS,
  INTERMEDIATE_CA_DEFAULT_DAYS,
  ROOT_CA_DEFAULT_DAYS,
} from '../../shared/domain/limits';
import type { CertificateSummary } from '../../shared/schemas/models';
import type { SubjectInput } from '../core/api';
import { assertInputSize } from '../core/pki/limits';
import { assertNewFile, writeNewFile } from '../core/store/atomic-file';
import { assertStdoutTarget, fields, STDOUT, table, writeExportToStdout } from './format';
import { verdictLine } from './inspect-command';
import { daysOption } from './options';
import { action } from './run';
import { readSecret, requireSecret } from './secret-input';

/** Parse `--path-length`: a whole number ≥ 0. */
function pathLength(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `--path-length must be a whole number ≥ 0 (got "${value}").`,
      'Use 0 for a CA that issues only client certificates.',
    );
  }
  return n;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function subjectFrom(opts: Record<string, unknown>, fallbackCn: string): SubjectInput {
  return {
    commonName: (opts.cn as string | undefined) ?? fallbackCn,
    organization: opts.org as string | undefined,
    organizationalUnit: opts.ou as string | undefined,
    country: opts.country as string | undefined,
    state: opts.state as string | undefined,
    locality: opts.locality as string | undefined,
  };
}

function subjectOptions(command: Command): Command {
  return command
    .option('--org <O>', 'organization (O)')
    .option('--ou <OU>', 'organizational unit (OU)')
    .option('--country <C>', 'two-letter country code (C)')
    .option('--state <ST>', 'state or province (ST)')
    .option('--locality <L>', 'city (L)');
}

function keyTypeOption(defaultValue: KeyType): Option {
  return new Option('--key-type <type>', 'key algorithm').choices(KEY_TYPES).default(defaultValue);
}

/** One-paragraph summary of a certificate for humans. */
function describeCertificate(c: CertificateSummary): string {
  return fields([
    [c.kind === 'ca' ? 'CA' : 'Certificate', `${c.name} (${c.id})`],
    ['Subject', c.subject],
    ['Issuer', c.issuer],
    ['Serial', `${c.serialNumber} (0x${c.serialHex})`],
    ['Key type', c.keyType],
    ['Valid', `${c.notBefore} → ${c.notAfter} (${c.daysToExpiry} days left)`],
    ['Status', c.status],
    ['SHA-256', c.sha256Fingerprint],
  ]);
}

/** A certificate with the certificates it issued (`list --tree`). */
type TreeNode = CertificateSummary & { children: TreeNode[] };

/** Who issued it: its issuer's name in Anchorage, "self" for a root, else the issuer's DN. */
function issuerLabel(c: CertificateSummary, names: ReadonlyMap<string, string>): string {
  if (c.issuerId && names.has(c.issuerId)) return names.get(c.issuerId)!;
  if (c.issuer === c.subject && c.kind === 'ca') return '(self)';
  return c.issuer;
}

/** Roots (and entries whose issuer is not here) at the top, each with what it issued below it. */
function certificateTree(list: readonly CertificateSummary[]): TreeNode[] {
  const nodes = new Map(list.map((c) => [c.id, { ...c, children: [] as TreeNode[] }]));
  const top: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.issuerId && node.issuerId !== node.id ? nodes.get(node.issuerId) : undefined;
    (parent ? parent.children : top).push(node);
  }
  // CAs before the certificates at each level, so intermediates sit right under their root.
  const order = (a: TreeNode[]) => a.sort((x, y) => (x.kind === y.kind ? 0 : x.kind === 'ca' ? -1 : 1));
  const sortAll = (a: TreeNode[]): void => {
    order(a);
    a.forEach((n) => sortAll(n.children));
  };
  sortAll(top);
  return top;
}

function renderTree(top: readonly TreeNode[]): string {
  const lines: string[] = [];
  const walk = (node: TreeNode, prefix: string, last: boolean, root: boolean): void => {
    const key = node.hasPrivateKey ? 'key' : 'no key';
    const label = `${node.kind === 'ca' ? 'CA ' : ''}${node.name} (${node.id}) ${node.status}, expires ${node.notAfter.slice(0, 10)}, ${key}`;
    lines.push(root ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}`);
    const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
    node.children.forEach((child, i) => walk(child, childPrefix, i === node.children.length - 1, false));
  };
  top.forEach((node) => walk(node, '', true, true));
  return lines.join('\n');
}

/** `ca create` (`ca renew` is in lifecycle-commands.ts). */
export function registerCaCommand(program: Command): void {
  const ca = program.command('ca').description('certificate authorities (trust anchors)');
  subjectOptions(
    ca
      .command('create')
      .description('create a root CA, or an intermediate with --parent')
      .requiredOption('--name <name>', 'a unique name for the CA')
      .option('--cn <CN>', 'common name (default: the name)'),
  )
    .addOption(keyTypeOption('rsa-2048'))
    .option(
      '--days <n>',
      `validity in days (default ${ROOT_CA_DEFAULT_DAYS} for a root, ${INTERMEDIATE_CA_DEFAULT_DAYS} for an intermediate)`,
      daysOption,
    )
    .option('--parent <ca>', 'make an intermediate CA signed by this CA (id or name)')
    .option('--path-length <n>', 'pathLen constraint for the new CA', pathLength)
    .action(
      action(
        (core, o) =>
          core.createCa({
            name: o.name as string,
            subject: subjectFrom(o, o.name as string),
            keyType: o.keyType as KeyType,
            days:
              (o.days as number | undefined) ??
              (o.parent ? INTERMEDIATE_CA_DEFAULT_DAYS : ROOT_CA_DEFAULT_DAYS),
            parent: o.parent as string | undefined,
            pathLength: o.pathLength as number | undefined,
          }),
        describeCertificate,
      ),
    );
}

/** `cert issue` (`cert renew` is in lifecycle-commands.ts). */
export function registerCertCommand(program: Command): void {
  const cert = program.command('cert').description('client certificates');
  subjectOptions(
    cert
      .command('issue')
      .description('issue a client certificate from a CA (or sign a CSR with --csr)')
      .requiredOption('--ca <ca>', 'issuing CA (id or name)')
      .option('--cn <CN>', 'common name (required unless --csr)')
      .option('--name <name>', 'a unique name (default: the CN)'),
  )
    .addOption(keyTypeOption('rsa-2048'))
    .option('--days <n>', 'validity in days', daysOption, CLIENT_CERT_DEFAULT_DAYS)
    .option('--san <san>', 'subject alternative name, dns:HOST or uri:URI (repeatable)', collect, [])
    .option('--csr <file>', 'sign this CSR (PEM or DER) instead of generating a key')
    .action(
      action(async (core, o) => {
        const csr = o.csr ? await readInputFile(o.csr as string) : undefined;
        if (!csr && !o.cn) {
          throw new AnchorageError(
            'INVALID_INPUT',
            'A client certificate needs a common name.',
            'Pass --cn NAME, or --csr FILE to sign a request.',
          );
        }
        return core.issueCert({
          ca: o.ca as string,
          name: o.name as string | undefined,
          subject: subjectFrom(o, (o.cn as string | undefined) ?? ''),
          keyType: o.keyType as KeyType,
          days: o.days as number,
          sans: o.san as string[],
          csr,
        });
      }, describeCertificate),
    );
}

/** `list [--tree]`. */
export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('list CAs and certificates with issuer, key, status and expiry')
    .option('--tree', 'show certificates under the CA that issued them, intermediates under their root')
    .action(
      action(
        async (core, o) => {
          const list = await core.listCertificates();
          return o.tree ? { tree: certificateTree(list) } : list;
        },
        (value) => {
          if (Array.isArray(value) ? value.length === 0 : value.tree.length === 0) {
            return 'No certificates yet. Start with: anchorage ca create --name my-ca';
          }
          if (!Array.isArray(value)) return renderTree(value.tree);
          const names = new Map(value.map((c) => [c.id, c.name]));
          return table(
            ['KIND', 'NAME', 'ID', 'ISSUER', 'KEY', 'SUBJECT', 'SERIAL', 'EXPIRES', 'STATUS'],
            value.map((c) => [
              c.kind,
              c.name,
              c.id,
              issuerLabel(c, names),
              c.hasPrivateKey ? 'yes' : 'no',
              c.subject,
              c.serialNumber,
              `${c.notAfter.slice(0, 10)} (${c.daysToExpiry}d)`,
              c.status,
            ]),
          );
        },
      ),
    );
}

/** `export REF --format … --out FILE|-`. */
export function registerExportCommand(program: Command): void {
  program
    .command('export <ref>')
    .description('export a certificate, chain, PFX or encrypted key to a file')
    .addOption(new Option('--format <format>', 'what to export').choices(EXPORT_FORMATS).default('pem'))
    .addOption(
      new Option(
        '--pfx-profile <profile>',
        'PFX encryption: modern (AES-256) or legacy (3DES/SHA-1, Mendix Cloud, older Java, Windows Server 2016)',
      )
        .choices(PFX_PROFILES)
        .default('modern'),
    )
    .requiredOption('--out <file>', 'where to write; - for stdout (a PFX only when stdout is not a terminal)')
    .option('--password-stdin', 'read the PFX/key password from stdin (else ANCHORAGE_EXPORT_PASSWORD)')
    .option('--generate-password', 'generate a strong password and print it once')
    .option(
      '--include-private-key',
      'required with --format key, and for a CA with --format pfx: you really mean to export the private key',
    )
    .option('--force', 'replace the file if it exists')
    .action(
      action(
        async (core, o, [ref]) => {
          const format = o.format as ExportFormat;
          if (format === 'key' && !o.includePrivateKey) {
            throw new AnchorageError(
              'INVALID_INPUT',
              'Exporting a private key needs --include-private-key.',
              'The key is written password-encrypted (PKCS#8); prefer --format pfx for cloud upload.',
            );
          }
          const out = o.out === STDOUT ? STDOUT : resolve(o.out as string);
          if (out === STDOUT) assertStdoutTarget(format === 'pfx');
          else await assertNewFile(out, { overwrite: Boolean(o.force) });
          let password: string | undefined;
          let generated = false;
          if (format === 'pfx' || format === 'key') {
            if (o.generatePassword) {
              password = core.generatePassword();
              generated = true;
            } else {
              password = await requireSecret(
                Boolean(o.passwordStdin),
                'ANCHORAGE_EXPORT_PASSWORD',
                'password for the exported file',
              );
            }
          }
          const result = await core.exportCertificate({
            ref: ref as string,
            format,
            pfxProfile: o.pfxProfile as PfxProfile,
            includePrivateKey: Boolean(o.includePrivateKey),
            password,
          });
          const summary = { description: result.description, ...(generated ? { password } : {}) };
          if (out === STDOUT) return writeExportToStdout(result.bytes, summary, Boolean(o.json));
          await writeNewFile(out, result.bytes, { overwrite: Boolean(o.force) });
          return { path: out, ...summary };
        },
        (r) =>
          `Wrote ${r.path}: ${r.description}${r.password ? `\nPassword (shown once, store it now): ${r.password}` : ''}`,
      ),
    );
}

/** `import FILE…`, with the inspect verdict of what arrived. */
export function registerImportCommand(program: Command): void {
  program
    .command('import <files...>')
    .description(
      'import a certificate with its key (PEM: PKCS#1, PKCS#8, SEC1, encrypted PKCS#8; or PFX), or a CA certificate alone',
    )
    .option('--name <name>', 'a unique name (default: the CN)')
    .option('--password-stdin', 'read the PFX/key password from stdin (else ANCHORAGE_IMPORT_PASSWORD)')
    .action(
      action(
        async (core, o, files) => {
          const bytes = await Promise.all(files.map(readInputFile));
          const password = await readSecret(
            Boolean(o.passwordStdin),
            'ANCHORAGE_IMPORT_PASSWORD',
            'password',
          );
          const imported = await core.importCertificate({
            name: o.name as string | undefined,
            files: bytes,
            password,
          });
          // The inspect verdict, so a certificate AWS would reject is flagged the moment it arrives (issue 9).
          return Promise.all(
            imported.map(async (c) => ({ ...c, verdict: (await core.inspectCertificate(c.id)).verdict })),
          );
        },
        (list) =>
          list.map((c) => `${describeCertificate(c)}\nVerdict: ${verdictLine(c.verdict)}`).join('\n\n'),
      ),
    );
}

/** What `revoke` did, and what AWS needs before it refuses the certificate too. */
function describeRevoked(c: CertificateSummary): string {
  const ca = c.issuerId ?? 'CA';
  return [
    describeCertificate(c),
    '',
    'Anchorage no longer signs with it. IAM Roles Anywhere refuses it once its trust anchor has the new CRL:',
    `  anchorage aws push-crl ${ca}     (or: anchorage crl ${ca} --out crl.pem, then ImportCrl by hand)`,
  ].join('\n');
}

/** `revoke REF`. */
export function registerRevokeCommand(program: Command): void {
  program
    .command('revoke <ref>')
    .description('revoke a client certificate (then give AWS the new CRL: `anchorage aws push-crl CA`)')
    .action(action((core, _o, [ref]) => core.revokeCertificate(ref as string), describeRevoked));
}

/** `crl CA --out FILE`. */
export function registerCrlCommand(program: Command): void {
  program
    .command('crl <ca>')
    .description("write the CA's certificate revocation list (PEM), ready for Roles Anywhere ImportCrl")
    .requiredOption('--out <file>', 'where to write')
    .option('--force', 'replace the file if it exists')
    .action(
      action(
        async (core, o, [caRef]) => {
          const out = resolve(o.out as string);
          // Before core.crl: it uses up a CRL number, which a refused write would waste.
          await assertNewFile(out, { overwrite: Boolean(o.force) });
          const pem = await core.crl(caRef as string);
          await writeNewFile(out, pem, { overwrite: Boolean(o.force) });
          return { path: out };
        },
        (r) => `Wrote ${r.path}`,
      ),
    );
}

/**
 * Read a user-named input file, with a clear error when it is not there; one over the input limit is refused
 * from its size (stat), before a byte of it is read.
 * @throws AnchorageError INVALID_INPUT, INPUT_TOO_LARGE.
 */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isFile()) assertInputSize(info.size, path);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof AnchorageError) throw error;
    throw (
      fileSystemError(error, { path, action: 'read' }) ??
      new AnchorageError('INVALID_INPUT', `Cannot read ${path}.`, 'Check the path and its permissions.')
    );
  }
}
