/** Look at a data directory from outside: what is there, with which mode, and what bytes it holds. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Entry {
  path: string;
  type: 'file' | 'dir';
  /** Permission bits, e.g. 0o600. */
  mode: number;
  /** sha256 of a file's content; empty for directories. */
  sha256: string;
}

/** Every file and directory under `root` (not `root` itself), sorted by path. */
export function snapshot(root: string): Entry[] {
  const out: Entry[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      const path = relative(root, full);
      if (st.isDirectory()) {
        out.push({ path, type: 'dir', mode: st.mode & 0o777, sha256: '' });
        walk(full);
      } else {
        out.push({
          path,
          type: 'file',
          mode: st.mode & 0o777,
          sha256: createHash('sha256').update(readFileSync(full)).digest('hex'),
        });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Files under `root` whose raw bytes contain `needle`. */
export function filesContaining(root: string, needle: Uint8Array | string): string[] {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : Buffer.from(needle);
  return snapshot(root)
    .filter((e) => e.type === 'file' && readFileSync(join(root, e.path)).includes(bytes))
    .map((e) => e.path);
}
