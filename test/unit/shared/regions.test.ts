import { describe, expect, it } from 'vitest';
import {
  PARTITIONS,
  allRegions,
  isKnownRegion,
  isWellFormedRegion,
  partitionOfRegion,
  rolesAnywhereEndpoint,
  stsEndpoint,
} from '../../../shared/domain/regions';

describe('partitions and regions', () => {
  it('has the three partitions with their DNS suffixes', () => {
    expect(PARTITIONS.map((p) => [p.id, p.dnsSuffix])).toEqual([
      ['aws-us-gov', 'amazonaws.com'],
      ['aws-cn', 'amazonaws.com.cn'],
      ['aws', 'amazonaws.com'],
    ]);
  });

  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-2', 'aws'],
    ['ap-southeast-2', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['cn-northwest-1', 'aws-cn'],
    // Not in the list, but well formed: a region launched after this release.
    ['eu-east-9', 'aws'],
    ['us-gov-south-3', 'aws-us-gov'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOfRegion(region)?.id).toBe(partition);
  });

  it('rejects malformed names and tells known from merely well-formed', () => {
    for (const bad of ['', 'us-east', 'US-EAST-1', 'useast1', 'xx-east-1', 'us-east-1 ', 'cn-north']) {
      expect(isWellFormedRegion(bad), bad).toBe(false);
    }
    expect(isKnownRegion('us-east-1')).toBe(true);
    expect(isKnownRegion('eu-east-9')).toBe(false);
    expect(allRegions().length).toBe(new Set(allRegions().map((r) => r.code)).size);
    for (const r of allRegions()) expect(partitionOfRegion(r.code)?.id, r.code).toBe(r.partition);
  });
});

describe('endpoints', () => {
  it('builds Roles Anywhere and STS endpoints per partition', () => {
    expect(rolesAnywhereEndpoint('us-east-1')).toBe('https://rolesanywhere.us-east-1.amazonaws.com');
    expect(rolesAnywhereEndpoint('cn-north-1')).toBe('https://rolesanywhere.cn-north-1.amazonaws.com.cn');
    expect(rolesAnywhereEndpoint('us-gov-west-1')).toBe('https://rolesanywhere.us-gov-west-1.amazonaws.com');
    expect(stsEndpoint('eu-central-1')).toBe('https://sts.eu-central-1.amazonaws.com');
    expect(stsEndpoint('cn-northwest-1')).toBe('https://sts.cn-northwest-1.amazonaws.com.cn');
  });

  it('offers FIPS only in US and GovCloud regions', () => {
    expect(rolesAnywhereEndpoint('us-east-2', { fips: true })).toBe(
      'https://rolesanywhere-fips.us-east-2.amazonaws.com',
    );
    expect(rolesAnywhereEndpoint('us-gov-east-1', { fips: true })).toBe(
      'https://rolesanywhere-fips.us-gov-east-1.amazonaws.com',
    );
    expect(stsEndpoint('us-west-2', { fips: true })).toBe('https://sts-fips.us-west-2.amazonaws.com');
    expect(() => rolesAnywhereEndpoint('eu-west-1', { fips: true })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('eu-west-1') }),
    );
  });

  it('refuses a malformed region with a hint', () => {
    expect(() => rolesAnywhereEndpoint('virginia')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', hint: expect.any(String) }),
    );
  });
});
