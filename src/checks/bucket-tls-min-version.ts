import { z } from 'zod';
import { answerCoverage, bucketScope, denyVerdict, readBucketPolicy, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { oldTlsQuestion } from '../policy/s3-questions.ts';
import { scopeArn } from '../policy/s3-requests.ts';

const TLS_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;

interface TlsMinVersionOptions {
  /** The oldest TLS version the bucket should accept. */
  readonly minimumVersion: '1.1' | '1.2' | '1.3';
}

export default defineCheck({
  id: 'bucket-tls-min-version',
  title: 'Bucket policy denies TLS versions older than 1.2',
  severity: 'low',
  resource: 'bucket',
  needs: ['policy'],
  enabledByDefault: true,
  rationale:
    'TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996). S3 endpoints still negotiate what a ' +
    'client offers, so only a Deny on s3:TlsVersion keeps old clients from reading or writing data over them.',
  remediation: {
    text:
      'Add a Deny statement with Principal "*", Action "s3:*", Resource the bucket ARN and "<bucket ARN>/*", and ' +
      'Condition {"NumericLessThan": {"s3:TlsVersion": "1.2"}}.',
    cli:
      'aws s3api put-bucket-policy --bucket BUCKET --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyOldTls",' +
      '"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],' +
      '"Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}}]}\'  # merge with the existing policy',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#example-object-tls-version',
      'https://repost.aws/knowledge-center/s3-enforce-modern-tls',
    ],
    cis: '2.1.1',
  },
  options: {
    schema: z.strictObject({ minimumVersion: z.enum(['1.1', '1.2', '1.3']) }),
    defaults: { minimumVersion: '1.2' },
  } satisfies { schema: z.ZodType<TlsMinVersionOptions>; defaults: TlsMinVersionOptions },
  messages: {
    enforced:
      'The bucket policy denies TLS versions below {{minimum}} (s3:TlsVersion) by {{statements}}: all principals, ' +
      'every S3 action, {{bucketArn}} and its objects.',
    gaps: 'The bucket policy does not deny every request over TLS {{version}}: {{gaps}}.',
    noDeny: 'No Deny statement in the bucket policy targets requests over TLS {{version}} (s3:TlsVersion below {{minimum}}).',
    noPolicy: 'No bucket policy: nothing denies TLS versions below {{minimum}} (s3:TlsVersion).',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context, options: TlsMinVersionOptions) {
    if (bucket.policy === undefined) return undefined;
    const minimum = options.minimumVersion;
    const read = readBucketPolicy(bucket.policy);
    if (read.state === 'error') return unreadable('the bucket policy', read.error);
    if (read.state === 'invalid') return unparseable(read.error, `whether it denies TLS below ${minimum}`);
    if (read.state === 'absent') return { status: 'fail', messageId: 'noPolicy', data: { minimum } };
    const scope = bucketScope(bucket, context);
    const data = { minimum, bucketArn: scopeArn(scope) };
    // Newest old version first: a threshold set one step too low shows up as that version's gap.
    const older = TLS_VERSIONS.filter((version) => Number(version) < Number(minimum)).reverse();
    const verdicts = older.map((version) => denyVerdict(answerCoverage(read.policy, oldTlsQuestion(read.policy, scope, version)), { ...data, version }));
    return verdicts.find((verdict) => verdict.status === 'fail') ?? verdicts[0];
  },
});
