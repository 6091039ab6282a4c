import check from '../../src/checks/bucket-tls-min-version.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { BUCKET_ARN, bucketPolicy, DENY_PLAIN_HTTP, OBJECTS_ARN } from './policy-fixtures.ts';

const denyOldTls = (version: unknown, overrides: Record<string, unknown> = {}) => ({
  Sid: 'DenyOldTls',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: ['s3:*'],
  Resource: [BUCKET_ARN, OBJECTS_ARN],
  Condition: { NumericLessThan: { 's3:TlsVersion': version } },
  ...overrides,
});

runCheckTests(check, {
  pass: [
    {
      name: 'the Knowledge Center deny of s3:TlsVersion < 1.2 passes',
      bucket: { policy: bucketPolicy(denyOldTls(1.2)) },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies TLS versions below 1.2 (s3:TlsVersion) by "DenyOldTls": all principals, every S3 action, ' +
          'arn:aws:s3:::example-bucket and its objects.',
      },
    },
    {
      name: 'a minimum of 1.3 set as an option is checked against TLS 1.2 too',
      bucket: { policy: bucketPolicy(denyOldTls('1.3')) },
      options: { minimumVersion: '1.3' },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies TLS versions below 1.3 (s3:TlsVersion) by "DenyOldTls": all principals, every S3 action, ' +
          'arn:aws:s3:::example-bucket and its objects.',
      },
    },
  ],
  fail: [
    {
      name: 'no bucket policy fails',
      bucket: { policy: absent('NoSuchBucketPolicy') },
      expect: { messageId: 'noPolicy', message: 'No bucket policy: nothing denies TLS versions below 1.2 (s3:TlsVersion).' },
    },
    {
      name: 'the plain-HTTP deny alone does not stop TLS 1.1',
      bucket: { policy: bucketPolicy(DENY_PLAIN_HTTP) },
      expect: { messageId: 'noDeny', message: 'No Deny statement in the bucket policy targets requests over TLS 1.1 (s3:TlsVersion below 1.2).' },
    },
    {
      name: "AWS's Example 8 denies only s3:PutObject: the other actions are named",
      bucket: { policy: bucketPolicy(denyOldTls(1.2, { Action: 's3:PutObject' })) },
      expect: {
        messageId: 'gaps',
        message:
          'The bucket policy does not deny every request over TLS 1.1: Deny does not cover s3:ListBucket, s3:ListBucketVersions, ' +
          's3:ListBucketMultipartUploads, s3:GetBucketPolicy and 21 more.',
      },
    },
    {
      name: 'a threshold of 1.1 lets TLS 1.1 through',
      bucket: { policy: bucketPolicy(denyOldTls(1.1)) },
      expect: { messageId: 'noDeny', message: 'No Deny statement in the bucket policy targets requests over TLS 1.1 (s3:TlsVersion below 1.2).' },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketPolicy is unknown',
      bucket: { policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied') },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'an unparseable policy is unknown with the parse error',
      bucket: { policy: present({ text: '{"Statement": {"Effect": "Deny", "Action": "s3:*", "Condition": {"NumericLessThan": ["1.2"]}}}' }) },
      expect: {
        messageId: 'unparseable',
        message:
          'The bucket policy is not a valid policy document (Statement 1 Condition NumericLessThan must be an object, got a list), ' +
          'so whether it denies TLS below 1.2 is unknown.',
      },
    },
  ],
});
