/**
 * Import what users already have: a PEM bundle (certificates + optional key as PKCS#1, PKCS#8, SEC1 or
 * encrypted PKCS#8), a DER certificate, or a PFX/P12. The key, when present, must match the certificate.
 */
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import { orderChain } from './chain';
import { describeKey, detectKeyType, keyMatches, keyTypeOf } from './keys';
import type { KeyType } from '../../../shared/domain/key-types';
import {
  DamagedCertificateError,
  certificateFromDer,
  certificateToPem,
  derToPem,
  looksLikePem,
  pemBlocks,
} from './pem';
import type { PemBlock } from './pem';
import { assertInputSize } from './limits';
import { readPfx } from './pkcs12';
import type { x509 } from './provider';
import { rfc4514 } from './dn';

/** An imported certificate, its chain (leaf → root) and, when one came with it, its key. */
export interface ImportedBundle {
  certificate: x509.X509Certificate;
  chain: x509.X509Certificate[];
  /** PKCS#8 DER, for the vault. */
  privateKeyPkcs8?: Uint8Array;
  keyType: KeyType;
}

/** Options for {@link importBundle}. */
export interface ImportOptions {
  /** Password of an encrypted key or a PFX. */
  password?: string;
  /** Refuse a certificate without its private key (MISSING_KEY), e.g. when importing a CA to issue from. */
  requireKey?: boolean;
}

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
const EXPECTED =
  'expected PEM ("-----BEGIN CERTIFICATE-----", optionally with a private key), a DER certificate, or a PFX/P12 file';

function malformed(detail: string): AnchorageError {
  return new AnchorageError(
    'MALFORMED_PEM',
    `The input cannot be imported: ${detail}; ${EXPECTED}.`,
    'Check that you picked the right file and that it is complete.',
  );
}

function isEncrypted(block: PemBlock): boolean {
  return block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
}

function decodeKey(block: PemBlock, password: string | undefined): KeyObject {
  const encrypted = isEncrypted(block);
  if (encrypted && password === undefined) {
    throw new AnchorageError(
      'PASSWORD_REQUIRED',
      'The private key is encrypted and needs its password.',
      'Give the password of the key.',
      { facts: { field: 'password', what: 'key' } },
    );
  }
  try {
    return createPrivateKey({
      key: block.text,
      format: 'pem',
      ...(encrypted ? { passphrase: password } : {}),
    });
  } catch (cause) {
    if (encrypted) {
      throw new AnchorageError(
        'WRONG_PASSWORD',
        'The private key could not be decrypted: the password is wrong.',
        'Type the password that protects this key.',
        { cause },
      );
    }
    throw malformed(`the "${block.label}" block is not a valid private key`);
  }
}

/** Pick the end-entity: the certificate matching the key, else the one that issued none of the others. */
function pickLeaf(certs: x509.X509Certificate[], key: Uint8Array | undefined): x509.X509Certificate {
  if (key) {
    const match = certs.find((c) => keyMatches(key, c));
    if (!match) {
      throw new AnchorageError(
        'KEY_MISMATCH',
        `The private key does not belong to ${certs.length === 1 ? 'the certificate' : 'any of the certificates'} ` +
          `("${certs[0] ? rfc4514(certs[0].subjectName) : ''}"${certs.length > 1 ? ', …' : ''}).`,
        'Import the key that was generated with this certificate.',
      );
    }
    return match;
  }
  return (
    certs.find((c) => !certs.some((o) => o !== c && o.issuer === c.subject && o.subject !== c.subject)) ??
    certs[0]!
  );
}

function finish(
  certs: x509.X509Certificate[],
  key: Uint8Array | undefined,
  options: ImportOptions,
): ImportedBundle {
  const leaf = pickLeaf(certs, key);
  if (!key && options.requireKey) {
    throw new AnchorageError(
      'MISSING_KEY',
      `The input holds the certificate "${rfc4514(leaf.subjectName)}" but not its private key, which is needed here.`,
      'Add the key to the PEM file (or import the PFX that holds both); import the certificate alone only as a trust anchor.',
    );
  }
  return {
    certificate: leaf,
    chain: orderChain(leaf, certs),
    ...(key ? { privateKeyPkcs8: key } : {}),
    keyType: keyTypeOf(leaf),
  };
}

/**
 * Import a PEM text: one or more CERTIFICATE blocks and at most one private key.
 * @throws AnchorageError MALFORMED_PEM, PASSWORD_REQUIRED, WRONG_PASSWORD, KEY_MISMATCH, MISSING_KEY,
 *   UNSUPPORTED_KEY, INVALID_INPUT (more than one key).
 */
export function importPem(text: string, options: ImportOptions = {}): ImportedBundle {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw malformed('no PEM block was found');
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => certificateFromDer(b.der));
  const keyBlocks = blocks.filter((b) => KEY_LABELS.has(b.label));
  if (certs.length === 0) {
    const found = [...new Set(blocks.map((b) => b.label))].join(', ');
    throw malformed(`it has no CERTIFICATE block (found: ${found})`);
  }
  if (keyBlocks.length > 1) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The PEM holds ${keyBlocks.length} private keys; Anchorage imports one certificate with its one key.`,
      'Split the file so it holds one key.',
    );
  }
  let pkcs8: Uint8Array | undefined;
  if (keyBlocks[0]) {
    const key = decodeKey(keyBlocks[0], options.password);
    if (!detectKeyType(key)) {
      throw new AnchorageError(
        'UNSUPPORTED_KEY',
        `The private key is ${describeKey(key)}, which IAM Roles Anywhere does not accept.`,
        'Use an RSA 2048/3072/4096 or EC P-256/P-384 key.',
      );
    }
    pkcs8 = new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
  }
  return finish(certs, pkcs8, options);
}

/**
 * Import a PEM bundle, a DER certificate or a PFX/P12, deciding by content.
 * @throws AnchorageError INPUT_TOO_LARGE; as {@link importPem} and {@link readPfx} (PASSWORD_REQUIRED for a
 *   PFX without one).
 */
export async function importBundle(
  input: string | Uint8Array,
  options: ImportOptions = {},
): Promise<ImportedBundle> {
  assertInputSize(typeof input === 'string' ? Buffer.byteLength(input) : input.length);
  if (typeof input === 'string' || looksLikePem(input)) {
    return importPem(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'), options);
  }
  // Both a certificate and a PFX are a DER SEQUENCE: anything else is not importable.
  if (input[0] !== 0x30) throw malformed('it is neither PEM text nor DER data');
  let cert: x509.X509Certificate | undefined;
  try {
    cert = certificateFromDer(input);
  } catch (error) {
    if (error instanceof DamagedCertificateError) throw error;
    cert = undefined;
  }
  if (cert) return finish([cert], undefined, options);
  if (options.password === undefined) {
    throw new AnchorageError(
      'PASSWORD_REQUIRED',
      'This looks like a PFX/P12 file, which needs its password.',
      'Give the PFX password.',
      { facts: { field: 'password', what: 'pfx' } },
    );
  }
  const pfx = await readPfx(input, options.password);
  return finish([pfx.certificate, ...pfx.chain], pfx.privateKeyPkcs8, options);
}

/** An import from one or more files, with PEM forms ready for the inventory. */
export interface ImportedMaterial extends ImportedBundle {
  certificatePem: string;
  /** Issuer certificates, leaf → root, as PEM. */
  chainPem: string[];
}

/**
 * Import from several files at once, e.g. a certificate file and a separate key file: PEM files and DER
 * certificates are joined into one bundle; a PFX is read with `password` and joined with the rest.
 * @throws AnchorageError as {@link importBundle} (INPUT_TOO_LARGE for any file over the limit); INVALID_INPUT
 *   when no file is given.
 */
export async function importMaterial(
  files: readonly Uint8Array[],
  password?: string,
): Promise<ImportedMaterial> {
  if (files.length === 0) {
    throw new AnchorageError(
      'INVALID_INPUT',
      'No file to import.',
      'Pass a certificate (PEM/DER), a PEM bundle or a PFX.',
    );
  }
  for (const file of files) assertInputSize(file.length);
  const options: ImportOptions = password !== undefined ? { password } : {};
  let bundle: ImportedBundle;
  if (files.length === 1) {
    bundle = await importBundle(files[0]!, options);
  } else {
    // Turn every file into PEM text, then import the joined text as one bundle.
    const parts: string[] = [];
    for (const file of files) {
      if (looksLikePem(file)) {
        parts.push(Buffer.from(file).toString('utf8'));
        continue;
      }
      const one = await importBundle(file, options);
      parts.push(...[one.certificate, ...one.chain].map(certificateToPem));
      if (one.privateKeyPkcs8) parts.push(derToPem(one.privateKeyPkcs8, 'PRIVATE KEY'));
    }
    bundle = importPem(parts.join('\n'), options);
  }
  return {
    ...bundle,
    certificatePem: certificateToPem(bundle.certificate),
    chainPem: bundle.chain.map(certificateToPem),
  };
}
