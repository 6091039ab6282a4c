import { describe, expect, it } from 'vitest';
import { bucketFilter } from '../../src/cli/bucket-filter.ts';
import { resolveEndpoints, resolveRegion } from '../../src/cli/endpoints.ts';

describe('resolveEndpoints', () => {
  it.each([
    ['nothing set: the SDK defaults (real AWS)', undefined, {}, {}],
    ['--endpoint-url sends every service there', 'http://127.0.0.1:9000', { AWS_ENDPOINT_URL_S3: 'http://other' },
      { s3: 'http://127.0.0.1:9000', s3control: 'http://127.0.0.1:9000', sts: 'http://127.0.0.1:9000', kms: 'http://127.0.0.1:9000', glacier: 'http://127.0.0.1:9000', organizations: 'http://127.0.0.1:9000' }],
    ['AWS_ENDPOINT_URL applies to every service', undefined, { AWS_ENDPOINT_URL: 'http://h:1' },
      { s3: 'http://h:1', s3control: 'http://h:1', sts: 'http://h:1', kms: 'http://h:1', glacier: 'http://h:1', organizations: 'http://h:1' }],
    ['a service variable wins over AWS_ENDPOINT_URL for that service only', undefined,
      { AWS_ENDPOINT_URL: 'http://h:1', AWS_ENDPOINT_URL_S3_CONTROL: 'http://control:2' },
      { s3: 'http://h:1', s3control: 'http://control:2', sts: 'http://h:1', kms: 'http://h:1', glacier: 'http://h:1', organizations: 'http://h:1' }],
    ['only S3 redirected: the other services stay on AWS', undefined, { AWS_ENDPOINT_URL_S3: 'https://s3.example' }, { s3: 'https://s3.example' }],
    ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the variables off', undefined,
      { AWS_ENDPOINT_URL: 'http://h:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, {}],
  ])('%s', (_name, flag, env, expected) => {
    expect(resolveEndpoints(flag, env)).toEqual(expected);
  });

  it.each([
    ['--endpoint-url', 'localhost:9000', undefined, /--endpoint-url: 'localhost:9000' must start with http/],
    ['AWS_ENDPOINT_URL_STS', undefined, { AWS_ENDPOINT_URL_STS: 'nope' }, /AWS_ENDPOINT_URL_STS: 'nope' is not a URL/],
  ])('rejects a bad %s naming where it came from', (_source, flag, env, message) => {
    expect(() => resolveEndpoints(flag, env ?? {})).toThrow(message);
  });
});

describe('resolveRegion', () => {
  it.each([
    ['the flag wins', 'eu-west-1', { AWS_REGION: 'us-west-2' }, 'eu-west-1'],
    ['then AWS_REGION', undefined, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' }, 'us-west-2'],
    ['then AWS_DEFAULT_REGION', undefined, { AWS_DEFAULT_REGION: 'ap-south-1' }, 'ap-south-1'],
    ['an empty variable is not a region', undefined, { AWS_REGION: '' }, 'us-east-1'],
    ['else us-east-1', undefined, {}, 'us-east-1'],
  ])('%s', (_name, flag, env, expected) => {
    expect(resolveRegion(flag, env)).toBe(expected);
  });
});

describe('bucketFilter', () => {
  const names = ['prod-data', 'prod-logs', 'dev-data', 'my.dotted.bucket'];
  it.each([
    ['no globs: every bucket', [], [], names],
    ['--bucket selects by whole-name glob', ['prod-*'], [], ['prod-data', 'prod-logs']],
    ['a glob is anchored, never a substring match', ['data'], [], []],
    ['--exclude-bucket removes from the selection', ['prod-*'], ['*-logs'], ['prod-data']],
    ['several globs are alternatives', ['dev-*', 'my.*'], [], ['dev-data', 'my.dotted.bucket']],
    ['? matches one character', ['dev-dat?'], [], ['dev-data']],
  ])('%s', (_name, include, exclude, expected) => {
    expect(names.filter(bucketFilter(include, exclude))).toEqual(expected);
  });
});
