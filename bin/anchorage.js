#!/usr/bin/env node
// The `anchorage` command: the bundled CLI (built by `npm run build:cli`, which `npm ci` runs via `prepare`).
import '../out/cli/anchorage.mjs';
