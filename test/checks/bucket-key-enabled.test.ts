import check from '../../src/checks/bucket-key-enabled.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { KEY_ARN, kmsDefault } from './kms-fixtures.ts';

const DISABLED_MESSAGE =
  'SSE-KMS default encryption without an S3 Bucket Key: every object write and read is a billed KMS request ' +
  "that counts against the account's KMS request quota, so a busy bucket gets throttled.";

runCheckTests(check, {
  pass: [
    {
      name: 'SSE-KMS with BucketKeyEnabled passes',
      bucket: { encryption: kmsDefault(KEY_ARN, { bucketKeyEnabled: true }) },
      expect: {
        messageId: 'enabled',
        message: 'SSE-KMS default encryption uses an S3 Bucket Key, so S3 asks KMS for a bucket-level key, not one per object.',
      },
    },
  ],
  fail: [
    {
      name: 'SSE-KMS without BucketKeyEnabled fails',
      bucket: { encryption: kmsDefault(KEY_ARN, { bucketKeyEnabled: false }) },
      expect: { messageId: 'disabled', message: DISABLED_MESSAGE },
    },
    {
      name: 'SSE-KMS with the AWS managed key and no Bucket Key fails too: the quota is the same',
      bucket: { encryption: kmsDefault(undefined, { bucketKeyEnabled: false }) },
      expect: { messageId: 'disabled', message: DISABLED_MESSAGE },
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
    { name: 'DSSE-KMS, which does not support Bucket Keys', bucket: { encryption: kmsDefault(KEY_ARN, { algorithm: 'aws:kms:dsse', bucketKeyEnabled: false }) } },
    { name: 'SSE-S3', bucket: { encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }) } },
    { name: 'an algorithm AWS added later (aws:backup)', bucket: { encryption: present({ rules: [{ sseAlgorithm: 'aws:backup', bucketKeyEnabled: false }] }) } },
    { name: 'no encryption configuration', bucket: { encryption: absent('ServerSideEncryptionConfigurationNotFoundError') } },
  ],
});
