/** Certificates as Anchorage makes them, of every kind an inventory holds: the corpus the DER readers are
 * compared with x509 over (der-summary.test.ts, certificate-view.test.ts). */
import { createIntermediateCa, createRootCa } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';

export async function anchorageCorpus() {
  const rsaCa = await createRootCa({
    subject: { commonName: 'RSA Root', organization: 'Acme, Inc.', country: 'NL' },
    keyType: 'rsa-2048',
    days: 7300,
  });
  const ecCa = await createRootCa({ subject: { commonName: 'EC Root' }, keyType: 'ec-p384', pathLength: 1 });
  const ecSigner = { certificate: ecCa.certificatePem, privateKeyPkcs8: ecCa.privateKeyPkcs8 };
  const intermediate = await createIntermediateCa({
    issuer: ecSigner,
    subject: { commonName: 'Intermediate', organizationalUnit: 'Platform' },
    keyType: 'ec-p256',
  });
  const client = await issueClientCertificate({
    issuer: ecSigner,
    subject: { commonName: 'client-ü-名前' },
    keyType: 'ec-p256',
    sans: ['dns:host.example', 'uri:spiffe://example/x'],
  });
  const rsaClient = await issueClientCertificate({
    issuer: { certificate: rsaCa.certificatePem, privateKeyPkcs8: rsaCa.privateKeyPkcs8 },
    subject: { commonName: 'rsa client' },
    keyType: 'rsa-3072',
  });
  // Expired long ago, in the last century: UTCTime's 19YY years (RFC 5280 §4.1.2.5.1).
  const old = await createRootCa({
    subject: { commonName: 'Old' },
    keyType: 'ec-p256',
    days: 30,
    now: new Date('1999-12-20T10:00:00Z'),
  });
  return { rsaCa, ecCa, intermediate, client, rsaClient, old };
}
