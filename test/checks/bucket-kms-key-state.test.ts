import check from '../../src/checks/bucket-kms-key-state.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { AWS_MANAGED_DEFAULT, describedKey, FOREIGN_KEY_ARN, KEY_ARN } from './kms-fixtures.ts';

const inState = (state: string) => ({ kmsKey: describedKey({ keyState: state }) });

runCheckTests(check, {
  pass: [
    {
      name: 'an Enabled symmetric customer managed key passes',
      bucket: { kmsKey: describedKey() },
      expect: { messageId: 'enabled', message: `Default-encryption key ${KEY_ARN} is Enabled.` },
    },
    {
      name: 'an Enabled key of another account passes (whose key it is, is bucket-kms-key-foreign)',
      bucket: { kmsKey: describedKey({ arn: FOREIGN_KEY_ARN, configuredId: FOREIGN_KEY_ARN, accountId: '999999999999', region: 'eu-west-1' }) },
      expect: { messageId: 'enabled', message: `Default-encryption key ${FOREIGN_KEY_ARN} is Enabled.` },
    },
    {
      name: 'a key named by alias is judged by the key the alias resolved to',
      bucket: { kmsKey: describedKey({ configuredId: 'alias/app-data' }) },
      expect: { messageId: 'enabled', message: `Default-encryption key ${KEY_ARN} is Enabled.` },
    },
    {
      name: 'a multi-Region key Updating its primary passes: KMS keeps using it',
      bucket: inState('Updating'),
      expect: {
        messageId: 'updating',
        message:
          `Default-encryption key ${KEY_ARN} is Updating (its multi-Region primary is changing for a few seconds); ` +
          'KMS encrypts and decrypts with it meanwhile.',
      },
    },
    {
      name: 'the AWS managed aws/s3 key passes without having been described',
      bucket: { kmsKey: AWS_MANAGED_DEFAULT },
      expect: {
        messageId: 'awsManaged',
        message:
          'Default encryption uses the AWS managed key alias/aws/s3; AWS keeps its managed keys enabled and never ' +
          'deletes them (not described: DescribeKey on an AWS alias can create the key).',
      },
    },
  ],
  fail: [
    {
      name: 'a key that does not exist (NotFoundException) fails',
      bucket: {
        kmsKey: present({
          kind: 'missing',
          configuredId: KEY_ARN,
          region: 'us-east-1',
          code: 'NotFoundException',
          message: `Key '${KEY_ARN}' does not exist`,
        }),
      },
      expect: {
        messageId: 'missing',
        message:
          `Default-encryption key ${KEY_ARN} does not exist in us-east-1 (NotFoundException): writes that rely on ` +
          'default encryption fail, and objects encrypted under a deleted key can never be read again.',
      },
    },
    {
      name: 'an alias that resolves to nothing fails as missing',
      bucket: {
        kmsKey: present({
          kind: 'missing',
          configuredId: 'alias/retired',
          region: 'eu-west-1',
          code: 'NotFoundException',
          message: 'Alias arn:aws:kms:eu-west-1:123456789012:alias/retired is not found.',
        }),
      },
      expect: {
        messageId: 'missing',
        message:
          'Default-encryption key alias/retired does not exist in eu-west-1 (NotFoundException): writes that rely on ' +
          'default encryption fail, and objects encrypted under a deleted key can never be read again.',
      },
    },
    {
      name: 'a Disabled key fails',
      bucket: inState('Disabled'),
      expect: {
        messageId: 'disabled',
        message:
          `Default-encryption key ${KEY_ARN} is Disabled: writes that rely on default encryption fail and objects ` +
          'encrypted under it cannot be read until the key is enabled again.',
      },
    },
    {
      name: 'a key PendingDeletion fails and names the deletion date',
      bucket: { kmsKey: describedKey({ keyState: 'PendingDeletion', deletionDate: '2026-12-24T00:00:00.000Z' }) },
      expect: {
        messageId: 'pendingDeletion',
        message:
          `Default-encryption key ${KEY_ARN} is PendingDeletion (deleted on 2026-12-24): writes fail now, and once ` +
          'the key is deleted every object encrypted under it is unreadable for good.',
      },
    },
    {
      name: 'a key PendingDeletion without a reported date still fails',
      bucket: inState('PendingDeletion'),
      expect: {
        messageId: 'pendingDeletion',
        message:
          `Default-encryption key ${KEY_ARN} is PendingDeletion (deleted on a date KMS did not report): writes fail ` +
          'now, and once the key is deleted every object encrypted under it is unreadable for good.',
      },
    },
    {
      name: 'a key PendingImport (imported material missing or expired) fails',
      bucket: inState('PendingImport'),
      expect: {
        messageId: 'pendingImport',
        message:
          `Default-encryption key ${KEY_ARN} is PendingImport: its imported key material is missing or expired, so ` +
          'S3 can neither encrypt nor decrypt with it.',
      },
    },
    {
      name: 'a key Unavailable (custom key store disconnected) fails',
      bucket: inState('Unavailable'),
      expect: {
        messageId: 'unavailable',
        message:
          `Default-encryption key ${KEY_ARN} is Unavailable: its custom key store is disconnected, so S3 can neither ` +
          'encrypt nor decrypt with it.',
      },
    },
    {
      name: 'a multi-Region replica PendingReplicaDeletion fails',
      bucket: inState('PendingReplicaDeletion'),
      expect: {
        messageId: 'pendingReplicaDeletion',
        message:
          `Default-encryption key ${KEY_ARN} is PendingReplicaDeletion: this multi-Region replica key is scheduled ` +
          'for deletion and cannot be used.',
      },
    },
    {
      name: 'an Enabled asymmetric key fails: S3 cannot encrypt with it',
      bucket: { kmsKey: describedKey({ keySpec: 'RSA_2048' }) },
      expect: {
        messageId: 'notSymmetric',
        message:
          `Default-encryption key ${KEY_ARN} has key spec RSA_2048: S3 encrypts only with symmetric encryption keys ` +
          '(SYMMETRIC_DEFAULT), so writes that rely on default encryption fail.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDeniedException on DescribeKey is unknown',
      bucket: {
        kmsKey: observedError(
          'DescribeKey',
          'AccessDeniedException',
          `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: kms:DescribeKey on resource: ${FOREIGN_KEY_ARN}`,
        ),
      },
      expect: {
        messageId: 'unreadable',
        message:
          'Could not read the default-encryption KMS key: DescribeKey failed with AccessDeniedException (User: ' +
          `arn:aws:iam::123456789012:user/auditor is not authorized to perform: kms:DescribeKey on resource: ${FOREIGN_KEY_ARN}).`,
      },
    },
    {
      name: 'an unreadable encryption configuration leaves the key unknown',
      bucket: { kmsKey: observedError('GetBucketEncryption', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the default-encryption KMS key: GetBucketEncryption failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'a multi-Region replica still Creating is unknown until it settles',
      bucket: inState('Creating'),
      expect: {
        messageId: 'creating',
        message: `Default-encryption key ${KEY_ARN} is still Creating (a multi-Region replica); scan again once it is Enabled.`,
      },
    },
    {
      name: 'a key state KMS adds later is unknown, never pass',
      bucket: inState('Quarantined'),
      expect: {
        messageId: 'unrecognizedState',
        message: `KMS reports default-encryption key ${KEY_ARN} in state Quarantined, which this version of s3-audit does not know.`,
      },
    },
  ],
  notApplicable: [{ name: 'a bucket whose default encryption names no KMS key (SSE-S3)', bucket: { kmsKey: absent() } }],
});
