/**
 * Whether two IAM policy documents say the same (IAM JSON policy reference): a single string and a one-element
 * list are the same `Action`/`Resource`/principal, the order of actions and of keys does not matter, and
 * neither does the order of statements. Anything else is a difference the user should see.
 */

/** The value a list would have: IAM reads `"x"` as `["x"]` and one statement object as a list of one. */
function listed(key: string, value: unknown): unknown {
  if (key === 'Version' || key === 'Sid' || Array.isArray(value)) return value;
  if (typeof value === 'string' || (key === 'Statement' && value && typeof value === 'object'))
    return [value];
  return value;
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize).map((v) => JSON.stringify(v));
    return [...new Set(items)].sort().map((v) => JSON.parse(v) as unknown);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalize(listed(k, v))]),
    );
  }
  return value;
}

export function samePolicy(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}
