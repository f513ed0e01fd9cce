import { join } from 'node:path';
import type { WizardProgress } from '../../shared/schemas/models';
import { JsonDocument } from './store/document';
import type { UiStateDoc } from './store/document-schemas';
import { UI_STATE_DOC } from './store/documents';

/**
 * What the app remembers about the user's place in it (issue 10), in `ui-state.json`: the wizard's progress,
 * and which expiry notices were already raised. A versioned document like the others, so a corrupt file is
 * reported and kept, never reset.
 */
export class UiStateStore {
  private readonly doc: JsonDocument<UiStateDoc>;

  constructor(dataDir: string) {
    this.doc = new JsonDocument(join(dataDir, 'ui-state.json'), UI_STATE_DOC, () => ({
      schemaVersion: 1,
      expiryNotices: {},
    }));
  }

  async wizard(): Promise<WizardProgress> {
    return (await this.doc.read()).wizard ?? { step: 'ca' };
  }

  async saveWizard(progress: WizardProgress): Promise<WizardProgress> {
    const { WizardProgressSchema } = await import('../../shared/schemas/models');
    const checked = WizardProgressSchema.parse(progress);
    await this.doc.update((doc) => {
      doc.wizard = checked;
    });
    return checked;
  }

  /** Under the document's lock, so two processes never both claim the same notice. */
  async claimExpiryNotice(certificateId: string, days: number): Promise<boolean> {
    return this.doc.update((doc) => {
      const raised = doc.expiryNotices[certificateId] ?? [];
      if (raised.includes(days)) return false;
      doc.expiryNotices[certificateId] = [...raised, days];
      return true;
    });
  }
}
