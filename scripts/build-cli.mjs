// Bundles the `anchorage` CLI into out/cli/ with esbuild (issue 11 §3: start-up at Node's floor):
//
//   anchorage.cjs             main/cli.ts, the entry. The warm credential_process path runs from it alone
//                             (vault, session cache, keychain addon): no zod, PKI, AWS client or parser.
//   program-<hash>.cjs        main/cli/program.ts: commander and the command table. Each command's module,
//   chunk-<hash>.cjs          each service of the core, each library it loads lazily and the code they share
//   *.cjs.cache               are chunks of their own (buildProgram), loaded on first use through V8's code
//                             cache (main/cli/bundle-loader.ts), which is made here last.
//   parse-worker.mjs          main/core/worker/parse-worker.ts: the parser worker that run-in-worker.ts starts.
//   anchorage.mjs             what the app's launcher (assets/cli/anchorage) runs: it calls the entry.
//
// CommonJS, not Node's ESM loader: vm.Script takes a code cache only for a script, and the ESM loader costs a
// few ms to start. Split, not one program bundle: that bundle was 1.1 MB read and deserialized at every start
// (18 ms, `--version` 1.38× `node -e 0`), zod, x509 and, with `aws` (issue 12), the AWS SDK included for
// commands that use none of them. The entry and the program are separate builds; only plain data and exit
// codes cross between them (each has its own AnchorageError class). Every output's module graph goes to
// out/cli.meta.json, which test/integration/cli-startup.test.ts checks.
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';

// Built beside, then swapped in: CLI processes running meanwhile (tests) see the old or the new build. The
// program bundle's name carries its content hash, and its code cache that name, so that no process ever
// meets another build's cache.
const FINAL = 'out/cli';
const OUT = `out/cli.${process.pid}.tmp`;
rmSync(OUT, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The ESM builds of dependencies that have one (@peculiar/*, @smithy/*, tslib): esbuild prefers `main` for
  // node, and their CommonJS builds cost twice the start-up (@peculiar/x509: 36 → 17 ms) and cannot be
  // tree-shaken.
  mainFields: ['module', 'main'],
  // Native addon: loaded from node_modules at run time.
  external: ['@napi-rs/keyring'],
  outdir: OUT,
  legalComments: 'none',
  // Smaller sources read and compile faster; names stay for readable traces.
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
};

/**
 * The CLI speaks English: zod's other locales (about 300 KB, a fifth of the program bundle, every one of them
 * read and deserialized at each start) are left out of `z.locales`. zod itself configures `en`.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /node_modules\/zod\/v4\/(classic|core)$/.test(args.resolveDir.replaceAll('\\', '/'))
        ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-english' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * tsyringe (under @peculiar/x509) throws at load unless reflect-metadata has run, which main/core/pki/provider.ts
 * imports first. esbuild's code splitting does not keep that order across chunks (x509 goes into a chunk that
 * provider.ts's chunk imports, and so runs first): tsyringe imports the polyfill itself here, so that both
 * land in one chunk, in order.
 */
const reflectFirst = {
  name: 'reflect-metadata-first',
  setup(b) {
    b.onLoad(
      { filter: /[\\/]node_modules[\\/]tsyringe[\\/]dist[\\/][^\\/]+[\\/]index\.js$/ },
      async (args) => ({
        contents: `import 'reflect-metadata';\n${await readFile(args.path, 'utf8')}`,
        resolveDir: dirname(args.path),
        loader: 'js',
      }),
    );
  },
};

const commonJs = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import.meta.url (keychain-store.ts, run-in-worker.ts, bundle-loader.ts) is the bundle's own file.
  define: { 'import.meta.url': '__anchorageModuleUrl' },
  banner: { js: "const __anchorageModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [englishOnly],
};

/**
 * The entry follows no dynamic import: what its modules load lazily (the vault's backup code, and with it the
 * passphrase store and zod) is never needed on the warm path, and belongs to program.cjs. Such an import
 * fails if reached, and the warm path then falls back to the program bundle (readWarmSession catches all).
 */
const warmPathOnly = {
  name: 'warm-path-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'program-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'program-only' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is in program.cjs, not on the warm path`)});`,
      loader: 'js',
    }));
  },
};

// The program first: the entry names its file, which carries its content hash (bundle-loader.ts).
const programBuild = await buildProgram();
const programFile = basename(
  Object.entries(programBuild.metafile.outputs).find(([, o]) => o.entryPoint === 'main/cli/program.ts')[0],
);
const results = [
  programBuild,
  ...(await Promise.all([
    build({
      ...commonJs,
      entryPoints: { anchorage: 'main/cli.ts' },
      define: { ...commonJs.define, ANCHORAGE_PROGRAM_BUNDLE: JSON.stringify(programFile) },
      plugins: [englishOnly, warmPathOnly],
    }),
    // The parser worker (main/core/worker/run-in-worker.ts) loads out/cli/parse-worker.mjs at run time.
    build({
      ...common,
      format: 'esm',
      entryPoints: { 'parse-worker': 'main/core/worker/parse-worker.ts' },
      outExtension: { '.js': '.mjs' },
      // Some dependencies are CommonJS and call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __anchorageRequire } from 'node:module'; const require = __anchorageRequire(import.meta.url);",
      },
    }),
  ])),
];

/**
 * The program, split: its entry (commander and the command table) and one chunk per module that is imported
 * dynamically (each command's module, each service of the core), with the code they share in chunks of their
 * own. A process then reads and deserializes only the chunks its command reaches: `list` never reads zod's or
 * the AWS SDK's, `settings` never x509's. esbuild splits only ESM, and vm.Script (for the code cache) runs
 * only scripts: so each chunk is built as ESM and then rewritten as CommonJS, its `import()` as a
 * `require()` that bundle-loader.ts resolves to the sibling chunk (through that chunk's own code cache).
 * esbuild names a chunk by the set of entries that reach it, so chunks import each other without a cycle.
 */
async function buildProgram() {
  const esm = await build({
    ...common,
    format: 'esm',
    splitting: true,
    write: false,
    entryPoints: { program: 'main/cli/program.ts' },
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__anchorageModuleUrl' },
    banner: commonJs.banner,
    plugins: [englishOnly, reflectFirst],
  });
  mkdirSync(OUT, { recursive: true });
  for (const file of esm.outputFiles) {
    const { code } = await transform(file.text, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // import('./chunk-….cjs') becomes Promise.resolve().then(() => require('./chunk-….cjs')).
      supported: { 'dynamic-import': false },
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    writeFileSync(file.path, code);
  }
  return esm;
}

// Each bundle's module graph, named as in the final directory, for test/integration/cli-startup.test.ts.
const bundles = {};
for (const { metafile } of results) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    // vm.Script runs the entry without an ESM loader: a dynamic import left in it would fail there. (The
    // program's chunks have none: buildProgram turned each into a require, of a chunk or of a Node module.)
    const left = output.imports.filter((i) => i.kind === 'dynamic-import');
    if (metafile !== programBuild.metafile && left.length > 0)
      throw new Error(`${file} still imports ${left.map((i) => i.path).join(', ')} at run time`);
    bundles[basename(file)] = {
      inputs: metafile.inputs,
      output: { ...output, imports: output.imports.map((i) => ({ ...i, path: basename(i.path) })) },
    };
  }
}
writeFileSync(
  `${OUT}/anchorage.mjs`,
  `// The app's launcher runs this file (assets/cli/anchorage); bin/anchorage.js calls the entry directly.
import { createRequire } from 'node:module';
createRequire(import.meta.url)('./anchorage.cjs').main(process.argv.slice(2));
`,
);

// Another build may swap its directory in between two renames: then swap again.
for (let attempt = 0; ; attempt++) {
  const old = `${FINAL}.${process.pid}.${attempt}.old`;
  try {
    if (existsSync(FINAL)) renameSync(FINAL, old);
    renameSync(OUT, FINAL);
    break;
  } catch (error) {
    if (attempt > 5 || !['ENOTEMPTY', 'EEXIST'].includes(error.code)) throw error;
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}

// The code cache, made in place (V8 keeps the file name it was compiled under, for stack traces), in a node of
// its own without NODE_OPTIONS, as the CLI runs: V8 rejects a cache made under other flags.
const { NODE_OPTIONS: _flags, ...env } = process.env;
execFileSync(
  process.execPath,
  [
    '-e',
    `require('./${FINAL}/anchorage.cjs').makeProgramCache().then((ok) => {
      if (!ok) throw new Error('V8 rejects the code cache it just made for ${programFile}');
    })`,
  ],
  { env, stdio: 'inherit' },
);
writeFileSync('out/cli.meta.json', JSON.stringify({ program: programFile, bundles }));

// npm links the bins of dependencies into node_modules/.bin but never the root package's own, so
// `npx anchorage` in a fresh clone would look for a package of that name on the registry. Link it here
// (this script is the `prepare` step that `npm ci` runs).
const link = 'node_modules/.bin/anchorage';
mkdirSync('node_modules/.bin', { recursive: true });
try {
  if (lstatSync(link)) unlinkSync(link);
} catch {
  // not there yet
}
symlinkSync('../../bin/anchorage.js', link);
chmodSync('bin/anchorage.js', 0o755);
