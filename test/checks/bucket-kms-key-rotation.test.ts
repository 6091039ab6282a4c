import check from '../../src/checks/bucket-kms-key-rotation.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { AWS_MANAGED_DEFAULT, describedKey, KEY_ARN } from './kms-fixtures.ts';

runCheckTests(check, {
  pass: [
    {
      name: 'rotation on passes and names the period',
      bucket: { kmsKey: describedKey(), kmsKeyRotation: present({ enabled: true, periodDays: 365, nextRotationDate: '2027-03-01T09:00:00.000Z' }) },
      expect: { messageId: 'rotating', message: `Automatic rotation of customer managed key ${KEY_ARN} is on (every 365 days).` },
    },
    {
      name: 'rotation on without a reported period passes',
      bucket: { kmsKey: describedKey(), kmsKeyRotation: present({ enabled: true }) },
      expect: { messageId: 'rotating', message: `Automatic rotation of customer managed key ${KEY_ARN} is on.` },
    },
  ],
  fail: [
    {
      name: 'rotation off fails',
      bucket: { kmsKey: describedKey(), kmsKeyRotation: present({ enabled: false }) },
      expect: {
        messageId: 'notRotating',
        message:
          `Automatic rotation of customer managed key ${KEY_ARN} is off: the same key material protects every object ` +
          'for as long as the key lives.',
      },
    },
    {
      name: 'rotation off on a Disabled key still fails: enabling the key would not turn rotation on',
      bucket: { kmsKey: describedKey({ keyState: 'Disabled' }), kmsKeyRotation: present({ enabled: false }) },
      expect: {
        messageId: 'notRotating',
        message:
          `Automatic rotation of customer managed key ${KEY_ARN} is off: the same key material protects every object ` +
          'for as long as the key lives.',
      },
    },
    {
      name: 'a key with imported material, which KMS cannot rotate, fails',
      bucket: { kmsKey: describedKey({ origin: 'EXTERNAL' }), kmsKeyRotation: absent('UnsupportedOperationException') },
      expect: {
        messageId: 'cannotRotate',
        message:
          `KMS cannot rotate customer managed key ${KEY_ARN} automatically (UnsupportedOperationException; origin ` +
          'EXTERNAL, key spec SYMMETRIC_DEFAULT): rotate its key material yourself.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDeniedException on GetKeyRotationStatus is unknown',
      bucket: {
        kmsKey: describedKey(),
        kmsKeyRotation: observedError('GetKeyRotationStatus', 'AccessDeniedException', 'not authorized to perform: kms:GetKeyRotationStatus'),
      },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the key rotation status: GetKeyRotationStatus failed with AccessDeniedException (not ' +
          'authorized to perform: kms:GetKeyRotationStatus).',
      },
    },
    {
      name: 'AccessDeniedException on DescribeKey is unknown: the key may be customer managed',
      bucket: {
        kmsKey: observedError('DescribeKey', 'AccessDeniedException', 'not authorized to perform: kms:DescribeKey'),
        kmsKeyRotation: observedError('DescribeKey', 'AccessDeniedException', 'not authorized to perform: kms:DescribeKey'),
      },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the default-encryption KMS key: DescribeKey failed with AccessDeniedException (not ' +
          'authorized to perform: kms:DescribeKey).',
      },
    },
  ],
  notApplicable: [
    { name: 'no KMS key (SSE-S3)', bucket: { kmsKey: absent(), kmsKeyRotation: absent() } },
    { name: 'the AWS managed aws/s3 key, which AWS rotates yearly', bucket: { kmsKey: AWS_MANAGED_DEFAULT, kmsKeyRotation: absent() } },
    { name: 'an AWS managed key named by ARN', bucket: { kmsKey: describedKey({ keyManager: 'AWS' }), kmsKeyRotation: absent() } },
    {
      name: 'a missing key (bucket-kms-key-state reports it)',
      bucket: {
        kmsKey: present({ kind: 'missing', configuredId: KEY_ARN, region: 'us-east-1', code: 'NotFoundException', message: 'gone' }),
        kmsKeyRotation: absent(),
      },
    },
    {
      name: 'a key PendingDeletion, which always reports rotation off',
      bucket: { kmsKey: describedKey({ keyState: 'PendingDeletion' }), kmsKeyRotation: present({ enabled: false }) },
    },
  ],
});
