import { defaultEncryptionRule } from '../snapshot/encryption.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { SSE_KMS_DEFAULT_ENCRYPTION } from './lib/remediation-snippets.ts';

export default defineCheck({
  id: 'bucket-key-enabled',
  title: 'SSE-KMS default encryption uses an S3 Bucket Key',
  severity: 'low',
  resource: 'bucket',
  needs: ['encryption'],
  enabledByDefault: true,
  rationale:
    'Without an S3 Bucket Key, S3 calls KMS for every object it writes (GenerateDataKey) and reads (Decrypt). ' +
    'Those calls are billed and count against the account\'s shared KMS request quota per region, so a busy ' +
    'bucket gets throttled and can starve other workloads using KMS. A Bucket Key cuts the KMS traffic by up to ' +
    '99%. DSSE-KMS does not support Bucket Keys, so it is not checked.',
  remediation: {
    text:
      'Enable BucketKeyEnabled in the default encryption rule. Key policies or grants that match ' +
      'kms:EncryptionContext:aws:s3:arn on object ARNs must then match the bucket ARN instead.',
    ...SSE_KMS_DEFAULT_ENCRYPTION,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html',
    ],
  },
  messages: {
    enabled: 'SSE-KMS default encryption uses an S3 Bucket Key, so S3 asks KMS for a bucket-level key, not one per object.',
    disabled:
      'SSE-KMS default encryption without an S3 Bucket Key: every object write and read is a billed KMS request ' +
      'that counts against the account\'s KMS request quota, so a busy bucket gets throttled.',
  },
  evaluate(bucket) {
    const encryption = bucket.encryption;
    if (encryption === undefined || encryption.state === 'absent') return undefined;
    if (encryption.state === 'error') return unreadable('the default encryption configuration', encryption);
    const rule = defaultEncryptionRule(encryption.value);
    if (rule?.sseAlgorithm !== 'aws:kms') return undefined;
    const evidence = { sseAlgorithm: rule.sseAlgorithm, bucketKeyEnabled: rule.bucketKeyEnabled };
    return rule.bucketKeyEnabled
      ? { status: 'pass', messageId: 'enabled', evidence }
      : { status: 'fail', messageId: 'disabled', evidence };
  },
});
