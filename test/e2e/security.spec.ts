import { CONTENT_SECURITY_POLICY } from '../../shared/schemas/contract';
import { CHANNEL_IDS, methodName } from '../../shared/domain/channels';
import { TESTIDS } from '../../renderer/testids';
import { expect, test } from './fixtures';

/**
 * The page as the app sees it (ARCHITECTURE §3): `window.anchorage` has one function per contract channel and
 * nothing else, there is no Node in the page, and the CSP blocks inline script.
 */
test('the renderer sees only the contract API, no Node, and a CSP that blocks inline script', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByTestId(TESTIDS.appShell)).toBeVisible();

  const api = await page.evaluate(() => {
    const value = (window as unknown as { anchorage: Record<string, unknown> }).anchorage;
    return {
      keys: Object.keys(value).sort(),
      allFunctions: Object.values(value).every((f) => typeof f === 'function'),
      frozen: Object.isFrozen(value),
    };
  });
  expect(api.keys).toEqual(CHANNEL_IDS.map((c) => methodName(c)).sort());
  expect(api.allFunctions).toBe(true);
  expect(api.frozen).toBe(true);

  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });

  // An inline script is refused by script-src 'self'.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(script);
    return Boolean((window as unknown as { __inlineRan?: boolean }).__inlineRan);
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);

  // The CSP the page runs under is the contract's (header in the bridge and in Electron, meta in index.html).
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY);
  if (app.kind === 'chromium') {
    const response = await page.request.get(page.url());
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  }
});

test('a malformed payload comes back as INVALID_INPUT, never as a throw', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId(TESTIDS.appShell)).toBeVisible();
  const result = await page.evaluate(async () => {
    const api = (window as unknown as { anchorage: Record<string, (req?: unknown) => Promise<unknown>> })
      .anchorage;
    return [
      await api.caCreate!({ name: 42 }),
      await api.certGet!('not an object'),
      await api.settingsUpdate!({ clipboardClearSeconds: 1 }),
    ];
  });
  for (const r of result as Array<{ ok: boolean; error: { code: string } }>) {
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INVALID_INPUT');
  }
});
