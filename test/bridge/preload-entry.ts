// The test bridge's preload: what main/preload.ts is in Electron, for a plain Chromium page (ARCHITECTURE §7).
// It is the app's own `buildApi` (main/preload-api.ts) over a loopback HTTP transport instead of ipcRenderer,
// bundled by test/bridge/server.ts (esbuild, IIFE) and injected with page.addInitScript after
// `globalThis.__ANCHORAGE_BRIDGE__ = {url, token, channels}` (server.ts bridgeClientConfig).
import { buildApi } from '../../main/preload-api';

interface BridgeConfig {
  url: string;
  token: string;
  channels: Array<{ channel: string; wire: string }>;
}

const scope = globalThis as typeof globalThis & { __ANCHORAGE_BRIDGE__?: BridgeConfig; anchorage?: unknown };
const config = scope.__ANCHORAGE_BRIDGE__;
delete scope.__ANCHORAGE_BRIDGE__;
if (config && !scope.anchorage) {
  // buildApi invokes Electron's channel names (`anchorage:<id>`); the bridge serves `/ipc/<id>`.
  const byWire = new Map(config.channels.map(({ channel, wire }) => [wire, channel]));
  const api = buildApi(async (wire, payload) => {
    const channel = byWire.get(wire);
    if (!channel) throw new Error(`unknown channel ${wire}`);
    const response = await fetch(`${config.url}/ipc/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
    });
    // A transport failure rejects, and buildApi turns it into a Result, as ipcRenderer's rejections are.
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as unknown;
  });
  Object.defineProperty(globalThis, 'anchorage', {
    value: api,
    writable: false,
    configurable: false,
    enumerable: true,
  });
}
