/**
 * Renderer figures (issue 4): the initial JavaScript the window loads, gzipped, and the time until the
 * wizard is interactive in headless Chromium (median of 5).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from './measure';

const OUT = resolve(import.meta.dirname, '..', 'out', 'renderer');

/** Scripts and module preloads that index.html loads before any lazy page. */
function initialScripts(): string[] {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(refs)].map((ref) => join(OUT, ref.replace(/^\.?\//, '')));
}

export async function rendererFigures(): Promise<Row[]> {
  const gz =
    initialScripts().reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 1024;
  const rows: Row[] = [{ figure: 'renderer initial JS, gzipped', value: gz, unit: 'KB', goal: 300 }];
  const { measureWizardInteractive } = await import('../test/e2e/interactive-timing');
  rows.push({
    figure: 'wizard interactive after navigation (Chromium)',
    value: await measureWizardInteractive(5),
    unit: 'ms',
    goal: 1000,
  });
  return rows;
}
