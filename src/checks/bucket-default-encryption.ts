import { defaultEncryptionRule } from '../snapshot/encryption.ts';
import { defineCheck } from './lib/define-check.ts';
import { algorithmName } from './lib/encryption-labels.ts';
import { unreadable } from './lib/unreadable.ts';
import { SSE_KMS_DEFAULT_ENCRYPTION } from './lib/remediation-snippets.ts';

export default defineCheck({
  id: 'bucket-default-encryption',
  title: 'Bucket has a default encryption configuration',
  severity: 'medium',
  resource: 'bucket',
  needs: ['encryption'],
  enabledByDefault: true,
  rationale:
    'Default encryption makes S3 encrypt every new object even when the writer asks for nothing. Since January ' +
    '2023 AWS applies SSE-S3 to every bucket, so a bucket without a configuration points at an S3-compatible ' +
    'store or a legacy setup where objects may be stored unencrypted.',
  remediation: {
    text: 'Set a default encryption configuration, preferably SSE-KMS with a customer managed key and S3 Bucket Keys.',
    ...SSE_KMS_DEFAULT_ENCRYPTION,
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    ],
    awsConfig: 's3-bucket-server-side-encryption-enabled',
    prowler: 's3_bucket_default_encryption',
  },
  messages: {
    encrypted: 'Default encryption is {{algorithm}}.',
    noConfiguration:
      'No default encryption configuration ({{code}}); unexpected on AWS since January 2023, so this store or ' +
      'bucket may keep new objects unencrypted.',
    noAlgorithm: 'The encryption configuration has {{rules}} rule(s) but none sets a default algorithm.',
  },
  evaluate(bucket) {
    const encryption = bucket.encryption;
    if (encryption === undefined) return undefined;
    if (encryption.state === 'error') return unreadable('the default encryption configuration', encryption);
    if (encryption.state === 'absent') {
      return {
        status: 'fail',
        messageId: 'noConfiguration',
        data: { code: encryption.code ?? 'no configuration returned' },
      };
    }
    const algorithm = defaultEncryptionRule(encryption.value)?.sseAlgorithm;
    if (algorithm === undefined) {
      return { status: 'fail', messageId: 'noAlgorithm', data: { rules: encryption.value.rules.length } };
    }
    return {
      status: 'pass',
      messageId: 'encrypted',
      data: { algorithm: algorithmName(algorithm) },
      evidence: { sseAlgorithm: algorithm },
    };
  },
});
