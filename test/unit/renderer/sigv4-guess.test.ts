import { describe, expect, it } from 'vitest';
import { guessServiceRegion } from '../../../renderer/sigv4-guess';

describe('guessServiceRegion', () => {
  it.each([
    ['https://sqs.eu-west-1.amazonaws.com/', 'sqs', 'eu-west-1'],
    ['https://sts.amazonaws.com/?Action=GetCallerIdentity', 'sts', 'us-east-1'],
    ['https://iam.amazonaws.com/', 'iam', 'us-east-1'],
    ['https://my-bucket.s3.us-west-2.amazonaws.com/key', 's3', 'us-west-2'],
    ['https://s3.dualstack.ap-south-1.amazonaws.com/', 's3', 'ap-south-1'],
    ['https://abc123.execute-api.eu-central-1.amazonaws.com/prod', 'execute-api', 'eu-central-1'],
    ['https://xyz.lambda-url.us-east-2.on.aws/', 'lambda', 'us-east-2'],
    ['https://ec2.cn-north-1.amazonaws.com.cn/', 'ec2', 'cn-north-1'],
    ['https://rolesanywhere.us-gov-west-1.amazonaws.com/', 'rolesanywhere', 'us-gov-west-1'],
  ])('%s → %s in %s', (url, service, region) => {
    expect(guessServiceRegion(url)).toEqual({ service, region });
  });

  it('gives no guess for other hosts or bad URLs', () => {
    expect(guessServiceRegion('https://example.com/')).toEqual({});
    expect(guessServiceRegion('not a url')).toEqual({});
  });
});
