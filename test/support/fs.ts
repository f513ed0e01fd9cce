/** Temp directories, and a data directory seen from outside: what is there, with which mode, what bytes. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export interface TempDir {
  dir: string;
  /** Write `name` in the directory; returns its path. */
  write(name: string, data: string | Uint8Array): string;
  cleanup(): void;
}

/** A fresh temp directory with a `write` helper and `cleanup`. */
export function tempDir(prefix = 'anchorage-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Remove every directory in `dirs` (and empty the list). */
export function cleanupDirs(dirs: string[]): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Entry {
  path: string;
  type: 'file' | 'dir';
  /** Permission bits, e.g. 0o600. */
  mode: number;
  /** sha256 of a file's content; empty for directories. */
  sha256: string;
}

/** Every file and directory under `root` (not `root` itself), with mode and content hash, sorted by path. */
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
        const sha256 = createHash('sha256').update(readFileSync(full)).digest('hex');
        out.push({ path, type: 'file', mode: st.mode & 0o777, sha256 });
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
