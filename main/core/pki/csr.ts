/** Certificate signing requests: sign one a user brings (PEM or DER), or create one (tests, tooling). */
import { assertInputSize } from './limits';
import { AnchorageError } from '../../../shared/errors';
import { DEFAULT_KEY_TYPE } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';
import {
  describeKey,
  detectKeyType,
  generateKeyPair,
  importSigningKey,
  importVerifyKey,
  publicKeyObject,
  signingAlgorithm,
} from './keys';
import { buildName } from './names';
import type { SubjectInput } from '../api';
import { bufferSource, certificateFromDer, derToPem, looksLikePem, pemBlocks } from './pem';
import { nodeCrypto, x509 } from './provider';
import { signEndEntity } from './issue';
import type { CaSigner } from './signer';

/**
 * Parse a CSR from PEM text or DER bytes.
 * @throws AnchorageError MALFORMED_CSR when it is neither.
 */
export function parseCsr(input: string | Uint8Array): x509.Pkcs10CertificateRequest {
  assertInputSize(typeof input === 'string' ? Buffer.byteLength(input) : input.length, 'The CSR');
  try {
    // "NEW CERTIFICATE REQUEST" is the label older tools (Netscape, Windows certreq) still write.
    const der =
      typeof input === 'string' || looksLikePem(input)
        ? pemBlocks(typeof input === 'string' ? input : Buffer.from(input).toString('utf8')).find((b) =>
            b.label.endsWith('CERTIFICATE REQUEST'),
          )?.der
        : input;
    if (!der) throw new Error('no CERTIFICATE REQUEST block');
    const csr = new x509.Pkcs10CertificateRequest(bufferSource(der));
    void csr.subject;
    void csr.publicKey.rawData;
    return csr;
  } catch (cause) {
    throw new AnchorageError(
      'MALFORMED_CSR',
      'The input is not a certificate signing request (expected "-----BEGIN CERTIFICATE REQUEST-----" or DER).',
      'Create one with e.g. `openssl req -new -key client.key -subj "/CN=agent7" -out client.csr`.',
      { cause },
    );
  }
}

/** True when the CSR's self-signature verifies with its own public key (proof of possession, RFC 2986). */
export async function csrSignatureValid(csr: x509.Pkcs10CertificateRequest): Promise<boolean> {
  try {
    return await csr.verify(nodeCrypto);
  } catch {
    return false;
  }
}

/** Options for {@link signCsr}. */
export interface SignCsrOptions {
  issuer: CaSigner;
  csr: string | Uint8Array;
  days?: number;
  /** `dns:`/`uri:` SANs; when absent, a SAN requested in the CSR is copied (nothing else from it is). */
  sans?: readonly string[];
  now?: Date;
}

/** The result of signing a CSR: there is no private key, the requester keeps it. */
export interface SignedCsr {
  certificate: x509.X509Certificate;
  certificateDer: Uint8Array;
  certificatePem: string;
  keyType: KeyType;
}

function requestedSans(csr: x509.Pkcs10CertificateRequest): string[] {
  const ext = csr.extensions.find((e) => e.type === '2.5.29.17');
  if (!ext) return [];
  const san = new x509.SubjectAlternativeNameExtension(ext.rawData);
  return san.names
    .toJSON()
    .filter((n) => n.type === 'dns' || n.type === 'url')
    .map((n) => `${n.type === 'dns' ? 'dns' : 'uri'}:${n.value}`);
}

/**
 * Verify a CSR's signature, then issue a client certificate for its subject and public key under the same rules
 * as {@link issueClientCertificate}. Requested extensions other than SAN are ignored: the CA decides them.
 * @throws AnchorageError MALFORMED_CSR (unreadable, bad signature, empty subject), UNSUPPORTED_KEY, and the
 *   issuance errors.
 */
export async function signCsr(options: SignCsrOptions): Promise<SignedCsr> {
  const csr = parseCsr(options.csr);
  if (!(await csrSignatureValid(csr))) {
    throw new AnchorageError(
      'MALFORMED_CSR',
      "The CSR's signature does not verify with its own public key: it was altered or is corrupt.",
      'Create the CSR again with the private key it names.',
    );
  }
  if (csr.subjectName.toJSON().length === 0) {
    throw new AnchorageError(
      'MALFORMED_CSR',
      'The CSR has an empty subject; Roles Anywhere needs a non-empty subject.',
      'Create the CSR with a subject, e.g. -subj "/CN=agent7".',
    );
  }
  const spki = new Uint8Array(csr.publicKey.rawData);
  const key = publicKeyObject(spki);
  const keyType = detectKeyType(key);
  if (!keyType) {
    throw new AnchorageError(
      'UNSUPPORTED_KEY',
      `The CSR's key is ${describeKey(key)}, which IAM Roles Anywhere does not accept.`,
      'Create the CSR with an RSA 2048/3072/4096 or EC P-256/P-384 key.',
    );
  }
  const certificateDer = await signEndEntity({
    issuer: options.issuer,
    subject: new Uint8Array(csr.subjectName.toArrayBuffer()),
    publicKeySpki: spki,
    days: options.days,
    sans: options.sans ?? requestedSans(csr),
    now: options.now,
  });
  return {
    certificate: certificateFromDer(certificateDer),
    certificateDer,
    certificatePem: derToPem(certificateDer, 'CERTIFICATE'),
    keyType,
  };
}

/** A new key and a CSR for it (PEM), e.g. to request a certificate from another CA. */
export async function createCsr(
  subject: SubjectInput,
  keyType: KeyType = DEFAULT_KEY_TYPE,
): Promise<{ csrPem: string; privateKeyPkcs8: Uint8Array; keyType: KeyType }> {
  const name = new x509.Name(bufferSource(buildName(subject)));
  const keys = await generateKeyPair(keyType);
  const privateKey = await importSigningKey(keys.privateKeyPkcs8, keyType);
  const publicKey = await importVerifyKey(keys.publicKeySpki, keyType);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: { privateKey, publicKey },
    signingAlgorithm: signingAlgorithm(keyType),
  });
  return {
    csrPem: derToPem(csr.rawData, 'CERTIFICATE REQUEST'),
    privateKeyPkcs8: keys.privateKeyPkcs8,
    keyType,
  };
}
