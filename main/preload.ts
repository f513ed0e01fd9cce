import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, CHANNEL_IDS, ipcChannel, methodName } from '../shared/contract';
import type { AnchorageApi } from '../shared/contract';

/**
 * The preload (ARCHITECTURE §3): exposes `window.anchorage` with one async function per contract channel and
 * nothing else: no ipcRenderer, no generic `invoke(channel)`, no event subscription. Built as CommonJS because
 * sandboxed preloads cannot be ES modules.
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

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  buildApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
