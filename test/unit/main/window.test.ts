import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES, createMainWindow, mainWindowOptions } from '../../../main/window';

describe('main window', () => {
  it('has the isolation settings of ARCHITECTURE §3', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('builds the window with exactly those preferences plus the preload, and loads the URL', () => {
    const built: BrowserWindowConstructorOptions[] = [];
    const loaded: string[] = [];
    class FakeWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        built.push(options);
      }
      once() {
        return this;
      }
      loadURL(url: string) {
        loaded.push(url);
        return Promise.resolve();
      }
    }
    createMainWindow(
      FakeWindow as never,
      { preload: '/app/out/preload/index.cjs', devTools: false },
      'app://anchorage/index.html',
    );
    expect(built).toHaveLength(1);
    expect(built[0]!.webPreferences).toEqual({
      ...SECURE_WEB_PREFERENCES,
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(built[0]!.show).toBe(false);
    expect(loaded).toEqual(['app://anchorage/index.html']);
    expect(mainWindowOptions({ preload: 'p', devTools: false }).webPreferences?.sandbox).toBe(true);
  });

  it('has DevTools only when not packaged (main/index.ts passes devTools: !app.isPackaged)', () => {
    expect(mainWindowOptions({ preload: 'p', devTools: false }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preload: 'p', devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
