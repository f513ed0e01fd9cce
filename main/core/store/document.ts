import type { z } from 'zod';
import { AnchorageError } from '../../../shared/errors';
import { dirname } from 'node:path';
import { readFileIfExists, removeDeadTempFiles, writeFileAtomic } from './atomic-file';
import { withLock } from './lock';
import { inSchemaOrder } from './shape';
import type { Shape } from './shape';
import { stampBody, stampedBody } from './stamp';

/**
 * A document's schema, loaded on first need, with its fingerprint (store/documents.ts): the files of such a
 * document are stamped when written, and a file whose stamp matches reads without loading zod (stamp.ts).
 */
export interface StampedSchema<T> {
  fingerprint: string;
  /** The schema's JSON Schema as zod writes it (document-shapes.ts), to check a write without zod. */
  shape: Shape;
  load: () => Promise<z.ZodType<T>>;
}

/**
 * A versioned JSON document in the data directory (ARCHITECTURE §4).
 *
 * A file that fails to parse or validate is never silently replaced: reading it throws CORRUPT_DATA
 * naming the file, and since every update reads first, nothing overwrites it until the user acts.
 *
 * With a {@link StampedSchema}, a read of a file this version wrote (its stamp matches the schema's
 * fingerprint and the bytes) is `JSON.parse` alone: the write checked that zod returns exactly those bytes'
 * content. Every other file is validated with zod as it always was.
 */
export class JsonDocument<T extends { schemaVersion: number }> {
  private readonly stamped: StampedSchema<T> | undefined;
  private readonly schema: () => Promise<z.ZodType<T>>;

  constructor(
    readonly path: string,
    schema: z.ZodType<T> | StampedSchema<T>,
    private readonly empty: () => T,
  ) {
    this.stamped = 'fingerprint' in schema ? schema : undefined;
    this.schema = 'fingerprint' in schema ? schema.load : async () => schema;
  }

  /** The current content, or the empty document when the file does not exist yet. */
  async read(): Promise<T> {
    const raw = await readFileIfExists(this.path);
    if (raw === undefined) return this.empty();
    const text = raw.toString('utf8');
    const body = this.stamped && stampedBody(text, this.stamped.fingerprint);
    if (body) return JSON.parse(body) as T;
    return this.validate(text);
  }

  /** The full check, with its errors: JSON, then the schema version, then the schema. */
  private async validate(text: string): Promise<T> {
    let json: unknown;
    try {
      json = JSON.parse(text);
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
    const parsed = (await this.schema()).safeParse(json);
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
      await writeFileAtomic(this.path, this.serialize(doc));
      return result;
    });
  }

  /**
   * The file's text: stamped only when zod would accept the document as it is (nothing to fill in or strip),
   * so that the stamped read's `JSON.parse` gives what zod would. The schema's JSON Schema answers that
   * without loading zod (shape.ts), and puts the members in the schema's order, as zod returns them (the code
   * that builds a record need not know that order). Otherwise the file is unstamped, as before stamps: the
   * next read validates it with zod (and reports it if it is not valid).
   */
  private serialize(doc: T): string {
    const body = `${JSON.stringify(doc, null, 2)}\n`;
    if (!this.stamped || !body.startsWith('{\n')) return body;
    const ordered = inSchemaOrder(JSON.parse(body), this.stamped.shape);
    if (ordered === undefined) return body;
    return stampBody(`${JSON.stringify(ordered, null, 2)}\n`, this.stamped.fingerprint);
  }

  private corrupt(reason: string): AnchorageError {
    return new AnchorageError(
      'CORRUPT_DATA',
      `${this.path} is damaged (${reason}); Anchorage will not overwrite it.`,
      'Restore it from a backup or fix it by hand; move it aside only if you accept losing what it lists.',
    );
  }
}
