/**
 * Shared set-up of the aws network tests: a CA (optionally with an intermediate), a client certificate
 * issued by main/core/pki, and an emulator (test/emulator) whose trust anchor holds the CA.
 */
import { createIntermediateCa, createRootCa } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import type { KeyType } from '../../../../../shared/domain/key-types';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { startEmulator } from '../../../../emulator';
import type { Emulator } from '../../../../emulator';
import { signerOf } from '../../../../support/pki';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
const TRUST_ANCHOR_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe`;
export const PROFILE_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/6f4b1b8c-2d0a-4d57-9a43-3f5d0e7c9a11`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/AnchorageTest`;

export interface Pki {
  root: IssuedCertificate;
  intermediate?: IssuedCertificate;
  leaf: IssuedCertificate;
  /** What createSession takes. */
  certificateDer: Uint8Array;
  chainDer: Uint8Array[];
  privateKeyPkcs8: Uint8Array;
}

const DAY = 86_400_000;

export interface PkiOptions {
  keyType?: KeyType;
  intermediate?: boolean;
  /** Issue the leaf as of this time (the CA is made a year earlier so it is valid then). */
  leafNow?: Date;
  leafDays?: number;
  rootName?: string;
}

/** A root CA, an optional intermediate, and a client certificate under the last of them. */
export async function makePki(options: PkiOptions = {}): Promise<Pki> {
  const keyType = options.keyType ?? 'ec-p256';
  const leafNow = options.leafNow ?? new Date();
  const caNow = new Date(Math.min(Date.now(), leafNow.getTime()) - 365 * DAY);
  const root = await createRootCa({
    subject: { commonName: options.rootName ?? 'Anchorage Test Root', organization: 'Anchorage Tests' },
    keyType,
    now: caNow,
    days: 3650,
  });
  const intermediate = options.intermediate
    ? await createIntermediateCa({
        issuer: signerOf(root),
        subject: { commonName: 'Anchorage Test Intermediate', organization: 'Anchorage Tests' },
        keyType,
        now: caNow,
        days: 3000,
      })
    : undefined;
  const leaf = await issueClientCertificate({
    issuer: signerOf(intermediate ?? root),
    subject: { commonName: 'anchorage-client' },
    keyType,
    now: leafNow,
    days: options.leafDays ?? 30,
  });
  return {
    root,
    ...(intermediate ? { intermediate } : {}),
    leaf,
    certificateDer: leaf.certificateDer,
    chainDer: intermediate ? [intermediate.certificateDer] : [],
    privateKeyPkcs8: leaf.privateKeyPkcs8,
  };
}

/** An emulator whose trust anchor holds `anchorPem` and whose profile allows ROLE_ARN. */
export function emulatorFor(anchorPem: string, roleArns: string[] = [ROLE_ARN]): Promise<Emulator> {
  return startEmulator({
    region: REGION,
    trustAnchors: [{ arn: TRUST_ANCHOR_ARN, certificatesPem: [anchorPem] }],
    profiles: [{ arn: PROFILE_ARN, roleArns, durationSeconds: 43200 }],
  });
}

/** The createSession parameters for a PKI against an emulator. */
export function sessionParams(pki: Pki, emulator: Emulator) {
  return {
    certificateDer: pki.certificateDer,
    chainDer: pki.chainDer,
    privateKeyPkcs8: pki.privateKeyPkcs8,
    keyType: pki.leaf.keyType,
    trustAnchorArn: TRUST_ANCHOR_ARN,
    profileArn: PROFILE_ARN,
    roleArn: ROLE_ARN,
    region: REGION,
    durationSeconds: 3600,
    endpoint: emulator.url,
    // Backoff costs no wall time in tests; the count of attempts is what is checked.
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  };
}

/** Await a promise that must reject; returns the error for assertions. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; hint?: string };
  }
  throw new Error('expected a rejection, but the promise resolved');
}
