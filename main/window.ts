import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The BrowserWindow factory (ARCHITECTURE §3, "Window settings are fixed and the same under test").
 * Only electron types are imported; main/index.ts passes the BrowserWindow class, so the preferences below are
 * unit-tested as the constant the window is really built with.
 */

/** The renderer's isolation: a sandboxed page with no Node and no webview, talking only through the preload. */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  // A file dropped outside the drop zone must not replace the app with that file.
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} satisfies WebPreferences);

export interface WindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** Window icon (Linux; macOS and Windows take it from the bundle). */
  icon?: string;
  /**
   * Whether DevTools can open: `!app.isPackaged`. A packaged build has none (issue 10 §8), so nobody can read
   * the page's state or call `window.anchorage` from a console there; the menu hides the item as well.
   */
  devTools: boolean;
}

/** The constructor options of the main window. */
export function mainWindowOptions(options: WindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 800,
    minWidth: 880,
    minHeight: 600,
    title: 'Anchorage',
    // Shown on ready-to-show, so the user never sees an unstyled flash.
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: options.devTools, preload: options.preload },
  };
}

/**
 * Create the main window and load the renderer.
 * @param Window Electron's BrowserWindow class
 * @param url the renderer URL (`app://anchorage/index.html`, or the dev server in development)
 */
export function createMainWindow(
  Window: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: WindowOptions,
  url: string,
): BrowserWindow {
  const window = new Window(mainWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
