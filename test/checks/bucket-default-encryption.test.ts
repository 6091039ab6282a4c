import check from '../../src/checks/bucket-default-encryption.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

runCheckTests(check, {
  pass: [
    {
      name: 'SSE-S3 default passes',
      bucket: { encryption: present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }) },
      expect: { messageId: 'encrypted', message: 'Default encryption is SSE-S3 (AES256).' },
    },
    {
      name: 'SSE-KMS default passes',
      bucket: {
        encryption: present({
          rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k', bucketKeyEnabled: true }],
        }),
      },
      expect: { messageId: 'encrypted', message: 'Default encryption is SSE-KMS (aws:kms).' },
    },
    {
      name: 'DSSE-KMS default passes',
      bucket: { encryption: present({ rules: [{ sseAlgorithm: 'aws:kms:dsse', bucketKeyEnabled: false }] }) },
      expect: { messageId: 'encrypted', message: 'Default encryption is DSSE-KMS (aws:kms:dsse).' },
    },
    {
      name: 'an algorithm AWS added later is named as returned, not rejected',
      bucket: { encryption: present({ rules: [{ sseAlgorithm: 'aws:backup', bucketKeyEnabled: false }] }) },
      expect: { messageId: 'encrypted', message: 'Default encryption is aws:backup.' },
    },
    {
      name: 'a BucketKeyEnabled-only rule before the algorithm rule does not hide the algorithm',
      bucket: {
        encryption: present({ rules: [{ bucketKeyEnabled: true }, { sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }),
      },
      expect: { messageId: 'encrypted', message: 'Default encryption is SSE-S3 (AES256).' },
    },
  ],
  fail: [
    {
      name: 'no encryption configuration (legacy or S3-compatible store) fails',
      bucket: { encryption: absent('ServerSideEncryptionConfigurationNotFoundError') },
      expect: {
        messageId: 'noConfiguration',
        message:
          'No default encryption configuration (ServerSideEncryptionConfigurationNotFoundError); unexpected on AWS ' +
          'since January 2023, so this store or bucket may keep new objects unencrypted.',
      },
    },
    {
      name: 'a configuration whose only rule sets no algorithm fails',
      bucket: { encryption: present({ rules: [{ bucketKeyEnabled: true }] }) },
      expect: { messageId: 'noAlgorithm', message: 'The encryption configuration has 1 rule(s) but none sets a default algorithm.' },
    },
  ],
  unknown: [
    {
      name: 'an S3-compatible store answering ?encryption with a bucket listing (Ceph RGW) is unknown: not supported by this endpoint',
      bucket: {
        encryption: observedError(
          'GetBucketEncryption',
          'NotSupportedByEndpoint',
          'the endpoint answered GetBucketEncryption with a <ListBucketResult> document instead of <ServerSideEncryptionConfiguration>',
        ),
      },
      expect: {
        messageId: 'notSupported',
        message:
          'Could not read the default encryption configuration: not supported by this endpoint (the endpoint answered ' +
          'GetBucketEncryption with a <ListBucketResult> document instead of <ServerSideEncryptionConfiguration>).',
      },
    },
    {
      name: 'AccessDenied on GetBucketEncryption is unknown',
      bucket: { encryption: observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the default encryption configuration: GetBucketEncryption failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'throttling that outlasted the retries is unknown',
      bucket: { encryption: observedError('GetBucketEncryption', 'SlowDown', 'Please reduce your request rate.') },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the default encryption configuration: GetBucketEncryption failed with SlowDown (Please reduce your request rate.).',
      },
    },
  ],
});
