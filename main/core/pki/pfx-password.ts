/** PFX passwords: printable ASCII only, because Java rejects anything else (ARCHITECTURE §6). */
import { randomInt } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';

/**
 * Letters and digits without look-alikes (0/O, 1/l/I) plus a few punctuation marks that need no quoting in
 * shells, YAML or Java properties files: 24 of them give about 140 bits.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.';

/** A strong random password of `length` (default 24) characters from a copy-safe ASCII alphabet. */
export function generatePassword(length = 24): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * Check a password for a PFX: non-empty, printable ASCII (0x20–0x7E). The message names the position of the
 * first bad character, never the password.
 * @throws AnchorageError INVALID_PASSWORD.
 */
export function validatePfxPassword(password: string): void {
  if (password.length === 0) {
    throw new AnchorageError(
      'INVALID_PASSWORD',
      'The PFX password is empty.',
      'Choose a password, or let Anchorage generate one.',
    );
  }
  const bad = [...password].findIndex((ch) => ch < ' ' || ch > '~');
  if (bad >= 0) {
    throw new AnchorageError(
      'INVALID_PASSWORD',
      `The PFX password has a character that is not printable ASCII (at position ${bad + 1}); ` +
        'Java (keytool, Mendix Cloud) rejects PFX passwords with non-ASCII characters.',
      'Use only letters, digits and ASCII punctuation, or let Anchorage generate a password.',
    );
  }
}
