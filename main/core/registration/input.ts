/** The registration inputs checked against the contract's schemas, with facts instead of zod's words. */
import type { z } from 'zod';
import { AnchorageError } from '../../../shared/errors';

/** What each field must be, in neutral words (the API references' rules). */
const RULES: Record<string, string> = {
  roleName: 'an IAM role name: 1–64 letters, digits and + = , . @ _ -',
  trustAnchorName: 'a Roles Anywhere name: 1–255 letters, digits, spaces, _ and -',
  profileName: 'a Roles Anywhere name: 1–255 letters, digits, spaces, _ and -',
  durationSeconds: 'a whole number of seconds from 900 to 43200',
  policyArns:
    'a list of up to 20 IAM policy ARNs (arn:aws:iam::aws:policy/NAME, arn:aws:iam::ACCOUNT:policy/NAME)',
  conditions: 'among cn and source-arn',
  endpoint: 'an https:// or http:// URL',
  region: 'an AWS region name',
};

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String)[0] ?? 'request';
  const rule = RULES[field];
  throw new AnchorageError(
    'INVALID_INPUT',
    rule ? `The ${field} must be ${rule}.` : `The ${field} is not valid.`,
    'Correct it and try again.',
    { facts: { field, reason: 'invalid' } },
  );
}
