import { describe, expect, it, vi } from 'vitest';
import {
  API_GLOBAL,
  CHANNEL_IDS,
  GESTURE_CHANNELS,
  ipcChannel,
  methodName,
} from '../../../shared/domain/channels';
import { buildApi } from '../../../main/preload-api';

// Electron's binary cannot run here (ARCHITECTURE §8); the preload only touches these two objects, so they are
// replaced by recorders and the real preload module is loaded against them.
const exposed: Record<string, unknown> = {};
// A plain recorder rather than vi.fn: vitest reports a rejected promise returned by a vi.fn as a failure even
// when the caller handles it.
const calls: unknown[][] = [];
let answer: (channel: string) => Promise<unknown> = async () => ({ ok: true, value: null });
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (channel: string, ...rest: unknown[]) => {
      calls.push([channel, ...rest]);
      return answer(channel);
    },
  },
}));

async function loadApi(): Promise<Record<string, (request?: unknown) => Promise<unknown>>> {
  await import('../../../main/preload');
  return exposed[API_GLOBAL] as Record<string, (request?: unknown) => Promise<unknown>>;
}

describe('preload', () => {
  it('exposes exactly one function per contract channel under window.anchorage, and nothing else', async () => {
    const api = await loadApi();
    expect(Object.keys(exposed)).toEqual([API_GLOBAL]);
    expect(Object.keys(api).sort()).toEqual(CHANNEL_IDS.map((c) => methodName(c)).sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('each function invokes its own channel with the one argument it was given', async () => {
    const api = await loadApi();
    calls.length = 0;
    answer = async () => ({ ok: true, value: null });
    // What a click gives the page: transient activation (jsdom-free node has no navigator.userActivation).
    vi.stubGlobal('navigator', { userActivation: { isActive: true } });
    for (const channel of CHANNEL_IDS) {
      const request = { probe: channel };
      await expect(api[methodName(channel)]!(request)).resolves.toEqual({ ok: true, value: null });
      expect(calls.at(-1)).toEqual([ipcChannel(channel), request]);
    }
    expect(calls).toHaveLength(CHANNEL_IDS.length);
    vi.unstubAllGlobals();
  });

  it('forwards a gesture channel (opening a link) only during a user gesture', async () => {
    const sent: string[] = [];
    let active = false;
    const api = buildApi(
      async (wire) => {
        sent.push(wire);
        return { ok: true, value: null };
      },
      () => active,
    ) as unknown as Record<string, (request?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>;
    expect([...GESTURE_CHANNELS]).toEqual(['app.openExternal']);
    const open = api[methodName('app.openExternal')]!;
    const refused = await open({ url: 'https://console.aws.amazon.com/' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'USER_GESTURE_REQUIRED' } });
    expect(sent).toEqual([]);
    // Every other channel needs no gesture.
    await api.certList!();
    expect(sent).toEqual([ipcChannel('cert.list')]);
    active = true;
    await expect(open({ url: 'https://console.aws.amazon.com/' })).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(sent).toEqual([ipcChannel('cert.list'), ipcChannel('app.openExternal')]);
  });

  it('turns a rejected invoke into a Result instead of throwing', async () => {
    const api = await loadApi();
    answer = (channel) => Promise.reject(new Error(`No handler registered for '${channel}'`));
    const result = (await api.certList!()) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INTERNAL');
  });
});
