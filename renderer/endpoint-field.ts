import { endpointProblem as endpointRule } from '../shared/domain/limits';

/** The endpoint by core's own rule (https, or http on loopback: shared/domain/limits.ts), in this field's words. */
export function endpointProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const problem = endpointRule(text.trim());
  if (!problem) return undefined;
  return problem.facts.reason === 'not-a-url'
    ? 'The endpoint is not a URL; expected e.g. https://rolesanywhere.eu-west-1.amazonaws.com.'
    : 'The endpoint must start with https:// (http:// only for a local emulator on this computer).';
}
