import { answerCoverage, bucketScope, readBucketPolicy, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { sseCUploadQuestion } from '../policy/s3-questions.ts';
import type { EncryptionConfiguration } from '../snapshot/types.ts';

function blocksSseC(configuration: EncryptionConfiguration): boolean {
  return configuration.rules.some((rule) => (rule.blockedEncryptionTypes ?? []).some((type) => type.toUpperCase() === 'SSE-C'));
}

export default defineCheck({
  id: 'bucket-sse-c-blocked',
  title: 'Bucket blocks uploads encrypted with customer-provided keys (SSE-C)',
  severity: 'medium',
  resource: 'bucket',
  needs: ['policy', 'encryption'],
  enabledByDefault: true,
  rationale:
    'With SSE-C the writer supplies the key and S3 keeps only a hash of it. Attackers with stolen write access ' +
    're-encrypt objects with a key only they hold and demand a ransom; neither KMS nor AWS can recover the data. ' +
    'Few workloads need SSE-C, so blocking it removes that path.',
  remediation: {
    text:
      'Set BlockedEncryptionTypes to SSE-C in the default encryption configuration, or add a Deny of s3:PutObject ' +
      'with Condition {"Null": {"s3:x-amz-server-side-encryption-customer-algorithm": "false"}}.',
    cli:
      'aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration ' +
      '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true,' +
      '"BlockedEncryptionTypes":{"EncryptionType":["SSE-C"]}}]}\'',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/blocking-unblocking-s3-c-encryption-gpb.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_BlockedEncryptionTypes.html',
    ],
  },
  messages: {
    blockedByBoth: 'SSE-C uploads are blocked twice: BlockedEncryptionTypes contains SSE-C and the bucket policy denies them ({{statements}}).',
    blockedByConfiguration: 'SSE-C uploads are blocked by the default encryption configuration (BlockedEncryptionTypes contains SSE-C).',
    blockedByPolicy:
      'SSE-C uploads are blocked by the bucket policy ({{statements}} denies s3:PutObject with ' +
      'x-amz-server-side-encryption-customer-algorithm).',
    allowed: 'SSE-C uploads are allowed: BlockedEncryptionTypes does not contain SSE-C and {{policyGap}}.',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context) {
    const { policy, encryption } = bucket;
    if (policy === undefined || encryption === undefined) return undefined;
    const byConfiguration = encryption.state === 'present' && blocksSseC(encryption.value);
    const read = readBucketPolicy(policy);
    const answer = read.state === 'parsed' ? answerCoverage(read.policy, sseCUploadQuestion(read.policy, bucketScope(bucket, context))) : undefined;
    const statements = answer?.deciding.join(', ') ?? '';
    const evidence = { blockedEncryptionTypes: byConfiguration, denyingStatements: answer?.deciding ?? [] };
    if (byConfiguration && answer?.covered === true) return { status: 'pass', messageId: 'blockedByBoth', data: { statements }, evidence };
    if (byConfiguration) return { status: 'pass', messageId: 'blockedByConfiguration', evidence };
    if (answer?.covered === true) return { status: 'pass', messageId: 'blockedByPolicy', data: { statements }, evidence };
    // Neither protects where readable: an unreadable half could still be the one that does.
    if (encryption.state === 'error') return unreadable('the default encryption configuration', encryption);
    if (read.state === 'error') return unreadable('the bucket policy', read.error);
    if (read.state === 'invalid') return unparseable(read.error, 'whether it denies SSE-C uploads');
    let policyGap = 'there is no bucket policy';
    if (answer !== undefined) {
      policyGap =
        answer.denying.length === 0
          ? 'no Deny statement in the bucket policy targets uploads with x-amz-server-side-encryption-customer-algorithm'
          : `the bucket policy does not deny every SSE-C upload: ${answer.gaps}`;
    }
    return { status: 'fail', messageId: 'allowed', data: { policyGap }, evidence };
  },
});
