/**
 * The key type of a Node KeyObject (ARCHITECTURE §1: the types Roles Anywhere accepts). Its own module, with
 * node:crypto's KeyObject alone, so that der-summary.ts (`anchorage list`) names a certificate's key without
 * loading @peculiar/x509 (which ./keys.ts needs for its other functions, and re-exports this from).
 */
import type { KeyObject } from 'node:crypto';
import { KEY_TYPES } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';

/** True when `value` is one of {@link KEY_TYPES}. */
export function isKeyType(value: string): value is KeyType {
  return (KEY_TYPES as readonly string[]).includes(value);
}

/** The key type of a public or private key, or `undefined` when Roles Anywhere would not accept it. */
export function detectKeyType(key: KeyObject): KeyType | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const type = `rsa-${details.modulusLength}`;
    return isKeyType(type) ? type : undefined;
  }
  if (key.asymmetricKeyType === 'ec') {
    if (details.namedCurve === 'prime256v1') return 'ec-p256';
    if (details.namedCurve === 'secp384r1') return 'ec-p384';
  }
  return undefined;
}
