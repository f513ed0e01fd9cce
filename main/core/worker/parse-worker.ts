/**
 * Worker entry (node:worker_threads): runs one {@link ParseJob} and posts its result or its error as plain
 * data. Bundled as its own entry, next to the main one: out/main/parse-worker.js (electron.vite.config.ts)
 * and out/cli/parse-worker.mjs (scripts/build-cli.mjs).
 */
import { parentPort } from 'node:worker_threads';
import { AnchorageError } from '../../../shared/errors';
import { runParseJob } from './parse-jobs';
import type { ParseJob } from './parse-jobs';
import type { WorkerReply } from './run-in-worker';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread.');
port.once('message', (job: ParseJob) => {
  runParseJob(job).then(
    (value) => port.postMessage({ ok: true, value } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error:
          error instanceof AnchorageError
            ? error.toInfo()
            : { message: error instanceof Error ? error.message : String(error) },
      } satisfies WorkerReply),
  );
});
