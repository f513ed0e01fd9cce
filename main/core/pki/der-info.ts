/**
 * Two facts @peculiar/x509 does not expose, read straight from the DER (RFC 5280 §4.1): the certificate version
 * and the signature algorithm OID (it throws on algorithms it does not know, and we must report those).
 */
import forge from 'node-forge';

const { asn1 } = forge;

function certificateNode(der: Uint8Array): forge.asn1.Asn1[] {
  return asn1.fromDer(Buffer.from(der).toString('binary')).value as forge.asn1.Asn1[];
}

/** 1, 2 or 3: the X.509 version (the DER field holds version − 1, absent meaning v1). */
export function certificateVersion(der: Uint8Array): number {
  const tbs = certificateNode(der)[0]?.value as forge.asn1.Asn1[];
  const first = tbs[0];
  if (first && first.tagClass === asn1.Class.CONTEXT_SPECIFIC && first.type === 0) {
    const int = (first.value as forge.asn1.Asn1[])[0];
    return asn1.derToInteger(int!.value as string) + 1;
  }
  return 1;
}

/** The outer signatureAlgorithm OID, e.g. 1.2.840.113549.1.1.11 for sha256WithRSAEncryption. */
export function signatureAlgorithmOid(der: Uint8Array): string {
  const algorithm = certificateNode(der)[1]?.value as forge.asn1.Asn1[];
  return asn1.derToOid(algorithm[0]!.value as string);
}
