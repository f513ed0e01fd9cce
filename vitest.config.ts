import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three projects: core and shared code under Node (core in process through test/support/core-harness.ts),
// the renderer under jsdom, and the thin integration suite (the built CLI as a process, against the emulator).
//
// Files run in parallel, two at a time (this build machine has 2 cores; vitest's default would be one). No
// two files share state: each core test and each CLI harness has its own temp data directory, each CLI harness
// its own keychain service (ANCHORAGE_KEYCHAIN_SERVICE, test/integration/cli-harness.ts), and the tests that
// lock the keyring do it in a keyring of their own (a nested scripts/with-keyring.sh). The emulators listen on
// random ports.
//
// Tests that compare wall time with openssl or bound an event-loop delay (TIMED) run in a project of their own,
// after every other file has finished (sequence.groupOrder) and one file at a time: beside another file they
// share the two cores, and a ratio to openssl then measures the neighbour, not the code.
const TIMED = [
  'test/unit/main/core/pki/hostile-input.test.ts',
  'test/unit/main/core/worker/run-in-worker.test.ts',
];

export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/unit/main/**/*.test.ts',
            'test/unit/shared/**/*.test.ts',
            'test/emulator/**/*.test.ts',
          ],
          exclude: TIMED,
          sequence: { groupOrder: 0 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/renderer-setup.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'timed',
          environment: 'node',
          include: TIMED,
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
