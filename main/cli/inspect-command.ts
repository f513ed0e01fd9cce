/**
 * `anchorage inspect FILE`: a one-line verdict first, then what the file is and each check (issue 9). A
 * certificate is judged in its own role (a CA as a trust anchor, a leaf as an end entity) unless `--as` says
 * otherwise, and the command exits 1 when AWS would reject anything in the file.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type {
  CertificateInspection,
  CertificateRole,
  CheckLevel,
  Inspection,
  Verdict,
} from '../../shared/schemas/models';
import { fields } from './format';
import { readInputFile } from './pki-commands';
import { action } from './run';
import { readSecret } from './secret-input';

const ROLE_WORDS: Record<CertificateRole, string> = {
  'trust-anchor': 'a trust anchor',
  'end-entity': 'an end-entity (client) certificate',
};

/**
 * The roles `--as` takes, in the schema's order: the keys of the record above, which the type makes complete.
 * Not `CertificateRoleSchema.options`: that would load zod into every start of the argument parser.
 */
const ROLES = Object.keys(ROLE_WORDS) as CertificateRole[];

const LEVEL_WORDS: Record<CheckLevel, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The one-line verdict: "ready for Roles Anywhere as a trust anchor", "… with 1 warning", or
 * "AWS would reject it as an end-entity (client) certificate: 2 failures".
 */
export function verdictLine(verdict: Verdict, type: Inspection['type'] = 'certificate'): string {
  const as = verdict.role ? ` as ${ROLE_WORDS[verdict.role]}` : '';
  const warned = verdict.warnings > 0 ? count(verdict.warnings, 'warning') : '';
  if (verdict.level === 'fail') {
    return `AWS would reject it${as}: ${count(verdict.failures, 'failure')}${warned ? `, ${warned}` : ''}`;
  }
  const ready =
    type === 'crl'
      ? 'ready for Roles Anywhere ImportCrl'
      : type === 'csr'
        ? 'ready to be signed'
        : `ready for Roles Anywhere${as}`;
  return warned ? `${ready}, with ${warned}` : ready;
}

function checkLines(checks: Inspection['checks'], indent = '  '): string[] {
  return (checks ?? []).map((c) => `${indent}${LEVEL_WORDS[c.level]}  ${c.rule}: ${c.detail}`);
}

function certificateFields(c: Partial<CertificateInspection>): string {
  return fields([
    ['Subject', c.subject],
    ['Issuer', c.issuer],
    ['Serial', c.serialNumber ? `${c.serialNumber} (0x${c.serialHex})` : undefined],
    ['Key type', c.keyType],
    ['Signature', c.signatureAlgorithm],
    ['Valid', c.notBefore ? `${c.notBefore} → ${c.notAfter} (${c.daysToExpiry} days left)` : undefined],
    ['SHA-256', c.sha256Fingerprint],
  ]);
}

function certificateBlock(c: CertificateInspection, title: string): string[] {
  return [
    `${title}: ${verdictLine(c.verdict)}`,
    certificateFields(c),
    `Checks (${c.role === 'trust-anchor' ? 'trust-anchor' : 'end-entity'} rules):`,
    ...checkLines(c.checks),
  ];
}

/** The human rendering: the verdict line first, then the details and each check. */
function describeInspection(i: Inspection): string {
  const head = verdictLine(i.verdict, i.type);
  if (i.type === 'bundle') {
    const members = i.certificates ?? [];
    const rejected = members.filter((m) => m.verdict.level === 'fail').length;
    const line =
      rejected > 0
        ? `AWS would reject ${rejected} of the ${count(members.length, 'certificate')} in this bundle: ${count(i.verdict.failures, 'failure')}`
        : `${head.replace(/ it\b/, '')} (all ${count(members.length, 'certificate')} in this bundle)`;
    return [
      line,
      ...members.flatMap((m, n) => ['', ...certificateBlock(m, `Certificate ${n + 1} of ${members.length}`)]),
    ].join('\n');
  }
  if (i.type === 'crl' && i.crl) {
    const c = i.crl;
    const revoked = c.revoked.length
      ? c.revoked.map(
          (r) =>
            `  ${r.serialNumber} (0x${r.serialHex}) revoked ${r.revokedAt}${r.reason ? `, ${r.reason}` : ''}`,
        )
      : ['  none'];
    return [
      head,
      fields([
        ['Type', 'certificate revocation list'],
        ['Issuer', c.issuer],
        ['CRL number', c.crlNumber],
        ['This update', c.thisUpdate],
        ['Next update', c.nextUpdate],
        ['Signature', c.signatureAlgorithm],
        ['Checked against', c.checkedAgainst],
      ]),
      `Revoked serials (${c.revoked.length}):`,
      ...revoked,
      'Checks:',
      ...checkLines(i.checks),
    ].join('\n');
  }
  const lines = [head, fields([['Type', i.type === 'pfx' ? 'PFX (PKCS#12)' : i.type]]), certificateFields(i)];
  if (i.type === 'csr') {
    lines.push(fields([['Self-signature', i.signatureValid ? 'valid' : 'INVALID']]));
    lines.push('Checks:', ...checkLines(i.checks));
    return lines.join('\n');
  }
  if (i.pfx) {
    const p = i.pfx;
    lines.push(
      fields([
        ['Private key', p.hasKey ? 'present' : 'absent (certificates only)'],
        ['Friendly name', p.friendlyName],
        ['MAC', p.mac ? `HMAC-${p.mac.digest.toUpperCase()}, ${p.mac.iterations} iterations` : 'none'],
        ...p.encryption.map((e): [string, string] => [
          e.part === 'key' ? 'Key encryption' : 'Certificate encryption',
          `${e.algorithm}${e.prf ? ` (PBKDF2-HMAC-${e.prf.toUpperCase()})` : ''}, ${e.iterations} iterations`,
        ]),
      ]),
    );
  }
  if (i.role) lines.push(`Checks (${i.role} rules):`, ...checkLines(i.checks));
  for (const [n, c] of (i.certificates ?? []).entries()) {
    lines.push('', ...certificateBlock(c, `Chain certificate ${n + 1}`));
  }
  return lines.join('\n');
}

/** `inspect FILE [--as ROLE] [--ca REF | --ca-file PATH] [--password-stdin]`. */
export function registerInspectCommand(program: Command): void {
  program
    .command('inspect <file>')
    .description(
      'check a certificate or bundle (PEM/DER), CSR, CRL or PFX against the Roles Anywhere rules; exits 1 when AWS would reject it',
    )
    .addOption(
      new Option('--as <role>', 'judge certificates in this role instead of their own').choices(ROLES),
    )
    .addOption(
      new Option(
        '--ca <ref>',
        "check a CRL's signature against this CA from the inventory (id or name)",
      ).conflicts('caFile'),
    )
    .option('--ca-file <path>', "check a CRL's signature against this CA certificate file (PEM or DER)")
    .option('--password-stdin', 'read the PFX password from stdin (else ANCHORAGE_IMPORT_PASSWORD)')
    .action(
      action(async (core, o, [file]) => {
        const bytes = await readInputFile(file as string);
        const caCertificate = o.caFile
          ? await readInputFile(o.caFile as string)
          : o.ca
            ? new Uint8Array(Buffer.from(await core.certificatePem(o.ca as string)))
            : undefined;
        const password = await readSecret(Boolean(o.passwordStdin), 'ANCHORAGE_IMPORT_PASSWORD', 'password');
        const result = await core.inspectBytes(bytes, password, {
          ...(o.as ? { as: o.as as CertificateRole } : {}),
          ...(caCertificate ? { caCertificate } : {}),
        });
        // The output is printed as usual (text or --json); the exit code says whether AWS would accept it.
        if (result.verdict.level === 'fail') process.exitCode = 1;
        return result;
      }, describeInspection),
    );
}
