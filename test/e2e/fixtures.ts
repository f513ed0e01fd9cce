import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, _electron } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { createCore } from '../../main/core/services';
import type { CoreApi } from '../../main/core/api';
import { createSecretStore } from '../../main/core/vault/select-store';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { launchBridge } from '../bridge/launch';
import { e2eOutDir } from './global-setup';
import type { TrafficEntry } from '../bridge/server';

/**
 * The app under test, the same API in both projects (playwright.config.ts):
 * - chromium: the built renderer served by the test bridge, real core in a temp data dir;
 * - electron: the built app through `_electron.launch`, ANCHORAGE_HOME a temp dir, passphrase vault, and the
 *   native save dialog answered with a path in `saveDir` (the dialog cannot be clicked by a test).
 */
export interface AppOptions {
  appKind: 'chromium' | 'electron';
  electronBinary: string | undefined;
}

/**
 * Per-test options: `controlPlane` points the core's Roles Anywhere and IAM clients at the emulator (the SDKs'
 * AWS_ENDPOINT_URL_ROLESANYWHERE / AWS_ENDPOINT_URL_IAM) and gives it empty AWS config files of its own, so that
 * "Register for me" (issue 12) runs against the emulator and never reads this machine's ~/.aws.
 */
export interface TestOptions {
  controlPlane: boolean;
}

/** The core's extra environment for `controlPlane`: the emulator's endpoints, AWS config files under `dir`. */
function controlPlaneEnv(emulator: Emulator, dir: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL_ROLESANYWHERE: emulator.url,
    AWS_ENDPOINT_URL_IAM: emulator.url,
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
  };
}

export interface AppHandle {
  kind: AppOptions['appKind'];
  page: Page;
  /** Where the save dialog puts files. */
  saveDir: string;
  /** What the clipboard holds now. */
  clipboard(): Promise<string>;
  /** Every IPC response the renderer received (chromium/bridge only; null in Electron). */
  traffic(): TrafficEntry[] | null;
  /**
   * A second core over the app's data directory and vault, for a spec to set up state the screen under test
   * starts from (a CA, a profile) without clicking through the wizard first. It is a real, separate core, as a
   * CLI process beside the app would be; reload the page afterwards so that the app reads what it wrote.
   */
  seed(): Promise<CoreApi>;
  /**
   * Every URL handed to the system browser, in order: the bridge's `/__test/opened`, or in Electron what the
   * stubbed `shell.openExternal` recorded.
   */
  opened(): Promise<string[]>;
  /**
   * Every desktop notification raised, in order: the bridge's `/__test/notifications`, or in Electron what the
   * stubbed `Notification.prototype.show` recorded (from the launch on).
   */
  notifications(): Promise<Array<{ title: string; body: string }>>;
}

/** A `/__test/<what>` read of the bridge (bearer token), as the spec would read it over HTTP. */
async function bridgeTestGet<T>(bridge: { url: string; token: string }, what: string): Promise<T> {
  const response = await fetch(`${bridge.url}/__test/${what}`, {
    headers: { authorization: `Bearer ${bridge.token}` },
  });
  if (!response.ok) throw new Error(`GET /__test/${what}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** A core over `dataDir` with the vault `env` names (the same vault the app opened), and any extra `env`. */
function coreOver(dataDir: string, env: NodeJS.ProcessEnv): Promise<CoreApi> {
  return createCore({
    dataDir,
    secretStore: createSecretStore(dataDir, env),
    env: { ...process.env, ...env },
  });
}

const SCREENSHOTS = resolve('test-results/screenshots');

export const test = base.extend<
  TestOptions & { app: AppHandle; emulator: Emulator },
  AppOptions & { chromiumBrowser: Browser | undefined }
>({
  controlPlane: [false, { option: true }],
  appKind: ['chromium', { option: true, scope: 'worker' }],
  electronBinary: [undefined, { option: true, scope: 'worker' }],

  // Our own browser, launched only in the chromium project, so the Electron project never needs one.
  chromiumBrowser: [
    async ({ appKind, playwright, launchOptions }, use) => {
      if (appKind !== 'chromium') return use(undefined);
      const browser = await playwright.chromium.launch(launchOptions);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring; there are none
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ region: 'us-east-1', trustAnchors: [], profiles: [] });
    await use(emulator);
    await emulator.close();
  },

  app: async (
    { appKind, electronBinary, chromiumBrowser, viewport, colorScheme, emulator, controlPlane },
    use,
  ) => {
    const awsDir = mkdtempSync(join(tmpdir(), 'anchorage-e2e-aws-'));
    const extraEnv = controlPlane ? controlPlaneEnv(emulator, awsDir) : {};
    // whoami goes to STS; the emulator serves it too. AWS_ENDPOINT_URL_STS is the AWS SDKs' own override, which
    // core honours. A worker runs one test at a time, so the in-process bridge can take it from process.env.
    if (appKind === 'chromium') {
      process.env.AWS_ENDPOINT_URL_STS = emulator.url;
      const bridge = await launchBridge({
        rendererDir: join(e2eOutDir(), 'renderer'),
        ...(controlPlane ? { env: extraEnv } : {}),
      });
      const context = await chromiumBrowser!.newContext({ viewport, colorScheme });
      await context.addInitScript({ content: await bridge.initScript() });
      const page = await context.newPage();
      await page.goto(bridge.url);
      await use({
        kind: 'chromium',
        page,
        saveDir: bridge.saveDir,
        clipboard: async () => bridge.platform.readClipboard(),
        traffic: () => bridge.traffic,
        seed: () => coreOver(bridge.dataDir, { ...bridge.vaultEnv, ...extraEnv }),
        opened: () => bridgeTestGet<string[]>(bridge, 'opened'),
        notifications: () => bridgeTestGet<Array<{ title: string; body: string }>>(bridge, 'notifications'),
      });
      await context.close();
      await bridge.dispose();
      rmSync(awsDir, { recursive: true, force: true });
      delete process.env.AWS_ENDPOINT_URL_STS;
      return;
    }

    const dataDir = mkdtempSync(join(tmpdir(), 'anchorage-e2e-home-'));
    const saveDir = mkdtempSync(join(tmpdir(), 'anchorage-e2e-saved-'));
    const vaultEnv = {
      ANCHORAGE_VAULT: 'file',
      ANCHORAGE_VAULT_PASSPHRASE: randomBytes(18).toString('base64url'),
    };
    const electronApp = await _electron.launch({
      executablePath: electronBinary!,
      args: [resolve('.')],
      env: {
        ...process.env,
        ANCHORAGE_HOME: dataDir,
        ...vaultEnv,
        AWS_ENDPOINT_URL_STS: emulator.url,
        ...extraEnv,
      },
    });
    // The native save dialog answers with `saveDir/<suggested name>`.
    await electronApp.evaluate(({ dialog }, dir) => {
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        const options = args[args.length - 1] as { defaultPath?: string };
        const name = String(options.defaultPath ?? 'file')
          .split(/[\\/]/)
          .pop();
        return { canceled: false, filePath: `${dir}/${name}` };
      }) as typeof dialog.showSaveDialog;
    }, saveDir);
    // The system browser and desktop notifications are recorded instead (a test cannot see either).
    await electronApp.evaluate(({ shell, Notification }) => {
      const record = globalThis as unknown as {
        __anchorageOpened: string[];
        __anchorageNotices: Array<{ title: string; body: string }>;
      };
      record.__anchorageOpened = [];
      record.__anchorageNotices = [];
      shell.openExternal = (async (url: string) => {
        record.__anchorageOpened.push(url);
      }) as typeof shell.openExternal;
      Notification.prototype.show = function (this: { title: string; body: string }) {
        record.__anchorageNotices.push({ title: this.title, body: this.body });
      };
    });
    const page = await electronApp.firstWindow();
    await page.setViewportSize(viewport ?? { width: 1280, height: 860 });
    await use({
      kind: 'electron',
      page,
      saveDir,
      clipboard: () => electronApp.evaluate(({ clipboard }) => clipboard.readText()),
      traffic: () => null,
      seed: () => coreOver(dataDir, { ...vaultEnv, ...extraEnv }),
      opened: () =>
        electronApp.evaluate(() => [
          ...(globalThis as unknown as { __anchorageOpened: string[] }).__anchorageOpened,
        ]),
      notifications: () =>
        electronApp.evaluate(() => [
          ...(globalThis as unknown as { __anchorageNotices: Array<{ title: string; body: string }> })
            .__anchorageNotices,
        ]),
    });
    await electronApp.close();
    rmSync(awsDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(saveDir, { recursive: true, force: true });
  },
});

export { expect };

/**
 * Save a full-page screenshot as test-results/screenshots/NN-name.png (…/electron/NN-name.png for the Electron
 * project), the artifacts the closing note lists.
 */
export async function screenshot(app: AppHandle, name: string): Promise<void> {
  const dir = app.kind === 'electron' ? join(SCREENSHOTS, 'electron') : SCREENSHOTS;
  mkdirSync(dir, { recursive: true });
  await app.page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
}
