/**
 * Entry of the `anchorage` CLI: out/cli/anchorage.cjs, whose `main` bin/anchorage.js and the app's launcher
 * call. Kept tiny on purpose: `credential-process` is run by the AWS CLI and SDKs before every credential
 * refresh, so its warm path is served from this bundle alone (the vault, the session cache and the keychain
 * addon; no zod, no PKI, no argument parser), benchmarked against `node -e 0`. Every other command line, and
 * a cold cache, goes to the program bundle (out/cli/program.cjs), loaded through its code cache.
 */
import { toErrorInfo } from '../shared/errors';
import { loadBundle, makeBundleCache } from './cli/bundle-loader';
import { processOutput } from './cli/credential-process';
import { writeThenExit } from './cli/write-then-exit';
import { errorOutput, wantsJson } from './cli/format';
import { resolveDataDir } from './core/store/data-dir';
import { readWarmSession } from './core/warm-session';
import type * as ProgramBundle from './cli/program';

/** The program bundle's file, `program-<content hash>.cjs`: defined by the build (scripts/build-cli.mjs). */
declare const ANCHORAGE_PROGRAM_BUNDLE: string;

/** Run the command line `argv` (without node and the script); sets the exit code, never throws. */
export async function main(argv: string[]): Promise<void> {
  try {
    const fast = parseCredentialProcess(argv);
    if (fast) {
      const credentials = await readWarmSession(resolveDataDir(fast.home), fast.profile);
      if (credentials) {
        writeThenExit(processOutput(credentials));
        return;
      }
    }
    // The program bundle prints its own errors: its AnchorageError is another class than this bundle's.
    const program = loadBundle<typeof ProgramBundle>(ANCHORAGE_PROGRAM_BUNDLE);
    await (fast ? program.runColdCredentialProcess(fast.profile, fast.home) : program.runCommandLine(argv));
  } catch (error) {
    process.stderr.write(`${errorOutput(toErrorInfo(error), wantsJson(argv))}\n`);
    process.exitCode = 1;
  }
}

/** Recognise exactly `[--home DIR] credential-process NAME`; anything else goes through the full parser. */
function parseCredentialProcess(argv: string[]): { profile: string; home?: string } | undefined {
  let home: string | undefined;
  let rest = argv;
  if (rest[0] === '--home' && rest.length >= 2) {
    home = rest[1];
    rest = rest.slice(2);
  } else if (rest[0]?.startsWith('--home=')) {
    home = rest[0].slice('--home='.length);
    rest = rest.slice(1);
  }
  if (rest.length === 2 && rest[0] === 'credential-process' && rest[1] && !rest[1].startsWith('-')) {
    return { profile: rest[1], home };
  }
  return undefined;
}

/** The build's last step: the program bundle's code cache (bundle-loader.ts). */
export function makeProgramCache(): Promise<boolean> {
  return makeBundleCache(ANCHORAGE_PROGRAM_BUNDLE);
}
