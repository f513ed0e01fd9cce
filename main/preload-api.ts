import { CHANNEL_IDS, ipcChannel, methodName } from '../shared/domain/channels';
import type { AnchorageApi } from '../shared/schemas/contract';

/**
 * `window.anchorage` from a transport (ARCHITECTURE §3): one async function per contract channel and nothing
 * else: no ipcRenderer, no generic `invoke(channel)`, no event subscription. Kept apart from main/preload.ts
 * (which imports electron) so that the test bridge's preload (test/bridge/preload-entry.ts) is built from this
 * same function over a loopback transport, instead of a copy of it.
 *
 * Each function forwards exactly one argument; validation happens in main, which never trusts the renderer.
 */
export function buildApi(invoke: (channel: string, payload: unknown) => Promise<unknown>): AnchorageApi {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_IDS) {
    const wire = ipcChannel(channel);
    // A rejection (no handler yet, an uncloneable argument) still becomes a Result: the UI never sees a throw.
    api[methodName(channel)] = (request?: unknown) =>
      invoke(wire, request).catch(() => ({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `The app did not answer ${channel}.`,
          hint: 'Restart Anchorage; if it persists, report it.',
        },
      }));
  }
  return Object.freeze(api) as unknown as AnchorageApi;
}
