import { safeFileName } from '../../../shared/domain/file-names';
import { POLICY_ARN_PATTERN, ROLE_NAME_PATTERN } from '../../../shared/domain/registration';
import type { CertificateSummary } from '../../../shared/schemas/models';

/** The rules of the "Register for me" form (issue 12 §3), pure, in the form's words. */

/** IAM's longest role name (IAM API reference, CreateRole `RoleName`). */
const ROLE_NAME_MAX = 64;

/**
 * The role's default name: "Anchorage-" and the client certificate's name, through the one file-name cleaner
 * (its characters are a subset of a role name's), at most 64 characters.
 */
export function defaultRoleName(client: Pick<CertificateSummary, 'name'> | undefined): string {
  const stem = safeFileName(client?.name ?? '', 'workload');
  return `Anchorage-${stem}`.slice(0, ROLE_NAME_MAX);
}

/** Why a role name is not one IAM takes, or undefined. */
export function roleNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Type a role name.';
  return ROLE_NAME_PATTERN.test(name.trim())
    ? undefined
    : 'Use 1 to 64 letters, digits and + = , . @ _ - (no spaces).';
}

/** The policy ARNs typed one per line (blank lines ignored), and the first line that is not a policy ARN. */
export function parsePolicyArns(text: string): { arns: string[]; problem?: string } {
  const arns = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const bad = arns.find((arn) => !POLICY_ARN_PATTERN.test(arn));
  if (bad !== undefined) {
    return {
      arns,
      problem: `“${bad}” is not an IAM policy ARN: expected arn:aws:iam::aws:policy/NAME (AWS managed) or arn:aws:iam::ACCOUNT:policy/NAME.`,
    };
  }
  return { arns };
}
