/**
 * The signing names that follow S3's SigV4 rules rather than everyone else's: the canonical URI is the path
 * encoded once, never normalized, and `x-amz-content-sha256` is signed (SigV4 docs, "Create a canonical request":
 * "Each path segment must be URI-encoded twice (except for Amazon S3 which only gets URI-encoded once)"; S3 API
 * reference: "You do not normalize URI paths"). botocore's S3SigV4Auth signs exactly these three.
 */
export const S3_FAMILY: readonly string[] = ['s3', 's3-object-lambda', 's3-outposts'];

/** True when `service` is signed by S3's rules (see {@link S3_FAMILY}). */
export function isS3Family(service: string): boolean {
  return S3_FAMILY.includes(service);
}

/** The SigV4 signing name and region of an AWS endpoint URL, for the signing workbench's editable defaults. */
export interface ServiceGuess {
  service: string;
  region: string;
}

// Endpoint prefixes whose signing name differs (SDK service models, `signingName`).
const SIGNING_NAMES: Record<string, string> = {
  email: 'ses',
  'runtime.sagemaker': 'sagemaker',
  'streams.dynamodb': 'dynamodb',
  'data.iot': 'iotdata',
  'data-ats.iot': 'iotdata',
  'runtime.lex': 'lex',
  monitoring: 'monitoring',
  'execute-api': 'execute-api',
  'lambda-url': 'lambda',
  aoss: 'aoss',
  es: 'es',
};
// Global services and the region they sign for (SigV4 docs: IAM, global STS, Route 53, CloudFront use us-east-1).
const GLOBAL: Record<string, string> = {
  iam: 'us-east-1',
  sts: 'us-east-1',
  s3: 'us-east-1',
  route53: 'us-east-1',
  cloudfront: 'us-east-1',
  organizations: 'us-east-1',
};

/**
 * Guess the signing service and region from an AWS endpoint URL, e.g. `https://sts.eu-west-1.amazonaws.com`
 * → `{service:'sts', region:'eu-west-1'}`. Returns undefined for hosts that are not AWS endpoints.
 */
export function guessServiceAndRegion(urlText: string): ServiceGuess | undefined {
  // The host of an absolute http(s) URL (shared/ is pure TypeScript, without the WHATWG URL global).
  const match = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(urlText.trim());
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  // amazonaws.com(.cn), dual-stack api.aws, and on.aws (Lambda function URLs).
  const suffix = /\.(amazonaws\.com(\.cn)?|api\.aws|on\.aws)$/.exec(host);
  if (!suffix) return undefined;
  const labels = host.slice(0, suffix.index).split('.');
  const regionRe = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
  const regionIndex = labels.findIndex((l) => regionRe.test(l));
  const cleanup = (name: string): string => name.replace(/-fips$/, '');
  // S3 Object Lambda access points and S3 on Outposts have their own signing names (S3_FAMILY).
  const s3Special = labels.find((l) => l === 's3-object-lambda' || l === 's3-outposts');
  if (s3Special) return { service: s3Special, region: regionIndex >= 0 ? labels[regionIndex]! : 'us-east-1' };
  // S3: bucket.s3.region…, s3.region…, s3-region… (legacy), bucket.s3.amazonaws.com, s3.dualstack.region…
  const s3 = labels.findIndex((l) => l === 's3' || l === 's3-fips' || /^s3-/.test(l));
  if (s3 >= 0) {
    const legacy = /^s3-(.+)$/.exec(labels[s3] ?? '');
    const region =
      regionIndex >= 0
        ? labels[regionIndex]
        : legacy && regionRe.test(legacy[1] ?? '')
          ? legacy[1]
          : 'us-east-1';
    return { service: 's3', region: region ?? 'us-east-1' };
  }
  if (regionIndex < 0) {
    const service = cleanup(labels[labels.length - 1] ?? '');
    const region = GLOBAL[service] ?? (suffix[2] ? 'cn-north-1' : 'us-east-1');
    return service ? { service, region } : undefined;
  }
  const region = labels[regionIndex] ?? '';
  let before = labels.slice(0, regionIndex).filter((l) => l !== 'dualstack');
  // `{api-id}.execute-api.{region}` and `{url-id}.lambda-url.{region}.on.aws`: the resource id comes first.
  if (before.includes('execute-api')) return { service: 'execute-api', region };
  if (before.includes('lambda-url')) return { service: 'lambda', region };
  const joined = before.map(cleanup).join('.');
  if (SIGNING_NAMES[joined]) return { service: SIGNING_NAMES[joined], region };
  before = before.map(cleanup);
  const service = before[before.length - 1];
  return service ? { service, region } : undefined;
}
