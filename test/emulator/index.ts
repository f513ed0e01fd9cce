/**
 * A local IAM Roles Anywhere + STS endpoint for Anchorage's tests (ARCHITECTURE §5, §7). It verifies
 * requests as AWS does — AWS4-X509 and SigV4 signatures, serial, scope, clock skew, the chain to a trust
 * anchor, the end-entity rules and CRL revocation — and answers with AWS's status codes and bodies.
 * It never imports from main/: it is the independent check of the product's signer.
 *
 * ```ts
 * const emu = await startEmulator({ region: 'us-east-1', trustAnchors: [...], profiles: [...] });
 * // anchorage … --endpoint emu.url ;  AWS_ENDPOINT_URL_STS=emu.url aws sts get-caller-identity
 * emu.inject({ status: 503, count: 2 });
 * await emu.close();
 * ```
 */
export { startEmulator, type Emulator, type EmulatorStats } from './server';
export type { EmulatorConfig, Fault, ProfileConfig, TrustAnchorConfig } from './config';
