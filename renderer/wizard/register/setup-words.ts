import type { SetupStepId, SetupStepStatus } from '../../../shared/domain/registration';
import { ERROR_CODES } from '../../../shared/errors';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import type { ChannelResponse } from '../../../shared/schemas/contract';
import type { CheckState } from '../../components/CheckIcon';

/** The steps of `aws setup` and what became of each, in the app's words (issue 12 §3, §6). */

export type SetupStep = ChannelResponse<'aws.progress'>[number];
export type SetupResult = ChannelResponse<'aws.setup'>;

export const STEP_LABEL: Record<SetupStepId, string> = {
  'trust-anchor': 'Trust anchor holding the CA',
  role: 'IAM role with the trust policy',
  'role-policies': 'Permission policies on the role',
  profile: 'Roles Anywhere profile listing the role',
  'save-profile': 'Anchorage profile with the three ARNs',
  test: 'Connection test (CreateSession, then whoami)',
};

export const STATUS_TEXT: Record<SetupStepStatus, string> = {
  planned: 'Planned',
  running: 'Running…',
  created: 'Created',
  reused: 'Already there, reused',
  updated: 'Updated',
  passed: 'Passed',
  failed: 'Failed',
  'not-run': 'Not run: an earlier step failed',
};

export const STATUS_CHECK: Record<SetupStepStatus, CheckState> = {
  planned: 'idle',
  running: 'running',
  created: 'ok',
  reused: 'ok',
  updated: 'ok',
  passed: 'ok',
  failed: 'failed',
  'not-run': 'idle',
};

const KNOWN = new Set<string>(ERROR_CODES);

/** A step's error as ErrorAlert shows it; a code this app does not know keeps core's words under AWS_ERROR. */
export function stepErrorInfo(error: NonNullable<SetupStep['error']>): ErrorInfo {
  const code = (KNOWN.has(error.code) ? error.code : 'AWS_ERROR') as ErrorCode;
  return { code, message: error.message, hint: error.hint, ...(error.facts ? { facts: error.facts } : {}) };
}

/** The ARN a step made or found, by step id. */
export function stepArn(steps: readonly SetupStep[], id: SetupStepId): string | undefined {
  return steps.find((s) => s.id === id)?.arn;
}
