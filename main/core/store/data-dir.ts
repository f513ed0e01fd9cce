import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The data directory: `--home` / `ANCHORAGE_HOME` when given, else the OS app-data directory
 * (the same path Electron's `app.getPath('userData')` gives for the product name "Anchorage").
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? env.ANCHORAGE_HOME;
  if (chosen) return resolve(chosen);
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Anchorage');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Anchorage');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Anchorage');
  }
}
