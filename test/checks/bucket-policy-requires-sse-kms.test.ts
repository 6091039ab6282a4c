import check from '../../src/checks/bucket-policy-requires-sse-kms.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { bucketPolicy, OBJECTS_ARN } from './policy-fixtures.ts';

const denyUnless = (condition: unknown, sid = 'DenyUnEncryptedObjectUploads') => ({
  Sid: sid,
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: OBJECTS_ARN,
  Condition: condition,
});
const notKms = denyUnless({ StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] } });
const onlyAes = denyUnless({ StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } }, 'DenySseS3');
const sseKmsDefault = present({ rules: [{ sseAlgorithm: 'aws:kms', bucketKeyEnabled: true }] });
const sseS3Default = present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] });

runCheckTests(check, {
  pass: [
    {
      name: "AWS's DenyUnEncryptedObjectUploads passes, header-less uploads included",
      bucket: { policy: bucketPolicy(notKms), encryption: sseS3Default },
      expect: {
        messageId: 'enforced',
        message:
          'The bucket policy denies every upload that does not ask for SSE-KMS ("DenyUnEncryptedObjectUploads"), including uploads without an encryption header.',
      },
    },
    {
      name: 'denying AES256 explicitly is enough when the default encryption is SSE-KMS',
      bucket: { policy: bucketPolicy(onlyAes), encryption: sseKmsDefault },
      expect: {
        messageId: 'enforcedWithDefault',
        message:
          'The bucket policy denies uploads that ask for another encryption ("DenySseS3"), and uploads without an encryption header get the default aws:kms.',
      },
    },
  ],
  fail: [
    {
      name: 'no bucket policy fails',
      bucket: { policy: absent('NoSuchBucketPolicy'), encryption: sseKmsDefault },
      expect: { messageId: 'noPolicy', message: 'No bucket policy: nothing denies uploads that are not encrypted with SSE-KMS (s3:x-amz-server-side-encryption).' },
    },
    {
      name: 'a Null-only deny (header missing) lets AES256 uploads through',
      bucket: { policy: bucketPolicy(denyUnless({ Null: { 's3:x-amz-server-side-encryption': 'true' } })), encryption: sseKmsDefault },
      expect: {
        messageId: 'noDeny',
        message: 'No Deny statement in the bucket policy targets s3:PutObject with x-amz-server-side-encryption: AES256, so writers can choose SSE-S3.',
      },
    },
    {
      name: 'a deny that exempts one role names it',
      bucket: {
        policy: bucketPolicy({ ...notKms, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/etl' } }),
        encryption: sseKmsDefault,
      },
      expect: {
        messageId: 'gaps',
        message: 'The bucket policy does not deny every upload with x-amz-server-side-encryption: AES256: NotPrincipal exempts arn:aws:iam::123456789012:role/etl.',
      },
    },
    {
      name: 'denying AES256 only, with an SSE-S3 default, leaves header-less uploads on SSE-S3',
      bucket: { policy: bucketPolicy(onlyAes), encryption: sseS3Default },
      expect: {
        messageId: 'headerless',
        message:
          'The bucket policy denies uploads that ask for AES256 but not uploads without an encryption header, and the default ' +
          'encryption is AES256, so those objects are not encrypted with KMS.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketPolicy is unknown',
      bucket: { policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied'), encryption: sseKmsDefault },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'header-less uploads with an unreadable default encryption are unknown',
      bucket: { policy: bucketPolicy(onlyAes), encryption: observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the default encryption configuration: GetBucketEncryption failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'an unparseable policy is unknown with the parse error',
      bucket: { policy: present({ text: '{"Statement": {"Effect": "Deny", "Action": "s3:PutObject", "Principal": {"Account": "1"}}}' }), encryption: sseKmsDefault },
      expect: {
        messageId: 'unparseable',
        message:
          "The bucket policy is not a valid policy document (Statement 1 Principal has an unknown principal type 'Account'), so whether it requires SSE-KMS is unknown.",
      },
    },
  ],
});
