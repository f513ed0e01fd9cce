import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import type { PlaywrightTestOptions, PlaywrightWorkerOptions, Project } from '@playwright/test';
import type { AppOptions } from './test/e2e/fixtures';

/**
 * The e2e suite (ARCHITECTURE §7; issue 4 §3). Two projects run the same specs:
 *
 * - `chromium`: the built renderer in Debian's Chromium, with `window.anchorage` from the test bridge
 *   (test/bridge) over loopback to the real core in a temp data directory. Always part of the run; a missing
 *   Chromium fails the run with the command that installs it.
 * - `e2e:electron`: the packaged-layout app through Playwright's `_electron.launch`. It is part of the run ONLY
 *   where Electron's binary is installed (node_modules/electron/path.txt and dist/; `npm start` fetches it).
 *   This build machine cannot download it, so here the project is absent from the run; the line printed below
 *   says so. No individual test skips itself.
 *
 * The renderer is built by the global setup (electron-vite build) unless ANCHORAGE_E2E_SKIP_BUILD=1.
 */

const CHROMIUM = process.env.ANCHORAGE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `Chromium is missing at ${CHROMIUM}; the e2e suite needs Debian's chromium: apt-get install -y chromium`,
  );
}

/** Electron's binary, when installed (the same test electron's own index.js makes). */
function electronBinary(): string | undefined {
  const dir = join(import.meta.dirname, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const electron = electronBinary();
// Printed once, by the runner (workers load this file too).
if (!process.env.TEST_WORKER_INDEX) {
  console.log(
    electron
      ? `e2e: projects chromium and e2e:electron (Electron at ${electron})`
      : "e2e: project chromium only; e2e:electron is not part of this run because Electron's binary is not installed (run `node scripts/ensure-electron.mjs`)",
  );
}

// Flags for a headless, offline, deterministic Chromium in a container.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const projects: Project<PlaywrightTestOptions, PlaywrightWorkerOptions & AppOptions>[] = [
  {
    name: 'chromium',
    use: {
      appKind: 'chromium',
      browserName: 'chromium',
      launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    },
  },
];
if (electron) {
  projects.push({
    name: 'e2e:electron',
    use: { appKind: 'electron', electronBinary: electron },
    // The bridge traffic (what the renderer received) exists only with the bridge; in Electron the same
    // guarantee comes from the registry that both share (test/unit/main/ipc.test.ts).
    testIgnore: /bridge-traffic\.spec\.ts$/,
  });
}

export default defineConfig<PlaywrightTestOptions, PlaywrightWorkerOptions & AppOptions>({
  testDir: 'test/e2e',
  outputDir: 'test-results/artifacts',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // json: npm test's closing `N passed, N failed` line counts from it (scripts/test.mjs).
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    ['json', { outputFile: 'test-results/reports/playwright.json' }],
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
    actionTimeout: 20_000,
  },
  projects,
});
