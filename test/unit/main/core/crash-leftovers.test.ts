// Issue 7 §2: what a crash leaves in the data directory (a key stored before the inventory named it, temp files
// of writes that never reached their rename) is removed on the next write, and nothing else is.
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';

/** Above Linux's largest pid_max: no process can have it. */
const DEAD_PID = 2 ** 22 + 1;
let t: TestCore;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.cleanup();
});

it('the next inventory write removes orphaned key records and dead writers’ temp files, and keeps the rest', async () => {
  const ca = await t.core.createCa({
    name: 'ca',
    subject: { commonName: 'CA' },
    keyType: 'ec-p256',
    days: 30,
  });
  const vaultDir = join(t.dataDir, 'vault');
  // A key whose certificate never reached the inventory: the process died between the two writes.
  await copyFile(join(vaultDir, `key.${ca.id}.json`), join(vaultDir, 'key.crt-0123456789ab.json'));
  const dead = [
    join(t.dataDir, `.inventory.json.${DEAD_PID}.0123456789ab.tmp`),
    join(vaultDir, `.key.crt-0123456789ab.json.${DEAD_PID}.0123456789ab.tmp`),
  ];
  const live = join(vaultDir, `.session.dev.json.${process.pid}.0123456789ab.tmp`); // a write in flight
  for (const path of [...dead, live]) await writeFile(path, 'partial');
  const unrelated = join(vaultDir, 'static.demo.json');
  await writeFile(unrelated, '{}');

  const client = await t.core.issueCert({
    ca: 'ca',
    name: 'client',
    subject: { commonName: 'client' },
    keyType: 'ec-p256',
    days: 7,
  });

  expect((await readdir(vaultDir)).sort()).toEqual(
    [
      `.session.dev.json.${process.pid}.0123456789ab.tmp`,
      `key.${ca.id}.json`,
      `key.${client.id}.json`,
      'static.demo.json',
    ].sort(),
  );
  expect((await readdir(t.dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  // Both keys still open: the sweep removed only what no inventory entry names.
  await t.core.exportCertificate({ ref: 'client', format: 'key', password: 'leftover-test' });
  await t.core.issueCert({
    ca: 'ca',
    name: 'second',
    subject: { commonName: 'second' },
    keyType: 'ec-p256',
    days: 7,
  });
});
