/**
 * Certificates openssl makes, in forms Anchorage never writes (as an import brings them), for the tests that
 * compare a DER reader with x509's reading: der-summary.test.ts (list's summaries) and
 * certificate-view.test.ts (inspect's view). One home for how they are made and for the cases both read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC_P256_NEWKEY, OPENSSL, ok } from '../../../../support/tools';

const EC_P384 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'];
export const EC_P521 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521'];
export const RSA = (bits: number) => ['-newkey', `rsa:${bits}`];

/**
 * A self-signed certificate from openssl `req -x509`, valid 30 days unless `args` say otherwise, in `work`
 * (its key kept beside it as `<name>.key`, to sign others). `config` goes into the `[req]` section of a config of
 * its own, so the system's openssl.cnf adds no extensions.
 */
export function opensslSelfSigned(
  work: string,
  name: string,
  key: string[],
  args: string[],
  config = '',
): string {
  const file = join(work, `${name}.cnf`);
  writeFileSync(file, `[req]\ndistinguished_name=dn\n${config}\n[dn]\n`);
  ok(OPENSSL, [
    'req',
    '-x509',
    ...key,
    '-nodes',
    '-keyout',
    join(work, `${name}.key`),
    '-out',
    join(work, `${name}.pem`),
    '-config',
    file,
    '-days',
    '30',
    ...args,
  ]);
  return ok(OPENSSL, ['x509', '-in', join(work, `${name}.pem`)]);
}

/** The names, serials and validities every DER reader must read exactly as x509 does. */
export function opensslNamesAndSerials(work: string): Record<string, string> {
  const make = (name: string, args: string[], key = EC_P256_NEWKEY, config = '') =>
    opensslSelfSigned(work, name, key, args, config);
  return {
    'openssl EC P-384, PrintableString names': make(
      'printable',
      ['-sha384', '-subj', '/C=NL/O=Printable Org/CN=printable'],
      EC_P384,
      'string_mask=default',
    ),
    'openssl, no CN at all': make('nocn', ['-subj', '/O=Only Org/OU=Unit']),
    'openssl, two CNs (the first counts)': make('twocn', ['-subj', '/CN=first/CN=second']),
    'openssl, a multi-valued RDN': make('multi', ['-multivalue-rdn', '-subj', '/CN=multi+O=Valued/C=NL']),
    'openssl, escapes in the name': make('escapes', ['-subj', '/CN=a\\,b+c;d <e> "f" /O=#lead/OU= sp']),
    'openssl, serial 1': make('serial1', ['-subj', '/CN=s1', '-set_serial', '1']),
    'openssl, serial 0': make('serial0', ['-subj', '/CN=s0', '-set_serial', '0']),
    'openssl, a negative serial': make('neg', ['-subj', '/CN=neg', '-set_serial', '-5']),
    'openssl, a serial with a 00 pad octet': make('pad', ['-subj', '/CN=pad', '-set_serial', '0x80FF']),
    'openssl, a 20-octet serial': make('long', ['-subj', '/CN=long', '-set_serial', `0x${'7f'.repeat(20)}`]),
    'openssl, notAfter past 2049 (GeneralizedTime)': make('far', ['-subj', '/CN=far', '-days', '20000']),
  };
}
