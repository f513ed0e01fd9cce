/**
 * Loads the CLI's second bundle (out/cli/program-<hash>.cjs, scripts/build-cli.mjs) through V8's code cache.
 *
 * Node 20 has no `module.enableCompileCache` (22.1+), and every CLI process would parse and compile the same
 * megabyte of JavaScript again (zod alone is 580 KB: about 12 ms). A CommonJS bundle compiled by `vm.Script`
 * with the cache that the build made for it skips that. The cache is made once, at build time, by
 * {@link makeBundleCache}, after the bundle's modules have run, so it holds their compiled functions too.
 * V8 rejects a cache from another V8 version or flag set (the app's copy of out/cli runs on the system's
 * Node) and the source is then compiled as usual: slower, never wrong. V8 checks a cache against the
 * source's length only, so the bundle's name carries its content hash and its cache is `<name>.cache`: a
 * cache never meets the source of another build.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** The directory of the bundles: this module is part of out/cli/anchorage.cjs. */
const BUNDLE_DIR = dirname(fileURLToPath(import.meta.url));

const cachePath = (file: string) => `${file}.cache`;

/** The bundle as a CommonJS module: the same wrapper, file name and source whenever it is compiled. */
function compile(file: string, cachedData?: Buffer): Script {
  return new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
}

/** Run a compiled bundle as a CommonJS module and return its exports. */
function evaluate<T>(script: Script, file: string): T {
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (
    exports: T,
    require: NodeJS.Require,
    module: { exports: T },
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(cachePath(file));
  } catch {
    return undefined; // not built (yet): compile from source
  }
}

/** Load the bundle `name` (a file beside this one), with its code cache when V8 accepts it. */
export function loadBundle<T>(name: string): T {
  const file = join(BUNDLE_DIR, name);
  return evaluate<T>(compile(file, readCache(file)), file);
}

/**
 * Write the code cache of the bundle `name` (the build's last step): run its modules, let its `warmUp` export
 * compile what most commands run, then serialize everything compiled so far. Run it in a fresh `node` with
 * no flags, as the CLI runs, since V8 only accepts a cache made under the same flags.
 * @returns whether V8 accepts the cache it wrote (a second compile with it).
 */
export async function makeBundleCache(name: string): Promise<boolean> {
  const file = join(BUNDLE_DIR, name);
  const script = compile(file);
  const exports = evaluate<{ warmUp?: () => Promise<void> }>(script, file);
  await exports.warmUp?.();
  const cache = script.createCachedData();
  // Beside, then renamed over: a CLI process starting meanwhile reads no cache, or a whole one.
  const temp = `${cachePath(file)}.${process.pid}.tmp`;
  writeFileSync(temp, cache);
  renameSync(temp, cachePath(file));
  return !compile(file, cache).cachedDataRejected;
}
