import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSServiceException,
  NotFoundException,
  UnsupportedOperationException,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { GetBucketEncryptionCommand, ListBucketsCommand, S3Client, type ServerSideEncryptionRule } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectAccount } from '../../src/collect/collect-account.ts';
import type { BucketState, DataKey } from '../../src/snapshot/types.ts';
import { ACCOUNT_ID, CALLER_ARN, awsError, bucketsOf, collectOptions, readAll, useFakeCredentials } from './support.ts';

const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const kms = mockClient(KMSClient);

const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1111aaaa-1111-aaaa-1111-aaaa1111aaaa`;
const EU_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/2222bbbb-2222-bbbb-2222-bbbb2222bbbb`;
const FOREIGN_KEY_ARN = 'arn:aws:kms:us-east-1:999999999999:key/3333cccc-3333-cccc-3333-cccc3333cccc';
const ALL_KMS: DataKey[] = ['kmsKey', 'kmsKeyRotation', 'kmsKeyPolicy'];

beforeEach(() => {
  useFakeCredentials();
  s3.reset();
  sts.reset();
  kms.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: CALLER_ARN });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

interface BucketSpec {
  readonly name: string;
  readonly region?: string;
  /** The default rule; omit for SSE-S3. */
  readonly rule?: ServerSideEncryptionRule;
}

const sseKms = (keyId?: string): ServerSideEncryptionRule => ({
  ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', ...(keyId === undefined ? {} : { KMSMasterKeyID: keyId }) },
  BucketKeyEnabled: true,
});

function serveBuckets(buckets: readonly BucketSpec[]): void {
  s3.on(ListBucketsCommand).resolves({
    Buckets: buckets.map((b) => ({ Name: b.name, BucketRegion: b.region ?? 'us-east-1' })),
  });
  const rules = new Map(buckets.map((b) => [b.name, b.rule ?? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]));
  s3.on(GetBucketEncryptionCommand).callsFake((input: { Bucket: string }) => ({
    ServerSideEncryptionConfiguration: { Rules: [rules.get(input.Bucket)] },
  }));
}

function metadata(arn: string, overrides: Partial<KeyMetadata> = {}): KeyMetadata {
  return {
    KeyId: arn.split('/')[1],
    Arn: arn,
    AWSAccountId: arn.split(':')[4],
    KeyManager: 'CUSTOMER',
    KeyState: 'Enabled',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    Origin: 'AWS_KMS',
    MultiRegion: false,
    ...overrides,
  };
}

/** DescribeKey answers for these keys by ARN; the rest of KMS answers rotation on and a policy. */
function serveKeys(...keys: KeyMetadata[]): void {
  for (const key of keys) kms.on(DescribeKeyCommand, { KeyId: key.Arn }).resolves({ KeyMetadata: key });
  kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  kms.on(GetKeyPolicyCommand).resolves({ Policy: '{"Statement":[]}', PolicyName: 'default' });
}

async function scan(needs: readonly DataKey[]): Promise<BucketState[]> {
  return bucketsOf(await readAll((await collectAccount(collectOptions({ concurrency: 8 }, needs))).records));
}

/** Every KMS call made, as `Operation KeyId @ region`. */
async function kmsCalls(): Promise<string[]> {
  return Promise.all(
    kms.calls().map(async (call) => {
      const command = call.args[0];
      const input = command.input as { KeyId?: string };
      const client = call.thisValue as KMSClient;
      return `${command.constructor.name.replace(/Command$/, '')} ${input.KeyId ?? ''} @ ${await client.config.region()}`;
    }),
  );
}

function kmsError(name: string, message: string): KMSServiceException {
  return new KMSServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message });
}

describe('KMS key lookups', () => {
  it('makes one DescribeKey, one GetKeyRotationStatus and one GetKeyPolicy for 100 buckets sharing a key', async () => {
    serveBuckets(Array.from({ length: 100 }, (_, i) => ({ name: `b${i}`, rule: sseKms(KEY_ARN) })));
    serveKeys(metadata(KEY_ARN));
    const buckets = await scan(ALL_KMS);

    expect(await kmsCalls()).toEqual([
      `DescribeKey ${KEY_ARN} @ us-east-1`,
      `GetKeyRotationStatus ${KEY_ARN} @ us-east-1`,
      `GetKeyPolicy ${KEY_ARN} @ us-east-1`,
    ]);
    expect(kms.commandCalls(GetKeyPolicyCommand)[0]?.args[0].input).toEqual({ KeyId: KEY_ARN, PolicyName: 'default' });
    expect(buckets).toHaveLength(100);
    for (const bucket of buckets) {
      expect(bucket.kmsKey).toEqual({
        state: 'present',
        value: {
          kind: 'described',
          configuredId: KEY_ARN,
          region: 'us-east-1',
          arn: KEY_ARN,
          accountId: ACCOUNT_ID,
          keyManager: 'CUSTOMER',
          keyState: 'Enabled',
          keySpec: 'SYMMETRIC_DEFAULT',
          keyUsage: 'ENCRYPT_DECRYPT',
          origin: 'AWS_KMS',
          multiRegion: false,
        },
      });
      expect(bucket.kmsKeyRotation).toEqual({ state: 'present', value: { enabled: true, periodDays: 365 } });
      expect(bucket.kmsKeyPolicy).toEqual({ state: 'present', value: { text: '{"Statement":[]}' } });
    }
  });

  it('asks each key in its own region: the ARN\'s region, else the bucket\'s for a key id or alias', async () => {
    serveBuckets([
      { name: 'east-with-eu-key', region: 'us-east-1', rule: sseKms(EU_KEY_ARN) },
      { name: 'mumbai-alias', region: 'ap-south-1', rule: sseKms('alias/app-data') },
      { name: 'paris-alias', region: 'eu-west-3', rule: sseKms('alias/app-data') },
      { name: 'paris-alias-2', region: 'eu-west-3', rule: sseKms('alias/app-data') },
    ]);
    serveKeys(metadata(EU_KEY_ARN));
    kms.on(DescribeKeyCommand, { KeyId: 'alias/app-data' }).callsFake(async (_input, getClient: () => KMSClient) => {
      const region = await getClient().config.region();
      return { KeyMetadata: metadata(`arn:aws:kms:${region}:${ACCOUNT_ID}:key/4444dddd-${region}`) };
    });
    const buckets = await scan(['kmsKey']);

    expect((await kmsCalls()).sort()).toEqual([
      'DescribeKey alias/app-data @ ap-south-1',
      'DescribeKey alias/app-data @ eu-west-3',
      `DescribeKey ${EU_KEY_ARN} @ eu-west-1`,
    ]);
    const regionOf = Object.fromEntries(buckets.map((b) => [b.name, b.kmsKey?.state === 'present' ? b.kmsKey.value.region : undefined]));
    expect(regionOf).toEqual({ 'east-with-eu-key': 'eu-west-1', 'mumbai-alias': 'ap-south-1', 'paris-alias': 'eu-west-3', 'paris-alias-2': 'eu-west-3' });
  });

  it('makes no KMS call when no selected check needs KMS data', async () => {
    serveBuckets([{ name: 'kms-bucket', rule: sseKms(KEY_ARN) }]);
    serveKeys(metadata(KEY_ARN));
    const [bucket] = await scan(['encryption', 'versioning']);
    expect(kms.calls()).toHaveLength(0);
    expect(bucket).not.toHaveProperty('kmsKey');
  });

  it('asks only for what is needed: DescribeKey alone for kmsKey', async () => {
    serveBuckets([{ name: 'kms-bucket', rule: sseKms(KEY_ARN) }]);
    serveKeys(metadata(KEY_ARN));
    const [bucket] = await scan(['kmsKey']);
    expect(await kmsCalls()).toEqual([`DescribeKey ${KEY_ARN} @ us-east-1`]);
    expect(Object.keys(bucket ?? {})).toEqual(['name', 'region', 'encryption', 'kmsKey']);
  });

  it('reads the encryption configuration a KMS key needs, and says so in the header', async () => {
    serveBuckets([{ name: 'kms-bucket', rule: sseKms(KEY_ARN) }]);
    serveKeys(metadata(KEY_ARN));
    const collection = await collectAccount(collectOptions({}, ['kmsKeyRotation']));
    await readAll(collection.records);
    expect(collection.header.collected).toEqual(['encryption', 'kmsKey', 'kmsKeyRotation']);
    expect(s3.commandCalls(GetBucketEncryptionCommand)).toHaveLength(1);
  });

  it.each([
    ['no key id (S3 uses aws/s3)', undefined, { kind: 'aws-managed-alias', region: 'us-east-1', alias: 'alias/aws/s3' }],
    ['the alias alias/aws/s3', 'alias/aws/s3', { kind: 'aws-managed-alias', configuredId: 'alias/aws/s3', region: 'us-east-1', alias: 'alias/aws/s3' }],
    [
      'an AWS alias ARN',
      `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:alias/aws/s3`,
      { kind: 'aws-managed-alias', configuredId: `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:alias/aws/s3`, region: 'eu-west-1', alias: 'alias/aws/s3' },
    ],
  ])('never describes an AWS managed alias, which could create the key: %s', async (_case, keyId, expected) => {
    serveBuckets([{ name: 'aws-managed', rule: sseKms(keyId) }]);
    const [bucket] = await scan(ALL_KMS);
    expect(kms.calls()).toHaveLength(0);
    expect(bucket).toMatchObject({ kmsKey: { state: 'present', value: expected }, kmsKeyRotation: { state: 'absent' }, kmsKeyPolicy: { state: 'absent' } });
  });

  it('describes a key of another account by ARN, asks its rotation, and never asks its policy', async () => {
    serveBuckets([{ name: 'foreign', rule: sseKms(FOREIGN_KEY_ARN) }]);
    serveKeys(metadata(FOREIGN_KEY_ARN));
    const [bucket] = await scan(ALL_KMS);
    expect(await kmsCalls()).toEqual([`DescribeKey ${FOREIGN_KEY_ARN} @ us-east-1`, `GetKeyRotationStatus ${FOREIGN_KEY_ARN} @ us-east-1`]);
    expect(bucket?.kmsKeyPolicy).toEqual({
      state: 'error',
      operation: 'GetKeyPolicy',
      code: 'CrossAccountKey',
      message: `GetKeyPolicy works only in the key's own account; ${FOREIGN_KEY_ARN} belongs to account 999999999999`,
    });
  });

  it('does not ask the rotation of an AWS managed key named by ARN: AWS rotates it yearly', async () => {
    serveBuckets([{ name: 'aws-key-by-arn', rule: sseKms(KEY_ARN) }]);
    serveKeys(metadata(KEY_ARN, { KeyManager: 'AWS' }));
    const [bucket] = await scan(['kmsKey', 'kmsKeyRotation']);
    expect(await kmsCalls()).toEqual([`DescribeKey ${KEY_ARN} @ us-east-1`]);
    expect(bucket?.kmsKeyRotation).toEqual({ state: 'absent' });
  });

  it('records state, spec and deletion date as KMS sends them', async () => {
    serveBuckets([{ name: 'doomed', rule: sseKms(KEY_ARN) }]);
    serveKeys(metadata(KEY_ARN, { KeyState: 'PendingDeletion', DeletionDate: new Date('2026-12-24T00:00:00Z'), Origin: 'EXTERNAL' }));
    const [bucket] = await scan(['kmsKey']);
    expect(bucket?.kmsKey).toMatchObject({
      state: 'present',
      value: { keyState: 'PendingDeletion', deletionDate: '2026-12-24T00:00:00.000Z', origin: 'EXTERNAL' },
    });
  });

  it('gives buckets without a KMS default an absent key and makes no call', async () => {
    serveBuckets([{ name: 'sse-s3' }]);
    const [bucket] = await scan(ALL_KMS);
    expect(kms.calls()).toHaveLength(0);
    expect(bucket).toMatchObject({ kmsKey: { state: 'absent' }, kmsKeyRotation: { state: 'absent' }, kmsKeyPolicy: { state: 'absent' } });
  });
});

describe('KMS errors', () => {
  it.each([
    [
      'NotFoundException: the key does not exist',
      new NotFoundException({ $metadata: { httpStatusCode: 400 }, message: `Key '${KEY_ARN}' does not exist` }),
      { state: 'present', value: { kind: 'missing', configuredId: KEY_ARN, region: 'us-east-1', code: 'NotFoundException', message: `Key '${KEY_ARN}' does not exist` } },
    ],
    [
      'AccessDeniedException (HTTP 400): could not tell',
      kmsError('AccessDeniedException', 'User: x is not authorized to perform: kms:DescribeKey'),
      { state: 'error', operation: 'DescribeKey', code: 'AccessDeniedException', message: 'User: x is not authorized to perform: kms:DescribeKey' },
    ],
    [
      'throttling that outlasted the retries: could not tell',
      kmsError('ThrottlingException', 'Rate exceeded'),
      { state: 'error', operation: 'DescribeKey', code: 'ThrottlingException', message: 'Rate exceeded' },
    ],
  ])('DescribeKey %s', async (_case, err, expected) => {
    serveBuckets([{ name: 'a', rule: sseKms(KEY_ARN) }, { name: 'b', rule: sseKms(KEY_ARN) }]);
    kms.on(DescribeKeyCommand).rejects(err);
    const buckets = await scan(ALL_KMS);
    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(0);
    for (const bucket of buckets) {
      expect(bucket.kmsKey).toEqual(expected);
      // Rotation and policy of a key that was not described: absent for a missing key, the same error otherwise.
      expect(bucket.kmsKeyRotation).toEqual(expected.state === 'error' ? expected : { state: 'absent' });
    }
  });

  it('UnsupportedOperationException on GetKeyRotationStatus: KMS cannot rotate the key (absent)', async () => {
    serveBuckets([{ name: 'imported', rule: sseKms(KEY_ARN) }]);
    serveKeys(metadata(KEY_ARN, { Origin: 'EXTERNAL' }));
    kms.on(GetKeyRotationStatusCommand).rejects(new UnsupportedOperationException({ $metadata: { httpStatusCode: 400 }, message: 'not supported' }));
    const [bucket] = await scan(['kmsKeyRotation']);
    expect(bucket?.kmsKeyRotation).toEqual({ state: 'absent', code: 'UnsupportedOperationException' });
  });

  it('an unreadable encryption configuration leaves every KMS value unknown for the same reason, with no KMS call', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketEncryptionCommand).rejects(awsError({ code: 'AccessDenied', status: 403, message: 'Access Denied' }));
    const [bucket] = await scan(ALL_KMS);
    const denied = { state: 'error', operation: 'GetBucketEncryption', code: 'AccessDenied', message: 'Access Denied' };
    expect(bucket).toMatchObject({ encryption: denied, kmsKey: denied, kmsKeyRotation: denied, kmsKeyPolicy: denied });
    expect(kms.calls()).toHaveLength(0);
  });
});

describe('calls for N buckets sharing K keys', () => {
  it.each([
    [10, 1],
    [100, 3],
    [1000, 10],
  ])('%i buckets over %i keys: K DescribeKey, K GetKeyRotationStatus, K GetKeyPolicy', async (n, k) => {
    const arns = Array.from({ length: k }, (_, i) => `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/key-${i}`);
    serveBuckets(Array.from({ length: n }, (_, i) => ({ name: `b${i}`, rule: sseKms(arns[i % k]) })));
    serveKeys(...arns.map((arn) => metadata(arn)));
    await scan(ALL_KMS);
    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(k);
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(k);
    expect(kms.commandCalls(GetKeyPolicyCommand)).toHaveLength(k);
  });
});
