import type { z } from 'zod';
import { AnchorageError } from '../../../shared/errors';
import { dirname } from 'node:path';
import { readFileIfExists, removeDeadTempFiles, writeFileAtomic } from './atomic-file';
import { withLock } from './lock';

/**
 * A versioned JSON document in the data directory (ARCHITECTURE §4).
 *
 * A file that fails to parse or validate is never silently replaced: reading it throws CORRUPT_DATA
 * naming the file, and since every update reads first, nothing overwrites it until the user acts.
 */
export class JsonDocument<T extends { schemaVersion: number }> {
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {}

  /** The current content, or the empty document when the file does not exist yet. */
  async read(): Promise<T> {
    const raw = await readFileIfExists(this.path);
    if (raw === undefined) return this.empty();
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    const expected = this.empty().schemaVersion;
    if (typeof version === 'number' && version > expected) {
      throw new AnchorageError(
        'UNSUPPORTED_SCHEMA',
        `${this.path} was written by a newer Anchorage (schema ${version}, this one reads ${expected}).`,
        'Update Anchorage; the file has been left as it is.',
      );
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // Where, not zod's words (issue 10: no schema text on screen); the path is enough to fix it by hand.
      const where = issue?.path.join('.');
      throw this.corrupt(
        where ? `the value at ${where} is not what Anchorage writes` : 'it is not what Anchorage writes',
      );
    }
    return parsed.data;
  }

  /**
   * Read-modify-write under the document's lock, so that concurrent processes never lose an update.
   * Each write first removes what crashed writers left beside the document (their temp files).
   */
  async update<R>(change: (doc: T) => R | Promise<R>): Promise<R> {
    return withLock(`${this.path}.lock`, async () => {
      await removeDeadTempFiles(dirname(this.path));
      const doc = await this.read();
      const result = await change(doc);
      await writeFileAtomic(this.path, `${JSON.stringify(doc, null, 2)}\n`);
      return result;
    });
  }

  private corrupt(reason: string): AnchorageError {
    return new AnchorageError(
      'CORRUPT_DATA',
      `${this.path} is damaged (${reason}); Anchorage will not overwrite it.`,
      'Restore it from a backup or fix it by hand; move it aside only if you accept losing what it lists.',
    );
  }
}
