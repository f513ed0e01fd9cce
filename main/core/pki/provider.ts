/**
 * Binds @peculiar/x509 to Node's native WebCrypto (ARCHITECTURE §6: certificates over Node's WebCrypto, never
 * pure-JS RSA). Every pki module that touches @peculiar/x509 imports this file first, for its side effect.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** Node's WebCrypto typed as the DOM `Crypto` that @peculiar/x509 expects (same API, different typings). */
export const nodeCrypto = webcrypto as unknown as Crypto;

x509.cryptoProvider.set(nodeCrypto);

export { x509 };
