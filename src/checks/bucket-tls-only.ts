import { answerCoverage, bucketScope, denyVerdict, readBucketPolicy, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { plainHttpQuestion } from '../policy/s3-questions.ts';
import { scopeArn } from '../policy/s3-requests.ts';

export default defineCheck({
  id: 'bucket-tls-only',
  title: 'Bucket policy denies every request over plain HTTP',
  severity: 'high',
  resource: 'bucket',
  needs: ['policy'],
  enabledByDefault: true,
  rationale:
    'S3 answers plain HTTP as well as HTTPS. Without a Deny on aws:SecureTransport=false, a misconfigured ' +
    'client, SDK endpoint override or proxy can send credentials-signed requests and object data in clear ' +
    'text. Only an explicit Deny for every principal, every action, the bucket and its objects closes that: an ' +
    'Allow conditioned on aws:SecureTransport=true does not, because other policies can still allow HTTP.',
  remediation: {
    text:
      'Add a Deny statement with Principal "*", Action "s3:*", Resource the bucket ARN and "<bucket ARN>/*", ' +
      'and Condition {"Bool": {"aws:SecureTransport": "false"}}, with no other condition key.',
    cli:
      'aws s3api put-bucket-policy --bucket BUCKET --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyPlainHttp",' +
      '"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],' +
      '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'  # merge with the existing policy',
    terraform:
      'data "aws_iam_policy_document" "tls_only" {\n  statement {\n    sid     = "DenyPlainHttp"\n    effect  = "Deny"\n' +
      '    actions = ["s3:*"]\n    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]\n' +
      '    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n' +
      '      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html#example-bucket-policies-HTTP-HTTPS',
      'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule',
    ],
    securityHub: 'S3.5',
    cis: '2.1.1',
    awsConfig: 's3-bucket-ssl-requests-only',
    prowler: 's3_bucket_secure_transport_policy',
  },
  messages: {
    enforced:
      'The bucket policy denies every request over plain HTTP (aws:SecureTransport=false) by {{statements}}: ' +
      'all principals, every S3 action, {{bucketArn}} and its objects.',
    gaps: 'The bucket policy does not deny every request over plain HTTP: {{gaps}}.',
    keyAbsent:
      'The bucket policy denies aws:SecureTransport=false ({{statements}}), but not plain-HTTP requests without the key: ' +
      'this S3-compatible endpoint need not set aws:SecureTransport on them (Ceph RGW does not), and {{gaps}}. ' +
      'Use BoolIfExists (or Null "true") instead.',
    noDeny: 'No Deny statement in the bucket policy targets requests with aws:SecureTransport=false, so plain HTTP is not refused.',
    noPolicy: 'No bucket policy: nothing denies requests over plain HTTP (aws:SecureTransport=false).',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context) {
    if (bucket.policy === undefined) return undefined;
    const read = readBucketPolicy(bucket.policy);
    if (read.state === 'error') return unreadable('the bucket policy', read.error);
    if (read.state === 'invalid') return unparseable(read.error, 'whether it denies plain HTTP');
    if (read.state === 'absent') return { status: 'fail', messageId: 'noPolicy' };
    const scope = bucketScope(bucket, context);
    const plain = answerCoverage(read.policy, plainHttpQuestion(read.policy, scope));
    if (plain.covered && context.account.s3Compatible === true) {
      // Off AWS a plain-HTTP request may come without the key: a Bool deny then never applies.
      const keyless = answerCoverage(read.policy, plainHttpQuestion(read.policy, scope, 'absent'));
      if (!keyless.covered) {
        const evidence = { denyingStatements: plain.deciding, keyAbsentGaps: keyless.gaps };
        const gaps = keyless.gaps === '' ? 'no Deny applies to them' : `they are not all denied: ${keyless.gaps}`;
        return { status: 'fail', messageId: 'keyAbsent', data: { statements: plain.deciding.join(', '), gaps }, evidence };
      }
    }
    return denyVerdict(plain, { bucketArn: scopeArn(scope) });
  },
});
