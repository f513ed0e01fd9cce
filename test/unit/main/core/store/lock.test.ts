import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLock } from '../../../../../main/core/store/lock';
import type { LockEvent } from '../../../../../main/core/store/lock';

/** Above Linux's largest pid_max (2^22) and macOS's 99,999: no process can have it. */
const DEAD_PID = 2 ** 22 + 1;
const deadLock = (token = 'ab'.repeat(12)) => JSON.stringify({ pid: DEAD_PID, token });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let dir: string;
let lockPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anchorage-lock-'));
  lockPath = join(dir, 'doc.json.lock');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('withLock', () => {
  it('lets exactly one of two processes take over a dead holder’s lock, even when both judged it dead', async () => {
    await writeFile(lockPath, deadLock());
    let active = 0;
    let maxActive = 0;
    const enter = () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
    };
    const aJudged = deferred();
    const aGo = deferred();
    const aWaiting = deferred();
    const aInside = deferred();

    // A judges the lock abandoned, then is held right there, before it breaks it.
    const a = withLock(
      lockPath,
      async () => {
        enter();
        aInside.resolve();
        active -= 1;
      },
      {
        onEvent: async (event: LockEvent) => {
          if (event === 'abandoned') {
            aJudged.resolve();
            await aGo.promise;
          }
          if (event === 'busy') aWaiting.resolve();
        },
      },
    );
    await aJudged.promise;
    // B breaks the same dead lock and takes it. While B holds it, A goes on with its break.
    await withLock(lockPath, async () => {
      enter();
      aGo.resolve();
      // Either A sees B as a live holder and waits (right), or it removed B's lock and entered (the bug).
      await Promise.race([aWaiting.promise, aInside.promise]);
      active -= 1;
    });
    await a;
    expect(maxActive).toBe(1);
  });

  it('recovers an empty lock file at once, without waiting', async () => {
    await writeFile(lockPath, '');
    const events: LockEvent[] = [];
    await withLock(lockPath, async () => undefined, { onEvent: (e) => void events.push(e) });
    expect(events).toEqual(['abandoned', 'broke', 'acquired']);
  });

  it('recovers a half-written lock file at once', async () => {
    await writeFile(lockPath, '{"pid":12');
    const events: LockEvent[] = [];
    await withLock(lockPath, async () => undefined, { onEvent: (e) => void events.push(e) });
    expect(events).toEqual(['abandoned', 'broke', 'acquired']);
  });

  describe('with a live holder in another process', () => {
    let holder: ChildProcess;
    beforeEach(async () => {
      holder = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      await new Promise((resolve) => holder.once('spawn', resolve));
    });
    afterEach(() => {
      holder.kill();
    });

    it('keeps the lock of a holder that takes long (hours old), and times out with the holder named', async () => {
      const content = JSON.stringify({ pid: holder.pid, token: 'cd'.repeat(12) });
      await writeFile(lockPath, content);
      const hoursAgo = new Date(Date.now() - 3 * 3600_000);
      await utimes(lockPath, hoursAgo, hoursAgo);
      await expect(withLock(lockPath, async () => 'entered', { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'LOCK_TIMEOUT',
        message: expect.stringContaining(`process ${holder.pid}`),
      });
      expect(await readFile(lockPath, 'utf8')).toBe(content);
    });
  });

  it('treats a lock naming this process’s pid with a token it does not hold as abandoned (pid reuse)', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, token: 'ef'.repeat(12) }));
    const events: LockEvent[] = [];
    await withLock(lockPath, async () => undefined, { onEvent: (e) => void events.push(e) });
    expect(events).toEqual(['abandoned', 'broke', 'acquired']);
  });

  it('removes only its own lock on release', async () => {
    const other = JSON.stringify({ pid: process.pid, token: '12'.repeat(12) });
    await withLock(lockPath, async () => {
      await writeFile(lockPath, other); // someone replaced the lock while we held it
    });
    expect(await readFile(lockPath, 'utf8')).toBe(other);
  });

  it('serializes many concurrent holders in one process, and frees the lock afterwards', async () => {
    await writeFile(lockPath, deadLock());
    let active = 0;
    let maxActive = 0;
    let count = 0;
    await Promise.all(
      Array.from({ length: 40 }, () =>
        withLock(lockPath, async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          const seen = count;
          await new Promise((resolve) => setImmediate(resolve));
          count = seen + 1;
          active -= 1;
        }),
      ),
    );
    expect({ count, maxActive }).toEqual({ count: 40, maxActive: 1 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('sweeps the temp files of dead acquirers and stale break markers once it holds the lock', async () => {
    const deadTemp = `doc.json.lock.${DEAD_PID}.${'aa'.repeat(12)}.tmp`;
    const liveTemp = `doc.json.lock.${process.pid}.${'bb'.repeat(12)}.tmp`;
    const marker = `doc.json.lock.break.${'cc'.repeat(12)}`;
    for (const name of [deadTemp, liveTemp, marker]) await writeFile(join(dir, name), 'x');
    await withLock(lockPath, async () => undefined);
    expect(await readdir(dir)).toEqual([liveTemp]);
  });
});
