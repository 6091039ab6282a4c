import check from '../../src/checks/bucket-sse-c-blocked.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { BUCKET_ARN, bucketPolicy, DENY_PLAIN_HTTP, OBJECTS_ARN } from './policy-fixtures.ts';

const denySseC = {
  Sid: 'DenySseC',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: OBJECTS_ARN,
  Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
};
const blocked = present({ rules: [{ sseAlgorithm: 'aws:kms', bucketKeyEnabled: true, blockedEncryptionTypes: ['SSE-C'] }] });
const notBlocked = present({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] });
const denied = observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied');

runCheckTests(check, {
  pass: [
    {
      name: 'BlockedEncryptionTypes SSE-C alone passes',
      bucket: { policy: absent('NoSuchBucketPolicy'), encryption: blocked },
      expect: { messageId: 'blockedByConfiguration', message: 'SSE-C uploads are blocked by the default encryption configuration (BlockedEncryptionTypes contains SSE-C).' },
    },
    {
      name: 'a policy deny alone passes, naming only the statement that denies SSE-C',
      bucket: { policy: bucketPolicy(DENY_PLAIN_HTTP, denySseC), encryption: notBlocked },
      expect: {
        messageId: 'blockedByPolicy',
        message: 'SSE-C uploads are blocked by the bucket policy ("DenySseC" denies s3:PutObject with x-amz-server-side-encryption-customer-algorithm).',
      },
    },
    {
      name: 'both together pass and say so',
      bucket: { policy: bucketPolicy(denySseC), encryption: blocked },
      expect: { messageId: 'blockedByBoth', message: 'SSE-C uploads are blocked twice: BlockedEncryptionTypes contains SSE-C and the bucket policy denies them ("DenySseC").' },
    },
    {
      name: 'an unreadable policy does not matter when the configuration blocks SSE-C',
      bucket: { policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied'), encryption: blocked },
      expect: { messageId: 'blockedByConfiguration', message: 'SSE-C uploads are blocked by the default encryption configuration (BlockedEncryptionTypes contains SSE-C).' },
    },
  ],
  fail: [
    {
      name: 'neither a block nor a bucket policy fails',
      bucket: { policy: absent('NoSuchBucketPolicy'), encryption: notBlocked },
      expect: { messageId: 'allowed', message: 'SSE-C uploads are allowed: BlockedEncryptionTypes does not contain SSE-C and there is no bucket policy.' },
    },
    {
      name: 'the plain-HTTP deny is not about SSE-C, so nothing targets SSE-C uploads',
      bucket: { policy: bucketPolicy(DENY_PLAIN_HTTP), encryption: notBlocked },
      expect: {
        messageId: 'allowed',
        message:
          'SSE-C uploads are allowed: BlockedEncryptionTypes does not contain SSE-C and no Deny statement in the bucket policy ' +
          'targets uploads with x-amz-server-side-encryption-customer-algorithm.',
      },
    },
    {
      name: 'a policy with no Deny at all fails',
      bucket: {
        policy: bucketPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 's3:PutObject', Resource: OBJECTS_ARN }),
        encryption: notBlocked,
      },
      expect: {
        messageId: 'allowed',
        message:
          'SSE-C uploads are allowed: BlockedEncryptionTypes does not contain SSE-C and no Deny statement in the bucket policy ' +
          'targets uploads with x-amz-server-side-encryption-customer-algorithm.',
      },
    },
    {
      name: 'a deny on one prefix names what it misses',
      bucket: { policy: bucketPolicy({ ...denySseC, Resource: `${BUCKET_ARN}/incoming/*` }), encryption: absent('ServerSideEncryptionConfigurationNotFoundError') },
      expect: {
        messageId: 'allowed',
        message:
          'SSE-C uploads are allowed: BlockedEncryptionTypes does not contain SSE-C and the bucket policy does not deny every SSE-C ' +
          'upload: Deny covers arn:aws:s3:::example-bucket/incoming/* but not arn:aws:s3:::example-bucket/*.',
      },
    },
  ],
  unknown: [
    {
      name: 'an unreadable encryption configuration without a policy deny is unknown',
      bucket: { policy: absent('NoSuchBucketPolicy'), encryption: denied },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the default encryption configuration: GetBucketEncryption failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'an unreadable policy without a configuration block is unknown',
      bucket: { policy: observedError('GetBucketPolicy', 'AccessDenied', 'Access Denied'), encryption: notBlocked },
      expect: { messageId: 'unreadable', message: 'Could not read the bucket policy: GetBucketPolicy failed with AccessDenied (Access Denied).' },
    },
    {
      name: 'an unparseable policy without a configuration block is unknown with the parse error',
      bucket: { policy: present({ text: '[]' }), encryption: notBlocked },
      expect: {
        messageId: 'unparseable',
        message: 'The bucket policy is not a valid policy document (a policy must be a JSON object, got a list), so whether it denies SSE-C uploads is unknown.',
      },
    },
  ],
});
