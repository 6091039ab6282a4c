import { z } from 'zod';
import { answerCoverage, bucketScope, denyVerdict, readBucketPolicy, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { presignedQuestion } from '../policy/s3-questions.ts';

interface PresignedUrlAgeOptions {
  /** The longest a presigned URL may stay usable after it was signed. */
  readonly maxAgeMinutes: number;
}

export default defineCheck({
  id: 'bucket-presigned-url-age',
  title: 'Bucket policy limits how long presigned URLs stay valid',
  severity: 'info',
  resource: 'bucket',
  needs: ['policy'],
  enabledByDefault: false,
  rationale:
    'A presigned URL works for anyone who holds it until it expires, up to seven days with SigV4, and it leaks ' +
    'through logs, chat and browser history. A Deny on s3:signatureAge caps the lifetime whatever the signer ' +
    'chose; a Deny on s3:authType REST-QUERY-STRING forbids presigned URLs altogether.',
  remediation: {
    text:
      'Add a Deny on "<bucket ARN>/*" for Principal "*" and Action "s3:*" with Condition {"NumericGreaterThan": ' +
      '{"s3:signatureAge": 600000}} (milliseconds), or with {"StringEquals": {"s3:authType": "REST-QUERY-STRING"}} ' +
      'where presigned URLs are not needed.',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/prescriptive-guidance/latest/presigned-url-best-practices/additional-guardrails.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/bucket-policy-s3-sigv4-conditions.html',
    ],
  },
  options: {
    schema: z.strictObject({ maxAgeMinutes: z.number().int().positive().max(10080) }),
    defaults: { maxAgeMinutes: 60 },
  } satisfies { schema: z.ZodType<PresignedUrlAgeOptions>; defaults: PresignedUrlAgeOptions },
  messages: {
    enforced:
      'The bucket policy denies presigned requests signed more than {{minutes}} minutes earlier ({{statements}}) ' +
      'for every principal, s3:GetObject and s3:PutObject.',
    gaps: 'The bucket policy does not deny every presigned request older than {{minutes}} minutes: {{gaps}}.',
    noDeny:
      'No Deny statement in the bucket policy limits s3:signatureAge to {{minutes}} minutes or denies s3:authType ' +
      'REST-QUERY-STRING, so presigned URLs stay valid for as long as their signer chose.',
    noPolicy: 'No bucket policy: nothing limits how long presigned URLs stay valid (s3:signatureAge).',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context, options: PresignedUrlAgeOptions) {
    if (bucket.policy === undefined) return undefined;
    const read = readBucketPolicy(bucket.policy);
    if (read.state === 'error') return unreadable('the bucket policy', read.error);
    if (read.state === 'invalid') return unparseable(read.error, 'whether it limits presigned URLs');
    if (read.state === 'absent') return { status: 'fail', messageId: 'noPolicy' };
    const minutes = options.maxAgeMinutes;
    const question = presignedQuestion(read.policy, bucketScope(bucket, context), minutes * 60_000 + 1);
    return denyVerdict(answerCoverage(read.policy, question), { minutes });
  },
});
