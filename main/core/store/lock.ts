import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AnchorageError, fileSystemError } from '../../../shared/errors';
import { isProcessAlive } from './process';

/** What a lock file says about its holder. */
interface LockOwner {
  pid: number;
  /** Random per acquisition: tells two holders with the same pid (pid reuse) apart. */
  token: string;
}

/** The steps of {@link withLock}, for tests that must interleave two acquirers deterministically. */
export type LockEvent = 'acquired' | 'busy' | 'abandoned' | 'broke';

export interface LockOptions {
  /** Give up after this long. */
  timeoutMs?: number;
  /**
   * Awaited at each step (test seam): `abandoned` before a dead holder's lock is broken, `busy` before
   * waiting on a live holder. It lets a test hold one process between judging and breaking.
   */
  onEvent?: (event: LockEvent) => void | Promise<void>;
}

/** Tokens this process holds right now: a lock naming our own pid is ours only if its token is here. */
const heldTokens = new Set<string>();

/**
 * Run `fn` while holding an exclusive lock file, so that several processes (two CLI invocations, the app,
 * a credential_process) never lose each other's updates.
 *
 * - **Acquire** = hard-link a complete temp file to the lock path. `link(2)` fails with EEXIST when the lock
 *   exists, and the lock appears with its whole content, so a lock file is never seen empty or half-written.
 * - **A holder keeps its lock for as long as its process lives**, however long it takes (a keychain prompt
 *   can wait minutes on the user). There is no age-based expiry.
 * - **A dead holder's lock** (its pid is gone, or the file is unreadable, as an older Anchorage or a crash in
 *   mid-write leaves it) is broken at once, by exactly one process: the breaker must first create
 *   `<lock>.break.<holder token>` exclusively, then re-read the lock and remove it only if it still names
 *   that same holder. Two processes that both judged it abandoned cannot both break it, and neither can
 *   remove a lock taken in between.
 * - **Release** removes the lock only if it still carries our token.
 */
export async function withLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, onEvent } = options;
  const me: LockOwner = { pid: process.pid, token: randomBytes(12).toString('hex') };
  const temp = `${lockPath}.${me.pid}.${me.token}.tmp`;
  try {
    await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
    await writeExclusive(temp, JSON.stringify(me));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined); // created, then the disk filled up
    // A read-only, full or foreign data directory: name the lock, not our temp file.
    throw fileSystemError(error, { path: lockPath, action: 'write' }) ?? error;
  }
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  // Held from before the link: this process's other acquirers must never judge the new lock abandoned.
  heldTokens.add(me.token);
  try {
    for (;;) {
      try {
        await link(temp, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(lockPath);
      if (holder === 'gone') continue;
      if (isAbandoned(holder)) {
        await onEvent?.('abandoned');
        if (await breakAbandoned(lockPath, holder)) await onEvent?.('broke');
        continue;
      }
      if (Date.now() > deadline) throw lockTimeout(lockPath, holder, timeoutMs);
      await onEvent?.('busy');
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  } catch (error) {
    heldTokens.delete(me.token);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  try {
    await onEvent?.('acquired');
    await sweepLeftovers(lockPath);
    return await fn();
  } finally {
    try {
      const holder = await readHolder(lockPath);
      if (holder !== 'gone' && 'token' in holder && holder.token === me.token) await unlink(lockPath);
    } finally {
      // Forgotten only after the unlink: until the file is gone, it must still read as held.
      heldTokens.delete(me.token);
    }
  }
}

/** The lock file's holder; `{ unreadable }` names the file itself (inode and times) when it has no holder. */
type Holder = LockOwner | { unreadable: string };

async function readHolder(lockPath: string): Promise<Holder | 'gone'> {
  let text: string;
  let id: string;
  try {
    const info = await stat(lockPath);
    id = `${info.ino}-${info.mtimeMs}-${info.size}`;
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const json = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(json.pid) && typeof json.token === 'string' && /^[0-9a-f]{24}$/.test(json.token)) {
      return { pid: json.pid as number, token: json.token };
    }
  } catch {
    // fall through: an empty, half-written or foreign lock file has no live holder
  }
  return { unreadable: id };
}

function isAbandoned(holder: Holder): boolean {
  if ('unreadable' in holder) return true;
  // Our own pid with a token we do not hold: a crashed process that had our pid (pid reuse).
  if (holder.pid === process.pid) return !heldTokens.has(holder.token);
  return !isProcessAlive(holder.pid);
}

function sameHolder(a: Holder | 'gone', b: Holder): boolean {
  if (a === 'gone') return false;
  if ('unreadable' in a || 'unreadable' in b) {
    return 'unreadable' in a && 'unreadable' in b && a.unreadable === b.unreadable;
  }
  return a.token === b.token;
}

/** Remove an abandoned lock if we are the one process allowed to; true when we removed it. */
async function breakAbandoned(lockPath: string, holder: Holder): Promise<boolean> {
  const marker = breakMarker(lockPath, 'token' in holder ? holder.token : `raw-${holder.unreadable}`);
  try {
    await writeExclusive(marker, String(process.pid));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false; // another process is breaking it
    throw error;
  }
  try {
    if (!sameHolder(await readHolder(lockPath), holder)) return false;
    await unlink(lockPath);
    return true;
  } finally {
    await rm(marker, { force: true });
  }
}

const breakMarker = (lockPath: string, id: string) => `${lockPath}.break.${id}`;

/**
 * Once we hold the lock, remove what crashed acquirers left: break markers (they name holders that are
 * gone for good, so no breaker can still need them) and temp files of dead processes.
 */
async function sweepLeftovers(lockPath: string): Promise<void> {
  const prefix = `${basename(lockPath)}.`;
  const dir = dirname(lockPath);
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const pid = /^(\d+)\.[0-9a-f]{24}\.tmp$/.exec(rest)?.[1];
    if (rest.startsWith('break.') || (pid !== undefined && !isProcessAlive(Number(pid)))) {
      await rm(join(dir, name), { force: true });
    }
  }
}

async function writeExclusive(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

function lockTimeout(lockPath: string, holder: Holder, timeoutMs: number): AnchorageError {
  const who = 'pid' in holder ? `process ${holder.pid}` : 'another process';
  return new AnchorageError(
    'LOCK_TIMEOUT',
    `${lockPath} has been held by ${who} for over ${Math.round(timeoutMs / 1000)} s.`,
    `Wait for it to finish. If ${who} is not Anchorage (its process id was reused), delete ${lockPath}.`,
  );
}
