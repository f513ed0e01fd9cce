/**
 * Does a role's trust policy let IAM Roles Anywhere assume it for this certificate? As STS decides it
 * (IAM User Guide, "Policy evaluation logic"; Roles Anywhere User Guide, "Trust policy"): the service
 * principal `rolesanywhere.amazonaws.com` must be allowed sts:AssumeRole, sts:TagSession and
 * sts:SetSourceIdentity, each by an Allow statement whose conditions hold and with no Deny that applies.
 * The request context holds the certificate's attributes as principal tags
 * (`aws:PrincipalTag/x509Subject/CN`, `…/x509Issuer/…`, `…/x509SAN/DNS|URI`) and the trust anchor as
 * `aws:SourceArn` / `aws:SourceAccount`.
 */
import type { X509Certificate } from 'node:crypto';
import { Rejection, accessDenied } from '../rejection';
import { actionMatches } from './operators';
import { parseTrustPolicy, type Statement } from './policy-document';

const ROLES_ANYWHERE_PRINCIPAL = 'rolesanywhere.amazonaws.com';
/** What Roles Anywhere asks STS for (Roles Anywhere User Guide, "Trust policy"). */
const REQUIRED_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

/** Condition keys by lower-cased name (IAM compares key names case-insensitively). */
export type RequestContext = ReadonlyMap<string, string>;

/** The context keys of a CreateSession for `leaf` through `trustAnchorArn`. */
export function rolesAnywhereContext(leaf: X509Certificate, trustAnchorArn: string): RequestContext {
  const keys = new Map<string, string>();
  const dn = (text: string, prefix: string): void => {
    for (const line of text.split('\n')) {
      const eq = line.indexOf('=');
      const name = `aws:principaltag/${prefix}/${line.slice(0, eq)}`.toLowerCase();
      if (eq > 0 && !keys.has(name)) keys.set(name, line.slice(eq + 1));
    }
  };
  dn(leaf.subject, 'x509Subject');
  dn(leaf.issuer, 'x509Issuer');
  // Roles Anywhere maps the first DNS and URI subject alternative names.
  for (const part of (leaf.subjectAltName ?? '').split(/,\s*/)) {
    const m = /^(DNS|URI):(.*)$/.exec(part);
    const name = m ? `aws:principaltag/x509san/${m[1]}`.toLowerCase() : '';
    if (m && !keys.has(name)) keys.set(name, m[2] ?? '');
  }
  keys.set('aws:sourcearn', trustAnchorArn);
  keys.set('aws:sourceaccount', trustAnchorArn.split(':')[4] ?? '');
  return keys;
}

/** Keys Roles Anywhere may or may not set: absent means "not in the request", not an emulator gap. */
const MODELLED = /^aws:(principaltag\/.+|sourcearn|sourceaccount)$/;

function glob(pattern: string, value: string, flags = ''): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, flags).test(value);
}

/** ArnLike/ArnEquals: each of the six ':'-separated parts matched on its own, wildcards within a part. */
function arnLike(pattern: string, value: string): boolean {
  const split = (s: string): string[] => {
    const parts = s.split(':');
    return [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const p = split(pattern);
  const v = split(value);
  return value.split(':').length >= 6 && p.every((part, i) => glob(part, v[i] ?? ''));
}

const BASE: Record<string, (pattern: string, value: string) => boolean> = {
  stringequals: (p, v) => p === v,
  stringequalsignorecase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  stringlike: (p, v) => glob(p, v),
  arnequals: arnLike,
  arnlike: arnLike,
  bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
};
const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

/** Undefined when the condition holds; otherwise why it does not. */
function conditionProblem(
  operator: string,
  key: string,
  wanted: string[],
  ctx: RequestContext,
): string | undefined {
  const op = operator.replace(/^(ForAnyValue|ForAllValues):/i, '');
  const ifExists = /IfExists$/i.test(op);
  const base = op.replace(/IfExists$/i, '').toLowerCase();
  const name = key.toLowerCase();
  if (!ctx.has(name) && !MODELLED.test(name)) {
    throw new Rejection(
      500,
      'InternalServerException',
      `Emulator limitation: the condition key ${key} is not one the emulator models for Roles Anywhere (aws:PrincipalTag/x509…, aws:SourceArn, aws:SourceAccount).`,
    );
  }
  const value = ctx.get(name);
  // ForAllValues holds vacuously over an empty set of request values.
  if (value === undefined && /^ForAllValues:/i.test(operator)) return undefined;
  if (base === 'null') {
    const absent = value === undefined;
    return wanted.some((w) => (w.toLowerCase() === 'true') === absent)
      ? undefined
      : `${key} is ${absent ? 'absent' : 'present'}`;
  }
  const shown = `${operator} ${key}: the request has ${value === undefined ? 'no such key' : `'${value}'`}, the policy wants ${wanted.map((w) => `'${w}'`).join(' or ')}`;
  const positive = NEGATED[base] ?? base;
  const match = BASE[positive];
  if (!match) {
    if (value === undefined) return ifExists ? undefined : shown;
    throw new Rejection(
      500,
      'InternalServerException',
      `Emulator limitation: condition operator ${operator} is not evaluated by the emulator.`,
    );
  }
  if (value === undefined) return ifExists || positive !== base ? undefined : shown;
  const any = wanted.some((w) => match(w, value));
  return (positive === base ? any : !any) ? undefined : shown;
}

function principalMatches(p: '*' | Record<string, string[]>): boolean {
  if (p === '*') return true;
  return (p.Service ?? []).includes(ROLES_ANYWHERE_PRINCIPAL) || (p.AWS ?? []).includes('*');
}

/** Undefined when the statement applies to this action and context; otherwise why it does not. */
function statementProblem(s: Statement, action: string, ctx: RequestContext): string | undefined {
  if (s.principal && !principalMatches(s.principal))
    return `its Principal does not name ${ROLES_ANYWHERE_PRINCIPAL}`;
  if (s.notPrincipal && principalMatches(s.notPrincipal))
    return `its NotPrincipal excludes ${ROLES_ANYWHERE_PRINCIPAL}`;
  if (s.action && !s.action.some((a) => actionMatches(a, action)))
    return `its Action does not include ${action}`;
  if (s.notAction?.some((a) => actionMatches(a, action))) return `its NotAction excludes ${action}`;
  for (const [operator, keys] of Object.entries(s.condition)) {
    for (const [key, wanted] of Object.entries(keys)) {
      const problem = conditionProblem(operator, key, wanted, ctx);
      if (problem) return `its condition ${problem}`;
    }
  }
  return undefined;
}

/**
 * Throw 403 AccessDeniedException, as CreateSession answers, unless the trust policy lets Roles Anywhere
 * assume the role for this context. The message names the action and what kept the closest statement from
 * allowing it.
 */
export function checkRolesAnywhereTrust(roleArn: string, trustPolicy: string, ctx: RequestContext): void {
  const statements = parseTrustPolicy(trustPolicy);
  for (const action of REQUIRED_ACTIONS) {
    const deny = statements.find((s) => s.effect === 'Deny' && !statementProblem(s, action, ctx));
    if (deny) {
      throw accessDenied(
        `Unable to assume role ${roleArn}: its trust policy explicitly denies ${ROLES_ANYWHERE_PRINCIPAL} ${action}.`,
      );
    }
    const allows = statements.filter((s) => s.effect === 'Allow');
    const problems = allows.map((s) => statementProblem(s, action, ctx));
    if (problems.some((p) => p === undefined)) continue;
    // The most telling reason: a statement that got as far as its conditions, else the first one.
    const reason =
      problems.find((p) => p?.startsWith('its condition')) ?? problems[0] ?? 'it has no Allow statement';
    throw accessDenied(
      `Unable to assume role ${roleArn}: its trust policy does not allow ${ROLES_ANYWHERE_PRINCIPAL} to perform ${action} (${reason}).`,
    );
  }
}
