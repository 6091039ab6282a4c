import check from '../../src/checks/bucket-presigned-url-age.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { bucketPolicy, OBJECTS_ARN } from './policy-fixtures.ts';

const deny = (condition: unknown, overrides: Record<string, unknown> = {}) => ({
  Sid: 'LimitPresigned',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: OBJECTS_ARN,
  Condition: condition,
  ...overrides,
});
const tenMinutes = deny({ NumericGreaterThan: { 's3:signatureAge': 600000 } });

runCheckTests(check, {
  pass: [
    {
      name: 'a ten-minute s3:signatureAge limit passes the default hour',
      bucket: { policy: bucketPolicy(tenMinutes) },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies presigned requests signed more than 60 minutes earlier ("LimitPresigned") for every principal, s3:GetObject and s3:PutObject.',
      },
    },
    {
      name: 'denying query-string authentication passes',
      bucket: { policy: bucketPolicy(deny({ StringEquals: { 's3:authType': 'REST-QUERY-STRING' } })) },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies presigned requests signed more than 60 minutes earlier ("LimitPresigned") for every principal, s3:GetObject and s3:PutObject.',
      },
    },
  ],
  fail: [
    {
      name: 'no bucket policy fails',
      bucket: { policy: absent('NoSuchBucketPolicy') },
      expect: { messageId: 'noPolicy', message: 'No bucket policy: nothing limits how long presigned URLs stay valid (s3:signatureAge).' },
    },
    {
      name: 'a limit longer than the option fails',
      bucket: { policy: bucketPolicy(tenMinutes) },
      options: { maxAgeMinutes: 5 },
      expect: {
        messageId: 'noDeny',
        message:
          'No Deny statement in the bucket policy limits s3:signatureAge to 5 minutes or denies s3:authType REST-QUERY-STRING, ' +
          'so presigned URLs stay valid for as long as their signer chose.',
      },
    },
    {
      name: 'a limit on downloads only names the uploads it misses',
      bucket: { policy: bucketPolicy({ ...tenMinutes, Action: 's3:GetObject' }) },
      expect: { messageId: 'gaps', message: 'The bucket policy does not deny every presigned request older than 60 minutes: Deny does not cover s3:PutObject.' },
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
      bucket: { policy: present({ text: '{}' }) },
      expect: { messageId: 'unparseable', message: 'The bucket policy is not a valid policy document (the policy has no Statement), so whether it limits presigned URLs is unknown.' },
    },
  ],
});
