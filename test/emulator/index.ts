/**
 * A local IAM Roles Anywhere + STS + IAM endpoint for Anchorage's tests (ARCHITECTURE §5, §7). It verifies
 * requests as AWS does — AWS4-X509 and SigV4 signatures, serial, scope, clock skew, the chain to a trust
 * anchor, the end-entity rules and CRL revocation — and answers with AWS's status codes and bodies.
 * It never imports from main/: it is the independent check of the product's signer.
 *
 * Besides CreateSession and GetCallerIdentity it serves the control plane (issue 12 §7), signed with SigV4
 * by an operator of `config.operators` (scope `rolesanywhere`/REGION or `iam`/us-east-1; `allow` limits the
 * actions, AccessDenied otherwise):
 * - Roles Anywhere (REST-JSON): CreateTrustAnchor, GetTrustAnchor, ListTrustAnchors, UpdateTrustAnchor,
 *   EnableTrustAnchor, CreateProfile, GetProfile, ListProfiles, ImportCrl, UpdateCrl, ListCrls, EnableCrl;
 * - IAM (query, XML): CreateRole, GetRole, ListRoles, AttachRolePolicy, ListAttachedRolePolicies,
 *   UpdateAssumeRolePolicy.
 * What they create is what CreateSession uses: an enabled trust anchor trusts its bundle, an enabled
 * profile admits its roles, an enabled CRL revokes, and an IAM role's trust policy must allow
 * rolesanywhere.amazonaws.com (conditions on the certificate's CN and aws:SourceArn included).
 * `enabled` defaults to false when a create call omits it.
 *
 * ```ts
 * const emu = await startEmulator({ region: 'us-east-1', trustAnchors: [...], profiles: [...],
 *   operators: [{ accessKeyId, secretAccessKey, allow: ['iam:*', 'rolesanywhere:*'] }] });
 * // anchorage … --endpoint emu.url ;  AWS_ENDPOINT_URL=emu.url aws iam get-role --role-name R
 * emu.inject({ status: 503, count: 2 });                      // the next two CreateSession calls
 * emu.inject({ status: 429, operation: 'CreateRole' });       // IAM throttles: 400 Throttling
 * emu.calls();                                                // [{ service, operation, status }, …]
 * await emu.close();
 * ```
 */
export { startEmulator, type CallRecord, type Emulator, type EmulatorStats } from './server';
export { DEFAULT_ACCOUNT } from './config';
export type { EmulatorConfig, Fault, OperatorConfig, ProfileConfig, TrustAnchorConfig } from './config';
export { EXAMPLE_OPERATOR } from './control-plane/operators';
