import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import {
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  paginateListBuckets,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  NoSuchPublicAccessBlockConfiguration,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { S3BucketDataKey } from '../src/snapshot/types.ts';
import { kmsClient, s3Client, s3ControlClient, stsClient, TEST_CREDENTIALS } from './support/aws-endpoint/clients.ts';
import { expectedBucketData, loadFixture, ownerId, parseFixture, startAwsEndpoint } from './support/aws-endpoint/index.ts';
import type { AccountFixture, AwsEndpoint, BucketFixture } from './support/aws-endpoint/index.ts';

const DEMO_FIXTURE = fileURLToPath(new URL('../fixtures/demo-account.json', import.meta.url));
const CLI = fileURLToPath(new URL('./support/aws-endpoint/cli.ts', import.meta.url));

const LOCAL_KEY = 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-4333-8444-555555555555';
const FOREIGN_KEY = 'arn:aws:kms:us-east-1:444455556666:key/99999999-8888-4777-8666-555555555555';

const UNIT: AccountFixture = {
  accountId: '111122223333',
  buckets: [
    { name: 'bare-bucket', region: 'us-east-1' },
    {
      name: 'eu-logs-simple',
      region: 'eu-west-1',
      logging: { target: { bucket: 'eu-log-sink', prefix: 'logs/', keyFormat: 'simple' } },
      lifecycle: {
        rules: [
          {
            id: 'tiering',
            status: 'Enabled',
            prefix: 'data/',
            transitions: [{ days: 30, storageClass: 'STANDARD_IA' }],
            expirationDays: 365,
            noncurrentVersionExpirationDays: 30,
            abortIncompleteMultipartUploadDays: 7,
          },
          { status: 'Disabled' },
        ],
      },
      objectLock: { enabled: true },
      encryption: { rules: [{ bucketKeyEnabled: true }] },
    },
    { name: 'au-bucket', region: 'ap-southeast-2', objectLock: { enabled: false } },
    {
      name: 'faulty-bucket',
      region: 'us-east-1',
      policy: { Version: '2012-10-17', Statement: [] },
      faults: {
        GetBucketPolicy: 'AccessDenied',
        GetBucketCors: { code: 'SlowDown', times: 1 },
        GetBucketAcl: { kind: 'reset', times: 1 },
        GetBucketEncryption: { kind: 'reset' },
        GetBucketLogging: { kind: 'malformed' },
        GetBucketVersioning: { kind: 'delay', ms: 150 },
        GetBucketLifecycleConfiguration: { code: 'InternalError', times: 2 },
        GetBucketOwnershipControls: { code: 'TeapotError', status: 418, message: 'short and stout' },
      },
    },
  ],
  kmsKeys: [
    { arn: LOCAL_KEY, aliases: ['alias/app'], rotationEnabled: true, rotationPeriodInDays: 90, description: 'app data' },
    { arn: FOREIGN_KEY, aliases: ['alias/theirs'] },
    { arn: 'arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-0000-4000-8000-000000000001', aliases: ['alias/aws/s3'], keyManager: 'AWS' },
    { arn: 'arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-0000-4000-8000-000000000002', keySpec: 'RSA_2048' },
    {
      arn: 'arn:aws:kms:eu-west-1:111122223333:key/aaaaaaaa-0000-4000-8000-000000000003',
      keyState: 'PendingDeletion',
      rotationEnabled: true,
      deletionDate: '2027-01-01T00:00:00.000Z',
    },
    {
      arn: 'arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-0000-4000-8000-000000000004',
      faults: { DescribeKey: 'AccessDeniedException' },
    },
  ],
};

/** Runs `send` and returns the SDK error it rejects with. */
async function sdkError(send: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await send;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function rejection(send: Promise<unknown>): Promise<Error> {
  try {
    await send;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function clientsByRegion(url: string): (region: string) => S3Client {
  const clients = new Map<string, S3Client>();
  return (region) => {
    const existing = clients.get(region);
    if (existing !== undefined) return existing;
    const client = s3Client(url, region);
    clients.set(region, client);
    return client;
  };
}

const NOT_CONFIGURED_CODES = new Set([
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchBucketPolicy',
  'ObjectLockConfigurationNotFoundError',
  'NoSuchCORSConfiguration',
  'NoSuchPublicAccessBlockConfiguration',
  'OwnershipControlsNotFoundError',
  'NoSuchLifecycleConfiguration',
]);

type Observation = { state: 'present'; value: unknown } | { state: 'absent'; code: string } | { state: 'error'; code: string };

async function observe(read: () => Promise<unknown>): Promise<Observation> {
  try {
    return { state: 'present', value: await read() };
  } catch (error) {
    if (!(error instanceof S3ServiceException)) throw error;
    return NOT_CONFIGURED_CODES.has(error.name) ? { state: 'absent', code: error.name } : { state: 'error', code: error.name };
  }
}

/** A minimal collector: the SDK's parsed output mapped onto the snapshot's normalized types. */
function readers(client: S3Client, Bucket: string): Record<S3BucketDataKey, () => Promise<unknown>> {
  return {
    encryption: async () => {
      const out = await client.send(new GetBucketEncryptionCommand({ Bucket }));
      return {
        rules: (out.ServerSideEncryptionConfiguration?.Rules ?? []).map((r) => ({
          sseAlgorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
          kmsMasterKeyId: r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
          bucketKeyEnabled: r.BucketKeyEnabled ?? false,
          blockedEncryptionTypes: r.BlockedEncryptionTypes?.EncryptionType,
        })),
      };
    },
    policy: async () => ({ text: (await client.send(new GetBucketPolicyCommand({ Bucket }))).Policy }),
    policyStatus: async () => ({ isPublic: (await client.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic }),
    versioning: async () => {
      const out = await client.send(new GetBucketVersioningCommand({ Bucket }));
      return { status: out.Status, mfaDelete: out.MFADelete };
    },
    logging: async () => {
      const enabled = (await client.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled;
      if (enabled === undefined) return {};
      const format = enabled.TargetObjectKeyFormat;
      const keyFormat = format?.PartitionedPrefix !== undefined ? 'partitioned' : format?.SimplePrefix !== undefined ? 'simple' : undefined;
      return { target: { bucket: enabled.TargetBucket, prefix: enabled.TargetPrefix, keyFormat } };
    },
    objectLock: async () => {
      const config = (await client.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration;
      const retention = config?.Rule?.DefaultRetention;
      return {
        enabled: config?.ObjectLockEnabled === 'Enabled',
        defaultRetention: retention && { mode: retention.Mode, days: retention.Days, years: retention.Years },
      };
    },
    cors: async () => ({
      rules: ((await client.send(new GetBucketCorsCommand({ Bucket }))).CORSRules ?? []).map((r) => ({
        id: r.ID,
        allowedOrigins: r.AllowedOrigins,
        allowedMethods: r.AllowedMethods,
        allowedHeaders: r.AllowedHeaders ?? [],
        exposeHeaders: r.ExposeHeaders ?? [],
        maxAgeSeconds: r.MaxAgeSeconds,
      })),
    }),
    publicAccessBlock: async () => {
      const c = (await client.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration;
      return {
        blockPublicAcls: c?.BlockPublicAcls,
        ignorePublicAcls: c?.IgnorePublicAcls,
        blockPublicPolicy: c?.BlockPublicPolicy,
        restrictPublicBuckets: c?.RestrictPublicBuckets,
      };
    },
    acl: async () => {
      const out = await client.send(new GetBucketAclCommand({ Bucket }));
      return {
        ownerId: out.Owner?.ID,
        grants: (out.Grants ?? []).map((g) => ({
          granteeType: g.Grantee?.Type,
          id: g.Grantee?.ID,
          uri: g.Grantee?.URI,
          email: g.Grantee?.EmailAddress,
          permission: g.Permission,
        })),
      };
    },
    ownershipControls: async () => ({
      objectOwnership: (await client.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules?.[0]?.ObjectOwnership,
    }),
    lifecycle: async () => ({
      rules: ((await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules ?? []).map((r) => ({ id: r.ID, status: r.Status })),
    }),
  };
}

async function observeBucket(client: S3Client, bucket: BucketFixture): Promise<Record<string, Observation>> {
  const entries = await Promise.all(Object.entries(readers(client, bucket.name)).map(async ([key, read]) => [key, await observe(read)] as const));
  return Object.fromEntries(entries);
}

describe('aws-endpoint: demo account through the real SDK clients', () => {
  let demo: AccountFixture;
  let endpoint: AwsEndpoint;

  beforeAll(async () => {
    demo = await loadFixture(DEMO_FIXTURE);
    endpoint = await startAwsEndpoint(demo);
  });
  afterAll(() => endpoint.close());

  it('identifies the caller over STS awsQuery', async () => {
    const out = await stsClient(endpoint.url).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: '123456789012', Arn: demo.callerArn, UserId: demo.callerUserId });
  });

  it('lists ~8 buckets across us-east-1, eu-west-1 and ap-southeast-2', async () => {
    const out = await s3Client(endpoint.url, 'us-east-1').send(new ListBucketsCommand({ MaxBuckets: 1000 }));
    const regions = new Set(out.Buckets?.map((b) => b.BucketRegion));
    expect(out.Buckets?.length).toBe(demo.buckets.length);
    expect(regions).toEqual(new Set(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
    expect(out.Owner?.ID).toBe(demo.ownerId);
  });

  it('round-trips every bucket configuration through the SDK parsers to the fixture values', async () => {
    const clientFor = clientsByRegion(endpoint.url);
    for (const bucket of demo.buckets) {
      const observed = await observeBucket(clientFor(bucket.region), bucket);
      expect({ bucket: bucket.name, observed }).toEqual({ bucket: bucket.name, observed: expectedBucketData(bucket, demo) });
    }
  });

  it('resolves every default-encryption KMS key of the demo (ARN and alias)', async () => {
    for (const bucket of demo.buckets) {
      const keyId = bucket.encryption?.rules[0]?.kmsMasterKeyId;
      if (keyId === undefined) continue;
      const out = await kmsClient(endpoint.url, bucket.region).send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(out.KeyMetadata?.Arn).toMatch(new RegExp(`^arn:aws:kms:${bucket.region}:123456789012:key/`));
    }
  });

  it('serves the account Block Public Access over S3 Control', async () => {
    const out = await s3ControlClient(endpoint.url).send(new GetAccountPublicAccessBlockCommand({ AccountId: '123456789012' }));
    expect(out.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
  });
});

describe('aws-endpoint: S3 wire details', () => {
  let endpoint: AwsEndpoint;
  const us = (): S3Client => s3Client(endpoint.url, 'us-east-1');

  beforeAll(async () => {
    endpoint = await startAwsEndpoint(UNIT);
  });
  beforeEach(() => {
    endpoint.reset();
  });
  afterAll(() => endpoint.close());

  it('answers every "not configured" exactly as AWS does', async () => {
    const Bucket = 'bare-bucket';
    const s3 = us();
    const cases = [
      [() => s3.send(new GetBucketEncryptionCommand({ Bucket })), 'ServerSideEncryptionConfigurationNotFoundError'],
      [() => s3.send(new GetBucketPolicyCommand({ Bucket })), 'NoSuchBucketPolicy'],
      [() => s3.send(new GetBucketPolicyStatusCommand({ Bucket })), 'NoSuchBucketPolicy'],
      [() => s3.send(new GetObjectLockConfigurationCommand({ Bucket })), 'ObjectLockConfigurationNotFoundError'],
      [() => s3.send(new GetBucketCorsCommand({ Bucket })), 'NoSuchCORSConfiguration'],
      [() => s3.send(new GetPublicAccessBlockCommand({ Bucket })), 'NoSuchPublicAccessBlockConfiguration'],
      [() => s3.send(new GetBucketOwnershipControlsCommand({ Bucket })), 'OwnershipControlsNotFoundError'],
      [() => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })), 'NoSuchLifecycleConfiguration'],
    ] as const;
    for (const [send, code] of cases) {
      const error = await sdkError(send());
      expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name: code, status: 404 });
    }
    const versioning = await us().send(new GetBucketVersioningCommand({ Bucket }));
    expect([versioning.Status, versioning.MFADelete]).toEqual([undefined, undefined]);
    const logging = await us().send(new GetBucketLoggingCommand({ Bucket }));
    expect(logging.LoggingEnabled).toBeUndefined();
    const acl = await us().send(new GetBucketAclCommand({ Bucket }));
    expect(acl.Owner?.ID).toBe(ownerId(UNIT));
    expect(acl.Grants).toEqual([
      { Grantee: { Type: 'CanonicalUser', ID: ownerId(UNIT) }, Permission: 'FULL_CONTROL' },
    ]);
  });

  it('treats objectLock enabled:false as not configured (AWS has no disabled state)', async () => {
    const error = await sdkError(s3Client(endpoint.url, 'ap-southeast-2').send(new GetObjectLockConfigurationCommand({ Bucket: 'au-bucket' })));
    expect(error.name).toBe('ObjectLockConfigurationNotFoundError');
  });

  it('parses simple log key format, lifecycle actions, lock without retention and a rule without a default', async () => {
    const eu = s3Client(endpoint.url, 'eu-west-1');
    const Bucket = 'eu-logs-simple';
    const logging = await eu.send(new GetBucketLoggingCommand({ Bucket }));
    expect(logging.LoggingEnabled).toMatchObject({ TargetBucket: 'eu-log-sink', TargetPrefix: 'logs/' });
    expect(logging.LoggingEnabled?.TargetObjectKeyFormat?.SimplePrefix).toBeDefined();
    expect(logging.LoggingEnabled?.TargetObjectKeyFormat?.PartitionedPrefix).toBeUndefined();
    const lifecycle = await eu.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    expect(lifecycle.Rules?.[0]).toMatchObject({
      ID: 'tiering',
      Status: 'Enabled',
      Filter: { Prefix: 'data/' },
      Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }],
      Expiration: { Days: 365 },
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    });
    expect(lifecycle.Rules?.[1]).toMatchObject({ Status: 'Disabled' });
    const lock = await eu.send(new GetObjectLockConfigurationCommand({ Bucket }));
    expect(lock.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled' });
    const encryption = await eu.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules).toEqual([{ BucketKeyEnabled: true }]);
  });

  it('answers GetBucketLocation from any region (null for us-east-1)', async () => {
    expect((await us().send(new GetBucketLocationCommand({ Bucket: 'eu-logs-simple' }))).LocationConstraint).toBe('eu-west-1');
    expect((await us().send(new GetBucketLocationCommand({ Bucket: 'bare-bucket' }))).LocationConstraint).toBeUndefined();
  });

  it('answers HeadBucket with x-amz-bucket-region, 404 without a body for a missing bucket', async () => {
    expect((await us().send(new HeadBucketCommand({ Bucket: 'bare-bucket' }))).BucketRegion).toBe('us-east-1');
    const missing = await sdkError(us().send(new HeadBucketCommand({ Bucket: 'no-such-bucket-here' })));
    expect({ name: missing.name, status: missing.$metadata.httpStatusCode }).toEqual({ name: 'NotFound', status: 404 });
  });

  it('answers NoSuchBucket for configuration reads of an unknown bucket', async () => {
    const error = await sdkError(us().send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket-here' })));
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name: 'NoSuchBucket', status: 404 });
  });

  it('redirects requests signed for the wrong region with 301 PermanentRedirect and x-amz-bucket-region', async () => {
    const error = await sdkError(us().send(new GetBucketPolicyCommand({ Bucket: 'eu-logs-simple' })));
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name: 'PermanentRedirect', status: 301 });
    expect(error.$response?.headers['x-amz-bucket-region']).toBe('eu-west-1');
    const head = await sdkError(us().send(new HeadBucketCommand({ Bucket: 'eu-logs-simple' })));
    expect(head.$metadata.httpStatusCode).toBe(301);
    expect(head.$response?.headers['x-amz-bucket-region']).toBe('eu-west-1');
    const listed = await s3Client(endpoint.url, 'ap-southeast-2').send(new ListBucketsCommand({ MaxBuckets: 10 }));
    expect(listed.Buckets?.length).toBe(UNIT.buckets.length);
    expect(endpoint.requests.map((r) => [r.operation, r.region, r.status])).toEqual([
      ['GetBucketPolicy', 'us-east-1', 301],
      ['HeadBucket', 'us-east-1', 301],
      ['ListBuckets', 'ap-southeast-2', 200],
    ]);
  });

  it('denies a bucket read whose ExpectedBucketOwner is another account', async () => {
    const denied = await sdkError(us().send(new GetBucketAclCommand({ Bucket: 'bare-bucket', ExpectedBucketOwner: '999999999999' })));
    expect({ name: denied.name, status: denied.$metadata.httpStatusCode }).toEqual({ name: 'AccessDenied', status: 403 });
    const head = await sdkError(us().send(new HeadBucketCommand({ Bucket: 'bare-bucket', ExpectedBucketOwner: '999999999999' })));
    expect(head.$metadata.httpStatusCode).toBe(403);
    const allowed = await us().send(new GetBucketAclCommand({ Bucket: 'bare-bucket', ExpectedBucketOwner: UNIT.accountId }));
    expect(allowed.Grants?.length).toBe(1);
  });

  it('injects bucket faults: error codes, custom statuses, times-limited retries, resets, malformed bodies, delays', async () => {
    const Bucket = 'faulty-bucket';
    const denied = await sdkError(us().send(new GetBucketPolicyCommand({ Bucket })));
    expect({ name: denied.name, status: denied.$metadata.httpStatusCode }).toEqual({ name: 'AccessDenied', status: 403 });
    // The policy exists: only the read is denied, the status read is not.
    expect((await us().send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus).toEqual({ IsPublic: false });

    const teapot = await sdkError(us().send(new GetBucketOwnershipControlsCommand({ Bucket })));
    expect({ name: teapot.name, status: teapot.$metadata.httpStatusCode, message: teapot.message }).toEqual({
      name: 'TeapotError',
      status: 418,
      message: 'short and stout',
    });

    const slow = await sdkError(us().send(new GetBucketCorsCommand({ Bucket })));
    expect({ name: slow.name, status: slow.$metadata.httpStatusCode }).toEqual({ name: 'SlowDown', status: 503 });
    // times: 1 is used up: the next request gets the real answer.
    expect((await sdkError(us().send(new GetBucketCorsCommand({ Bucket })))).name).toBe('NoSuchCORSConfiguration');

    const retrying = s3Client(endpoint.url, 'us-east-1', { maxAttempts: 3 });
    const lifecycle = await sdkError(retrying.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    expect({ name: lifecycle.name, attempts: lifecycle.$metadata.attempts }).toEqual({ name: 'NoSuchLifecycleConfiguration', attempts: 3 });

    const acl = await retrying.send(new GetBucketAclCommand({ Bucket }));
    expect(acl.$metadata.attempts).toBe(2);

    const reset = await rejection(us().send(new GetBucketEncryptionCommand({ Bucket })));
    expect(reset).not.toBeInstanceOf(S3ServiceException);
    expect(reset.message).toMatch(/socket hang up|ECONNRESET/);

    const malformed = await rejection(us().send(new GetBucketLoggingCommand({ Bucket })));
    expect(malformed.message).toMatch(/XML parse error/);

    const started = performance.now();
    await us().send(new GetBucketVersioningCommand({ Bucket }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    const statuses = endpoint.requests.filter((r) => r.operation === 'GetBucketAcl').map((r) => r.status);
    expect(statuses).toEqual(['reset', 200]);
  });

  it('applies account-level and default bucket faults', async () => {
    const faulty = await startAwsEndpoint({
      accountId: '111122223333',
      buckets: [
        { name: 'one-bucket', region: 'us-east-1' },
        { name: 'two-bucket', region: 'us-east-1', faults: { GetBucketPolicy: 'NoSuchBucket' } },
        { name: 'three-bucket', region: 'us-east-1', policy: '{}', faults: { GetBucketPolicy: { kind: 'malformed' } } },
      ],
      faults: { ListBuckets: 'AccessDenied', GetCallerIdentity: 'ExpiredToken', GetPublicAccessBlock: 'AccessDenied' },
      defaultBucketFaults: { GetBucketPolicy: { code: 'AccessDenied', message: 'explicit deny in a service control policy' } },
    });
    try {
      const s3 = s3Client(faulty.url, 'us-east-1');
      expect((await sdkError(s3.send(new ListBucketsCommand({ MaxBuckets: 10 })))).name).toBe('AccessDenied');
      const sts = await rejection(stsClient(faulty.url).send(new GetCallerIdentityCommand({})));
      expect(sts.name).toBe('ExpiredToken');
      const control = await rejection(s3ControlClient(faulty.url).send(new GetAccountPublicAccessBlockCommand({ AccountId: '111122223333' })));
      expect(control.name).toBe('AccessDenied');
      const one = await sdkError(s3.send(new GetBucketPolicyCommand({ Bucket: 'one-bucket' })));
      expect([one.name, one.message]).toEqual(['AccessDenied', 'explicit deny in a service control policy']);
      expect((await sdkError(s3.send(new GetBucketPolicyCommand({ Bucket: 'two-bucket' })))).name).toBe('NoSuchBucket');
      // The policy payload is passed through raw, so "malformed" means JSON that does not parse.
      const broken = await s3.send(new GetBucketPolicyCommand({ Bucket: 'three-bucket' }));
      expect(() => {
        JSON.parse(broken.Policy ?? '');
      }).toThrow(SyntaxError);
    } finally {
      await faulty.close();
    }
  });
});

describe('aws-endpoint: ListBuckets pagination at scale', () => {
  const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
  const many: AccountFixture = {
    accountId: '111122223333',
    buckets: Array.from({ length: 2500 }, (_, i) => ({
      // Reverse order in the fixture: the endpoint must sort like AWS.
      name: `bucket-${String(2499 - i).padStart(5, '0')}`,
      region: REGIONS[i % REGIONS.length] ?? 'us-east-1',
    })),
  };
  let endpoint: AwsEndpoint;

  beforeAll(async () => {
    endpoint = await startAwsEndpoint(many);
  });
  afterAll(() => endpoint.close());

  it('pages 2,500 buckets 1,000 at a time with BucketRegion', async () => {
    const s3 = s3Client(endpoint.url, 'eu-west-1');
    const pages = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 1000 }, {})) pages.push(page);
    expect(pages.map((p) => p.Buckets?.length)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.ContinuationToken === undefined)).toEqual([false, false, true]);
    const buckets = pages.flatMap((p) => p.Buckets ?? []);
    const names = buckets.map((b) => b.Name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(2500);
    expect(buckets.every((b) => b.BucketRegion !== undefined && b.CreationDate instanceof Date)).toBe(true);
    expect(buckets.find((b) => b.Name === 'bucket-02499')?.BucketRegion).toBe('us-east-1');
  });

  it('omits BucketRegion from an unpaginated ListBuckets', async () => {
    const out = await s3Client(endpoint.url, 'us-east-1').send(new ListBucketsCommand({}));
    expect(out.Buckets?.length).toBe(2500);
    expect(out.Buckets?.some((b) => b.BucketRegion !== undefined)).toBe(false);
    expect(out.ContinuationToken).toBeUndefined();
  });

  it('filters by prefix and bucket-region, and rejects a forged token', async () => {
    const s3 = s3Client(endpoint.url, 'us-east-1');
    const prefixed = await s3.send(new ListBucketsCommand({ Prefix: 'bucket-012', MaxBuckets: 60 }));
    expect(prefixed.Buckets?.length).toBe(60);
    expect(prefixed.Prefix).toBe('bucket-012');
    const rest = await s3.send(new ListBucketsCommand({ Prefix: 'bucket-012', MaxBuckets: 60, ContinuationToken: prefixed.ContinuationToken }));
    expect(rest.Buckets?.map((b) => b.Name).at(-1)).toBe('bucket-01299');
    expect(rest.Buckets?.length).toBe(40);
    expect(rest.ContinuationToken).toBeUndefined();

    const regional = await s3.send(new ListBucketsCommand({ BucketRegion: 'ap-southeast-2' }));
    expect(regional.Buckets?.length).toBe(833);
    expect(regional.Buckets?.every((b) => b.BucketRegion === 'ap-southeast-2')).toBe(true);

    const zero = await sdkError(s3.send(new ListBucketsCommand({ MaxBuckets: 0 })));
    expect(zero.name).toBe('InvalidArgument');

    const forged = await sdkError(s3.send(new ListBucketsCommand({ MaxBuckets: 5, ContinuationToken: '!!not-a-token' })));
    expect({ name: forged.name, status: forged.$metadata.httpStatusCode }).toEqual({ name: 'InvalidArgument', status: 400 });
  });
});

describe('aws-endpoint: accounts above the 10,000-bucket quota', () => {
  it('refuses an unpaginated ListBuckets, like AWS, but pages normally', async () => {
    const big = await startAwsEndpoint(
      { accountId: '111122223333', buckets: Array.from({ length: 10_001 }, (_, i) => ({ name: `big-${String(i).padStart(5, '0')}`, region: 'us-east-1' })) },
      { log: false },
    );
    try {
      const s3 = s3Client(big.url, 'us-east-1');
      const refused = await sdkError(s3.send(new ListBucketsCommand({})));
      expect({ name: refused.name, status: refused.$metadata.httpStatusCode }).toEqual({ name: 'InvalidRequest', status: 400 });
      // Parameters without max-buckets get AWS's default page of 10,000.
      const first = await s3.send(new ListBucketsCommand({ Prefix: 'big-' }));
      expect([first.Buckets?.length, first.ContinuationToken === undefined]).toEqual([10_000, false]);
    } finally {
      await big.close();
    }
  });
});

describe('aws-endpoint: S3 Control host handling', () => {
  let endpoint: AwsEndpoint;

  beforeAll(async () => {
    endpoint = await startAwsEndpoint(UNIT);
  });
  beforeEach(() => {
    endpoint.reset();
  });
  afterAll(() => endpoint.close());

  it('reaches 127.0.0.1 without the account host prefix through a replaced endpoint provider', async () => {
    const client = s3ControlClient(endpoint.url);
    const error = await rejection(client.send(new GetAccountPublicAccessBlockCommand({ AccountId: UNIT.accountId })));
    expect(error).toBeInstanceOf(NoSuchPublicAccessBlockConfiguration);
    const control = endpoint.requests.filter((r) => r.service === 's3control');
    expect(control).toEqual([
      { service: 's3control', operation: 'GetPublicAccessBlock', region: 'us-east-1', host: new URL(endpoint.url).host, status: 404 },
    ]);
    const denied = await rejection(client.send(new GetAccountPublicAccessBlockCommand({ AccountId: '999999999999' })));
    expect(denied.name).toBe('AccessDenied');
  });

  it('documents why: with only `endpoint`, the SDK builds <account>.127.0.0.1, an invalid URL', async () => {
    const naive = new S3ControlClient({ region: 'us-east-1', endpoint: endpoint.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    // The SDK console.errors the URL it failed to build; keep it, quietly, as evidence.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = await rejection(naive.send(new GetAccountPublicAccessBlockCommand({ AccountId: UNIT.accountId })));
      expect(error.message).toMatch(/Invalid URL/);
      expect(consoleError.mock.calls[0]?.[0]).toMatch(`http://${UNIT.accountId}.127.0.0.1:`);
    } finally {
      consoleError.mockRestore();
    }
    expect(endpoint.requests.filter((r) => r.service === 's3control')).toHaveLength(0);
  });
});

describe('aws-endpoint: KMS JSON 1.1', () => {
  let endpoint: AwsEndpoint;
  const kms = (region = 'us-east-1') => kmsClient(endpoint.url, region);

  beforeAll(async () => {
    endpoint = await startAwsEndpoint(UNIT);
  });
  afterAll(() => endpoint.close());

  it('describes a key by ARN, key id, alias and alias ARN', async () => {
    for (const KeyId of [LOCAL_KEY, '11111111-2222-4333-8444-555555555555', 'alias/app', 'arn:aws:kms:us-east-1:111122223333:alias/app']) {
      const out = await kms().send(new DescribeKeyCommand({ KeyId }));
      expect(out.KeyMetadata).toMatchObject({
        Arn: LOCAL_KEY,
        KeyId: '11111111-2222-4333-8444-555555555555',
        AWSAccountId: '111122223333',
        KeyState: 'Enabled',
        Enabled: true,
        KeyManager: 'CUSTOMER',
        KeySpec: 'SYMMETRIC_DEFAULT',
        Description: 'app data',
      });
      expect(out.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    }
  });

  it('logs the KeyId each request named, so tests can tell which keys were looked up and how', async () => {
    endpoint.reset();
    await kms('eu-west-1').send(new DescribeKeyCommand({ KeyId: 'alias/app' })).catch(() => undefined);
    await kms().send(new DescribeKeyCommand({ KeyId: LOCAL_KEY }));
    expect(endpoint.requests.map((r) => [r.operation, r.keyId, r.region])).toEqual([
      ['DescribeKey', 'alias/app', 'eu-west-1'],
      ['DescribeKey', LOCAL_KEY, 'us-east-1'],
    ]);
  });

  it('answers NotFoundException (400) for unknown keys, other regions and aliases where KMS wants a key', async () => {
    const cases = [
      kms().send(new DescribeKeyCommand({ KeyId: 'alias/nope' })),
      kms('eu-west-1').send(new DescribeKeyCommand({ KeyId: LOCAL_KEY })),
      kms().send(new DescribeKeyCommand({ KeyId: '00000000-0000-4000-8000-000000000000' })),
      kms().send(new GetKeyRotationStatusCommand({ KeyId: 'alias/app' })),
      kms().send(new DescribeKeyCommand({ KeyId: 'alias/theirs' })),
    ];
    for (const call of cases) {
      const error = await rejection(call);
      expect(error.name).toBe('NotFoundException');
      expect(Reflect.get(error, '$metadata')).toMatchObject({ httpStatusCode: 400 });
    }
  });

  it('reports rotation: enabled with period, AWS managed, unsupported spec, pending deletion', async () => {
    expect(await kms().send(new GetKeyRotationStatusCommand({ KeyId: LOCAL_KEY }))).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 90,
      KeyId: LOCAL_KEY,
    });
    const managed = await kms().send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    expect(managed.KeyMetadata?.KeyManager).toBe('AWS');
    expect((await kms().send(new GetKeyRotationStatusCommand({ KeyId: managed.KeyMetadata?.Arn }))).KeyRotationEnabled).toBe(true);
    const rsa = await rejection(kms().send(new GetKeyRotationStatusCommand({ KeyId: 'aaaaaaaa-0000-4000-8000-000000000002' })));
    expect(rsa.name).toBe('UnsupportedOperationException');
    const pending = 'aaaaaaaa-0000-4000-8000-000000000003';
    const described = await kms('eu-west-1').send(new DescribeKeyCommand({ KeyId: pending }));
    expect(described.KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false, DeletionDate: new Date('2027-01-01T00:00:00.000Z') });
    expect((await kms('eu-west-1').send(new GetKeyRotationStatusCommand({ KeyId: pending }))).KeyRotationEnabled).toBe(false);
  });

  it('returns key policies of own keys and AccessDeniedException (HTTP 400) for foreign keys', async () => {
    const own = await kms().send(new GetKeyPolicyCommand({ KeyId: LOCAL_KEY, PolicyName: 'default' }));
    expect(own.PolicyName).toBe('default');
    expect(JSON.parse(own.Policy ?? '')).toMatchObject({ Statement: [{ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }] });
    // A foreign key is describable by ARN (its policy lets us), never its policy.
    expect((await kms().send(new DescribeKeyCommand({ KeyId: FOREIGN_KEY }))).KeyMetadata?.AWSAccountId).toBe('444455556666');
    const denied = await rejection(kms().send(new GetKeyPolicyCommand({ KeyId: FOREIGN_KEY })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(Reflect.get(denied, '$metadata')).toMatchObject({ httpStatusCode: 400 });
  });

  it('injects per-key faults', async () => {
    const denied = await rejection(kms().send(new DescribeKeyCommand({ KeyId: 'aaaaaaaa-0000-4000-8000-000000000004' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(Reflect.get(denied, '$metadata')).toMatchObject({ httpStatusCode: 400 });
  });
});

describe('aws-endpoint: latency, throttling and the request log', () => {
  it('adds latencyMs to every response', async () => {
    const endpoint = await startAwsEndpoint(UNIT, { latencyMs: 120 });
    try {
      const started = performance.now();
      await stsClient(endpoint.url).send(new GetCallerIdentityCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      await endpoint.close();
    }
  });

  it('answers every k-th request with the service throttling error', async () => {
    const endpoint = await startAwsEndpoint(UNIT, { throttleEvery: 3 });
    try {
      const s3 = s3Client(endpoint.url, 'us-east-1');
      const send = () => s3.send(new GetBucketAclCommand({ Bucket: 'bare-bucket' }));
      await send();
      await send();
      const throttled = await sdkError(send());
      expect({ name: throttled.name, status: throttled.$metadata.httpStatusCode }).toEqual({ name: 'SlowDown', status: 503 });
      await send();
      await send();
      const kms = await rejection(kmsClient(endpoint.url, 'us-east-1').send(new DescribeKeyCommand({ KeyId: LOCAL_KEY })));
      expect(kms.name).toBe('ThrottlingException');
      expect(endpoint.requests.map((r) => r.status)).toEqual([200, 200, 503, 200, 200, 400]);
      // The SDK's own retry absorbs throttling.
      const retrying = s3Client(endpoint.url, 'us-east-1', { maxAttempts: 2 });
      endpoint.reset();
      await send();
      await send();
      expect((await retrying.send(new GetBucketAclCommand({ Bucket: 'bare-bucket' }))).$metadata.attempts).toBe(2);
    } finally {
      await endpoint.close();
    }
  });

  it('logs service, operation, bucket, signing region, host and status; counts per service:operation', async () => {
    const endpoint = await startAwsEndpoint(UNIT);
    try {
      const s3 = s3Client(endpoint.url, 'us-east-1');
      await s3.send(new GetBucketAclCommand({ Bucket: 'bare-bucket' }));
      await sdkError(s3.send(new GetBucketPolicyCommand({ Bucket: 'bare-bucket' })));
      await stsClient(endpoint.url).send(new GetCallerIdentityCommand({}));
      const host = new URL(endpoint.url).host;
      expect(endpoint.requests).toEqual([
        { service: 's3', operation: 'GetBucketAcl', bucket: 'bare-bucket', region: 'us-east-1', host, status: 200 },
        { service: 's3', operation: 'GetBucketPolicy', bucket: 'bare-bucket', region: 'us-east-1', host, status: 404 },
        { service: 'sts', operation: 'GetCallerIdentity', region: 'us-east-1', host, status: 200 },
      ]);
      expect(endpoint.counts()).toEqual({ 's3:GetBucketAcl': 1, 's3:GetBucketPolicy': 1, 'sts:GetCallerIdentity': 1 });
      endpoint.reset();
      expect([endpoint.requests.length, endpoint.counts()]).toEqual([0, {}]);
    } finally {
      await endpoint.close();
    }
  });

  it('only counts with log: false', async () => {
    const endpoint = await startAwsEndpoint(UNIT, { log: false });
    try {
      await s3Client(endpoint.url, 'us-east-1').send(new ListBucketsCommand({ MaxBuckets: 100 }));
      expect(endpoint.requests).toEqual([]);
      expect(endpoint.counts()).toEqual({ 's3:ListBuckets': 1 });
    } finally {
      await endpoint.close();
    }
  });
});

describe('aws-endpoint: fixture files and the CLI', () => {
  it('rejects fixtures with misspelt keys or unknown fault operations', () => {
    expect(() => parseFixture({ accountId: '123456789012', buckets: [{ name: 'abc', region: 'us-east-1', polcy: {} }] })).toThrow(/polcy/);
    expect(() =>
      parseFixture({ accountId: '123456789012', buckets: [{ name: 'abc', region: 'us-east-1', faults: { GetBucketPolice: 'AccessDenied' } }] }),
    ).toThrow(/GetBucketPolice/);
    expect(() => parseFixture({ accountId: '123456789012', buckets: [{ name: 'abc', region: 'us-east-1' }, { name: 'abc', region: 'us-east-1' }] })).not.toThrow();
  });

  it('refuses duplicate bucket names when starting', async () => {
    await expect(
      startAwsEndpoint({ accountId: '123456789012', buckets: [{ name: 'abc', region: 'us-east-1' }, { name: 'abc', region: 'eu-west-1' }] }),
    ).rejects.toThrow(/duplicate bucket/);
  });

  it('serves a fixture file from the command line until SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--fixture', DEMO_FIXTURE, '--latency-ms', '1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
    });
    try {
      const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
      const parsed: unknown = JSON.parse(first.done === true ? '{}' : first.value);
      const url: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'url') : undefined;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const out = await stsClient(String(url)).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('123456789012');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
