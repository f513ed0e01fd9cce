import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { TESTIDS } from '../../renderer/testids';
import { launchBridge } from './launch';

/**
 * The two renderer figures of `npm run bench` (issue 4, Acceptance), measured on the built renderer:
 * - initialJsGzipBytes: the JavaScript index.html loads before any lazy page (its module script and modulepreload
 *   links), gzipped;
 * - wizardInteractiveMs: from navigation start to the wizard's "Create CA" button being enabled, in headless
 *   Chromium over the test bridge with a fresh data directory; median of 5 runs.
 *
 * Run: `npx tsx test/bridge/measure.ts` (after `npx electron-vite build`); prints one JSON line.
 */

const CHROMIUM = process.env.ANCHORAGE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The entry JavaScript of out/renderer/index.html, gzipped (level 9, as a server would send it). */
export function initialJsGzipBytes(rendererDir = resolve('out/renderer')): {
  bytes: number;
  files: string[];
} {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const unique = [...new Set(files)];
  const bytes = unique.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file)), { level: 9 }).length,
    0,
  );
  return { bytes, files: unique };
}

/** Total gzipped size of every chunk, for context. */
export function allJsGzipBytes(rendererDir = resolve('out/renderer')): number {
  const dir = join(rendererDir, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
}

// Records performance.now() (ms since navigation start) when the wizard's first action becomes usable.
const READY_PROBE = `(() => {
  const check = () => {
    const button = document.querySelector('[data-testid="${TESTIDS.caCreate}"]');
    if (button && !button.disabled && !window.__wizardReady) window.__wizardReady = performance.now();
    return Boolean(window.__wizardReady);
  };
  new MutationObserver((_, observer) => { if (check()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/** Median time to an interactive wizard over `runs` fresh page loads (each with an empty data directory). */
export async function wizardInteractiveMs(runs = 5): Promise<{ runs: number[]; median: number }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const bridge = await launchBridge();
      try {
        const context = await browser.newContext();
        await context.addInitScript({ content: `${await bridge.initScript()}\n${READY_PROBE}` });
        const page = await context.newPage();
        await page.goto(bridge.url);
        await page.waitForFunction(
          () => (window as unknown as { __wizardReady?: number }).__wizardReady,
          undefined,
          { timeout: 30_000 },
        );
        times.push(await page.evaluate(() => (window as unknown as { __wizardReady: number }).__wizardReady));
        await context.close();
      } finally {
        await bridge.dispose();
      }
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: times.map((t) => Math.round(t)),
    median: Math.round(sorted[Math.floor(sorted.length / 2)]!),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'measure.ts')) {
  const initial = initialJsGzipBytes();
  const interactive = await wizardInteractiveMs(5);
  console.log(
    JSON.stringify({
      initialJsGzipBytes: initial.bytes,
      initialJsFiles: initial.files,
      allJsGzipBytes: allJsGzipBytes(),
      wizardInteractiveMs: interactive.median,
      wizardInteractiveRunsMs: interactive.runs,
    }),
  );
}
