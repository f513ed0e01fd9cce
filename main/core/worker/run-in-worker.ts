/**
 * Run parsing of user-supplied files in a worker thread with a time limit (issue 7): a hostile file can then
 * neither block the app's main process nor run forever. The worker is terminated at the limit and a clear
 * error returned; its heap is capped too. Node only (node:worker_threads), no electron.
 */
import { existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
import { AnchorageError } from '../../../shared/errors';
import type { ErrorInfo } from '../../../shared/errors';
import type { ParseJob, ParseResult } from './parse-jobs';

/**
 * How long parsing one file may take: 20 s. A legitimate file at the iteration cap (limits.ts) opens in about
 * 6 s on the 2-core build machine, a usual one in milliseconds; past 20 s the file is hostile or broken.
 */
export const PARSE_TIMEOUT_MS = 20_000;

/** Heap of the worker: far above what 1 MiB of input needs, far below what would starve the app. */
const WORKER_HEAP_MB = 256;

/** What the worker posts back. */
export type WorkerReply =
  { ok: true; value: unknown } | { ok: false; error: ErrorInfo | { message: string; code?: undefined } };

/**
 * The worker entry. Bundles put parse-worker.(m)js beside their entry, and this module sits in the entry or
 * in a chunk directory below it; from source (tests, tsx) it is parse-worker.ts beside this file.
 */
function workerEntry(): URL {
  const here = import.meta.url;
  for (const candidate of [
    './parse-worker.mjs',
    './parse-worker.js',
    '../parse-worker.mjs',
    '../parse-worker.js',
    './parse-worker.ts',
  ]) {
    const url = new URL(candidate, here);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  throw new AnchorageError(
    'INTERNAL',
    `The parser worker is missing next to ${fileURLToPath(here)}.`,
    'This build of Anchorage is incomplete; reinstall it.',
  );
}

let compiledEntry: URL | undefined;
/**
 * From a source checkout (tests, tsx) the entry is TypeScript, which a worker cannot load (Node 20 applies no
 * loader hooks to workers): bundle it once per process with esbuild, a dev dependency, into node_modules/.cache
 * (so that its imports resolve from node_modules). Builds never take this path: their entry is JavaScript.
 */
function compiled(entry: URL): URL {
  if (compiledEntry) return compiledEntry;
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild') as typeof Esbuild;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const outfile = join(root, 'node_modules', '.cache', 'anchorage', 'parse-worker.mjs');
  // Built beside, then renamed over: processes running tests at once never load a half-written file.
  const building = `${outfile}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    outfile: building,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
  });
  renameSync(building, outfile);
  compiledEntry = pathToFileURL(outfile);
  return compiledEntry;
}

/** A worker for `entry`, its heap capped. */
function startWorker(entry: URL): Worker {
  const script = entry.pathname.endsWith('.ts') ? compiled(entry) : entry;
  return new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}

function fromReply(error: WorkerReply & { ok: false }): Error {
  const info = error.error;
  if (info.code) {
    const facts = info.facts;
    return new AnchorageError(info.code, info.message, info.hint, facts ? { facts } : undefined);
  }
  return new Error(info.message);
}

/**
 * Run `message` in a fresh worker for `entry`, resolving with what it posts back.
 * @throws AnchorageError PARSE_TIMEOUT after `timeoutMs` (the worker is terminated first); the worker's own
 *   AnchorageError as thrown there; INTERNAL when the worker dies (e.g. out of memory).
 */
export function runInWorker<T>(entry: URL, message: unknown, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(entry);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // terminate() also when the worker answered: it must not linger on its event loop.
      void worker.terminate().finally(outcome);
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AnchorageError(
              'PARSE_TIMEOUT',
              `Reading the file took longer than ${timeoutMs / 1000} s, so Anchorage stopped it.`,
              'The file may be damaged or made to be slow to open (for example a huge iteration count); export it again with standard settings.',
            ),
          ),
        ),
      timeoutMs,
    );
    worker.once('message', (reply: WorkerReply) =>
      finish(() => (reply.ok ? resolve(reply.value as T) : reject(fromReply(reply)))),
    );
    worker.once('error', (error) =>
      finish(() =>
        reject(
          new AnchorageError(
            'INTERNAL',
            `Reading the file failed in its worker: ${error.message}`,
            (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `The file needed more than ${WORKER_HEAP_MB} MB to parse; it is damaged or made to exhaust memory.`
              : 'This is a bug in Anchorage; please report it with the steps that led here.',
          ),
        ),
      ),
    );
    worker.once('exit', (code) =>
      finish(() =>
        reject(
          new AnchorageError(
            'INTERNAL',
            `The parser worker exited (code ${code}) without an answer.`,
            'This is a bug in Anchorage; please report it with the steps that led here.',
          ),
        ),
      ),
    );
    worker.postMessage(message);
  });
}

/**
 * Parse a user-supplied file (import or inspect) in a worker, within {@link PARSE_TIMEOUT_MS}.
 * @throws AnchorageError as the parsers do; PARSE_TIMEOUT.
 */
export function parseInWorker<J extends ParseJob>(
  job: J,
  timeoutMs = PARSE_TIMEOUT_MS,
): Promise<ParseResult<J>> {
  return runInWorker<ParseResult<J>>(workerEntry(), job, timeoutMs);
}
