import { answerCoverage, bucketScope, readBucketPolicy, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { uploadQuestion } from '../policy/s3-questions.ts';

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

export default defineCheck({
  id: 'bucket-policy-requires-sse-kms',
  title: 'Bucket policy denies uploads that are not encrypted with SSE-KMS',
  severity: 'medium',
  resource: 'bucket',
  needs: ['policy', 'encryption'],
  enabledByDefault: false,
  rationale:
    'A writer can override the default encryption per request: x-amz-server-side-encryption: AES256 stores the ' +
    'object with SSE-S3, outside the KMS key policy, its audit trail in CloudTrail and the ability to revoke access ' +
    'by disabling the key. A Deny of s3:PutObject unless the header asks for aws:kms (or aws:kms:dsse) keeps every ' +
    'object under KMS; uploads without the header are fine only when the default encryption is SSE-KMS. ' +
    'Off by default, like bucket-encryption-kms: SSE-S3 is a sound choice for many buckets, so requiring KMS is ' +
    'a policy decision to opt into (config: checks.bucket-policy-requires-sse-kms.enabled: true).',
  remediation: {
    text:
      'Add a Deny of s3:PutObject on "<bucket ARN>/*" for Principal "*" with Condition {"StringNotEquals": ' +
      '{"s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"]}}, and set SSE-KMS as the default encryption.',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    ],
    awsConfig: 's3-bucket-server-side-encryption-enabled',
  },
  messages: {
    enforced: 'The bucket policy denies every upload that does not ask for SSE-KMS ({{statements}}), including uploads without an encryption header.',
    enforcedWithDefault:
      'The bucket policy denies uploads that ask for another encryption ({{statements}}), and uploads without an ' +
      'encryption header get the default {{algorithm}}.',
    gaps: 'The bucket policy does not deny every upload with x-amz-server-side-encryption: AES256: {{gaps}}.',
    noDeny:
      'No Deny statement in the bucket policy targets s3:PutObject with x-amz-server-side-encryption: AES256, so ' +
      'writers can choose SSE-S3.',
    headerless:
      'The bucket policy denies uploads that ask for AES256 but not uploads without an encryption header{{gaps}}, ' +
      'and the default encryption is {{algorithm}}, so those objects are not encrypted with KMS.',
    noPolicy: 'No bucket policy: nothing denies uploads that are not encrypted with SSE-KMS (s3:x-amz-server-side-encryption).',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context) {
    if (bucket.policy === undefined) return undefined;
    const read = readBucketPolicy(bucket.policy);
    if (read.state === 'error') return unreadable('the bucket policy', read.error);
    if (read.state === 'invalid') return unparseable(read.error, 'whether it requires SSE-KMS');
    if (read.state === 'absent') return { status: 'fail', messageId: 'noPolicy' };
    const scope = bucketScope(bucket, context);
    const withAes = answerCoverage(read.policy, uploadQuestion(read.policy, scope, 'AES256'));
    const evidence = { denyingStatements: withAes.deciding };
    if (!withAes.covered) {
      if (withAes.denying.length === 0) return { status: 'fail', messageId: 'noDeny', evidence };
      return { status: 'fail', messageId: 'gaps', data: { gaps: withAes.gaps }, evidence };
    }
    const statements = withAes.deciding.join(', ');
    const headerless = answerCoverage(read.policy, uploadQuestion(read.policy, scope, undefined));
    if (headerless.covered) return { status: 'pass', messageId: 'enforced', data: { statements }, evidence };
    // Default encryption applies after authorization: a header-less upload is SSE-KMS only if the default is.
    const encryption = bucket.encryption;
    if (encryption?.state === 'error') return unreadable('the default encryption configuration', encryption);
    const algorithm = encryption?.state === 'present' ? encryption.value.rules.find((rule) => rule.sseAlgorithm !== undefined)?.sseAlgorithm : undefined;
    if (algorithm !== undefined && KMS_ALGORITHMS.includes(algorithm)) {
      return { status: 'pass', messageId: 'enforcedWithDefault', data: { statements, algorithm }, evidence };
    }
    const gaps = headerless.gaps === '' ? '' : ` (${headerless.gaps})`;
    return { status: 'fail', messageId: 'headerless', data: { gaps, algorithm: algorithm ?? 'not configured' }, evidence };
  },
});
