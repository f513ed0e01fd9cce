import { partitionOfRegion } from '../../shared/domain/regions';

/** The AWS console pages the register step links to. */
export interface ConsoleLinks {
  /** IAM Roles Anywhere (trust anchors and profiles): a regional service, opened in the chosen region. */
  rolesAnywhere: string;
  /** IAM roles: a global service; the region only keeps the console's region selector where it was. */
  iam: string;
}

/**
 * Console addresses for a region, in the shapes AWS documents: the regional console endpoint
 * `https://{region}.console.aws.amazon.com` ("AWS Management Console endpoints and quotas") with the service
 * path and `?region=`, and the IAM console's `#/roles` page. Without a region, the plain console (it opens the
 * user's last region). GovCloud and China have consoles of their own (console.amazonaws-us-gov.com,
 * console.amazonaws.cn) that main does not open, so there are no links for them: undefined.
 */
export function consoleLinks(region: string | undefined): ConsoleLinks | undefined {
  if (!region) {
    return {
      rolesAnywhere: 'https://console.aws.amazon.com/rolesanywhere/home',
      iam: 'https://console.aws.amazon.com/iam/home#/roles',
    };
  }
  const partition = partitionOfRegion(region);
  if (partition?.id !== 'aws' || !/^[a-z0-9-]+$/.test(region)) return undefined;
  return {
    rolesAnywhere: `https://${region}.console.aws.amazon.com/rolesanywhere/home?region=${region}`,
    iam: `https://console.aws.amazon.com/iam/home?region=${region}#/roles`,
  };
}
