// AES-256-GCM sealing shared by the vault records and the passphrase file.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEY_BYTES, open, seal } from '../../../../../main/core/vault/aead';

describe('seal / open', () => {
  const key = randomBytes(KEY_BYTES);

  it('round-trips and binds the AAD and the key', () => {
    const sealed = seal(key, Buffer.from('hello'), 'id-a');
    expect(open(key, sealed, 'id-a')?.toString()).toBe('hello');
    expect(open(key, sealed, 'id-b')).toBeUndefined();
    expect(open(randomBytes(KEY_BYTES), sealed, 'id-a')).toBeUndefined();
  });

  it('uses a fresh 96-bit nonce each time and a 128-bit tag', () => {
    const a = seal(key, Buffer.from('same'), 'x');
    const b = seal(key, Buffer.from('same'), 'x');
    expect(Buffer.from(a.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('says no, without throwing, to truncated tags and nonces', () => {
    const sealed = seal(key, Buffer.from('hello'), 'x');
    // A 4-byte tag would be accepted by a decipher that does not pin the tag length (CVE-class forgery).
    expect(
      open(key, { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64') }, 'x'),
    ).toBeUndefined();
    expect(
      open(
        key,
        { ...sealed, nonce: Buffer.from(sealed.nonce, 'base64').subarray(0, 8).toString('base64') },
        'x',
      ),
    ).toBeUndefined();
    expect(open(key, { ...sealed, ciphertext: 'not base64 at all!' }, 'x')).toBeUndefined();
  });
});
