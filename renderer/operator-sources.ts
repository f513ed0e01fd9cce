import type { ChannelRequest, ChannelResponse } from '../shared/schemas/contract';

/**
 * The operator's credentials choices for "Register for me" and the drawer's AWS actions (issue 12 §1): the AWS
 * configuration (the SDK's default chain), each `~/.aws` profile, each static set of the vault. One option per
 * choice, with the value a native select carries.
 */

export type OperatorSources = ChannelResponse<'aws.sources'>;
type OperatorSource = ChannelRequest<'aws.setup'>['operator'];

export interface SourceOption {
  /** The select's value: `default`, `profile:NAME` or `static:NAME` (names may hold any character). */
  value: string;
  label: string;
  group: 'AWS configuration' | 'AWS profiles' | 'Stored in Anchorage';
  source: OperatorSource;
}

export const DEFAULT_SOURCE = 'default';

/** Every choice, the AWS configuration first. */
export function sourceOptions(sources: OperatorSources): SourceOption[] {
  return [
    {
      value: DEFAULT_SOURCE,
      label: 'AWS configuration (default)',
      group: 'AWS configuration',
      source: { kind: 'aws-profile' },
    },
    ...sources.awsProfiles.map((name) => ({
      value: `profile:${name}`,
      label: `AWS profile “${name}”`,
      group: 'AWS profiles' as const,
      source: { kind: 'aws-profile' as const, profile: name },
    })),
    ...sources.statics.map((name) => ({
      value: `static:${name}`,
      label: `Static credentials “${name}”`,
      group: 'Stored in Anchorage' as const,
      source: { kind: 'static' as const, name },
    })),
  ];
}

/**
 * The choice to start with: the AWS configuration when it has anything (a profile, or keys in the
 * environment), else the first stored static set, else the AWS configuration (its error then says what to do).
 */
export function initialSource(sources: OperatorSources): string {
  const configured = sources.environment || sources.awsProfiles.length > 0;
  const first = sources.statics[0];
  return configured || first === undefined ? DEFAULT_SOURCE : `static:${first}`;
}

/** What the AWS configuration gives, in a sentence under the picker. */
export function configurationNote(sources: OperatorSources): string {
  const where = sources.environment
    ? 'the AWS variables of the environment'
    : sources.awsProfiles.includes('default')
      ? 'the “default” profile of ~/.aws'
      : sources.awsProfiles.length > 0
        ? '~/.aws (no “default” profile: choose one)'
        : 'nothing yet (no ~/.aws profile, no AWS variables)';
  const region = sources.defaultRegion
    ? `its region is ${sources.defaultRegion}`
    : 'it gives no region: choose one';
  return `The AWS configuration uses ${where}; ${region}.`;
}
