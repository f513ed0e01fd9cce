/** Export passwords (PFX and key files): printable ASCII only, because Java rejects anything else (ARCHITECTURE §6). */
import { randomInt } from 'node:crypto';
import { exportPasswordProblem } from '../../../shared/domain/limits';
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
 * Check a password for an exported PFX or key file by the one rule (shared/domain/limits.ts): at least
 * MIN_EXPORT_PASSWORD_LENGTH characters, printable ASCII (0x20–0x7E). The message names the position of the
 * first bad character, never the password.
 * @throws AnchorageError INVALID_PASSWORD.
 */
export function validatePfxPassword(password: string): void {
  const problem = exportPasswordProblem(password);
  if (!problem) return;
  throw new AnchorageError(
    'INVALID_PASSWORD',
    problem.message,
    problem.facts.reason === 'too-short'
      ? `Choose a password of at least ${problem.facts.min} characters, or let Anchorage generate one.`
      : 'Use only letters, digits and ASCII punctuation, or let Anchorage generate a password.',
    { facts: problem.facts },
  );
}
