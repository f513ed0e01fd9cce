import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the e2e suite's bundles are: `out`, or `ANCHORAGE_E2E_OUT`. */
export function e2eOutDir(): string {
  return resolve(process.env.ANCHORAGE_E2E_OUT ?? 'out');
}

/**
 * Build the bundles the suite serves (out/renderer) and launches (out/main, out/preload), once per run.
 * `ANCHORAGE_E2E_OUT` builds into (and serves from) another directory, so that two runs in one checkout do not
 * overwrite each other's bundles.
 */
export default function globalSetup(): void {
  const out = e2eOutDir();
  if (process.env.ANCHORAGE_E2E_SKIP_BUILD === '1') {
    if (!existsSync(resolve(out, 'renderer/index.html'))) {
      throw new Error(
        `${out}/renderer/index.html is missing (hint: run \`npx electron-vite build\`, or unset ANCHORAGE_E2E_SKIP_BUILD).`,
      );
    }
    return;
  }
  const result = spawnSync(
    process.execPath,
    [
      resolve('node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--logLevel',
      'error',
      '--outDir',
      out,
    ],
    {
      stdio: 'inherit',
      env: process.env,
    },
  );
  if (result.status !== 0)
    throw new Error('electron-vite build failed; the e2e suite needs the built renderer.');
}
