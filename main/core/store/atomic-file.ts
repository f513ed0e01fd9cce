import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AnchorageError } from '../../../shared/errors';

/** Owner read/write only: data files may hold ciphertext of secrets and metadata (ARCHITECTURE §4). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * Write a file so that a reader sees either the old or the new content, never half of it:
 * temp file in the same directory → fsync → rename → fsync the directory (ARCHITECTURE §4).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  mode = FILE_MODE,
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new AnchorageError(
      'IO_ERROR',
      `Could not write ${path}: ${(error as Error).message}`,
      'Check that the data directory is writable and the disk is not full.',
      { cause: error },
    );
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Directory fsync makes the rename durable on POSIX; Windows cannot open directories, and does not need it.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Read a file, or `undefined` when it does not exist. Other errors propagate. */
export async function readFileIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Refuse early when `path` exists and may not be replaced, before any work that changes state. */
export async function assertNewFile(path: string, { overwrite = false } = {}): Promise<void> {
  if (!overwrite && (await readFileIfExists(path)) !== undefined) {
    throw new AnchorageError(
      'FILE_EXISTS',
      `${path} already exists.`,
      'Choose another path, or pass --force to replace it.',
    );
  }
}

/** Write a new file exclusively (never overwriting), mode 0600, for user-chosen export paths. */
export async function writeNewFile(
  path: string,
  data: string | Uint8Array,
  { overwrite = false } = {},
): Promise<void> {
  if (!overwrite && (await readFileIfExists(path)) !== undefined) {
    throw new AnchorageError(
      'FILE_EXISTS',
      `${path} already exists.`,
      'Choose another path, or pass --force to replace it.',
    );
  }
  await writeFileAtomic(path, data);
}
