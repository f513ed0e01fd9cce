/**
 * Taking things back (issue 9): `rename`, `delete`, `cert renew`, `ca renew`. Core returns what it did as data;
 * these print it, and `--json` prints the same data.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { DeleteResult, RenameResult, RenewCaResult, RenewCertResult } from '../core/api';
import { assertNewFile, writeNewFile } from '../core/store/atomic-file';
import { fields } from './format';
import { daysOption } from './options';
import { action } from './run';

/** A sub-command group `pki-commands.ts` registered (`ca`, `cert`): renew joins it. */
function group(program: Command, name: string): Command {
  const found = program.commands.find((c) => c.name() === name);
  if (!found) throw new Error(`register the "${name}" commands first`);
  return found;
}

function describeRename(r: RenameResult): string {
  const what = r.certificate.kind === 'ca' ? 'CA' : 'certificate';
  return `Renamed ${what} "${r.previousName}" to "${r.certificate.name}" (${r.certificate.id}).`;
}

function describeDelete(r: DeleteResult): string {
  const what = r.deleted.kind === 'ca' ? 'CA' : 'certificate';
  const lines = [
    `Deleted ${what} "${r.deleted.name}" (${r.deleted.id})${r.keyDeleted ? ' and its private key' : ''}.`,
  ];
  if (r.orphaned.length > 0) {
    lines.push(
      `Kept, now without an issuer in Anchorage (no revoke, renew or CRL for them here): ${r.orphaned.join(', ')}.`,
    );
  }
  return lines.join('\n');
}

function describeRenewCert(r: RenewCertResult): string {
  const c = r.certificate;
  return [
    fields([
      ['Renewed', `${c.name} (${c.id})`],
      ['Subject', c.subject],
      ['Serial', `${c.serialNumber} (0x${c.serialHex})`],
      ['Key type', c.keyType],
      ['Valid', `${c.notBefore} → ${c.notAfter} (${c.daysToExpiry} days left)`],
      [
        'Replaces',
        `${r.previous.name} (${r.previous.id}), now ${r.previous.status === 'revoked' ? 'revoked' : 'superseded, still valid'}`,
      ],
      ['Profiles moved', r.profilesMoved.length > 0 ? r.profilesMoved.join(', ') : 'none'],
    ]),
    ...(r.previous.status === 'revoked'
      ? [`Publish the CA's new CRL: anchorage crl ${r.certificate.issuerId ?? 'CA'} --out FILE`]
      : []),
  ].join('\n');
}

function describeRenewCa(r: RenewCaResult & { bundlePath?: string }): string {
  const c = r.ca;
  return [
    fields([
      ['Renewed CA', `${c.name} (${c.id})`],
      ['Subject', c.subject],
      ['Serial', `${c.serialNumber} (0x${c.serialHex})`],
      ['Valid', `${c.notBefore} → ${c.notAfter} (${c.daysToExpiry} days left)`],
      ['Bundle', r.bundlePath],
    ]),
    '',
    'Same key, subject and key identifier: certificates it issued validate against the old and the new CA.',
    'Give the trust anchor both, so sessions keep working while clients change over:',
    `  anchorage aws update-anchor ${c.name}`,
    'or by hand:',
    `  aws rolesanywhere update-trust-anchor --trust-anchor-id ID \\`,
    `    --source "sourceType=CERTIFICATE_BUNDLE,sourceData={x509CertificateData=$(cat ${r.bundlePath ?? 'BUNDLE.pem'})}"`,
    ...(r.bundlePath ? [] : ['', 'Bundle (new CA first, then the old one):', r.bundlePem.trimEnd()]),
  ].join('\n');
}

/** `rename REF NEW-NAME`. */
export function registerRenameCommand(program: Command): void {
  program
    .command('rename <ref> <new-name>')
    .description('rename a CA or certificate (profiles follow: they refer to it by id)')
    .action(
      action(
        (core, _o, [ref, name]) => core.renameCertificate(ref as string, name as string),
        describeRename,
      ),
    );
}

/** `delete REF [--force]`. */
export function registerDeleteCommand(program: Command): void {
  program
    .command('delete <ref>')
    .description('delete a CA or certificate and its private key (refused while a profile uses it)')
    .option(
      '--force',
      'delete a CA that still has unrevoked certificates; they stay, without an issuer in Anchorage (profiles still refuse)',
    )
    .action(
      action(
        (core, o, [ref]) => core.deleteCertificate(ref as string, { force: Boolean(o.force) }),
        describeDelete,
      ),
    );
}

/** `cert renew REF`, after `cert issue` (registerCertCommand). */
export function registerCertRenewCommand(program: Command): void {
  group(program, 'cert')
    .command('renew <ref>')
    .description(
      'issue a successor (new key and serial, same subject, SANs and key type, same CA); profiles move to it',
    )
    .option('--days <n>', 'validity in days (default: as long as the old certificate’s)', daysOption)
    .option('--name <name>', 'a name for the new certificate (default: it takes the old one’s)')
    .option('--revoke-old', 'revoke the old certificate too (else it stays valid, marked superseded)')
    .action(
      action(
        (core, o, [ref]) =>
          core.renewCertificate(ref as string, {
            ...(o.days !== undefined ? { days: o.days as number } : {}),
            ...(o.name !== undefined ? { name: o.name as string } : {}),
            revokeOld: Boolean(o.revokeOld),
          }),
        describeRenewCert,
      ),
    );
}

/** `ca renew REF`, after `ca create` (registerCaCommand). */
export function registerCaRenewCommand(program: Command): void {
  group(program, 'ca')
    .command('renew <ref>')
    .description('a new certificate for the same CA key (same subject and key identifier), replacing it')
    .option('--days <n>', 'validity in days (default: as long as the old certificate’s)', daysOption)
    .option('--bundle-out <file>', 'write the new + old CA bundle for UpdateTrustAnchor here')
    .option('--force', 'replace the bundle file if it exists')
    .action(
      action(async (core, o, [ref]) => {
        const out = o.bundleOut ? resolve(o.bundleOut as string) : undefined;
        if (out) await assertNewFile(out, { overwrite: Boolean(o.force) });
        const result = await core.renewCa(
          ref as string,
          o.days !== undefined ? { days: o.days as number } : {},
        );
        if (out) await writeNewFile(out, result.bundlePem, { overwrite: Boolean(o.force) });
        return { ...result, ...(out ? { bundlePath: out } : {}) };
      }, describeRenewCa),
    );
}
