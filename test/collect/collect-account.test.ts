import {
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  S3Client,
  type ListBucketsCommandOutput,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectAccount } from '../../src/collect/collect-account.ts';
import { UserError } from '../../src/errors.ts';
import { S3_BUCKET_DATA_KEYS, type DataKey, type S3BucketDataKey } from '../../src/snapshot/types.ts';
import {
  ACCOUNT_ID,
  CALLER_ARN,
  awsError,
  bucketsOf,
  collectOptions,
  networkError,
  notesOf,
  readAll,
  sleep,
  useFakeCredentials,
} from './support.ts';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
const sts = mockClient(STSClient);

beforeEach(() => {
  useFakeCredentials();
  s3.reset();
  s3control.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: CALLER_ARN, UserId: 'AIDAEXAMPLE' });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A ListBuckets page; `region: null` for stores that do not return BucketRegion. */
function listing(names: readonly string[], region: string | null = 'us-east-1'): ListBucketsCommandOutput {
  return {
    $metadata: {},
    Buckets: names.map((name) => ({
      Name: name,
      CreationDate: new Date('2024-01-02T03:04:05.000Z'),
      ...(region === null ? {} : { BucketRegion: region }),
    })),
  };
}

/** The S3 operation each data key reads, for asserting which calls were made. */
const COMMAND_OF: Readonly<Record<S3BucketDataKey, string>> = {
  encryption: GetBucketEncryptionCommand.name,
  policy: GetBucketPolicyCommand.name,
  policyStatus: GetBucketPolicyStatusCommand.name,
  versioning: GetBucketVersioningCommand.name,
  logging: GetBucketLoggingCommand.name,
  objectLock: GetObjectLockConfigurationCommand.name,
  cors: GetBucketCorsCommand.name,
  publicAccessBlock: GetPublicAccessBlockCommand.name,
  acl: GetBucketAclCommand.name,
  ownershipControls: GetBucketOwnershipControlsCommand.name,
  lifecycle: GetBucketLifecycleConfigurationCommand.name,
};

/** Every S3 call made, as [command name, input]. */
function s3Calls(): { command: string; input: unknown }[] {
  return s3.calls().map((call) => ({ command: call.args[0].constructor.name, input: call.args[0].input }));
}

/** Makes every per-bucket read answer successfully with minimal data. */
function answerAllBucketReads(): void {
  s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  });
  s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
  s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
  s3.on(GetBucketCorsCommand).resolves({ CORSRules: [] });
  s3.on(GetPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  });
  s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [] });
  s3.on(GetBucketOwnershipControlsCommand).resolves({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
  s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [] });
}

describe('header', () => {
  it('identifies the account, partition and home region and lists the collected keys in canonical order', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: `arn:aws-us-gov:iam::${ACCOUNT_ID}:role/x` });
    s3.on(ListBucketsCommand).resolves(listing(['a', 'b']));
    s3.on(GetBucketVersioningCommand).resolves({});
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true } });

    const needs: DataKey[] = ['accountPublicAccessBlock', 'versioning'];
    const collection = await collectAccount(collectOptions({ region: 'us-gov-west-1' }, needs));

    expect(collection.bucketCount).toBe(2);
    expect(collection.header).toMatchObject({
      kind: 's3-audit-snapshot',
      schemaVersion: 1,
      tool: { name: 's3-audit' },
      account: {
        accountId: ACCOUNT_ID,
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
        publicAccessBlock: {
          state: 'present',
          value: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
        },
      },
      collected: ['versioning', 'accountPublicAccessBlock'],
    });
    expect(Number.isNaN(Date.parse(collection.header.collectedAt))).toBe(false);
    expect(s3control.commandCalls(GetAccountPublicAccessBlockCommand)[0]?.args[0].input).toEqual({ AccountId: ACCOUNT_ID });
    await readAll(collection.records);
  });

  it.each([
    ['missing configuration', awsError({ name: 'NoSuchPublicAccessBlockConfiguration', status: 404 }), { state: 'absent', code: 'NoSuchPublicAccessBlockConfiguration' }],
    [
      'AccessDenied',
      awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }),
      { state: 'error', operation: 'GetPublicAccessBlock', code: 'AccessDenied', message: 'Access Denied' },
    ],
  ])('account Block Public Access: %s', async (_case, err, expected) => {
    s3.on(ListBucketsCommand).resolves(listing([]));
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(err);
    const collection = await collectAccount(collectOptions({}, ['accountPublicAccessBlock']));
    expect(collection.header.account.publicAccessBlock).toEqual(expected);
  });

  it('does not call S3 Control unless the account settings are needed', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['a']));
    s3.on(GetBucketVersioningCommand).resolves({});
    const collection = await collectAccount(collectOptions({}, ['versioning']));
    await readAll(collection.records);
    expect(s3control.calls()).toHaveLength(0);
    expect(collection.header.account).not.toHaveProperty('publicAccessBlock');
  });
});

describe('ListBuckets', () => {
  it('follows ContinuationToken over 3 pages and sends MaxBuckets on every page', async () => {
    s3.on(ListBucketsCommand)
      .resolvesOnce({ ...listing(['a1', 'a2']), ContinuationToken: 't1' })
      .resolvesOnce({ ...listing(['b1']), ContinuationToken: 't2' })
      .resolvesOnce(listing(['c1']));

    const collection = await collectAccount(collectOptions());
    const records = await readAll(collection.records);

    expect(s3.commandCalls(ListBucketsCommand).map((call) => call.args[0].input)).toEqual([
      { MaxBuckets: 1000 },
      { MaxBuckets: 1000, ContinuationToken: 't1' },
      { MaxBuckets: 1000, ContinuationToken: 't2' },
    ]);
    expect(collection.bucketCount).toBe(4);
    expect(bucketsOf(records).map((bucket) => bucket.name).sort()).toEqual(['a1', 'a2', 'b1', 'c1']);
  });

  it('stops when a store hands back the token it was given', async () => {
    s3.on(ListBucketsCommand)
      .resolvesOnce({ ...listing(['a']), ContinuationToken: 'same' })
      .resolves({ ...listing(['b']), ContinuationToken: 'same' });
    const collection = await collectAccount(collectOptions());
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(2);
    expect(collection.bucketCount).toBe(2);
  });

  it('keeps only the buckets includeBucket selects', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['prod-a', 'dev-b', 'prod-c']));
    const collection = await collectAccount(collectOptions({ includeBucket: (name) => name.startsWith('prod-') }));
    const records = await readAll(collection.records);
    expect(collection.bucketCount).toBe(2);
    expect(bucketsOf(records).map((bucket) => bucket.name).sort()).toEqual(['prod-a', 'prod-c']);
    expect(records.filter((record) => record.type === 'unscanned-bucket')).toEqual([]);
  });

  it('with listUnscanned, names the left-out buckets first (name and region, no call) for the bucket index', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['prod-a', 'dev-b', 'prod-c', 'dev-d']));
    answerAllBucketReads();
    const options = collectOptions({ includeBucket: (name) => name.startsWith('prod-'), listUnscanned: true }, ['logging']);
    const collection = await collectAccount(options);
    const records = await readAll(collection.records);
    expect(collection.bucketCount).toBe(2);
    expect(records.slice(0, 2)).toEqual([
      { type: 'unscanned-bucket', name: 'dev-b', region: 'us-east-1' },
      { type: 'unscanned-bucket', name: 'dev-d', region: 'us-east-1' },
    ]);
    expect(bucketsOf(records).map((bucket) => bucket.name).sort()).toEqual(['prod-a', 'prod-c']);
    const buckets = s3Calls().flatMap((call) => (call.command === 'ListBucketsCommand' ? [] : [(call.input as { Bucket: string }).Bucket]));
    expect(buckets.sort()).toEqual(['prod-a', 'prod-c']);
  });

  it.each([
    [
      'AccessDenied names the missing permission',
      awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }),
      'ListBuckets failed: AccessDenied (Access Denied); the scan needs s3:ListAllMyBuckets',
    ],
    ['other failures give code and message', networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9000'), 'ListBuckets failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9000'],
  ])('%s', async (_case, err, message) => {
    s3.on(ListBucketsCommand).rejects(err);
    const failure = collectAccount(collectOptions());
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(message);
  });
});

describe('bucket region', () => {
  it('uses BucketRegion from ListBuckets without extra calls', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['eu'], 'eu-west-3'));
    const records = await readAll((await collectAccount(collectOptions())).records);
    expect(bucketsOf(records)).toEqual([{ name: 'eu', region: 'eu-west-3', creationDate: '2024-01-02T03:04:05.000Z' }]);
    expect(s3.commandCalls(HeadBucketCommand)).toHaveLength(0);
  });

  it.each([
    ['HeadBucket succeeds', () => s3.on(HeadBucketCommand).resolves({ BucketRegion: 'ap-south-1' }), 'ap-south-1'],
    [
      'HeadBucket answers 301 with the region header in its error response',
      () => s3.on(HeadBucketCommand).rejects(awsError({ status: 301, headers: { 'x-amz-bucket-region': 'eu-central-1' } })),
      'eu-central-1',
    ],
    [
      'HeadBucket answers 403 with the region header in its error response',
      () => s3.on(HeadBucketCommand).rejects(awsError({ name: 'Forbidden', status: 403, headers: { 'x-amz-bucket-region': 'sa-east-1' } })),
      'sa-east-1',
    ],
    ['HeadBucket fails without a region: home region', () => s3.on(HeadBucketCommand).rejects(networkError('ECONNRESET', 'socket hang up')), 'us-west-2'],
  ])('BucketRegion missing: %s', async (_case, arrange, region) => {
    s3.on(ListBucketsCommand).resolves(listing(['b'], null));
    arrange();
    s3.on(GetBucketVersioningCommand).resolves({});
    const records = await readAll((await collectAccount(collectOptions({ region: 'us-west-2' }, ['versioning']))).records);
    expect(bucketsOf(records).map((bucket) => bucket.region)).toEqual([region]);
    expect(s3.commandCalls(HeadBucketCommand)[0]?.args[0].input).toEqual({ Bucket: 'b', ExpectedBucketOwner: ACCOUNT_ID });
  });

  it('sends each bucket call with a client of the bucket region', async () => {
    s3.on(ListBucketsCommand).resolves({
      $metadata: {},
      Buckets: [
        { Name: 'east', BucketRegion: 'us-east-1' },
        { Name: 'paris', BucketRegion: 'eu-west-3' },
      ],
    });
    const regions = new Map<string, string>();
    s3.on(GetBucketVersioningCommand).callsFake(async (input: { Bucket?: string }, getClient: () => S3Client) => {
      regions.set(input.Bucket ?? '', await getClient().config.region());
      return {};
    });
    await readAll((await collectAccount(collectOptions({}, ['versioning']))).records);
    expect(Object.fromEntries(regions)).toEqual({ east: 'us-east-1', paris: 'eu-west-3' });
  });
});

describe('per-bucket calls', () => {
  it.each(S3_BUCKET_DATA_KEYS.map((key) => [key]))('needs={%s} makes only that call, once per bucket', async (key) => {
    s3.on(ListBucketsCommand).resolves(listing(['a', 'b']));
    answerAllBucketReads();
    const records = await readAll((await collectAccount(collectOptions({}, [key]))).records);
    const bucketCalls = s3Calls().filter((call) => call.command !== ListBucketsCommand.name);
    expect(bucketCalls.map((call) => call.command)).toEqual([COMMAND_OF[key], COMMAND_OF[key]]);
    for (const bucket of bucketsOf(records)) expect(bucket[key]).toMatchObject({ state: 'present' });
  });

  it('sets ExpectedBucketOwner on every bucket call', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['a', 'b', 'c'], null));
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'us-east-1' });
    answerAllBucketReads();
    await readAll((await collectAccount(collectOptions({}, [...S3_BUCKET_DATA_KEYS]))).records);
    const bucketCalls = s3Calls().filter((call) => call.command !== ListBucketsCommand.name);
    expect(bucketCalls).toHaveLength(3 * (S3_BUCKET_DATA_KEYS.length + 1));
    for (const call of bucketCalls) expect(call.input).toMatchObject({ ExpectedBucketOwner: ACCOUNT_ID });
  });

  it('collects every key into the bucket state, in canonical key order', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['a']));
    answerAllBucketReads();
    const records = await readAll((await collectAccount(collectOptions({}, [...S3_BUCKET_DATA_KEYS].reverse()))).records);
    const [bucket] = bucketsOf(records);
    expect(Object.keys(bucket ?? {})).toEqual(['name', 'region', 'creationDate', ...S3_BUCKET_DATA_KEYS]);
    expect(bucket).toMatchObject({
      encryption: { state: 'present', value: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] } },
      logging: { state: 'present', value: {} },
      ownershipControls: { state: 'present', value: { objectOwnership: 'BucketOwnerEnforced' } },
    });
  });

  it('records "not configured" answers as absent and failures as errors, per key', async () => {
    s3.on(ListBucketsCommand).resolves(listing(['a']));
    s3.on(GetBucketPolicyCommand).rejects(awsError({ code: 'NoSuchBucketPolicy', status: 404 }));
    s3.on(GetBucketCorsCommand).rejects(awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }));
    s3.on(GetBucketVersioningCommand).rejects(awsError({ code: 'SlowDown', status: 503, message: 'Please reduce your request rate.' }));
    const records = await readAll((await collectAccount(collectOptions({}, ['policy', 'cors', 'versioning']))).records);
    expect(bucketsOf(records)[0]).toMatchObject({
      policy: { state: 'absent', code: 'NoSuchBucketPolicy' },
      cors: { state: 'error', operation: 'GetBucketCors', code: 'AccessDenied', message: 'Access Denied' },
      versioning: { state: 'error', operation: 'GetBucketVersioning', code: 'SlowDown', message: 'Please reduce your request rate.' },
    });
  });

  it.each([
    ['a bucket read', () => s3.on(GetBucketPolicyCommand, { Bucket: 'gone' }).rejects(awsError({ code: 'NoSuchBucket', status: 404 })), 'GetBucketPolicy'],
    ['the region lookup', () => s3.on(HeadBucketCommand, { Bucket: 'gone' }).rejects(awsError({ name: 'NotFound', status: 404 })), 'HeadBucket'],
  ])('drops a bucket deleted mid-scan (NoSuchBucket from %s) and notes it', async (_case, arrange, operation) => {
    s3.on(ListBucketsCommand).resolves({
      $metadata: {},
      Buckets: [{ Name: 'kept', BucketRegion: 'us-east-1' }, { Name: 'gone' }],
    });
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'us-east-1' });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{}' });
    s3.on(GetBucketVersioningCommand).resolves({});
    arrange();
    const progress: [number, number][] = [];
    const collection = await collectAccount(
      collectOptions({ onBucketDone: (done, total) => progress.push([done, total]) }, ['policy', 'versioning']),
    );
    const records = await readAll(collection.records);
    expect(bucketsOf(records).map((bucket) => bucket.name)).toEqual(['kept']);
    expect(notesOf(records)).toEqual([
      `Bucket gone was deleted during the scan (${operation} answered NoSuchBucket); it is not in this report.`,
    ]);
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});

describe('STS', () => {
  it.each([
    [
      'no credentials anywhere',
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      /^No usable AWS credentials: Could not load credentials from any providers\. Sources tried: environment variables AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY, the shared config and credentials files \(AWS_PROFILE or --profile\), SSO, web identity .*container\/instance metadata\.$/,
    ],
    ['expired session token', new STSServiceException({ name: 'ExpiredToken', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'The security token included in the request is expired' }), /have expired \(ExpiredToken\); refresh them/],
    ['unknown access key', new STSServiceException({ name: 'InvalidClientTokenId', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'The security token included in the request is invalid.' }), /does not recognize the access key \(InvalidClientTokenId\)/],
    ['wrong secret', new STSServiceException({ name: 'SignatureDoesNotMatch', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'The request signature we calculated does not match' }), /rejected the request signature \(SignatureDoesNotMatch\)/],
    ['unreachable endpoint', networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), /^Could not identify the AWS account with STS GetCallerIdentity: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:1$/],
  ])('%s → one actionable UserError line', async (_case, err, message) => {
    sts.on(GetCallerIdentityCommand).rejects(err);
    const failure = collectAccount(collectOptions());
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(message);
    await failure.catch((error: unknown) => {
      expect(String(error)).not.toContain('\n');
    });
    expect(s3.calls()).toHaveLength(0);
  });

  it('names the profile in the message', async () => {
    sts.on(GetCallerIdentityCommand).rejects(new STSServiceException({ name: 'ExpiredToken', $fault: 'client', $metadata: {}, message: 'expired' }));
    await expect(collectAccount(collectOptions({ profile: 'audit' }))).rejects.toThrow('The AWS credentials (profile "audit") have expired');
  });
});

describe('concurrency', () => {
  it('never has more API calls in flight than the limit, across all buckets and operations', async () => {
    const names = Array.from({ length: 12 }, (_, index) => `bucket-${index}`);
    let inFlight = 0;
    let maxInFlight = 0;
    const delayed = async <T>(value: T): Promise<T> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(3);
      inFlight -= 1;
      return value;
    };
    sts.on(GetCallerIdentityCommand).callsFake(() => delayed({ Account: ACCOUNT_ID, Arn: CALLER_ARN }));
    s3control.on(GetAccountPublicAccessBlockCommand).callsFake(() => delayed({ PublicAccessBlockConfiguration: {} }));
    s3.on(ListBucketsCommand).callsFake(() => delayed(listing(names, null)));
    s3.on(HeadBucketCommand).callsFake(() => delayed({ BucketRegion: 'us-east-1' }));
    s3.on(GetBucketVersioningCommand).callsFake(() => delayed({}));
    s3.on(GetBucketPolicyCommand).callsFake(() => delayed({ Policy: '{}' }));
    s3.on(GetBucketAclCommand).callsFake(() => delayed({ Grants: [] }));

    const collection = await collectAccount(
      collectOptions({ concurrency: 3 }, ['accountPublicAccessBlock', 'versioning', 'policy', 'acl']),
    );
    const records = await readAll(collection.records);

    expect(bucketsOf(records)).toHaveLength(12);
    expect(s3.calls()).toHaveLength(1 + 12 * 4);
    expect(maxInFlight).toBe(3);
  });

  it('starts no more buckets than its window while the consumer is not reading', async () => {
    const names = Array.from({ length: 50 }, (_, index) => `bucket-${index}`);
    s3.on(ListBucketsCommand).resolves(listing(names));
    s3.on(GetBucketVersioningCommand).resolves({});
    const collection = await collectAccount(collectOptions({ concurrency: 2 }, ['versioning']));

    const iterator = collection.records[Symbol.asyncIterator]();
    await iterator.next();
    await sleep(30);
    // window = 2 × concurrency = 4, plus the one refilled when the first record was taken
    expect(s3.commandCalls(GetBucketVersioningCommand).length).toBeLessThanOrEqual(5);

    await iterator.return?.();
    await sleep(10);
    expect(s3.commandCalls(GetBucketVersioningCommand).length).toBeLessThanOrEqual(5);
  });
});
