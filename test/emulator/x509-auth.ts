/**
 * Authentication of a CreateSession request signed with AWS4-X509-RSA-SHA256 / AWS4-X509-ECDSA-SHA256
 * (IAM Roles Anywhere user guide, "Signing process"): the SigV4 canonical request, a string to sign with
 * the X.509 algorithm name, and a signature made with the certificate's private key over SHA-256 of it.
 * This file checks only the request; whether the certificate is trusted is `certificate-trust.ts`'s job.
 */
import { X509Certificate, verify as cryptoVerify } from 'node:crypto';
import {
  canonicalRequest,
  headerMap,
  parseAmzDate,
  parseAuthorization,
  stringToSign,
  type ParsedAuthorization,
  type WireRequest,
} from './canonical';
import { skewProblem } from './clock';
import { accessDenied } from './rejection';

const X509_ALGORITHMS = { rsa: 'AWS4-X509-RSA-SHA256', ec: 'AWS4-X509-ECDSA-SHA256' } as const;

export interface X509AuthOptions {
  /** The region this endpoint serves; the credential scope must name it. */
  region: string;
  now: Date;
  skewSeconds: number;
}

export interface X509AuthResult {
  leaf: X509Certificate;
  /** Certificates from X-Amz-X509-Chain, in the order sent. */
  chain: X509Certificate[];
  /** The leaf serial in decimal, as the Credential carries it. */
  serial: string;
  algorithm: string;
  canonicalRequest: string;
  stringToSign: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parse a base64 DER certificate as sent in X-Amz-X509 / X-Amz-X509-Chain. */
function parseDerCertificate(value: string, header: string): X509Certificate {
  const trimmed = value.trim();
  if (!BASE64.test(trimmed)) throw accessDenied(`${header} must be a base64-encoded DER certificate.`);
  try {
    return new X509Certificate(Buffer.from(trimmed, 'base64'));
  } catch {
    throw accessDenied(`${header} does not hold a valid DER certificate.`);
  }
}

/** Decimal form of a certificate's serial number (Node gives upper-case hex). */
function decimalSerial(cert: X509Certificate): string {
  return BigInt(`0x${cert.serialNumber}`).toString(10);
}

function checkScope(auth: ParsedAuthorization, amzDate: string, region: string): void {
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    throw accessDenied(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.scopeRegion !== region) {
    throw accessDenied(
      `Credential should be scoped to a valid region: the credential scope names '${auth.scopeRegion}' but this endpoint serves '${region}'.`,
    );
  }
  if (auth.scopeService !== 'rolesanywhere') {
    throw accessDenied(
      `Credential should be scoped to correct service: 'rolesanywhere', not '${auth.scopeService}'.`,
    );
  }
  if (auth.scopeTerminator !== 'aws4_request') {
    throw accessDenied(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.scopeTerminator}'.`,
    );
  }
}

function checkSignedHeaders(req: WireRequest, signed: string[]): void {
  const sorted = [...new Set(signed)].sort();
  if (signed.some((h) => h !== h.toLowerCase()) || sorted.join(';') !== signed.join(';')) {
    throw accessDenied(`SignedHeaders must be lower-case, unique and sorted: '${signed.join(';')}'.`);
  }
  const present = headerMap(req.headers);
  const required = ['host', 'x-amz-date', 'x-amz-x509'];
  if (present.has('x-amz-x509-chain')) required.push('x-amz-x509-chain');
  for (const name of required) {
    if (!signed.includes(name))
      throw accessDenied(`SignedHeaders must include '${name}'; got '${signed.join(';')}'.`);
  }
  for (const name of signed) {
    if (!present.has(name)) throw accessDenied(`Signed header '${name}' is not present in the request.`);
  }
}

/**
 * Verify an AWS4-X509 signed request, in the order the service does: header syntax, date and skew, scope,
 * signed headers, certificate and serial, algorithm against key type, then the signature itself.
 * Throws a {@link Rejection} (403 AccessDeniedException) on the first failure.
 */
export function verifyX509Request(req: WireRequest, opts: X509AuthOptions): X509AuthResult {
  const headers = headerMap(req.headers);
  const authHeader = headers.get('authorization')?.[0];
  if (!authHeader)
    throw accessDenied('Missing Authentication Token: the request has no Authorization header.');
  const auth = parseAuthorization(authHeader);
  if (!auth) {
    throw accessDenied(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, separated by commas.",
    );
  }
  if (auth.algorithm !== X509_ALGORITHMS.rsa && auth.algorithm !== X509_ALGORITHMS.ec) {
    throw accessDenied(
      `Unsupported signing algorithm '${auth.algorithm}': use ${X509_ALGORITHMS.rsa} or ${X509_ALGORITHMS.ec}.`,
    );
  }

  const amzDate = headers.get('x-amz-date')?.[0];
  if (!amzDate) throw accessDenied('The request must carry an X-Amz-Date header.');
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) throw accessDenied(`X-Amz-Date '${amzDate}' is not in the form YYYYMMDDTHHMMSSZ.`);
  const skew = skewProblem(requestTime, opts.now, opts.skewSeconds);
  if (skew) throw accessDenied(skew);

  checkScope(auth, amzDate, opts.region);
  checkSignedHeaders(req, auth.signedHeaders);

  const leaf = parseDerCertificate(headers.get('x-amz-x509')?.[0] ?? '', 'X-Amz-X509');
  const chainHeader = headers.get('x-amz-x509-chain')?.[0];
  const chain = chainHeader
    ? chainHeader.split(',').map((c) => parseDerCertificate(c, 'X-Amz-X509-Chain'))
    : [];

  const serial = decimalSerial(leaf);
  if (auth.keyId !== serial) {
    throw accessDenied(
      `The Credential names serial '${auth.keyId}', but the X-Amz-X509 certificate's serial number is ${serial} (decimal).`,
    );
  }

  const keyType = leaf.publicKey.asymmetricKeyType;
  const expected =
    keyType === 'rsa' ? X509_ALGORITHMS.rsa : keyType === 'ec' ? X509_ALGORITHMS.ec : undefined;
  if (!expected)
    throw accessDenied(`Unsupported certificate key type '${keyType ?? 'unknown'}': use RSA or EC.`);
  if (auth.algorithm !== expected) {
    throw accessDenied(
      `Algorithm ${auth.algorithm} does not match the certificate's ${keyType} key; use ${expected}.`,
    );
  }

  const creq = canonicalRequest(req, auth.signedHeaders);
  const scope = `${auth.scopeDate}/${auth.scopeRegion}/${auth.scopeService}/${auth.scopeTerminator}`;
  const sts = stringToSign(auth.algorithm, amzDate, scope, creq);
  if (!/^[0-9a-f]+$/.test(auth.signature) || auth.signature.length % 2 !== 0) {
    throw accessDenied('Invalid signature: Signature must be lower-case hexadecimal.');
  }
  // SHA-256 for every key, P-384 included, and ECDSA signatures DER-encoded (user guide, signing process).
  const ok = cryptoVerify(
    'sha256',
    Buffer.from(sts),
    keyType === 'ec' ? { key: leaf.publicKey, dsaEncoding: 'der' } : leaf.publicKey,
    Buffer.from(auth.signature, 'hex'),
  );
  if (!ok) {
    throw accessDenied(
      "Invalid signature: the signature does not verify with the X-Amz-X509 certificate's public key over the string to sign.",
    );
  }
  return { leaf, chain, serial, algorithm: auth.algorithm, canonicalRequest: creq, stringToSign: sts };
}
