import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/schemas/contract';
import {
  applySessionSecurity,
  createUrlPolicy,
  guardWebContents,
  isAllowedExternalUrl,
  isTrustedSender,
  withCsp,
} from '../../../main/security';

const rendererFile = 'app://anchorage/index.html';
const isAppUrl = createUrlPolicy(rendererFile);

/** An IPC event shaped like Electron's, for the parts the check reads. */
function event(options: { url?: string; iframe?: boolean; webContentsId?: number; noFrame?: boolean } = {}) {
  const mainFrame = { url: options.url ?? `${rendererFile}#/wizard`, parent: null };
  const child = { url: mainFrame.url, parent: mainFrame };
  return {
    sender: { id: options.webContentsId ?? 1, mainFrame },
    senderFrame: options.noFrame ? null : options.iframe ? child : mainFrame,
  } as unknown as Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;
}

describe('URL policy', () => {
  it('accepts only the app:// entry page (any hash or query), or the dev server origin in development', () => {
    expect(isAppUrl(rendererFile)).toBe(true);
    expect(isAppUrl(`${rendererFile}#/certificates`)).toBe(true);
    expect(isAppUrl(`${rendererFile}?x=1#/wizard`)).toBe(true);
    expect(isAppUrl('app://anchorage/other.html')).toBe(false);
    expect(isAppUrl('app://anchorage/assets/index.js')).toBe(false);
    expect(isAppUrl('app://anchorage/')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@anchorage/index.html')).toBe(false);
    expect(isAppUrl('apps://anchorage/index.html')).toBe(false);
    expect(isAppUrl('https://anchorage/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    const dev = createUrlPolicy(rendererFile, 'http://localhost:5173/');
    expect(dev('http://localhost:5173/#/x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev(rendererFile)).toBe(true);
    expect(dev('app://evil/index.html')).toBe(false);
  });

  it('refuses every file:// page, even the built renderer on disk (checklist #18)', () => {
    const file = 'file:///opt/Anchorage/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(file)).toBe(false);
    expect(createUrlPolicy(file)(file)).toBe(false);
  });
});

describe('trusted-sender check', () => {
  const known = new Set([1]);
  it('accepts the top frame of a known window showing our renderer', () => {
    expect(isTrustedSender(event(), isAppUrl, known)).toBe(true);
  });
  it('rejects an iframe, an unknown window, a foreign page, and a vanished frame', () => {
    expect(isTrustedSender(event({ iframe: true }), isAppUrl, known)).toBe(false);
    expect(isTrustedSender(event({ webContentsId: 2 }), isAppUrl, known)).toBe(false);
    expect(isTrustedSender(event({ url: 'https://evil.example/' }), isAppUrl, known)).toBe(false);
    expect(isTrustedSender(event({ noFrame: true }), isAppUrl, known)).toBe(false);
  });
});

describe('web contents guards', () => {
  it('denies every new window without opening anything, and prevents navigation and webviews', () => {
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const listeners: Record<string, (event: { preventDefault(): void }) => void> = {};
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
      on: (name: string, listener: (event: { preventDefault(): void }) => void) =>
        (listeners[name] = listener),
    } as unknown as WebContents;
    // The guard has no way to open anything: links go through app.openExternal (gesture + allow-list).
    expect(guardWebContents.length).toBe(1);
    guardWebContents(contents);

    for (const url of [
      'https://console.aws.amazon.com/rolesanywhere/home',
      'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/',
      'https://github.com/',
      'https://evil.example/',
      'http://docs.aws.amazon.com/',
      'app://anchorage/index.html',
      'file:///etc/passwd',
    ]) {
      expect(openHandler!({ url }), url).toEqual({ action: 'deny' });
    }

    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners[name]!({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
  });

  it('external links: https and known hosts only', () => {
    expect(isAllowedExternalUrl('https://us-east-1.console.aws.amazon.com/iam/home')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com/rolesanywhere/')).toBe(true);
    expect(isAllowedExternalUrl('https://console.aws.amazon.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('http://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/?u=https://docs.aws.amazon.com/')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('session security', () => {
  it('denies every permission request and check, and sets the CSP on every response', () => {
    const recorded: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (recorded.request = h),
      setPermissionCheckHandler: (h: never) => (recorded.check = h),
      setDevicePermissionHandler: (h: never) => (recorded.device = h),
      webRequest: { onHeadersReceived: (h: never) => (recorded.headers = h) },
    } as unknown as Session;
    applySessionSecurity(session);

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      (recorded.request as unknown as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(
        {},
        permission,
        (ok) => (granted = ok),
      );
      expect(granted, permission).toBe(false);
    }
    expect((recorded.check as unknown as () => boolean)()).toBe(false);
    expect((recorded.device as unknown as () => boolean)()).toBe(false);

    let headers: Record<string, string[]> | undefined;
    (
      recorded.headers as unknown as (
        d: unknown,
        cb: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void
    )(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('withCsp adds the policy when there were no headers', () => {
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('renderer/index.html carries the same policy in its meta tag', () => {
    const html = readFileSync(resolve('renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('the policy names base-uri and form-action, which default-src does not cover (issue 10 §8)', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
  });
});
