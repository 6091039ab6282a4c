import check from '../../src/checks/bucket-kms-key-foreign.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { FOREIGN_KEY_ARN, KEY_ARN, kmsDefault } from './kms-fixtures.ts';

runCheckTests(check, {
  pass: [
    {
      name: 'a key ARN of this account passes',
      bucket: { encryption: kmsDefault(KEY_ARN) },
      expect: { messageId: 'ownKey', message: `Default-encryption key ${KEY_ARN} is named by ARN and belongs to this account (123456789012).` },
    },
    {
      name: 'DSSE-KMS with a key ARN of this account passes',
      bucket: { encryption: kmsDefault(KEY_ARN, { algorithm: 'aws:kms:dsse', bucketKeyEnabled: false }) },
      expect: { messageId: 'ownKey', message: `Default-encryption key ${KEY_ARN} is named by ARN and belongs to this account (123456789012).` },
    },
    {
      name: 'an alias ARN of this account passes: it is resolved in this account for every writer',
      bucket: { encryption: kmsDefault('arn:aws:kms:us-east-1:123456789012:alias/app-data') },
      expect: {
        messageId: 'ownAliasArn',
        message:
          'Default encryption names alias ARN arn:aws:kms:us-east-1:123456789012:alias/app-data of this account ' +
          '(123456789012): KMS resolves it there for every writer.',
      },
    },
    {
      name: 'a key of an account listed as trusted passes',
      bucket: { encryption: kmsDefault(FOREIGN_KEY_ARN) },
      trustedAccounts: ['999999999999'],
      expect: { messageId: 'trustedKey', message: `Default-encryption key ${FOREIGN_KEY_ARN} belongs to account 999999999999, which is listed as trusted.` },
    },
    {
      name: 'SSE-KMS without a key id uses the bucket owner\'s aws/s3 key',
      bucket: { encryption: kmsDefault(undefined) },
      expect: { messageId: 'awsManagedDefault', message: 'Default encryption names no key, so S3 uses the AWS managed key aws/s3 of the bucket owner.' },
    },
  ],
  fail: [
    {
      name: 'a key ARN of another account fails',
      bucket: { encryption: kmsDefault(FOREIGN_KEY_ARN) },
      expect: {
        messageId: 'foreignKey',
        message:
          `Default-encryption key ${FOREIGN_KEY_ARN} belongs to account 999999999999, not this account (123456789012): ` +
          "that account can disable or delete the key and make this bucket's objects unreadable.",
      },
    },
    {
      name: 'an alias ARN of another account fails',
      bucket: { encryption: kmsDefault('arn:aws:kms:eu-west-1:999999999999:alias/shared') },
      trustedAccounts: ['111111111111'],
      expect: {
        messageId: 'foreignKey',
        message:
          'Default-encryption key arn:aws:kms:eu-west-1:999999999999:alias/shared belongs to account 999999999999, not ' +
          "this account (123456789012): that account can disable or delete the key and make this bucket's objects unreadable.",
      },
    },
    {
      name: 'an alias name fails: KMS resolves it in each writer\'s account',
      bucket: { encryption: kmsDefault('alias/app-data') },
      expect: {
        messageId: 'aliasName',
        message:
          'Default encryption names the alias alias/app-data, which KMS resolves in the account of each writer: objects ' +
          "written from another account are encrypted under that account's key. Name the key by its ARN.",
      },
    },
    {
      name: 'the explicit alias alias/aws/s3 fails like any alias name',
      bucket: { encryption: kmsDefault('alias/aws/s3') },
      expect: {
        messageId: 'aliasName',
        message:
          'Default encryption names the alias alias/aws/s3, which KMS resolves in the account of each writer: objects ' +
          "written from another account are encrypted under that account's key. Name the key by its ARN.",
      },
    },
    {
      name: 'a bare key id fails',
      bucket: { encryption: kmsDefault('1234abcd-12ab-34cd-56ef-1234567890ab') },
      expect: {
        messageId: 'bareKeyId',
        message:
          'Default encryption names the bare key id 1234abcd-12ab-34cd-56ef-1234567890ab: it does not say which account ' +
          'the key is in, and cross-account and AWS-service writes need the full key ARN. Name the key by its ARN.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketEncryption is unknown',
      bucket: { encryption: observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the default encryption configuration: GetBucketEncryption failed with AccessDenied (Access Denied).',
      },
    },
  ],
  notApplicable: [
    { name: 'SSE-S3 default encryption', bucket: { encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }) } },
    { name: 'an algorithm AWS added later (aws:fsx)', bucket: { encryption: present({ rules: [{ sseAlgorithm: 'aws:fsx', bucketKeyEnabled: false }] }) } },
    { name: 'no encryption configuration', bucket: { encryption: absent('ServerSideEncryptionConfigurationNotFoundError') } },
  ],
});
