import { describe, expect, it } from 'vitest';
import { consoleLinks } from '../../../../renderer/wizard/console-links';

describe('consoleLinks', () => {
  it('opens Roles Anywhere on the regional console endpoint and IAM roles with the region', () => {
    expect(consoleLinks('eu-west-1')).toEqual({
      rolesAnywhere: 'https://eu-west-1.console.aws.amazon.com/rolesanywhere/home?region=eu-west-1',
      iam: 'https://console.aws.amazon.com/iam/home?region=eu-west-1#/roles',
    });
  });

  it('links to the plain console before a region is chosen', () => {
    expect(consoleLinks(undefined)).toEqual({
      rolesAnywhere: 'https://console.aws.amazon.com/rolesanywhere/home',
      iam: 'https://console.aws.amazon.com/iam/home#/roles',
    });
  });

  it('has no links for partitions with consoles of their own, or for a malformed region', () => {
    expect(consoleLinks('us-gov-west-1')).toBeUndefined();
    expect(consoleLinks('cn-north-1')).toBeUndefined();
    expect(consoleLinks('not a region')).toBeUndefined();
  });
});
