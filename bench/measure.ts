/** Timing helpers for `npm run bench`: whole-process wall time and medians. */
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one process run, in ms; throws with its stderr when the process fails. */
export function timeProcess(command: string, args: string[], options: SpawnSyncOptions = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${String(result.stderr)}`);
  return ms;
}

/** Candidate and baseline run alternately, so machine noise falls on both alike; returns both medians. */
export function alternate(
  runs: number,
  candidate: (i: number) => number,
  baseline: (i: number) => number,
): { value: number; baseline: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(candidate(i));
    b.push(baseline(i));
  }
  return { value: median(a), baseline: median(b) };
}

export interface Row {
  figure: string;
  value: number;
  unit: 'ms' | 'KB';
  baseline?: number;
  baselineName?: string;
  /** Goal: the ratio (with a baseline) or the absolute value (without) must be at most this; none: reported only. */
  goal?: number;
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => {
    const ratio = r.baseline ? r.value / r.baseline : undefined;
    const measured = ratio ?? r.value;
    return [
      r.figure,
      `${r.value.toFixed(2)} ${r.unit}`,
      r.baseline ? `${r.baseline.toFixed(2)} ms  ${r.baselineName}` : '—',
      ratio ? `${ratio.toFixed(2)}×` : '—',
      r.goal === undefined ? '(no goal)' : ratio !== undefined ? `≤ ${r.goal}×` : `≤ ${r.goal} ${r.unit}`,
      r.goal === undefined ? '' : measured <= r.goal ? 'met' : 'NOT MET',
    ];
  });
  const header = ['figure', 'anchorage (median)', 'baseline (median, same run)', 'ratio', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}`);
  for (const c of cells) console.log(line(c));
}
