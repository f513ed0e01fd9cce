import { writeSync } from 'node:fs';

/**
 * Write `text` to stdout with write(2), then exit once it is written, not when the event loop drains (the
 * reads' file handles closing, the keychain's D-Bus connection: about 0.8 ms, timed in isolation).
 * `process.stdout` on a pipe (how the AWS CLI and SDKs run credential_process) builds a net.Socket and its
 * streams first: 2.6 ms of a 50 ms process, timed against `node -e 0`. A descriptor write(2) cannot finish
 * (non-blocking: EAGAIN) takes the stream for the rest.
 */
export function writeThenExit(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch {
    process.stdout.write(bytes.subarray(done), () => process.exit());
    return;
  }
  process.exit();
}
