import check from '../../src/checks/bucket-encryption-kms.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { AWS_MANAGED_DEFAULT, describedKey, FOREIGN_KEY_ARN, KEY_ARN, kmsDefault } from './kms-fixtures.ts';

const requireCustomerManaged = { requireCustomerManagedKey: true, allowedKeyArns: [] };
const allowOnly = (...arns: string[]) => ({ requireCustomerManagedKey: false, allowedKeyArns: arns });
const denied = observedError('DescribeKey', 'AccessDeniedException', 'not authorized to perform: kms:DescribeKey');
const awsManagedByArn = 'arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-aws-managed-s3-key';

runCheckTests(check, {
  pass: [
    {
      name: 'SSE-KMS with any key passes by default',
      bucket: { encryption: kmsDefault(KEY_ARN), kmsKey: describedKey() },
      expect: { messageId: 'kms', message: `Default encryption is SSE-KMS (aws:kms) with key ${KEY_ARN}.` },
    },
    {
      name: 'SSE-KMS with the AWS managed key passes by default',
      bucket: { encryption: kmsDefault(undefined), kmsKey: AWS_MANAGED_DEFAULT },
      expect: { messageId: 'kms', message: 'Default encryption is SSE-KMS (aws:kms) with the AWS managed key alias/aws/s3.' },
    },
    {
      name: 'DSSE-KMS passes',
      bucket: { encryption: kmsDefault(KEY_ARN, { algorithm: 'aws:kms:dsse', bucketKeyEnabled: false }), kmsKey: describedKey() },
      expect: { messageId: 'kms', message: `Default encryption is DSSE-KMS (aws:kms:dsse) with key ${KEY_ARN}.` },
    },
    {
      name: 'without options, a key KMS would not describe does not matter',
      bucket: { encryption: kmsDefault('alias/app-data'), kmsKey: denied },
      expect: { messageId: 'kms', message: 'Default encryption is SSE-KMS (aws:kms) with key alias/app-data.' },
    },
    {
      name: 'requireCustomerManagedKey: a customer managed key passes',
      bucket: { encryption: kmsDefault(KEY_ARN), kmsKey: describedKey() },
      options: requireCustomerManaged,
      expect: { messageId: 'customerManaged', message: `Default encryption is SSE-KMS (aws:kms) with customer managed key ${KEY_ARN}.` },
    },
    {
      name: 'allowedKeyArns: a listed key ARN passes without needing DescribeKey',
      bucket: { encryption: kmsDefault(KEY_ARN), kmsKey: denied },
      options: allowOnly(FOREIGN_KEY_ARN, KEY_ARN),
      expect: { messageId: 'allowedKey', message: `Default encryption is SSE-KMS (aws:kms) with key ${KEY_ARN}, one of the allowed keys.` },
    },
    {
      name: 'allowedKeyArns: an alias is matched by the key it resolved to',
      bucket: { encryption: kmsDefault('alias/app-data'), kmsKey: describedKey({ configuredId: 'alias/app-data' }) },
      options: allowOnly(KEY_ARN),
      expect: { messageId: 'allowedKey', message: `Default encryption is SSE-KMS (aws:kms) with key ${KEY_ARN}, one of the allowed keys.` },
    },
  ],
  fail: [
    {
      name: 'SSE-S3 fails',
      bucket: { encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }), kmsKey: absent() },
      expect: {
        messageId: 'notKms',
        message:
          'Default encryption is SSE-S3 (AES256), not SSE-KMS or DSSE-KMS: reading objects needs no permission on a ' +
          'key, and no key use is logged in CloudTrail.',
      },
    },
    {
      name: 'an algorithm AWS added later (aws:fsx) fails by name, without crashing',
      bucket: { encryption: present({ rules: [{ sseAlgorithm: 'aws:fsx', bucketKeyEnabled: false }] }), kmsKey: absent() },
      expect: {
        messageId: 'notKms',
        message:
          'Default encryption is aws:fsx, not SSE-KMS or DSSE-KMS: reading objects needs no permission on a key, and ' +
          'no key use is logged in CloudTrail.',
      },
    },
    {
      name: 'a configuration whose rules set no algorithm fails',
      bucket: { encryption: present({ rules: [{ bucketKeyEnabled: true }] }), kmsKey: absent() },
      expect: {
        messageId: 'notKms',
        message:
          'Default encryption is not set, not SSE-KMS or DSSE-KMS: reading objects needs no permission on a key, and ' +
          'no key use is logged in CloudTrail.',
      },
    },
    {
      name: 'no encryption configuration fails',
      bucket: { encryption: absent('ServerSideEncryptionConfigurationNotFoundError'), kmsKey: absent() },
      expect: {
        messageId: 'noConfiguration',
        message:
          'No default encryption configuration (ServerSideEncryptionConfigurationNotFoundError), so new objects are not ' +
          'encrypted with a KMS key.',
      },
    },
    {
      name: 'requireCustomerManagedKey: the implicit aws/s3 key fails',
      bucket: { encryption: kmsDefault(undefined), kmsKey: AWS_MANAGED_DEFAULT },
      options: requireCustomerManaged,
      expect: {
        messageId: 'awsManagedKey',
        message:
          'Default encryption uses the AWS managed key alias/aws/s3, not a customer managed key: its key policy cannot ' +
          'be changed, so access cannot be restricted or shared through the key.',
      },
    },
    {
      name: 'requireCustomerManagedKey: the AWS managed key named by its ARN fails',
      bucket: {
        encryption: kmsDefault(awsManagedByArn),
        kmsKey: describedKey({ configuredId: awsManagedByArn, arn: awsManagedByArn, keyManager: 'AWS' }),
      },
      options: requireCustomerManaged,
      expect: {
        messageId: 'awsManagedKey',
        message:
          `Default encryption uses the AWS managed key ${awsManagedByArn}, not a customer managed key: its key policy ` +
          'cannot be changed, so access cannot be restricted or shared through the key.',
      },
    },
    {
      name: 'requireCustomerManagedKey: a key that does not exist fails',
      bucket: {
        encryption: kmsDefault(KEY_ARN),
        kmsKey: present({ kind: 'missing', configuredId: KEY_ARN, region: 'us-east-1', code: 'NotFoundException', message: 'gone' }),
      },
      options: requireCustomerManaged,
      expect: {
        messageId: 'missingKey',
        message: `Default-encryption key ${KEY_ARN} does not exist (NotFoundException), so no customer managed key protects new objects.`,
      },
    },
    {
      name: 'allowedKeyArns: a key ARN not in the list fails',
      bucket: { encryption: kmsDefault(FOREIGN_KEY_ARN), kmsKey: describedKey({ arn: FOREIGN_KEY_ARN }) },
      options: allowOnly(KEY_ARN),
      expect: { messageId: 'notAllowed', message: `Default encryption uses key ${FOREIGN_KEY_ARN}, which is not one of the 1 allowed key ARN(s).` },
    },
    {
      name: 'allowedKeyArns: the AWS managed key is never in the list',
      bucket: { encryption: kmsDefault(undefined), kmsKey: AWS_MANAGED_DEFAULT },
      options: allowOnly(KEY_ARN),
      expect: { messageId: 'notAllowed', message: 'Default encryption uses the AWS managed key alias/aws/s3, which is not one of the 1 allowed key ARN(s).' },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketEncryption is unknown',
      bucket: { encryption: observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied'), kmsKey: observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the default encryption configuration: GetBucketEncryption failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'requireCustomerManagedKey: a key DescribeKey may not read is unknown',
      bucket: { encryption: kmsDefault(KEY_ARN), kmsKey: denied },
      options: requireCustomerManaged,
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the default-encryption KMS key: DescribeKey failed with AccessDeniedException (not authorized ' +
          'to perform: kms:DescribeKey).',
      },
    },
    {
      name: 'allowedKeyArns: an alias DescribeKey may not resolve is unknown',
      bucket: { encryption: kmsDefault('alias/app-data'), kmsKey: denied },
      options: allowOnly(KEY_ARN),
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the default-encryption KMS key: DescribeKey failed with AccessDeniedException (not authorized ' +
          'to perform: kms:DescribeKey).',
      },
    },
    {
      name: 'requireCustomerManagedKey: a hand-edited snapshot without the key is unknown, not a pass',
      bucket: { encryption: kmsDefault(KEY_ARN), kmsKey: absent() },
      options: requireCustomerManaged,
      expect: { messageId: 'notCollected', message: 'The snapshot does not contain kmsKey; collect it again with this check selected.' },
    },
  ],
});
