#!/usr/bin/env node
// The `anchorage` command: the bundled CLI (built by `npm run build:cli`, which `npm ci` runs via `prepare`).
// CommonJS (bin/package.json), so that the warm credential_process path never starts Node's ESM loader.
require('../out/cli/anchorage.cjs').main(process.argv.slice(2));
