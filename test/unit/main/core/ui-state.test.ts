// Issue 10: the wizard's progress and the expiry notices already raised live in core (ui-state.json), so they
// survive navigation, restarts and a second process; a corrupt file is reported and kept, never reset.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';

describe('ui state', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await testCore();
  });
  afterEach(() => t.cleanup());

  it('the wizard starts at the first step and resumes where it was saved, in another process too', async () => {
    expect(await t.core.wizardProgress()).toEqual({ step: 'ca' });
    const progress = {
      step: 'arns' as const,
      caId: 'ca-1',
      certificateId: 'cert-1',
      registered: true,
      trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/x',
      region: 'eu-west-1',
    };
    expect(await t.core.saveWizardProgress(progress)).toEqual(progress);
    expect(await (await t.reopen()).wizardProgress()).toEqual(progress);
    // Saving replaces the whole progress: a cleared choice is gone.
    await t.core.saveWizardProgress({ step: 'ca' });
    expect(await t.core.wizardProgress()).toEqual({ step: 'ca' });
  });

  it('refuses progress that is not a wizard step', async () => {
    await expect(t.core.saveWizardProgress({ step: 'elsewhere' } as never)).rejects.toThrow();
    expect(await t.core.wizardProgress()).toEqual({ step: 'ca' });
  });

  it('an expiry notice is claimed once per certificate and threshold, across processes', async () => {
    const other = await t.reopen();
    expect(await t.core.claimExpiryNotice('c1', 30)).toBe(true);
    expect(await other.claimExpiryNotice('c1', 30)).toBe(false);
    expect(await other.claimExpiryNotice('c1', 7)).toBe(true);
    expect(await t.core.claimExpiryNotice('c2', 30)).toBe(true);
    // Concurrent claims of one notice: exactly one wins (the document's lock).
    const wins = await Promise.all([t.core, other, t.core, other].map((c) => c.claimExpiryNotice('c3', 7)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('a corrupt ui-state.json is reported by name and left as it was', async () => {
    const path = join(t.dataDir, 'ui-state.json');
    await t.core.saveWizardProgress({ step: 'client', caId: 'x' });
    await writeFile(path, '{"schemaVersion": 1, "wizard": {"step": 7}');
    await expect(t.core.wizardProgress()).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
    await expect(t.core.saveWizardProgress({ step: 'ca' })).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
    expect(await readFile(path, 'utf8')).toBe('{"schemaVersion": 1, "wizard": {"step": 7}');
  });
});
