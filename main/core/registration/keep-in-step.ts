/**
 * Keeping AWS in step with Anchorage (issue 12 §4): after a revocation, the CA's CRL goes to its trust anchor
 * (ImportCrl the first time, UpdateCrl after, enabled); after a CA renewal, the trust anchor's bundle gets the
 * new certificate beside the old one (UpdateTrustAnchor), so that certificates chaining to either keep
 * getting sessions during the changeover.
 */
import { AnchorageError } from '../../../shared/errors';
import type { CoreApi, PushCrlResult, UpdateAnchorResult } from '../api';
import type { AwsAccount, TrustAnchorInfo } from './aws-account';
import { bundleCertificates, bundleHolds, describeCertificate, type BundleCertificate } from './bundle';
import { requireCa } from './require-ca';
import { crlName } from './resource-names';

interface CaTarget {
  id: string;
  name: string;
  cert: BundleCertificate;
}

async function caTarget(core: CoreApi, ref: string): Promise<CaTarget> {
  const ca = requireCa(await core.getCertificate(ref));
  return { id: ca.id, name: ca.name, cert: describeCertificate(await core.certificatePem(ca.id)) };
}

/**
 * The trust anchor to change: the one named, or the one (enabled first) whose bundle holds the CA, current
 * or earlier certificate. None, or several without a name, is an error that says what to do.
 */
async function anchorFor(
  account: AwsAccount,
  ca: CaTarget,
  trustAnchorArn: string | undefined,
): Promise<TrustAnchorInfo> {
  const anchors = await account.listTrustAnchors();
  const holds = (a: TrustAnchorInfo) => bundleHolds(bundleCertificates(a.bundlePem), ca.cert) !== undefined;
  if (trustAnchorArn) {
    const named = anchors.find((a) => a.arn === trustAnchorArn);
    if (!named) {
      throw new AnchorageError(
        'AWS_NOT_FOUND',
        `No trust anchor ${trustAnchorArn} in ${account.region}.`,
        'Check the ARN and the region.',
        { facts: { field: 'trustAnchorArn', region: account.region } },
      );
    }
    if (!holds(named)) {
      throw new AnchorageError(
        'AWS_NO_TRUST_ANCHOR',
        `The trust anchor "${named.name}" does not hold the CA "${ca.name}".`,
        'Choose the trust anchor that holds this CA.',
        { facts: { ca: ca.name, region: account.region, trustAnchor: named.arn } },
      );
    }
    return named;
  }
  const holding = anchors.filter(holds);
  const enabled = holding.filter((a) => a.enabled);
  const candidates = enabled.length > 0 ? enabled : holding;
  if (candidates.length === 0) {
    throw new AnchorageError(
      'AWS_NO_TRUST_ANCHOR',
      `No trust anchor in ${account.region} holds the CA "${ca.name}".`,
      'Register the CA with AWS first (a trust anchor holding it), or check the region.',
      { facts: { ca: ca.name, region: account.region } },
    );
  }
  if (candidates.length > 1) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `${candidates.length} trust anchors in ${account.region} hold the CA "${ca.name}": ${candidates.map((a) => a.arn).join(', ')}.`,
      'Name the trust anchor to change by its ARN.',
      { facts: { field: 'trustAnchorArn', reason: 'ambiguous', count: candidates.length } },
    );
  }
  return candidates[0]!;
}

export async function pushCrl(
  core: CoreApi,
  account: AwsAccount,
  input: { ca: string; trustAnchorArn?: string | undefined },
): Promise<PushCrlResult> {
  const ca = await caTarget(core, input.ca);
  const anchor = await anchorFor(account, ca, input.trustAnchorArn);
  const [crlPem, certificates] = await Promise.all([core.crl(ca.id), core.listCertificates()]);
  const revoked = certificates.filter((c) => c.issuerId === ca.id && c.revokedAt !== null).length;
  const name = crlName(ca.name);
  const existing = (await account.listCrls()).filter((c) => c.trustAnchorArn === anchor.arn);
  const ours = existing.find((c) => c.name === name) ?? existing[0];
  let crl;
  let action: PushCrlResult['action'];
  if (ours) {
    crl = await account.updateCrl(ours.id, crlPem);
    if (!crl.enabled) crl = await account.enableCrl(ours.id);
    action = 'updated';
  } else {
    crl = await account.importCrl(name, crlPem, anchor.arn);
    action = 'imported';
  }
  return {
    crlArn: crl.arn,
    name: crl.name,
    trustAnchorArn: anchor.arn,
    action,
    enabled: crl.enabled,
    revoked,
    calls: [...account.made],
  };
}

export async function updateAnchor(
  core: CoreApi,
  account: AwsAccount,
  input: { ca: string; trustAnchorArn?: string | undefined },
  now: Date,
): Promise<UpdateAnchorResult> {
  const ca = await caTarget(core, input.ca);
  const anchor = await anchorFor(account, ca, input.trustAnchorArn);
  const bundle = bundleCertificates(anchor.bundlePem);
  if (bundle.some((c) => c.fingerprint === ca.cert.fingerprint)) {
    return {
      trustAnchorArn: anchor.arn,
      action: 'unchanged',
      certificates: bundle.length,
      calls: [...account.made],
    };
  }
  // The new certificate first, then what the anchor held, less this CA's certificates that have expired:
  // other CAs in the bundle are someone's trust too, and stay.
  const kept = bundle.filter((c) => c.publicKey !== ca.cert.publicKey || c.validTo > now);
  const next = [ca.cert, ...kept];
  await account.updateTrustAnchor(anchor.id, next.map((c) => c.pem).join(''));
  return {
    trustAnchorArn: anchor.arn,
    action: 'updated',
    certificates: next.length,
    calls: [...account.made],
  };
}
