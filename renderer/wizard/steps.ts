import { TESTIDS } from '../testids';

/** The wizard's steps, in order (issue 4: CA, client certificate, AWS, ARNs, test, done). */
export const WIZARD_STEPS = [
  { key: 'ca', label: 'Certificate authority', testId: TESTIDS.wizardStepCa },
  { key: 'client', label: 'Client certificate', testId: TESTIDS.wizardStepClient },
  { key: 'register', label: 'Register with AWS', testId: TESTIDS.wizardStepRegister },
  { key: 'arns', label: 'ARNs and region', testId: TESTIDS.wizardStepArns },
  { key: 'test', label: 'Test connection', testId: TESTIDS.wizardStepTest },
  { key: 'done', label: 'Done', testId: TESTIDS.wizardStepDone },
] as const;
