import check from '../../src/checks/bucket-tls-only.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { BUCKET_ARN, bucketPolicy, DENY_PLAIN_HTTP, OBJECTS_ARN } from './policy-fixtures.ts';

runCheckTests(check, {
  pass: [
    {
      name: "AWS's documented deny of aws:SecureTransport=false passes",
      bucket: { policy: bucketPolicy(DENY_PLAIN_HTTP) },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies every request over plain HTTP (aws:SecureTransport=false) by "DenyPlainHttp": ' +
          'all principals, every S3 action, arn:aws:s3:::example-bucket and its objects.',
      },
    },
    {
      name: 'BoolIfExists with a JSON boolean and a lower-case key passes',
      bucket: {
        policy: bucketPolicy({ ...DENY_PLAIN_HTTP, Sid: undefined, Condition: { BoolIfExists: { 'aws:securetransport': false } } }),
      },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies every request over plain HTTP (aws:SecureTransport=false) by statement 1: ' +
          'all principals, every S3 action, arn:aws:s3:::example-bucket and its objects.',
      },
    },
    {
      name: 'off AWS a BoolIfExists deny also covers plain-HTTP requests that carry no aws:SecureTransport',
      account: { s3Compatible: true },
      bucket: { policy: bucketPolicy({ ...DENY_PLAIN_HTTP, Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }) },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies every request over plain HTTP (aws:SecureTransport=false) by "DenyPlainHttp": ' +
          'all principals, every S3 action, arn:aws:s3:::example-bucket and its objects.',
      },
    },
  ],
  fail: [
    {
      name: 'off AWS a Bool deny misses plain-HTTP requests without the key (Ceph RGW does not set it)',
      account: { s3Compatible: true },
      bucket: { policy: bucketPolicy(DENY_PLAIN_HTTP) },
      expect: {
        messageId: 'keyAbsent',
        message:
          'The bucket policy denies aws:SecureTransport=false ("DenyPlainHttp"), but not plain-HTTP requests without the key: ' +
          'this S3-compatible endpoint need not set aws:SecureTransport on them (Ceph RGW does not), and no Deny applies to them. ' +
          'Use BoolIfExists (or Null "true") instead.',
      },
    },
    {
      name: 'off AWS a Null "true" deny of the objects alone leaves keyless requests on the bucket itself',
      account: { s3Compatible: true },
      bucket: {
        policy: bucketPolicy(DENY_PLAIN_HTTP, {
          Sid: 'DenyKeyless',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: OBJECTS_ARN,
          Condition: { Null: { 'aws:SecureTransport': 'true' } },
        }),
      },
      expect: {
        messageId: 'keyAbsent',
        message:
          'The bucket policy denies aws:SecureTransport=false ("DenyPlainHttp"), but not plain-HTTP requests without the key: ' +
          'this S3-compatible endpoint need not set aws:SecureTransport on them (Ceph RGW does not), and they are not all denied: ' +
          'Deny covers arn:aws:s3:::example-bucket/* but not arn:aws:s3:::example-bucket. Use BoolIfExists (or Null "true") instead.',
      },
    },
    {
      name: 'no bucket policy fails',
      bucket: { policy: absent('NoSuchBucketPolicy') },
      expect: { messageId: 'noPolicy', message: 'No bucket policy: nothing denies requests over plain HTTP (aws:SecureTransport=false).' },
    },
    {
      name: 'a Deny on the objects only names the bucket ARN it misses',
      bucket: { policy: bucketPolicy({ ...DENY_PLAIN_HTTP, Resource: OBJECTS_ARN }) },
      expect: {
        messageId: 'gaps',
        message: 'The bucket policy does not deny every request over plain HTTP: Deny covers arn:aws:s3:::example-bucket/* but not arn:aws:s3:::example-bucket.',
      },
    },
    {
      name: 'a NotPrincipal exemption is named',
      bucket: {
        policy: bucketPolicy({ ...DENY_PLAIN_HTTP, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/legacy-app' } }),
      },
      expect: {
        messageId: 'gaps',
        message: 'The bucket policy does not deny every request over plain HTTP: NotPrincipal exempts arn:aws:iam::123456789012:role/legacy-app.',
      },
    },
    {
      name: 'a Deny narrowed by aws:SourceVpce names the escaping endpoint',
      bucket: {
        policy: bucketPolicy({
          ...DENY_PLAIN_HTTP,
          Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } },
        }),
      },
      expect: {
        messageId: 'gaps',
        message: 'The bucket policy does not deny every request over plain HTTP: a request with aws:SourceVpce=vpce-0a1b2c3d is not denied.',
      },
    },
    {
      name: 'an Allow conditioned on aws:SecureTransport=true denies nothing',
      bucket: {
        policy: bucketPolicy({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 's3:*',
          Resource: [BUCKET_ARN, OBJECTS_ARN],
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      },
      expect: {
        messageId: 'noDeny',
        message: 'No Deny statement in the bucket policy targets requests with aws:SecureTransport=false, so plain HTTP is not refused.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketPolicy is unknown, never "no policy" (Prowler #12872)',
      bucket: { policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied') },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'a policy document that does not parse is unknown with the parse error',
      bucket: { policy: present({ text: '{"Statement": {"Effect": "Deny", "Principal": "*"}}' }) },
      expect: {
        messageId: 'unparseable',
        message:
          'The bucket policy is not a valid policy document (Statement 1 has neither Action nor NotAction), ' +
          'so whether it denies plain HTTP is unknown.',
      },
    },
  ],
});
