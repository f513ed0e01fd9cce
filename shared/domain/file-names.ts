/**
 * The one file-name cleaner (issue 8): a name a person gave (a certificate, a CA, a profile) as the stem of a
 * file name that is safe on every OS and in a shell: runs of anything but `A-Z a-z 0-9 . _ -` become `_`, and
 * leading dots and underscores go, so the file is never hidden and never `..`.
 */
export function safeFileName(name: string, fallback = 'anchorage'): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '') || fallback;
}
