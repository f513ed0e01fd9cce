/**
 * The name rules the CLI, the app and core share (issue 9: names are unique ignoring case; issue 10: a default
 * name never collides).
 */

/** Certificate and CA names are unique ignoring case: "Prod" and "prod" would be one entry to a reader. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * `base`, or the first of `base-2`, `base-3`, … that no name in `taken` equals (by `same`): the default a
 * form proposes, so that accepting it never fails with "the name is taken".
 * @param same the equality of the namespace: {@link sameName} for certificates, exact for profiles
 */
export function nextFreeName(
  base: string,
  taken: Iterable<string>,
  same: (a: string, b: string) => boolean = sameName,
): string {
  const names = [...taken];
  const free = (candidate: string) => !names.some((n) => same(n, candidate));
  if (free(base)) return base;
  // n ≤ names.length + 2 always finds one: at most names.length candidates can be taken.
  for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
}

/** Profile names are exact (they are `~/.aws/config` section names, which are case-sensitive). */
export const sameProfileName = (a: string, b: string): boolean => a === b;
