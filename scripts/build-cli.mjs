// Bundles the `anchorage` CLI (main/cli.ts) into out/cli/ with esbuild.
// ESM with code splitting: each command loads only what it needs, so the hot path
// (`credential-process` with a warm cache) starts without the PKI and argument-parsing code.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('out/cli', { recursive: true, force: true });
await build({
  // The parser worker (main/core/worker/run-in-worker.ts) loads out/cli/parse-worker.mjs at run time.
  entryPoints: { anchorage: 'main/cli.ts', 'parse-worker': 'main/core/worker/parse-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Native addon: loaded from node_modules at run time.
  external: ['@napi-rs/keyring'],
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __anchorageRequire } from 'node:module'; const require = __anchorageRequire(import.meta.url);",
  },
  legalComments: 'none',
  // Smaller sources compile faster, and every CLI run compiles its chunks; names stay for readable traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// npm links the bins of dependencies into node_modules/.bin but never the root package's own, so
// `npx anchorage` in a fresh clone would look for a package of that name on the registry. Link it here
// (this script is the `prepare` step that `npm ci` runs).
import { mkdirSync, symlinkSync, lstatSync, unlinkSync, chmodSync } from 'node:fs';
const link = 'node_modules/.bin/anchorage';
mkdirSync('node_modules/.bin', { recursive: true });
try {
  if (lstatSync(link)) unlinkSync(link);
} catch {
  // not there yet
}
symlinkSync('../../bin/anchorage.js', link);
chmodSync('bin/anchorage.js', 0o755);
