import { X509Certificate, constants, createPrivateKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { parseArnSet } from '../../../shared/domain/arn';
import { ROLE_SESSION_NAME, assertSessionDuration } from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';
import { rolesAnywhereEndpoint } from '../../../shared/domain/regions';
import { certificateName } from '../pki/der-info';
import { rfc4514 } from '../pki/dn';
import { signingSerialDecimal } from '../pki/serial';
import {
  amzDate,
  canonicalRequest,
  credentialScope,
  hashHex,
  splitUrl,
  stringToSign,
  uriEscape,
} from './canonical';

/**
 * The AWS4-X509 request signer for IAM Roles Anywhere CreateSession (Roles Anywhere user guide, "Signing
 * process"). It is SigV4 with three changes: the credential is the certificate's decimal serial, the leaf (and
 * optionally its chain) travels in X-Amz-X509 headers, and the string to sign is signed with the private key
 * itself instead of an HMAC chain. The canonical request comes from ./canonical, shared with SigV4.
 */

type X509Algorithm = 'AWS4-X509-RSA-SHA256' | 'AWS4-X509-ECDSA-SHA256';

/** The public half of a signing identity: enough to build (or check) the string to sign. */
export interface X509Identity {
  certificate: X509Certificate;
  /** Intermediates, leaf-side first; sent in X-Amz-X509-Chain. */
  chain: X509Certificate[];
  algorithm: X509Algorithm;
  /** The serial in decimal, as Credential= carries it. */
  serialDecimal: string;
  /** Base64 DER of the leaf (X-Amz-X509). */
  certificateBase64: string;
  /** Comma-separated base64 DER of the chain (X-Amz-X509-Chain), or undefined without a chain. */
  chainBase64?: string;
}

/** A signing identity; build it once with {@link loadX509Credential} and reuse it for every request. */
export interface X509Credential extends X509Identity {
  privateKey: KeyObject;
}

export interface X509CredentialInput {
  /** PEM (text before the block, like `openssl x509 -text` output, is ignored), DER bytes, or a parsed certificate. */
  certificate: string | Uint8Array | X509Certificate;
  /** PEM (PKCS#8 or traditional) or a KeyObject. Never logged. */
  privateKey: string | KeyObject;
  /** PEM text with one or more certificates, or a list of certificates. */
  chain?: string | Array<string | Uint8Array | X509Certificate>;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function toCertificate(value: string | Uint8Array | X509Certificate, what: string): X509Certificate {
  if (value instanceof X509Certificate) return value;
  try {
    if (typeof value === 'string') {
      const block = value.match(PEM_BLOCK)?.[0];
      if (!block) throw new Error('no PEM block');
      return new X509Certificate(block);
    }
    return new X509Certificate(value);
  } catch (cause) {
    throw new AnchorageError(
      'MALFORMED_PEM',
      `The ${what} is not a readable X.509 certificate.`,
      'Give a PEM block (-----BEGIN CERTIFICATE-----) or DER bytes.',
      { cause },
    );
  }
}

function toChain(chain: X509CredentialInput['chain']): X509Certificate[] {
  if (chain === undefined) return [];
  const items = typeof chain === 'string' ? (chain.match(PEM_BLOCK) ?? []) : chain;
  return items.map((c, i) => toCertificate(c, `chain certificate #${i + 1}`));
}

/**
 * The signing algorithm for a key: RSA → AWS4-X509-RSA-SHA256, EC → AWS4-X509-ECDSA-SHA256.
 * @throws AnchorageError UNSUPPORTED_KEY for RSA-PSS, Ed25519 and other key types Roles Anywhere rejects.
 */
function algorithmForKey(key: KeyObject): X509Algorithm {
  if (key.asymmetricKeyType === 'rsa') return 'AWS4-X509-RSA-SHA256';
  if (key.asymmetricKeyType === 'ec') return 'AWS4-X509-ECDSA-SHA256';
  throw new AnchorageError(
    'UNSUPPORTED_KEY',
    `A ${key.asymmetricKeyType ?? 'symmetric'} key cannot sign for IAM Roles Anywhere; it accepts RSA and EC keys.`,
    'Issue a client certificate with an RSA (2048+) or EC (P-256, P-384) key.',
  );
}

/**
 * The public identity of a certificate (and chain), with the algorithm its key type implies.
 * @throws AnchorageError MALFORMED_PEM or UNSUPPORTED_KEY.
 */
export function loadX509Identity(input: Pick<X509CredentialInput, 'certificate' | 'chain'>): X509Identity {
  const certificate = toCertificate(input.certificate, 'certificate');
  const chain = toChain(input.chain);
  return {
    certificate,
    chain,
    algorithm: algorithmForKey(certificate.publicKey),
    serialDecimal: signingSerialDecimal(certificate.raw),
    certificateBase64: certificate.raw.toString('base64'),
    ...(chain.length > 0 ? { chainBase64: chain.map((c) => c.raw.toString('base64')).join(',') } : {}),
  };
}

/**
 * Parse a certificate, its private key and optional chain once, and check that the key belongs to the certificate.
 * @throws AnchorageError MALFORMED_PEM, MISSING_KEY, UNSUPPORTED_KEY or KEY_MISMATCH.
 */
export function loadX509Credential(input: X509CredentialInput): X509Credential {
  const identity = loadX509Identity(input);
  let privateKey: KeyObject;
  try {
    privateKey = typeof input.privateKey === 'string' ? createPrivateKey(input.privateKey) : input.privateKey;
  } catch (cause) {
    // The message never quotes the key material.
    throw new AnchorageError(
      'MALFORMED_PEM',
      'The private key is not a readable unencrypted PEM key.',
      'Give a PKCS#8 or traditional PEM private key.',
      { cause },
    );
  }
  if (privateKey.type !== 'private') {
    throw new AnchorageError(
      'MISSING_KEY',
      'A private key is needed to sign, but a public key was given.',
      'Give the client certificate’s private key.',
    );
  }
  algorithmForKey(privateKey);
  const { certificate } = identity;
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new AnchorageError(
      'KEY_MISMATCH',
      `The private key does not belong to the certificate ${rfc4514(certificateName(certificate.raw, 'subject'))} (serial ${certificate.serialNumber}).`,
      'Pick the key that was generated with this certificate.',
    );
  }
  return { ...identity, privateKey };
}

/** The request to sign; `headers` must already hold everything to be signed except the X-Amz ones added here. */
export interface X509RequestInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface X509SignOptions {
  region: string;
  time?: Date;
  /**
   * Lower-case header names to sign. Default: content-type, host, x-amz-date, x-amz-x509 and, with a chain,
   * x-amz-x509-chain (ARCHITECTURE §5). Envoy also signs x-amz-content-sha256.
   */
  signedHeaders?: readonly string[];
}

/** Everything but the signature: the X-Amz headers added, and what is signed. */
export interface X509PreparedRequest {
  /** The input's headers plus x-amz-date and x-amz-x509[-chain]. */
  headers: Record<string, string>;
  algorithm: X509Algorithm;
  amzDate: string;
  scope: string;
  /** `SERIAL/scope`, the Credential= value. */
  credential: string;
  signedHeaders: string;
  payloadHash: string;
  canonicalRequest: string;
  stringToSign: string;
}

export interface X509SignedRequest extends X509PreparedRequest {
  /** Every header to send, authorization included. */
  headers: Record<string, string>;
  /** Hex of the RSA PKCS#1 v1.5 signature, or of the DER-encoded ECDSA signature. */
  signature: string;
  authorization: string;
}

/** Roles Anywhere's service name in the scope. */
const SERVICE = 'rolesanywhere';
const OWN_HEADERS = ['x-amz-date', 'x-amz-x509', 'x-amz-x509-chain', 'authorization'];

/**
 * Add the X-Amz headers and build the canonical request and string to sign (no private key needed, so a
 * verifier can rebuild what was signed, as the signer's tests do with {@link verifyX509Signature}; the emulator
 * never uses this: it checks signatures with its own code, test/emulator).
 * @throws AnchorageError INVALID_INPUT when a signed header is missing or the URL is malformed.
 */
export function prepareX509Request(
  request: X509RequestInput,
  identity: X509Identity,
  options: X509SignOptions,
): X509PreparedRequest {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${request.url}" is not a URL.`,
      'Check the Roles Anywhere endpoint.',
    );
  }
  const date = amzDate(options.time ?? new Date());
  const scope = credentialScope(date, options.region, SERVICE);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    // Drop anything this signer owns, whatever its case, so a stale value can never be signed.
    if (!OWN_HEADERS.includes(name.toLowerCase())) headers[name] = value;
  }
  headers['x-amz-date'] = date;
  headers['x-amz-x509'] = identity.certificateBase64;
  if (identity.chainBase64) headers['x-amz-x509-chain'] = identity.chainBase64;

  const signed = (
    options.signedHeaders ?? [
      'content-type',
      'host',
      'x-amz-date',
      'x-amz-x509',
      ...(identity.chainBase64 ? ['x-amz-x509-chain'] : []),
    ]
  )
    .map((h) => h.toLowerCase())
    .sort();
  const payloadHash = hashHex(request.body ?? '');
  const { path, query } = splitUrl(url);
  const canonical = canonicalRequest({ method: request.method, path, query, headers }, signed, payloadHash);
  return {
    headers,
    algorithm: identity.algorithm,
    amzDate: date,
    scope,
    credential: `${identity.serialDecimal}/${scope}`,
    signedHeaders: signed.join(';'),
    payloadHash,
    canonicalRequest: canonical,
    stringToSign: stringToSign(identity.algorithm, date, scope, canonical),
  };
}

/**
 * Sign a request with AWS4-X509. Synchronous and native (`crypto.sign`): well under 2 ms for RSA-2048.
 * @throws AnchorageError INVALID_INPUT when a signed header is missing or the URL is malformed.
 */
export function signX509Request(
  request: X509RequestInput,
  credential: X509Credential,
  options: X509SignOptions,
): X509SignedRequest {
  const prepared = prepareX509Request(request, credential, options);
  // SHA-256 even for P-384: the service hashes with SHA-256 (user guide, signing process). ECDSA signatures are
  // DER-encoded, RSA uses PKCS#1 v1.5.
  const signature = sign(
    'sha256',
    Buffer.from(prepared.stringToSign, 'utf8'),
    credential.algorithm === 'AWS4-X509-RSA-SHA256'
      ? { key: credential.privateKey, padding: constants.RSA_PKCS1_PADDING }
      : { key: credential.privateKey, dsaEncoding: 'der' },
  ).toString('hex');
  const authorization = `${credential.algorithm} Credential=${prepared.credential}, SignedHeaders=${prepared.signedHeaders}, Signature=${signature}`;
  return { ...prepared, headers: { ...prepared.headers, authorization }, signature, authorization };
}

/** Check an AWS4-X509 signature (hex) over a string to sign with the certificate's public key. */
export function verifyX509Signature(
  stringToSignText: string,
  signatureHex: string,
  certificate: X509Certificate,
): boolean {
  const key = certificate.publicKey;
  try {
    return verify(
      'sha256',
      Buffer.from(stringToSignText, 'utf8'),
      key.asymmetricKeyType === 'ec'
        ? { key, dsaEncoding: 'der' }
        : { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(signatureHex, 'hex'),
    );
  } catch {
    return false; // a malformed DER signature is simply not valid
  }
}

export interface CreateSessionInput {
  region: string;
  /** Override of the Roles Anywhere endpoint (the emulator, a VPC endpoint); default the regional one. */
  endpoint?: string;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  /** 900–43200 seconds (CreateSession API reference). */
  durationSeconds: number;
  roleSessionName?: string;
}

export interface CreateSessionRequest {
  method: 'POST';
  url: string;
  headers: { 'content-type': 'application/json'; host: string };
  body: string;
}

/**
 * The unsigned CreateSession request: `POST {endpoint}/sessions?profileArn=…&roleArn=…&trustAnchorArn=…` with
 * the ARNs in the query string as aws_signing_helper sends them, and `{durationSeconds, roleSessionName?}` as
 * the JSON body.
 * @throws AnchorageError INVALID_ARN, REGION_MISMATCH, INVALID_DURATION or INVALID_INPUT.
 */
export function buildCreateSessionRequest(input: CreateSessionInput): CreateSessionRequest {
  const arns = parseArnSet(input);
  const { durationSeconds, roleSessionName } = input;
  assertSessionDuration(durationSeconds);
  if (roleSessionName !== undefined && !ROLE_SESSION_NAME.pattern.test(roleSessionName)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The role session name "${roleSessionName}" is invalid.`,
      'Use 2–64 letters, digits or + = , . @ _ -.',
      { facts: { field: 'sessionName' } },
    );
  }
  const base = (input.endpoint ?? rolesAnywhereEndpoint(arns.region)).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}/sessions`);
  } catch {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The endpoint "${input.endpoint ?? ''}" is not a URL.`,
      'Give an https:// URL, e.g. https://rolesanywhere.us-east-1.amazonaws.com.',
      { facts: { field: 'endpoint', reason: 'not-a-url', endpoint: input.endpoint ?? '' } },
    );
  }
  // Sorted by name, like Go's url.Values.Encode in aws_signing_helper.
  const query = [
    ['profileArn', arns.profile.text],
    ['roleArn', arns.role.text],
    ['trustAnchorArn', arns.trustAnchor.text],
  ]
    .map(([k, v]) => `${k}=${uriEscape(v ?? '')}`)
    .join('&');
  const body = JSON.stringify(
    roleSessionName !== undefined ? { durationSeconds, roleSessionName } : { durationSeconds },
  );
  return {
    method: 'POST',
    url: `${url.origin}${url.pathname}?${query}`,
    headers: { 'content-type': 'application/json', host: url.host },
    body,
  };
}
