// `npm start` / `npm run dev` need Electron's binary. `npm ci` does not fetch it here: package.json denies
// electron's install script through `allowScripts` (ARCHITECTURE §8), so that installs succeed on machines that
// cannot download it. This script fetches it on first start with electron's own installer.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  console.error('error: the electron package is not installed (hint: run `npm ci` first).');
  process.exit(1);
}

/** The binary electron's index.js would hand out, if path.txt names one that exists. */
function binary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? path : undefined;
}

if (binary()) process.exit(0);

const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
console.log(
  `Electron ${version}'s binary is not installed yet (npm ci skips its download); fetching it now with electron's installer…`,
);
const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
  stdio: 'inherit',
  cwd: electronDir,
});
if (result.status !== 0 || !binary()) {
  console.error(
    'error: could not download the Electron binary (hint: check your network or proxy; ELECTRON_MIRROR selects a mirror, ' +
      'see https://www.electronjs.org/docs/latest/tutorial/installation. The e2e suite does not need it: `npm test` runs in Chromium).',
  );
  process.exit(1);
}
console.log('Electron is installed.');
