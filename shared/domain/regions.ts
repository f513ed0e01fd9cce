import { AnchorageError } from '../errors';

/**
 * AWS partitions, their regions and the endpoints Anchorage calls.
 *
 * Source: the partition data that the AWS SDKs ship (`partitions.json`): each partition has a DNS suffix and a
 * region regex. A region that is not in our list but matches its partition's regex (a region AWS launched after
 * this file was written) is accepted, so Anchorage does not block users of new regions.
 */

export const PARTITION_IDS = ['aws', 'aws-cn', 'aws-us-gov'] as const;
export type PartitionId = (typeof PARTITION_IDS)[number];

export interface Region {
  code: string;
  name: string;
}

export interface Partition {
  id: PartitionId;
  name: string;
  dnsSuffix: string;
  /** Well-formed region names of this partition (partitions.json `regionRegex`). */
  regionRegex: RegExp;
  regions: readonly Region[];
}

const r = (code: string, name: string): Region => ({ code, name });

// Checked in this order: aws-us-gov before aws, because both start with "us-".
export const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws-us-gov',
    name: 'AWS GovCloud (US)',
    dnsSuffix: 'amazonaws.com',
    regionRegex: /^us-gov-\w+-\d+$/,
    regions: [r('us-gov-east-1', 'AWS GovCloud (US-East)'), r('us-gov-west-1', 'AWS GovCloud (US-West)')],
  },
  {
    id: 'aws-cn',
    name: 'AWS China',
    dnsSuffix: 'amazonaws.com.cn',
    regionRegex: /^cn-\w+-\d+$/,
    regions: [r('cn-north-1', 'China (Beijing)'), r('cn-northwest-1', 'China (Ningxia)')],
  },
  {
    id: 'aws',
    name: 'AWS Standard',
    dnsSuffix: 'amazonaws.com',
    regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
    regions: [
      r('us-east-1', 'US East (N. Virginia)'),
      r('us-east-2', 'US East (Ohio)'),
      r('us-west-1', 'US West (N. California)'),
      r('us-west-2', 'US West (Oregon)'),
      r('af-south-1', 'Africa (Cape Town)'),
      r('ap-east-1', 'Asia Pacific (Hong Kong)'),
      r('ap-east-2', 'Asia Pacific (Taipei)'),
      r('ap-south-1', 'Asia Pacific (Mumbai)'),
      r('ap-south-2', 'Asia Pacific (Hyderabad)'),
      r('ap-northeast-1', 'Asia Pacific (Tokyo)'),
      r('ap-northeast-2', 'Asia Pacific (Seoul)'),
      r('ap-northeast-3', 'Asia Pacific (Osaka)'),
      r('ap-southeast-1', 'Asia Pacific (Singapore)'),
      r('ap-southeast-2', 'Asia Pacific (Sydney)'),
      r('ap-southeast-3', 'Asia Pacific (Jakarta)'),
      r('ap-southeast-4', 'Asia Pacific (Melbourne)'),
      r('ap-southeast-5', 'Asia Pacific (Malaysia)'),
      r('ap-southeast-7', 'Asia Pacific (Thailand)'),
      r('ca-central-1', 'Canada (Central)'),
      r('ca-west-1', 'Canada West (Calgary)'),
      r('eu-central-1', 'Europe (Frankfurt)'),
      r('eu-central-2', 'Europe (Zurich)'),
      r('eu-north-1', 'Europe (Stockholm)'),
      r('eu-south-1', 'Europe (Milan)'),
      r('eu-south-2', 'Europe (Spain)'),
      r('eu-west-1', 'Europe (Ireland)'),
      r('eu-west-2', 'Europe (London)'),
      r('eu-west-3', 'Europe (Paris)'),
      r('il-central-1', 'Israel (Tel Aviv)'),
      r('me-central-1', 'Middle East (UAE)'),
      r('me-south-1', 'Middle East (Bahrain)'),
      r('mx-central-1', 'Mexico (Central)'),
      r('sa-east-1', 'South America (São Paulo)'),
    ],
  },
];

/** True for one of the partition ids Anchorage supports. */
export function isPartitionId(value: string): value is PartitionId {
  return (PARTITION_IDS as readonly string[]).includes(value);
}

/**
 * The partition a region belongs to: first by the known list, then by each partition's region regex, so a
 * well-formed region launched after this release still resolves. Undefined when the name is not well formed.
 */
export function partitionOfRegion(region: string): Partition | undefined {
  return (
    PARTITIONS.find((p) => p.regions.some((x) => x.code === region)) ??
    PARTITIONS.find((p) => p.regionRegex.test(region))
  );
}

/** True when the region name is well formed for some partition (known or not). */
export function isWellFormedRegion(region: string): boolean {
  return partitionOfRegion(region) !== undefined;
}

/** True when the region is in our list (as opposed to only matching a partition's pattern). */
export function isKnownRegion(region: string): boolean {
  return PARTITIONS.some((p) => p.regions.some((x) => x.code === region));
}

/** Every known region of every partition, for pickers. */
export function allRegions(): Array<Region & { partition: PartitionId }> {
  return PARTITIONS.flatMap((p) => p.regions.map((x) => ({ ...x, partition: p.id })));
}

/**
 * Check a region name and return its partition.
 * @throws AnchorageError INVALID_INPUT when the name is not a well-formed region.
 */
function requirePartitionOfRegion(region: string): Partition {
  const partition = partitionOfRegion(region);
  if (!partition) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${region}" is not a well-formed AWS region name (like us-east-1 or eu-west-2).`,
      'Use the region of your trust anchor; it is the fourth part of its ARN.',
    );
  }
  return partition;
}

export interface EndpointOptions {
  /** Use the FIPS 140 endpoint (`SERVICE-fips.REGION…`), which exists only in US and GovCloud regions. */
  fips?: boolean;
}

function endpoint(service: string, region: string, options: EndpointOptions): string {
  const partition = requirePartitionOfRegion(region);
  if (options.fips && !region.startsWith('us-')) {
    // FIPS endpoints are published only for the US commercial and GovCloud regions (AWS FIPS endpoints page).
    throw new AnchorageError(
      'INVALID_INPUT',
      `There is no FIPS endpoint for ${service} in ${region}; FIPS endpoints exist only in US and GovCloud regions.`,
      'Turn off FIPS, or use a us-* or us-gov-* region.',
    );
  }
  const host = options.fips ? `${service}-fips` : service;
  return `https://${host}.${region}.${partition.dnsSuffix}`;
}

/**
 * The IAM Roles Anywhere endpoint of a region: `https://rolesanywhere.{region}.{dnsSuffix}`, or
 * `rolesanywhere-fips.…` with `{fips: true}` (US and GovCloud regions only).
 * @throws AnchorageError INVALID_INPUT for a malformed region or a FIPS request outside the US.
 */
export function rolesAnywhereEndpoint(region: string, options: EndpointOptions = {}): string {
  return endpoint('rolesanywhere', region, options);
}

/**
 * The regional STS endpoint: `https://sts.{region}.{dnsSuffix}` (or `sts-fips.…`).
 * @throws AnchorageError INVALID_INPUT for a malformed region or a FIPS request outside the US.
 */
export function stsEndpoint(region: string, options: EndpointOptions = {}): string {
  return endpoint('sts', region, options);
}
