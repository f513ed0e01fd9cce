import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import { summarize } from '../../../../../main/core/inventory';

describe('distinguished names', () => {
  it('are shown in RFC 4514 order, exactly as openssl -nameopt RFC2253 prints them', async () => {
    const ca = await createRootCa({
      keyType: 'ec-p256',
      subject: {
        commonName: 'Order CA',
        organization: 'Acme, Inc.',
        organizationalUnit: 'Platform',
        country: 'NL',
      },
    });
    const openssl = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], {
      input: ca.certificatePem,
      encoding: 'utf8',
    })
      .trim()
      .replace(/^subject=/, '');
    const summary = summarize(
      {
        id: 'ca-x',
        name: 'order',
        kind: 'ca',
        certificatePem: ca.certificatePem,
        issuerId: null,
        extraChainPem: [],
        hasPrivateKey: true,
        createdAt: new Date().toISOString(),
        revokedAt: null,
      },
      new Date(),
    );
    // openssl separates RDNs with "," and escapes the comma inside "Acme, Inc." as "\,".
    expect(summary.subject.replace(/, (?=[A-Z]+=)/g, ',')).toBe(openssl);
    expect(summary.subject.startsWith('CN=Order CA, ')).toBe(true);
    expect(summary.issuer).toBe(summary.subject);
  });
});
