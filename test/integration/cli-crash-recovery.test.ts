// Issue 7 §2, across real processes (what only processes show: pids, liveness, one lock file between them):
// a lock left by a crashed process is taken over by exactly one of many writers, and none of them loses an update.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { CertificateSummary } from '../../shared/schemas/models';
import { homePool } from './cli-harness';
import { snapshot } from '../support/fs';

const homes = homePool();
afterAll(() => homes.cleanup());

/** Above Linux's largest pid_max (2^22): no process can have it. */
const DEAD_PID = 2 ** 22 + 1;

it('16 concurrent `cert issue` with a dead process’s lock on the inventory: all 16 are listed, each with its key', async () => {
  const h = homes.fresh();
  await h.ok(['ca', 'create', '--name', 'crash-ca', '--key-type', 'ec-p256']);
  writeFileSync(
    join(h.home, 'inventory.json.lock'),
    JSON.stringify({ pid: DEAD_PID, token: 'ab'.repeat(12) }),
    {
      mode: 0o600,
    },
  );
  const names = Array.from({ length: 16 }, (_, i) => `after-crash-${i}`);
  const results = await Promise.all(
    names.map((n) =>
      h.run(['cert', 'issue', '--ca', 'crash-ca', '--cn', n, '--key-type', 'ec-p256', '--json']),
    ),
  );
  for (const r of results) expect(r.code, r.stderr).toBe(0);

  const listed = await h.ok<CertificateSummary[]>(['list', '--json']);
  expect(
    listed
      .filter((c) => c.kind === 'client')
      .map((c) => c.name)
      .sort(),
  ).toEqual([...names].sort());
  const files = snapshot(h.home).filter((e) => e.type === 'file');
  expect(files.filter((e) => /^vault\/key\./.test(e.path))).toHaveLength(17);
  // No lock, break marker or temp file is left behind.
  expect(files.filter((e) => /\.lock|\.tmp$/.test(e.path))).toEqual([]);
});
