import { readFile } from 'node:fs/promises';
import { contentType, resolveRendererFile } from '../../main/app-protocol';

/**
 * Read a file of the built renderer for a URL path; `/` is index.html. The path rules and content types are the
 * app:// protocol's (main/app-protocol.ts), so the bridge refuses exactly what the app refuses: paths that would
 * leave the directory (`..`, `%2e%2e`, encoded slashes, absolute paths) and missing files give undefined.
 */
export async function readStatic(
  root: string,
  urlPath: string,
): Promise<{ body: Buffer; type: string } | undefined> {
  const file = resolveRendererFile(root, urlPath);
  if (!file) return undefined;
  try {
    return { body: await readFile(file), type: contentType(file) };
  } catch {
    return undefined;
  }
}
