import { WIZARD_STEP_KEYS } from '../../shared/domain/wizard';
import type { WizardStepKey } from '../../shared/domain/wizard';
import type { CertificateSummary, Profile, WizardProgress } from '../../shared/schemas/models';

/**
 * The wizard's progress as core stores it (issue 10 §1), checked against what exists now. Ids stored last time
 * may since have been deleted, revoked, renewed or have expired (another window, the CLI); the wizard then goes
 * back to the earliest step that needs a new choice, and says why. Pure functions, unit-tested on their own.
 */

const SIGNING_STATUSES = new Set<CertificateSummary['status']>(['valid', 'expiring']);

/** Why a certificate cannot be used to sign, in a short phrase; undefined when it can. */
export function unusableReason(cert: CertificateSummary): string | undefined {
  if (!cert.hasPrivateKey) return 'Anchorage does not hold its private key';
  switch (cert.status) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return 'expired';
    case 'superseded':
      return 'renewed (superseded by a newer certificate)';
    case 'not-yet-valid':
      return 'not valid yet';
    default:
      return SIGNING_STATUSES.has(cert.status) ? undefined : cert.status;
  }
}

/** A CA the wizard can issue from: Anchorage holds its key and it is valid (or expiring). */
export const usableCa = (c: CertificateSummary): boolean => c.kind === 'ca' && !unusableReason(c);

/** A client certificate that can sign CreateSession, issued by `caId`. */
export const usableClientOf = (c: CertificateSummary, caId: string | undefined): boolean =>
  c.kind === 'client' && c.issuerId === caId && caId !== undefined && !unusableReason(c);

/** Which steps are done, in WIZARD_STEP_KEYS order (the last two both mean "the connection test passed"). */
export function completedSteps(p: {
  ca: unknown;
  client: unknown;
  registered?: boolean | undefined;
  profile: unknown;
  connected?: boolean | undefined;
}): boolean[] {
  const connected = Boolean(p.connected);
  return [Boolean(p.ca), Boolean(p.client), Boolean(p.registered), Boolean(p.profile), connected, connected];
}

/** A step may be opened when every step before it is done. */
export function reachableSteps(completed: readonly boolean[]): boolean[] {
  return completed.map((_, i) => completed.slice(0, i).every(Boolean));
}

/** The index of a step key (0 for an unknown one). */
export function stepIndex(key: WizardStepKey): number {
  return Math.max(0, WIZARD_STEP_KEYS.indexOf(key));
}

export interface ResolvedProgress {
  /** The progress with every id that no longer resolves removed, and the step moved back if needed. */
  progress: WizardProgress;
  /** A short note saying what was dropped and why; undefined when everything still resolved. */
  note?: string;
  /** Whether `progress` differs from what was stored (then it is written back). */
  changed: boolean;
}

const quote = (name: string) => `“${name}”`;

/** Why the stored CA is no longer a usable choice, or undefined when it is. */
function caProblem(id: string, certs: readonly CertificateSummary[]): string | undefined {
  const ca = certs.find((c) => c.id === id);
  if (!ca || ca.kind !== 'ca') return 'The CA chosen before is no longer in Anchorage.';
  const reason = unusableReason(ca);
  return reason ? `The CA ${quote(ca.name)} chosen before is ${reason}.` : undefined;
}

/** Why the stored client certificate is no longer a usable choice for `caId`, or undefined when it is. */
function clientProblem(
  id: string,
  caId: string | undefined,
  certs: readonly CertificateSummary[],
): string | undefined {
  const cert = certs.find((c) => c.id === id);
  if (!cert || cert.kind !== 'client')
    return 'The client certificate chosen before is no longer in Anchorage.';
  const reason = unusableReason(cert);
  if (reason) return `The client certificate ${quote(cert.name)} chosen before is ${reason}.`;
  if (cert.issuerId !== caId) return `The client certificate ${quote(cert.name)} was not issued by this CA.`;
  return undefined;
}

/**
 * Check stored progress against the inventory and the profiles. The CA must be usable; the client certificate
 * a usable one issued by it; the profile must exist and sign with a usable certificate of that CA. A profile
 * whose certificate was renewed (core moves profiles to the new certificate) carries the wizard along to the
 * new certificate instead of sending the user back. Whatever fails is dropped, with everything that depends on
 * it, and the step is moved back to the first one not done.
 */
export function resolveProgress(
  stored: WizardProgress,
  certs: readonly CertificateSummary[],
  profiles: readonly Profile[],
): ResolvedProgress {
  const p: WizardProgress = { ...stored };
  const notes: string[] = [];

  if (p.caId !== undefined) {
    const problem = caProblem(p.caId, certs);
    if (problem) {
      notes.push(`${problem} Choose or create another.`);
      delete p.caId;
      delete p.certificateId;
      delete p.registered;
      delete p.profileName;
      delete p.connected;
    }
  }

  const profile = p.profileName !== undefined ? profiles.find((x) => x.name === p.profileName) : undefined;
  const profileCert = profile ? certs.find((c) => c.id === profile.certificateId) : undefined;
  const profileUsable = profileCert !== undefined && usableClientOf(profileCert, p.caId);

  if (profile && profileUsable && profileCert.id !== p.certificateId) {
    // The profile moved to another certificate (a renewal): follow it rather than ask again.
    p.certificateId = profileCert.id;
  } else if (p.certificateId !== undefined) {
    const problem = clientProblem(p.certificateId, p.caId, certs);
    if (problem) {
      notes.push(`${problem} Choose or issue another.`);
      delete p.certificateId;
      delete p.profileName;
      delete p.connected;
    }
  }

  if (p.profileName !== undefined && !(profile && profileUsable)) {
    notes.push(
      profile
        ? `The profile ${quote(profile.name)} no longer signs with a usable certificate of this CA. Choose or save another.`
        : `The profile ${quote(p.profileName)} chosen before is no longer in Anchorage. Choose or save another.`,
    );
    delete p.profileName;
    delete p.connected;
  }

  const completed = completedSteps({
    ca: p.caId,
    client: p.certificateId,
    registered: p.registered,
    profile: p.profileName,
    connected: p.connected,
  });
  const firstOpen = completed.findIndex((done) => !done);
  const limit = firstOpen < 0 ? WIZARD_STEP_KEYS.length - 1 : firstOpen;
  p.step = WIZARD_STEP_KEYS[Math.min(stepIndex(stored.step), limit)] ?? 'ca';

  const changed = JSON.stringify(normalize(p)) !== JSON.stringify(normalize(stored));
  return { progress: p, ...(notes.length ? { note: notes.join(' ') } : {}), changed };
}

/** The progress with its keys in a fixed order and without undefined values, for comparison. */
function normalize(p: WizardProgress): Array<[string, unknown]> {
  return Object.entries(p)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}
