import { isWellFormedRegion } from '../shared/regions';

export interface ServiceGuess {
  service?: string;
  region?: string;
}

// Suffixes of AWS endpoint host names (commercial, China, dual-stack, function URLs).
const SUFFIXES = ['.amazonaws.com.cn', '.amazonaws.com', '.api.aws', '.on.aws'];
// Global services sign with us-east-1 (SigV4 docs, "Signing AWS API requests": IAM, STS global endpoint, …).
const GLOBAL_REGION = 'us-east-1';
// Host labels that are not the service's signing name.
const RENAMES: Record<string, string> = { 'lambda-url': 'lambda', 's3-accelerate': 's3', 'sts-fips': 'sts' };
const SKIP = new Set(['dualstack', 'fips']);

/**
 * Guess the SigV4 signing name and region from an AWS endpoint URL, for the workbench's editable defaults:
 * `https://sqs.eu-west-1.amazonaws.com` → sqs / eu-west-1, `https://iam.amazonaws.com` → iam / us-east-1,
 * `https://bucket.s3.us-west-2.amazonaws.com` → s3 / us-west-2. Unknown hosts give an empty guess.
 */
export function guessServiceRegion(url: string): ServiceGuess {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return {};
  }
  const suffix = SUFFIXES.find((s) => host.endsWith(s));
  if (!suffix) return {};
  const labels = host
    .slice(0, -suffix.length)
    .split('.')
    .filter((l) => l !== '' && !SKIP.has(l));
  if (labels.length === 0) return {};
  const last = labels[labels.length - 1] ?? '';
  if (isWellFormedRegion(last)) {
    const service = labels[labels.length - 2];
    return service ? { service: RENAMES[service] ?? service, region: last } : { region: last };
  }
  return { service: RENAMES[last] ?? last, region: GLOBAL_REGION };
}
