import { join } from 'node:path';
import { SETTING_RANGES, settingProblem } from '../../shared/domain/limits';
import { AnchorageError } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/domain/defaults';
import type { Settings } from '../../shared/schemas/models';
import { JsonDocument } from './store/document';
import type { SettingsDoc } from './store/document-schemas';
import { SETTINGS_DOC } from './store/documents';

/** User preferences in `settings.json`; unset values fall back to the defaults. */
export class SettingsStore {
  private readonly doc: JsonDocument<SettingsDoc>;

  constructor(dataDir: string) {
    this.doc = new JsonDocument(join(dataDir, 'settings.json'), SETTINGS_DOC, () => ({
      schemaVersion: 1,
      settings: {},
    }));
  }

  async get(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...(await this.doc.read()).settings };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    for (const key of Object.keys(SETTING_RANGES) as (keyof typeof SETTING_RANGES)[]) {
      const problem = patch[key] !== undefined ? settingProblem(key, patch[key]) : undefined;
      if (problem) {
        const { min, max } = SETTING_RANGES[key];
        throw new AnchorageError('INVALID_INPUT', problem.message, `Choose ${min} to ${max} seconds.`, {
          facts: problem.facts,
        });
      }
    }
    // zod for a change only: reading the settings needs none (store/documents.ts).
    const { SettingsSchema } = await import('../../shared/schemas/models');
    const checked = SettingsSchema.partial().safeParse(patch);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      // The setting's name, not zod's words: those would reach the screen (issue 10).
      const field = issue?.path.join('.') ?? '';
      throw new AnchorageError(
        'INVALID_INPUT',
        `The setting ${field} has a value it cannot take.`,
        'Check the value of that setting.',
        { facts: { field, reason: 'invalid' } },
      );
    }
    await this.doc.update((doc) => {
      doc.settings = { ...doc.settings, ...checked.data };
    });
    return this.get();
  }
}
