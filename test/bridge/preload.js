// The test bridge's preload: what main/preload.ts is in Electron, for a plain Chromium page (ARCHITECTURE §7).
// Injected with page.addInitScript after `globalThis.__ANCHORAGE_BRIDGE__ = {url, token, channels}`, where
// `channels` is the contract's channel list with derived method names (test/bridge/server.ts
// bridgeClientConfig). Defines `window.anchorage` with one async function per channel, and nothing else.
(() => {
  const config = globalThis.__ANCHORAGE_BRIDGE__;
  delete globalThis.__ANCHORAGE_BRIDGE__;
  if (!config || globalThis.anchorage) return;
  const api = {};
  for (const { channel, method } of config.channels) {
    api[method] = async (request) => {
      try {
        const response = await fetch(`${config.url}/ipc/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ payload: request }),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return await response.json();
      } catch (error) {
        // Like the Electron preload: a transport failure is still a Result, never a rejection.
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `The app did not answer ${channel} (${error.message}).`,
            hint: 'Restart Anchorage.',
          },
        };
      }
    };
  }
  Object.defineProperty(globalThis, 'anchorage', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
    enumerable: true,
  });
})();
