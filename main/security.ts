import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/schemas/contract';

/**
 * The window's guards (ARCHITECTURE §3; Electron security checklist): which URLs are ours, who may call IPC,
 * and what a page may do (navigate, open windows, ask for permissions: nothing). Only electron *types* are
 * imported, so every rule here is unit-tested without the Electron binary.
 */

/** Decides whether a URL is the app's own renderer. */
export type UrlPolicy = (url: string) => boolean;

/**
 * Our renderer lives at exactly one place: the entry page of the `app://` protocol (main/app-protocol.ts), with
 * any fragment (the pages are `#/certificates`…) or query, or during `electron-vite dev` the dev server's origin.
 * Anything else (`file://`, another `app://` host or path, another origin, `about:blank`) is foreign.
 * @param rendererUrl `app://anchorage/index.html`
 * @param devServerUrl `ELECTRON_RENDERER_URL` in development only
 */
export function createUrlPolicy(rendererUrl: string, devServerUrl?: string): UrlPolicy {
  const renderer = new URL(rendererUrl);
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    // file:// never: it is what the app:// protocol replaces (checklist #18), and any page on disk would match.
    if (parsed.protocol === 'file:') return false;
    if (parsed.protocol === renderer.protocol && parsed.host === renderer.host)
      return parsed.pathname === renderer.pathname && parsed.username === '' && parsed.password === '';
    return devOrigin !== undefined && parsed.origin === devOrigin;
  };
}

/**
 * The trusted-sender check of every IPC call (checklist #17): the call comes from the top frame (not an
 * iframe), of a window we created, showing our renderer.
 * @param knownWebContents ids of the webContents of our windows
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  isAppUrl: UrlPolicy,
  knownWebContents: ReadonlySet<number>,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed before the call arrived
  if (!knownWebContents.has(event.sender.id)) return false;
  // Top frame only: a subframe (even of our own page) never speaks for the app. `parent` rather than identity
  // with `sender.mainFrame`, because WebFrameMain wrappers are not guaranteed to be the same object.
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Hosts whose links (AWS console, docs, GitHub) `app.openExternal` opens in the user's browser. */
const EXTERNAL_HOSTS = [
  /^([a-z0-9-]+\.)*console\.aws\.amazon\.com$/,
  /^docs\.aws\.amazon\.com$/,
  /^github\.com$/,
];

/** True for an https link main may hand to the system browser; anything else is refused. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.some((host) => host.test(parsed.hostname));
  } catch {
    return false;
  }
}

/**
 * Every new webContents: no new windows at all, no navigation away from the app, no `<webview>`. A link never
 * opens anything by itself, not even an allow-listed one: the renderer calls `api.appOpenExternal` from its
 * click handler, which the preload forwards only during a user gesture and main checks against
 * {@link isAllowedExternalUrl} (`app.openExternal` in main/ipc.ts). Call from `app.on('web-contents-created')`.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A single-page app never navigates; a dropped file or a link that would replace it is refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The response headers with our CSP, replacing any the server sent (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === 'content-security-policy') continue;
    out[key] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/**
 * Session-wide rules: every permission request and check is denied (the app needs no camera, notifications,
 * clipboard-read or geolocation: main writes the clipboard), and every response carries the CSP.
 */
export function applySessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
