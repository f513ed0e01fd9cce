import type { Command } from 'commander';
import { toErrorInfo } from '../../shared/errors';
import type { CoreApi } from '../core/api';
import { errorOutput } from './format';

/** Global options every command sees (`--home`, `--json`). */
export interface GlobalOptions {
  home?: string;
  json?: boolean;
}

/**
 * The single `error: … (hint: …)` line on stderr (with `--json`, one line of `{"error":{…}}`) and exit code 1
 * (ARCHITECTURE §9); the hint is in the CLI's words (error-words.ts).
 */
function failWith(error: unknown, json: boolean): never {
  process.stderr.write(`${errorOutput(toErrorInfo(error), json)}\n`);
  process.exit(1);
}

/** Build the core for this invocation's data directory. Loaded lazily: `--help` needs none of it. */
async function openCore(options: GlobalOptions): Promise<CoreApi> {
  const { createCore } = await import('../core/services');
  const { resolveDataDir } = await import('../core/store/data-dir');
  return createCore({ dataDir: resolveDataDir(options.home) });
}

/**
 * Wrap a command action: open the core, run, print `--json` or text, and turn any throw into the
 * one-line error. `text` renders the value for humans; without it the value is printed as JSON.
 */
export function action<T>(
  // `undefined`: the command has printed what it prints itself (e.g. `export --out -`).
  run: (
    core: CoreApi,
    opts: Record<string, unknown> & GlobalOptions,
    args: string[],
  ) => Promise<T | undefined>,
  text?: (value: T) => string,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const opts = command.optsWithGlobals<Record<string, unknown> & GlobalOptions>();
    const positional = command.args;
    try {
      const core = await openCore(opts);
      const value = await run(core, opts, positional);
      if (value === undefined) return;
      const out = opts.json || !text ? JSON.stringify(value, null, 2) : text(value);
      if (out) process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    } catch (error) {
      failWith(error, Boolean(opts.json));
    }
  };
}
