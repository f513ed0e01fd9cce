import { describe, expect, it } from 'vitest';
import { guessServiceAndRegion } from '../../../shared/domain/service-guess';

describe('guessServiceAndRegion', () => {
  it.each([
    ['https://sts.eu-west-1.amazonaws.com/', 'sts', 'eu-west-1'],
    ['https://sts.amazonaws.com/', 'sts', 'us-east-1'],
    ['https://iam.amazonaws.com/', 'iam', 'us-east-1'],
    ['https://rolesanywhere.ap-southeast-2.amazonaws.com/sessions', 'rolesanywhere', 'ap-southeast-2'],
    ['https://rolesanywhere-fips.us-gov-west-1.amazonaws.com/', 'rolesanywhere', 'us-gov-west-1'],
    ['https://bucket.s3.eu-central-1.amazonaws.com/key', 's3', 'eu-central-1'],
    ['https://bucket.s3.amazonaws.com/key', 's3', 'us-east-1'],
    ['https://s3-us-west-2.amazonaws.com/b/k', 's3', 'us-west-2'],
    ['https://abc123.execute-api.us-east-2.amazonaws.com/prod', 'execute-api', 'us-east-2'],
    ['https://email.us-west-2.amazonaws.com/', 'ses', 'us-west-2'],
    ['https://runtime.sagemaker.us-east-1.amazonaws.com/', 'sagemaker', 'us-east-1'],
    ['https://ec2.cn-north-1.amazonaws.com.cn/', 'ec2', 'cn-north-1'],
    ['https://dynamodb.us-east-1.api.aws/', 'dynamodb', 'us-east-1'],
    ['https://sqs.eu-west-1.amazonaws.com/', 'sqs', 'eu-west-1'],
    ['https://sts.amazonaws.com/?Action=GetCallerIdentity', 'sts', 'us-east-1'],
    ['https://iam.amazonaws.com/', 'iam', 'us-east-1'],
    ['https://my-bucket.s3.us-west-2.amazonaws.com/key', 's3', 'us-west-2'],
    ['https://s3.dualstack.ap-south-1.amazonaws.com/', 's3', 'ap-south-1'],
    ['https://abc123.execute-api.eu-central-1.amazonaws.com/prod', 'execute-api', 'eu-central-1'],
    ['https://xyz.lambda-url.us-east-2.on.aws/', 'lambda', 'us-east-2'],
    ['https://ec2.cn-north-1.amazonaws.com.cn/', 'ec2', 'cn-north-1'],
    ['https://rolesanywhere.us-gov-west-1.amazonaws.com/', 'rolesanywhere', 'us-gov-west-1'],
    ['https://ap-123456789012.s3-object-lambda.eu-west-1.amazonaws.com/k', 's3-object-lambda', 'eu-west-1'],
    ['https://ap-1-123.op-0123.s3-outposts.us-west-2.amazonaws.com/k', 's3-outposts', 'us-west-2'],
  ])('%s → %s in %s', (url, service, region) => {
    expect(guessServiceAndRegion(url)).toEqual({ service, region });
  });

  it('returns undefined for non-AWS hosts and garbage', () => {
    expect(guessServiceAndRegion('https://example.com/')).toBeUndefined();
    expect(guessServiceAndRegion('nope')).toBeUndefined();
  });
});
