import { AnchorageError } from '../../shared/errors';

/**
 * Read a secret the way the CLI always does (ARCHITECTURE §4): from stdin when `--password-stdin`
 * (or `--secret-stdin`) is given, else from the named environment variable; never from an argument,
 * since arguments show up in `ps` and shell history.
 */
export async function readSecret(
  fromStdin: boolean,
  envName: string,
  what: string,
): Promise<string | undefined> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const value = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (!value) {
      throw new AnchorageError(
        'INVALID_PASSWORD',
        `No ${what} arrived on standard input.`,
        `Pipe it in, e.g. printf %s "$PW" | anchorage …`,
      );
    }
    return value;
  }
  const value = process.env[envName];
  return value ? value : undefined;
}

/** Like {@link readSecret}, but the secret is required. */
export async function requireSecret(fromStdin: boolean, envName: string, what: string): Promise<string> {
  const value = await readSecret(fromStdin, envName, what);
  if (value === undefined) {
    throw new AnchorageError(
      'INVALID_PASSWORD',
      `A ${what} is required.`,
      `Pass --password-stdin and pipe it in, or set ${envName}. It is never taken as an argument.`,
    );
  }
  return value;
}
