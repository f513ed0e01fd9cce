/**
 * ARN parsing for the emulator's CreateSession input checks (IAM Roles Anywhere API reference: the
 * profileArn, roleArn and trustAnchorArn patterns).
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resourceType: string;
  resourceId: string;
}

const ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]+):([a-z0-9-]*):(\d{12}):([A-Za-z-]+)\/(.+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Parse `arn:PARTITION:SERVICE:REGION:ACCOUNT:TYPE/ID`; undefined when it does not have that shape. */
function parseArn(arn: string): ParsedArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  const [, partition, service, region, account, resourceType, resourceId] = m as unknown as string[];
  return {
    partition: partition as string,
    service: service as string,
    region: region as string,
    account: account as string,
    resourceType: resourceType as string,
    resourceId: resourceId as string,
  };
}

/** A Roles Anywhere trust anchor or profile ARN: service rolesanywhere, a region, and a UUID id. */
export function parseRolesAnywhereArn(arn: string, type: 'trust-anchor' | 'profile'): ParsedArn | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'rolesanywhere' || p.resourceType !== type || !p.region) return undefined;
  return UUID.test(p.resourceId) ? p : undefined;
}

/** An IAM role ARN: service iam, no region, `role/[path/]name`. */
export function parseRoleArn(arn: string): (ParsedArn & { roleName: string }) | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'iam' || p.region !== '' || p.resourceType !== 'role') return undefined;
  const roleName = p.resourceId.split('/').pop() ?? '';
  if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) return undefined;
  return { ...p, roleName };
}
