import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AnchorageError, fileSystemError } from '../../../shared/errors';
import { isProcessAlive } from './process';

/** Owner read/write only: data files may hold ciphertext of secrets and metadata (ARCHITECTURE §4). */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

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
  // The pid in the name lets a later writer tell a crashed writer's leftover from a write in flight.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
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
    await rm(temp, { force: true }).catch(() => undefined);
    throw (
      fileSystemError(error, { path, action: 'write' }) ??
      new AnchorageError(
        'IO_ERROR',
        `Could not write ${path}: ${(error as Error).message}`,
        'Check that the location is writable and the disk is not full.',
        { cause: error },
      )
    );
  }
  await syncDirectory(dir);
}

const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Remove the temp files that writers which have since died left in `dir` (a crash between write and rename). */
export async function removeDeadTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    const pid = TEMP_FILE.exec(name)?.[1];
    if (pid !== undefined && !isProcessAlive(Number(pid))) await rm(join(dir, name), { force: true });
  }
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
  let exists: boolean;
  try {
    exists = (await readFileIfExists(path)) !== undefined;
  } catch (error) {
    // EISDIR, ENOTDIR, EACCES…: say so about the file to be written, before anything else happens.
    throw fileSystemError(error, { path, action: 'write' }) ?? error;
  }
  if (exists && !overwrite) {
    throw new AnchorageError(
      'FILE_EXISTS',
      `${path} already exists.`,
      'Choose another path, or allow replacing the file.',
      { facts: { path } },
    );
  }
}

/** Write a new file exclusively (never overwriting), mode 0600, for user-chosen export paths. */
export async function writeNewFile(
  path: string,
  data: string | Uint8Array,
  { overwrite = false } = {},
): Promise<void> {
  await assertNewFile(path, { overwrite });
  await writeFileAtomic(path, data);
}
