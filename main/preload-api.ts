import { CHANNEL_IDS, GESTURE_CHANNELS, ipcChannel, methodName } from '../shared/domain/channels';
import type { AnchorageApi } from '../shared/schemas/contract';

/**
 * `window.anchorage` from a transport (ARCHITECTURE §3): one async function per contract channel and nothing
 * else: no ipcRenderer, no generic `invoke(channel)`, no event subscription. Kept apart from main/preload.ts
 * (which imports electron) so that the test bridge's preload (test/bridge/preload-entry.ts) is built from this
 * same function over a loopback transport, instead of a copy of it.
 *
 * Each function forwards exactly one argument; validation happens in main, which never trusts the renderer.
 * A {@link GESTURE_CHANNELS} call is forwarded only while the page has transient user activation (a click or a
 * key press in the last few seconds, HTML §6.4.3): the preload reads it from the browser, which a script in the
 * page cannot fake.
 * @param hasUserGesture whether the page has transient activation now (default: `navigator.userActivation`)
 */
export function buildApi(
  invoke: (channel: string, payload: unknown) => Promise<unknown>,
  hasUserGesture: () => boolean = () =>
    (globalThis.navigator as { userActivation?: { isActive: boolean } } | undefined)?.userActivation
      ?.isActive === true,
): AnchorageApi {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_IDS) {
    const wire = ipcChannel(channel);
    const gated = GESTURE_CHANNELS.has(channel);
    // A rejection (no handler yet, an uncloneable argument) still becomes a Result: the UI never sees a throw.
    api[methodName(channel)] = async (request?: unknown) => {
      if (gated && !hasUserGesture()) {
        return {
          ok: false,
          error: {
            code: 'USER_GESTURE_REQUIRED',
            message: `${channel} runs only in answer to a click or a key press.`,
            hint: 'Click the link or button again.',
          },
        };
      }
      return invoke(wire, request).catch(() => ({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `The app did not answer ${channel}.`,
          hint: 'Restart Anchorage; if it persists, report it.',
        },
      }));
    };
  }
  return Object.freeze(api) as unknown as AnchorageApi;
}
