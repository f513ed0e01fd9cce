/** Small helpers: PEM ⇄ DER, serials, key types, key generation. */
import { describe, expect, it } from 'vitest';
import type { AnchorageError } from '../../../../../shared/errors';
import { KEY_TYPES } from '../../../../../shared/domain/key-types';
import {
  generateKeyPair,
  importSigningKey,
  keyMatches,
  keyTypeOf,
  privateKeyObject,
  publicKeySpkiOf,
} from '../../../../../main/core/pki/keys';
import { derToPem, pemBlocks, pemToDer } from '../../../../../main/core/pki/pem';
import {
  randomSerialHex,
  serialBits,
  serialDecimal,
  serialHexFromDecimal,
} from '../../../../../main/core/pki/serial';
import { ok, requireTool } from '../../../../support/tools';

describe('pem', () => {
  it('round-trips DER through PEM with 64-column lines', () => {
    const der = new Uint8Array(Array.from({ length: 200 }, (_, i) => i));
    const pem = derToPem(der, 'TEST DATA');
    expect(pem.split('\n').every((l) => l.length <= 64)).toBe(true);
    expect(Buffer.from(pemToDer(pem, 'TEST DATA'))).toEqual(Buffer.from(der));
    expect(pemBlocks(`junk\n${pem}more junk\n${pem}`)).toHaveLength(2);
  });

  it('says what was expected when there is no PEM', () => {
    try {
      pemToDer('nothing here', 'CERTIFICATE');
      throw new Error('expected an error');
    } catch (e) {
      expect((e as AnchorageError).code).toBe('MALFORMED_PEM');
      expect((e as AnchorageError).message).toContain('-----BEGIN CERTIFICATE-----');
    }
  });
});

describe('serial', () => {
  it('is random, positive, 153–159 bits, never 01', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const hex = randomSerialHex();
      expect(hex).toHaveLength(40);
      const bits = serialBits(hex);
      expect(bits).toBeGreaterThanOrEqual(153);
      expect(bits).toBeLessThanOrEqual(159);
      seen.add(hex);
    }
    expect(seen.size).toBe(500);
  });

  it('converts between decimal and hex', () => {
    expect(serialDecimal('00ff')).toBe('255');
    expect(serialHexFromDecimal('255')).toBe('ff');
    expect(serialHexFromDecimal('4096')).toBe('1000');
    expect(() => serialHexFromDecimal('0x10')).toThrow();
  });
});

describe('keys', () => {
  it.each(KEY_TYPES.filter((k) => k !== 'rsa-4096'))(
    'generates %s as PKCS#8 DER that openssl reads',
    async (keyType) => {
      requireTool('openssl');
      const pair = await generateKeyPair(keyType);
      expect(keyTypeOf(pair.publicKeySpki)).toBe(keyType);
      expect(keyTypeOf(privateKeyObject(pair.privateKeyPkcs8))).toBe(keyType);
      expect(Buffer.from(publicKeySpkiOf(pair.privateKeyPkcs8))).toEqual(Buffer.from(pair.publicKeySpki));
      expect(keyMatches(pair.privateKeyPkcs8, pair.publicKeySpki)).toBe(true);
      const text = ok('openssl', ['pkey', '-inform', 'DER', '-noout', '-text'], {
        input: pair.privateKeyPkcs8,
      });
      expect(text).toMatch(
        keyType.startsWith('rsa') ? /Private-Key: \((\d+) bit, 2 primes\)/ : /NIST CURVE: P-(256|384)/,
      );
      const key = await importSigningKey(pair.privateKeyPkcs8);
      expect(key.type).toBe('private');
      expect(key.extractable).toBe(false);
    },
  );

  it('refuses an unknown key type', async () => {
    await expect(generateKeyPair('rsa-1024' as never)).rejects.toMatchObject({ code: 'UNSUPPORTED_KEY' });
  });
});
