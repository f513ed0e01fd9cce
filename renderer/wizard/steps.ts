import type { WizardStepKey } from '../../shared/domain/wizard';
import { TESTIDS } from '../testids';

/** The wizard's steps with their labels, in the order of shared/domain/wizard.ts. */
export const WIZARD_STEPS: ReadonlyArray<{ key: WizardStepKey; label: string; testId: string }> = [
  { key: 'ca', label: 'Certificate authority', testId: TESTIDS.wizardStepCa },
  { key: 'client', label: 'Client certificate', testId: TESTIDS.wizardStepClient },
  { key: 'register', label: 'Register with AWS', testId: TESTIDS.wizardStepRegister },
  { key: 'arns', label: 'ARNs and region', testId: TESTIDS.wizardStepArns },
  { key: 'test', label: 'Test connection', testId: TESTIDS.wizardStepTest },
  { key: 'done', label: 'Done', testId: TESTIDS.wizardStepDone },
];
