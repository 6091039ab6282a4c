import { defineCheck } from './lib/define-check.ts';
import { keyLabel } from './lib/encryption-labels.ts';
import { unreadable } from './lib/unreadable.ts';

/** Key states in which KMS refuses to encrypt or decrypt, each with its own message. */
const UNUSABLE_STATES = {
  Disabled: 'disabled',
  PendingDeletion: 'pendingDeletion',
  PendingImport: 'pendingImport',
  Unavailable: 'unavailable',
  PendingReplicaDeletion: 'pendingReplicaDeletion',
} as const;


export default defineCheck({
  id: 'bucket-kms-key-state',
  title: 'Default-encryption KMS key exists and is enabled',
  severity: 'critical',
  resource: 'bucket',
  needs: ['kmsKey'],
  enabledByDefault: true,
  rationale:
    'S3 does not validate the key named in a bucket\'s default encryption, and KMS keys can be disabled, ' +
    'scheduled for deletion or lose their imported material after the fact. While the key is unusable, every ' +
    'write that relies on default encryption fails and every object encrypted under it is unreadable; once the ' +
    'key is deleted, those objects are lost for good. No other S3 scanner joins a bucket to its key.',
  remediation: {
    text:
      'Cancel a scheduled deletion (aws kms cancel-key-deletion) and enable the key, re-import expired key material, ' +
      'reconnect the custom key store, or point default encryption at a usable symmetric key.',
    cli: 'aws kms cancel-key-deletion --key-id KEY_ARN && aws kms enable-key --key-id KEY_ARN',
    terraform:
      'resource "aws_kms_key" "this" {\n  is_enabled              = true\n  deletion_window_in_days = 30\n' +
      '  enable_key_rotation     = true\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    ],
    securityHub: 'KMS.3',
    awsConfig: 'kms-cmk-not-scheduled-for-deletion',
    prowler: 'kms_cmk_not_deleted_unintentionally',
  },
  messages: {
    enabled: 'Default-encryption key {{key}} is Enabled.',
    awsManaged:
      'Default encryption uses {{key}}; AWS keeps its managed keys enabled and never deletes them (not described: ' +
      'DescribeKey on an AWS alias can create the key).',
    missing:
      'Default-encryption key {{key}} does not exist in {{region}} ({{code}}): writes that rely on default ' +
      'encryption fail, and objects encrypted under a deleted key can never be read again.',
    disabled:
      'Default-encryption key {{key}} is Disabled: writes that rely on default encryption fail and objects ' +
      'encrypted under it cannot be read until the key is enabled again.',
    pendingDeletion:
      'Default-encryption key {{key}} is PendingDeletion (deleted on {{deletionDate}}): writes fail now, and once ' +
      'the key is deleted every object encrypted under it is unreadable for good.',
    pendingImport:
      'Default-encryption key {{key}} is PendingImport: its imported key material is missing or expired, so S3 can ' +
      'neither encrypt nor decrypt with it.',
    unavailable:
      'Default-encryption key {{key}} is Unavailable: its custom key store is disconnected, so S3 can neither ' +
      'encrypt nor decrypt with it.',
    pendingReplicaDeletion:
      'Default-encryption key {{key}} is PendingReplicaDeletion: this multi-Region replica key is scheduled for ' +
      'deletion and cannot be used.',
    notSymmetric:
      'Default-encryption key {{key}} has key spec {{keySpec}}: S3 encrypts only with symmetric encryption keys ' +
      '(SYMMETRIC_DEFAULT), so writes that rely on default encryption fail.',
    updating:
      'Default-encryption key {{key}} is Updating (its multi-Region primary is changing for a few seconds); KMS ' +
      'encrypts and decrypts with it meanwhile.',
    creating: 'Default-encryption key {{key}} is still Creating (a multi-Region replica); scan again once it is Enabled.',
    unrecognizedState:
      'KMS reports default-encryption key {{key}} in state {{state}}, which this version of s3-audit does not know.',
  },
  evaluate(bucket) {
    const observed = bucket.kmsKey;
    if (observed === undefined || observed.state === 'absent') return undefined;
    if (observed.state === 'error') return unreadable('the default-encryption KMS key', observed);
    const key = observed.value;
    if (key.kind === 'aws-managed-alias') return { status: 'pass', messageId: 'awsManaged', data: { key: keyLabel(key) } };
    if (key.kind === 'missing') {
      return {
        status: 'fail',
        messageId: 'missing',
        data: { key: key.configuredId, region: key.region, code: key.code },
        evidence: { configuredKeyId: key.configuredId, code: key.code, message: key.message },
      };
    }
    const data = { key: key.arn, state: key.keyState };
    const evidence = { keyArn: key.arn, keyState: key.keyState, keyManager: key.keyManager };
    const unusable = Object.entries(UNUSABLE_STATES).find(([state]) => state === key.keyState)?.[1];
    if (unusable !== undefined) {
      const deletionDate = key.deletionDate?.slice(0, 10) ?? 'a date KMS did not report';
      return { status: 'fail', messageId: unusable, data: { ...data, deletionDate }, evidence };
    }
    // Creating lasts moments and the key cannot be used yet: not a finding, not a pass either.
    if (key.keyState === 'Creating') return { status: 'unknown', messageId: 'creating', data, evidence };
    if (key.keyState !== 'Enabled' && key.keyState !== 'Updating') {
      return { status: 'unknown', messageId: 'unrecognizedState', data, evidence };
    }
    if (key.keySpec !== undefined && key.keySpec !== 'SYMMETRIC_DEFAULT') {
      return { status: 'fail', messageId: 'notSymmetric', data: { ...data, keySpec: key.keySpec }, evidence: { ...evidence, keySpec: key.keySpec } };
    }
    return { status: 'pass', messageId: key.keyState === 'Updating' ? 'updating' : 'enabled', data, evidence };
  },
});
