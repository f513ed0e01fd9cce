/**
 * What the control-plane APIs created: trust anchors, profiles and CRLs (Roles Anywhere) and roles (IAM).
 * One store per emulator, shared with CreateSession: an enabled trust anchor or profile made here is one
 * CreateSession accepts, an enabled CRL revokes, and a role's trust policy is enforced.
 * Each record carries its account (and region, for Roles Anywhere), so an operator sees only its own.
 */
import { createHash } from 'node:crypto';

export interface Tag {
  key: string;
  value: string;
}

export interface RolesAnywhereRecord {
  id: string;
  arn: string;
  account: string;
  region: string;
  name: string;
  enabled: boolean;
  tags: Tag[];
  createdAt: Date;
  updatedAt: Date;
}

export interface TrustAnchorRecord extends RolesAnywhereRecord {
  source: {
    sourceType: 'CERTIFICATE_BUNDLE';
    sourceData: { x509CertificateData: string };
  };
}

export interface ProfileRecord extends RolesAnywhereRecord {
  roleArns: string[];
  durationSeconds: number;
  managedPolicyArns: string[];
  sessionPolicy?: string;
  requireInstanceProperties: boolean;
  createdBy: string;
}

export interface CrlRecord extends RolesAnywhereRecord {
  trustAnchorArn: string;
  /** The bytes as imported: a PEM or a DER CRL. */
  crlData: Buffer;
}

export interface RoleRecord {
  account: string;
  name: string;
  path: string;
  roleId: string;
  arn: string;
  createDate: Date;
  /** As submitted: IAM keeps the document's text, and answers it URL-encoded. */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  tags: { Key: string; Value: string }[];
  attachedPolicyArns: string[];
}

/** `AROA` and 17 characters derived from the role ARN: the role id IAM reports and STS puts in assumedRoleId. */
export function roleIdOf(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}

const roleKey = (account: string, name: string): string => `${account}:${name.toLowerCase()}`;

export class AccountState {
  /** By id; Maps keep creation order, which is the order the List operations answer in. */
  readonly trustAnchors = new Map<string, TrustAnchorRecord>();
  readonly profiles = new Map<string, ProfileRecord>();
  readonly crls = new Map<string, CrlRecord>();
  private readonly roles = new Map<string, RoleRecord>();

  trustAnchorByArn(arn: string): TrustAnchorRecord | undefined {
    return [...this.trustAnchors.values()].find((t) => t.arn === arn);
  }

  profileByArn(arn: string): ProfileRecord | undefined {
    return [...this.profiles.values()].find((p) => p.arn === arn);
  }

  /** The enabled CRLs imported for a trust anchor. */
  enabledCrls(trustAnchorArn: string): CrlRecord[] {
    return [...this.crls.values()].filter((c) => c.enabled && c.trustAnchorArn === trustAnchorArn);
  }

  /** IAM role names are unique within an account regardless of case. */
  role(account: string, name: string): RoleRecord | undefined {
    return this.roles.get(roleKey(account, name));
  }

  roleByArn(arn: string): RoleRecord | undefined {
    return [...this.roles.values()].find((r) => r.arn === arn);
  }

  addRole(role: RoleRecord): void {
    this.roles.set(roleKey(role.account, role.name), role);
  }

  /** An account's roles, sorted by name as IAM lists them. */
  rolesOf(account: string): RoleRecord[] {
    return [...this.roles.values()]
      .filter((r) => r.account === account)
      .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  }
}
