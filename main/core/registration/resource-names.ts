/**
 * The AWS names `aws setup` and `aws template` give what they create, when the user names nothing: one rule,
 * so that a template and a setup of the same CA and role describe the same resources.
 */
import { ROLES_ANYWHERE_NAME_PATTERN } from '../../../shared/domain/registration';

/** A Roles Anywhere name (`[ a-zA-Z0-9_-]`, ≤ 255) from any text: other characters become `-`. */
function rolesAnywhereName(text: string): string {
  const name = text.replace(/[^ a-zA-Z0-9_-]/g, '-').slice(0, 255);
  return ROLES_ANYWHERE_NAME_PATTERN.test(name) ? name : 'anchorage';
}

/** The trust anchor's name: the CA's Anchorage name. */
export const defaultTrustAnchorName = (caName: string): string => rolesAnywhereName(caName);

/** The Roles Anywhere profile's name: the role's name. */
export const defaultProfileName = (roleName: string): string => rolesAnywhereName(roleName);

/** The Anchorage profile's name: the role's name (an IAM role name is a valid Anchorage name). */
export const defaultSavedProfileName = (roleName: string): string => roleName;

/** The CRL's name in Roles Anywhere: the CA's, marked as Anchorage's. */
export const crlName = (caName: string): string => rolesAnywhereName(`${caName}-crl`);
