/**
 * Loads the CLI's program (out/cli/program-<hash>.cjs and the chunks it imports, scripts/build-cli.mjs) through
 * V8's code cache, each chunk when the first module in it is needed.
 *
 * Node 20 has no `module.enableCompileCache` (22.1+), and every CLI process would parse and compile the same
 * megabyte of JavaScript again (zod alone is 580 KB: about 12 ms). A CommonJS bundle compiled by `vm.Script`
 * with the cache that the build made for it skips that. The cache is made once, at build time, by
 * {@link makeBundleCache}, after the bundle's modules have run, so it holds their compiled functions too.
 * V8 rejects a cache from another V8 version or flag set (the app's copy of out/cli runs on the system's
 * Node) and the source is then compiled as usual: slower, never wrong. V8 checks a cache against the
 * source's length only, so each chunk's name carries its content hash and its cache is `<name>.cache`: a
 * cache never meets the source of another build.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** The directory of the bundles: this module is part of out/cli/anchorage.cjs. */
const BUNDLE_DIR = dirname(fileURLToPath(import.meta.url));

const cachePath = (file: string) => `${file}.cache`;

/** A chunk as a CommonJS module: the same wrapper, file name and source whenever it is compiled. */
function compile(file: string, cachedData?: Buffer): Script {
  return new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
}

/** Each chunk loaded so far, by file: one instance per process, as Node's own module cache would keep. */
const loaded = new Map<string, { exports: unknown; script: Script }>();

/**
 * The `require` a chunk gets: a sibling chunk (`./chunk-….cjs`, which the build turned each `import()` and
 * each import between chunks into) through its code cache; anything else (Node's modules, the keychain addon)
 * through Node.
 */
function requireFor(file: string): NodeJS.Require {
  const node = createRequire(file);
  const require = ((id: string) =>
    id.startsWith('./') && id.endsWith('.cjs') ? load(join(dirname(file), id)) : node(id)) as NodeJS.Require;
  return Object.assign(require, { resolve: node.resolve, cache: node.cache, main: node.main });
}

/** Run a compiled chunk as a CommonJS module and return its exports. */
function evaluate(script: Script, file: string): unknown {
  const module = { exports: {} as unknown };
  // Known before it runs, as in Node's module cache: a cycle would get the exports so far, not a recursion.
  loaded.set(file, { exports: module.exports, script });
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, requireFor(file), module, file, dirname(file));
  loaded.set(file, { exports: module.exports, script });
  return module.exports;
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(cachePath(file));
  } catch {
    return undefined; // not built (yet): compile from source
  }
}

function load(file: string): unknown {
  return loaded.get(file)?.exports ?? evaluate(compile(file, readCache(file)), file);
}

/** Load the bundle `name` (a file beside this one), with its code cache when V8 accepts it. */
export function loadBundle<T>(name: string): T {
  return load(join(BUNDLE_DIR, name)) as T;
}

/**
 * Write the code caches of the bundle `name` and of its chunks (the build's last step): run its modules, let
 * its `warmUp` export load and compile what most commands run, then serialize everything compiled so far,
 * chunk by chunk; a chunk that warmUp did not reach is compiled without running. Run it in a fresh `node`
 * with no flags, as the CLI runs, since V8 only accepts a cache made under the same flags.
 * @returns whether V8 accepts every cache it wrote (a second compile with it).
 */
export async function makeBundleCache(name: string): Promise<boolean> {
  const exports = loadBundle<{ warmUp?: () => Promise<void> }>(name);
  await exports.warmUp?.();
  let accepted = true;
  const chunks = readdirSync(BUNDLE_DIR).filter((f) => f.endsWith('.cjs') && f !== 'anchorage.cjs');
  for (const chunk of chunks) {
    const file = join(BUNDLE_DIR, chunk);
    const script = loaded.get(file)?.script ?? compile(file);
    const cache = script.createCachedData();
    // Beside, then renamed over: a CLI process starting meanwhile reads no cache, or a whole one.
    const temp = `${cachePath(file)}.${process.pid}.tmp`;
    writeFileSync(temp, cache);
    renameSync(temp, cachePath(file));
    accepted &&= !compile(file, cache).cachedDataRejected;
  }
  return accepted;
}
