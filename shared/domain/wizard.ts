/**
 * The setup wizard's steps, in order (issue 4: CA, client certificate, AWS, ARNs, test, done). Core stores the
 * user's progress through them (issue 10), so the list lives here, without zod, for core and the renderer.
 */
export const WIZARD_STEP_KEYS = ['ca', 'client', 'register', 'arns', 'test', 'done'] as const;

export type WizardStepKey = (typeof WIZARD_STEP_KEYS)[number];
