/**
 * The names of the IPC contract (ARCHITECTURE §3, "One contract"), without zod: the preload and the renderer
 * need the channel ids and the method names, not the schemas. shared/contract.ts gives each id its request and
 * response schema, and a compile-time check there keeps its table and {@link CHANNEL_IDS} the same set.
 */

/** Every channel, `<group>.<action>`. */
export const CHANNEL_IDS = [
  'vault.status',
  'settings.get',
  'settings.update',
  'wizard.get',
  'wizard.set',
  'ca.create',
  'ca.crl',
  'cert.issue',
  'cert.import',
  'cert.list',
  'cert.get',
  'cert.pem',
  'cert.inspect',
  'cert.inspectFile',
  'cert.revoke',
  'cert.rename',
  'cert.renew',
  'ca.renew',
  'cert.delete',
  'cert.export',
  'file.saveText',
  'profile.add',
  'profile.set',
  'profile.list',
  'profile.get',
  'profile.remove',
  'static.add',
  'static.list',
  'static.remove',
  'session.get',
  'session.copy',
  'session.whoami',
  'aws.configure',
  'aws.sources',
  'aws.discover',
  'aws.setup',
  'aws.progress',
  'aws.pushCrl',
  'aws.updateAnchor',
  'serve.list',
  'serve.start',
  'serve.stop',
  'sign.preview',
  'sign.copy',
  'clipboard.clear',
  'app.openExternal',
] as const;

export type ChannelId = (typeof CHANNEL_IDS)[number];

/**
 * Channels the preload forwards only during a user gesture (transient activation, HTML §6.4.3), so that a script
 * that got into the page cannot call them on its own: opening a URL in the system browser (issue 10 §8).
 */
export const GESTURE_CHANNELS: ReadonlySet<ChannelId> = new Set<ChannelId>(['app.openExternal']);

/** The name under which preload exposes the API on `window`. */
export const API_GLOBAL = 'anchorage';

/** Prefix of every Electron IPC channel. */
const CHANNEL_PREFIX = 'anchorage:';

/** `ca.create` → `caCreate`. */
export type MethodName<C extends string> = C extends `${infer G}.${infer A}` ? `${G}${Capitalize<A>}` : never;

/** The renderer API method name of a channel: `ca.create` → `caCreate`. */
export function methodName<C extends ChannelId>(channel: C): MethodName<C> {
  const [group, action] = channel.split('.') as [string, string];
  return `${group}${action.charAt(0).toUpperCase()}${action.slice(1)}` as MethodName<C>;
}

/** The Electron IPC channel string: `ca.create` → `anchorage:ca.create`. */
export function ipcChannel<C extends ChannelId>(channel: C): `anchorage:${C}` {
  return `${CHANNEL_PREFIX}${channel}` as `anchorage:${C}`;
}

/** The fields of a SigV4 preview that `sign.copy` can put on the clipboard. */
export const SIGN_COPY_FIELDS = [
  'canonicalRequest',
  'stringToSign',
  'signature',
  'headers',
  'url',
  'curl',
  'curlHeaders',
] as const;
