/** The app's pages, in nav order, and their URL hashes (`#/certificates`). */
export const PAGES = [
  { key: 'wizard', label: 'Setup wizard' },
  { key: 'certificates', label: 'Certificates' },
  { key: 'credentials', label: 'Credentials' },
  { key: 'sign', label: 'Signed request' },
  { key: 'settings', label: 'Settings' },
] as const;

export type PageKey = (typeof PAGES)[number]['key'];

/** The page named by a location hash, if any. */
export function pageFromHash(hash: string): PageKey | undefined {
  const key = hash.replace(/^#\/?/, '');
  return PAGES.find((p) => p.key === key)?.key;
}
