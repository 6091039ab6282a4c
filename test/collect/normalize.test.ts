import type {
  GetBucketAclOutput,
  GetBucketEncryptionOutput,
  GetBucketLifecycleConfigurationOutput,
  GetBucketOwnershipControlsOutput,
  GetBucketLoggingOutput,
  GetBucketVersioningOutput,
  GetObjectLockConfigurationOutput,
  ServerSideEncryptionByDefault,
  ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  normalizeAcl,
  normalizeCors,
  normalizeEncryption,
  normalizeLifecycle,
  normalizeLogging,
  normalizeObjectLock,
  normalizeOwnershipControls,
  normalizePolicy,
  normalizePolicyStatus,
  normalizePublicAccessBlock,
  normalizeVersioning,
} from '../../src/collect/normalize.ts';
import type { EncryptionRule, Logging, ObjectLock, Versioning } from '../../src/snapshot/types.ts';

function encryptionOutput(rules: ServerSideEncryptionRule[]): GetBucketEncryptionOutput {
  return { ServerSideEncryptionConfiguration: { Rules: rules } };
}

/** The wire may carry an SSE algorithm newer than this SDK's enum type. */
const newerAlgorithm = Object.assign<ServerSideEncryptionByDefault, { SSEAlgorithm: string }>(
  { SSEAlgorithm: 'AES256' },
  { SSEAlgorithm: 'aws:quantum' },
);

describe('normalizeEncryption', () => {
  const cases: [string, ServerSideEncryptionRule[], EncryptionRule[]][] = [
    [
      'SSE-S3 with bucket key unset',
      [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }],
    ],
    [
      'SSE-KMS with key and bucket key',
      [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k' }, BucketKeyEnabled: true }],
      [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k', bucketKeyEnabled: true }],
    ],
    [
      'an SSE algorithm AWS added after this SDK',
      [{ ApplyServerSideEncryptionByDefault: newerAlgorithm }],
      [{ sseAlgorithm: 'aws:quantum', bucketKeyEnabled: false }],
    ],
    ['a rule with only BucketKeyEnabled', [{ BucketKeyEnabled: true }], [{ bucketKeyEnabled: true }]],
    [
      'SSE-C blocked',
      [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } }],
      [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false, blockedEncryptionTypes: ['SSE-C'] }],
    ],
    [
      'BlockedEncryptionTypes present but empty',
      [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: {} }],
      [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false, blockedEncryptionTypes: [] }],
    ],
  ];
  it.each(cases)('%s', (_case, rules, expected) => {
    expect(normalizeEncryption(encryptionOutput(rules))).toEqual({ state: 'present', value: { rules: expected } });
  });

  it('reads a response without a configuration as no rules', () => {
    expect(normalizeEncryption({})).toEqual({ state: 'present', value: { rules: [] } });
  });
});

describe('normalizePublicAccessBlock', () => {
  it('defaults missing flags to false', () => {
    expect(normalizePublicAccessBlock({ BlockPublicAcls: true, RestrictPublicBuckets: true })).toEqual({
      state: 'present',
      value: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: true },
    });
    expect(normalizePublicAccessBlock(undefined)).toEqual({
      state: 'present',
      value: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
    });
  });
});

describe('normalizePolicy and normalizePolicyStatus', () => {
  it('keeps the policy text as AWS sent it', () => {
    const text = '{"Version":"2012-10-17","Statement":[]}';
    expect(normalizePolicy({ Policy: text })).toEqual({ state: 'present', value: { text } });
  });

  it('reads a 200 without a policy document as absent', () => {
    expect(normalizePolicy({})).toEqual({ state: 'absent' });
  });

  it.each([
    [{ IsPublic: true }, true],
    [{ IsPublic: false }, false],
    [undefined, false],
  ])('PolicyStatus %j → isPublic %s', (status, isPublic) => {
    expect(normalizePolicyStatus({ ...(status === undefined ? {} : { PolicyStatus: status }) })).toEqual({
      state: 'present',
      value: { isPublic },
    });
  });
});

describe('normalizeVersioning', () => {
  const cases: [string, GetBucketVersioningOutput, Versioning][] = [
    ['never enabled (empty configuration)', {}, {}],
    ['enabled', { Status: 'Enabled' }, { status: 'Enabled' }],
    ['suspended with MFA delete', { Status: 'Suspended', MFADelete: 'Enabled' }, { status: 'Suspended', mfaDelete: 'Enabled' }],
  ];
  it.each(cases)('%s', (_case, output, expected) => {
    expect(normalizeVersioning({ ...output })).toEqual({ state: 'present', value: expected });
  });

  it.each([
    ['a Status AWS never sends', { Status: 'Disabled' }, 'Status Disabled, MfaDelete undefined'],
    ['an MfaDelete AWS never sends', { Status: 'Enabled', MFADelete: 'On' }, 'Status Enabled, MfaDelete On'],
  ] as const)('%s is an error value, never read as "not enabled"', (_case, output, detail) => {
    // The SDK types these as enums, but the wire carries any string.
    const raw: GetBucketVersioningOutput = JSON.parse(JSON.stringify(output)) as GetBucketVersioningOutput;
    expect(normalizeVersioning(raw)).toEqual({
      state: 'error',
      operation: 'GetBucketVersioning',
      code: 'UnexpectedResponse',
      message: `unrecognized versioning state (${detail})`,
    });
  });
});

describe('normalizeLogging', () => {
  const cases: [string, GetBucketLoggingOutput, Logging][] = [
    ['off', {}, {}],
    [
      'legacy key format',
      { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'b/' } },
      { target: { bucket: 'logs', prefix: 'b/' } },
    ],
    [
      'simple prefix',
      { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: '', TargetObjectKeyFormat: { SimplePrefix: {} } } },
      { target: { bucket: 'logs', prefix: '', keyFormat: 'simple' } },
    ],
    [
      'partitioned prefix',
      {
        LoggingEnabled: {
          TargetBucket: 'logs',
          TargetPrefix: 'p/',
          TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
        },
      },
      { target: { bucket: 'logs', prefix: 'p/', keyFormat: 'partitioned' } },
    ],
  ];
  it.each(cases)('%s', (_case, output, expected) => {
    expect(normalizeLogging({ ...output })).toEqual({ state: 'present', value: expected });
  });
});

describe('normalizeObjectLock', () => {
  const cases: [string, GetObjectLockConfigurationOutput, ObjectLock][] = [
    ['enabled without default retention', { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }, { enabled: true }],
    [
      'enabled with default retention',
      {
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } },
        },
      },
      { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 30 } },
    ],
    ['empty configuration', {}, { enabled: false }],
  ];
  it.each(cases)('%s', (_case, output, expected) => {
    expect(normalizeObjectLock({ ...output })).toEqual({ state: 'present', value: expected });
  });
});

describe('normalizeCors', () => {
  it('fills missing lists with empty ones', () => {
    const output = {
            CORSRules: [
        { ID: 'web', AllowedOrigins: ['*'], AllowedMethods: ['GET', 'PUT'], MaxAgeSeconds: 300 },
        { AllowedOrigins: ['http://a.example'], AllowedMethods: ['GET'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'] },
      ],
    };
    expect(normalizeCors(output)).toEqual({
      state: 'present',
      value: {
        rules: [
          { id: 'web', allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 300 },
          { allowedOrigins: ['http://a.example'], allowedMethods: ['GET'], allowedHeaders: ['*'], exposeHeaders: ['ETag'] },
        ],
      },
    });
  });
});

describe('normalizeAcl', () => {
  it('keeps grantee type, id, uri, email and permission', () => {
    const output: GetBucketAclOutput = {
            Owner: { ID: 'owner-canonical-id' },
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ID: 'owner-canonical-id' }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
        { Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: 'a@example.com' }, Permission: 'WRITE' },
      ],
    };
    expect(normalizeAcl(output)).toEqual({
      state: 'present',
      value: {
        ownerId: 'owner-canonical-id',
        grants: [
          { granteeType: 'CanonicalUser', id: 'owner-canonical-id', permission: 'FULL_CONTROL' },
          { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
          { granteeType: 'AmazonCustomerByEmail', email: 'a@example.com', permission: 'WRITE' },
        ],
      },
    });
  });
});

describe('normalizeOwnershipControls', () => {
  it('takes the first rule', () => {
    const output: GetBucketOwnershipControlsOutput = { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
    expect(normalizeOwnershipControls(output)).toEqual({ state: 'present', value: { objectOwnership: 'BucketOwnerEnforced' } });
  });

  it('reads a configuration without rules as absent', () => {
    expect(normalizeOwnershipControls({ OwnershipControls: { Rules: [] } })).toEqual({ state: 'absent' });
  });
});

describe('normalizeLifecycle', () => {
  it('keeps rule ids and statuses', () => {
    const output: GetBucketLifecycleConfigurationOutput = { Rules: [{ ID: 'expire', Status: 'Enabled' }, { Status: 'Disabled' }] };
    expect(normalizeLifecycle(output)).toEqual({
      state: 'present',
      value: { rules: [{ id: 'expire', status: 'Enabled' }, { status: 'Disabled' }] },
    });
  });
});
