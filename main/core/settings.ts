import { join } from 'node:path';
import { z } from 'zod';
import { AnchorageError } from '../../shared/errors';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../shared/models';
import type { Settings } from '../../shared/models';
import { JsonDocument } from './store/document';

const SettingsDocSchema = z.object({ schemaVersion: z.literal(1), settings: SettingsSchema.partial() });
type SettingsDoc = z.infer<typeof SettingsDocSchema>;

/** User preferences in `settings.json`; unset values fall back to the defaults. */
export class SettingsStore {
  private readonly doc: JsonDocument<SettingsDoc>;

  constructor(dataDir: string) {
    this.doc = new JsonDocument(join(dataDir, 'settings.json'), SettingsDocSchema, () => ({
      schemaVersion: 1,
      settings: {},
    }));
  }

  async get(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...(await this.doc.read()).settings };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const checked = SettingsSchema.partial().safeParse(patch);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new AnchorageError(
        'INVALID_INPUT',
        `Setting ${issue?.path.join('.')}: ${issue?.message}.`,
        'Clipboard delay 5–600 s, refresh margin 60–3600 s.',
      );
    }
    await this.doc.update((doc) => {
      doc.settings = { ...doc.settings, ...checked.data };
    });
    return this.get();
  }
}
